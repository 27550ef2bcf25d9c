package dev.caracal.backend.cuda.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Nvrtc} over a stand-in {@code libnvrtc} of Java upcalls: source, name and options reach NVRTC as C strings,
 * the CUBIN and log come back whole, a failed compile carries the log, and every program is destroyed.
 */
class NvrtcTest {

    private final FakeNvrtc fake = new FakeNvrtc();
    private final Nvrtc nvrtc = new Nvrtc(fake.lookup, "libnvrtc.so.13");

    @AfterEach
    void noUpcallFailed() {
        assertThat(fake.upcallFailures).isEmpty();
        fake.arena.close();
    }

    @Test
    void compilingReturnsTheCubinAndDestroysTheProgram() {
        byte[] cubin = nvrtc.compileToCubin("__global__ void k() {}", "caracal_kernels.cu",
                KernelCompiler.options("sm_90a"));
        assertThat(new String(cubin, StandardCharsets.US_ASCII))
                .isEqualTo("CUBIN --gpu-architecture=sm_90a -std=c++17 -lineinfo");
        assertThat(fake.sources).containsExactly("caracal_kernels.cu: __global__ void k() {}");
        assertThat(fake.live).isEmpty();
        assertThat(nvrtc.version()).isEqualTo("13.0");
    }

    @Test
    void aProgramGivesItsPtxAndLog() {
        try (Nvrtc.Program program = nvrtc.compile("__global__ void k() {}", "k.cu", List.of())) {
            assertThat(program.ptx()).isEqualTo(".version 9.0");
            assertThat(program.log()).isEmpty();
        }
        assertThat(fake.live).isEmpty();
    }

    @Test
    void aFailedCompileCarriesNvrtcsLog() {
        assertThatThrownBy(() -> nvrtc.compileToCubin("__global__ void k() { error; }", "caracal_kernels.cu",
                KernelCompiler.options("sm_90a")))
                .isInstanceOfSatisfying(KernelCompilationException.class, failure -> {
                    assertThat(failure.log()).isEqualTo("caracal_kernels.cu(1): error: identifier \"error\" is"
                            + " undefined\n");
                    assertThat(failure).hasMessage("caracal_kernels.cu did not compile (NVRTC_ERROR_COMPILATION,"
                            + " options --gpu-architecture=sm_90a -std=c++17 -lineinfo):\ncaracal_kernels.cu(1):"
                            + " error: identifier \"error\" is undefined");
                    assertThat(failure.fileName()).isEqualTo("caracal_kernels.cu");
                });
        assertThat(fake.live).as("the failed program is destroyed too").isEmpty();
    }

    /** Each call site's static types must equal its handle's type (invokeExact), so every binding is called once. */
    @Test
    void everyBoundFunctionIsCalledWithItsExactTypes() {
        nvrtc.version();
        try (Nvrtc.Program program = nvrtc.compile("__global__ void k() {}", "k.cu", List.of("-lineinfo"))) {
            program.cubin();
            program.ptx();
            program.log();
        }
        assertThatThrownBy(() -> nvrtc.compile("error", "k.cu", List.of()))
                .isInstanceOf(KernelCompilationException.class);
        assertThat(fake.calls).containsAll(BindingSignaturesTest.functionsOf(Nvrtc.class).stream()
                .map(NativeFunction::name).toList());
    }

    @Test
    void theBuiltinsBesideTheLibraryAreFound(@TempDir Path folder) throws IOException {
        Path library = Files.writeString(folder.resolve("libnvrtc.so.13"), "");
        Files.writeString(folder.resolve("libnvrtc-builtins.so.13.0"), "");
        Files.writeString(folder.resolve("libnvrtc-builtins.alt.so.13.0"), "");
        Files.writeString(folder.resolve("libnvrtc.alt.so.13"), "");
        assertThat(Nvrtc.builtinsBeside(library)).containsExactly(folder.resolve("libnvrtc-builtins.so.13.0"));
        assertThatThrownBy(() -> Nvrtc.load(folder.resolve("libnvrtc.so.13")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The NVRTC functions as Java methods: "compiles" anything without the word error. */
    static final class FakeNvrtc {

        final Arena arena = Arena.ofShared();
        final List<Throwable> upcallFailures = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> sources = new CopyOnWriteArrayList<>();
        /** Live programs: handle address → [source, log, cubin]. */
        final Map<Long, String[]> live = new ConcurrentHashMap<>();
        final SymbolLookup lookup = UpcallLibrary.of(this, Nvrtc.class, "nvrtc", Set.of(), arena,
                calls, upcallFailures, 11);
        private final Map<Integer, MemorySegment> errorStrings = new ConcurrentHashMap<>();

        private static String string(MemorySegment pointer) {
            return pointer.reinterpret(Long.MAX_VALUE).getString(0);
        }

        private static void putLong(MemorySegment out, long value) {
            out.reinterpret(8).set(ValueLayout.JAVA_LONG, 0, value);
        }

        int nvrtcVersion(MemorySegment major, MemorySegment minor) {
            major.reinterpret(4).set(ValueLayout.JAVA_INT, 0, 13);
            minor.reinterpret(4).set(ValueLayout.JAVA_INT, 0, 0);
            return 0;
        }

        MemorySegment nvrtcGetErrorString(int result) {
            return errorStrings.computeIfAbsent(result, code -> arena.allocateFrom(switch (code) {
                case 0 -> "NVRTC_SUCCESS";
                case 6 -> "NVRTC_ERROR_COMPILATION";
                default -> "NVRTC_ERROR " + code;
            }));
        }

        int nvrtcCreateProgram(MemorySegment program, MemorySegment source, MemorySegment name, int headers,
                MemorySegment headerSources, MemorySegment includeNames) {
            if (headers != 0 || !headerSources.equals(MemorySegment.NULL)) {
                return 3;
            }
            sources.add(string(name) + ": " + string(source));
            MemorySegment handle = arena.allocate(1);
            live.put(handle.address(), new String[] {string(source), "", ""});
            program.reinterpret(8).set(ValueLayout.ADDRESS, 0, handle);
            return 0;
        }

        int nvrtcCompileProgram(MemorySegment program, int count, MemorySegment options) {
            String[] state = live.get(program.address());
            List<String> given = new ArrayList<>();
            MemorySegment pointers = options.reinterpret(8L * count);
            for (int index = 0; index < count; index++) {
                given.add(string(pointers.getAtIndex(ValueLayout.ADDRESS, index)));
            }
            if (state[0].contains("error")) {
                state[1] = sources.getLast().split(":")[0] + "(1): error: identifier \"error\" is undefined\n";
                return 6;
            }
            state[2] = String.join(" ", given.isEmpty() ? List.of("CUBIN") : prepend("CUBIN", given));
            return 0;
        }

        private static List<String> prepend(String first, List<String> rest) {
            List<String> all = new ArrayList<>(List.of(first));
            all.addAll(rest);
            return all;
        }

        int nvrtcGetProgramLogSize(MemorySegment program, MemorySegment size) {
            putLong(size, live.get(program.address())[1].length() + 1L);
            return 0;
        }

        int nvrtcGetProgramLog(MemorySegment program, MemorySegment log) {
            String text = live.get(program.address())[1];
            log.reinterpret(text.length() + 1L).setString(0, text);
            return 0;
        }

        int nvrtcGetCUBINSize(MemorySegment program, MemorySegment size) {
            putLong(size, live.get(program.address())[2].length());
            return 0;
        }

        int nvrtcGetCUBIN(MemorySegment program, MemorySegment cubin) {
            byte[] bytes = live.get(program.address())[2].getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(bytes, 0, cubin.reinterpret(bytes.length), ValueLayout.JAVA_BYTE, 0, bytes.length);
            return 0;
        }

        int nvrtcGetPTXSize(MemorySegment program, MemorySegment size) {
            putLong(size, ".version 9.0".length() + 1L);
            return 0;
        }

        int nvrtcGetPTX(MemorySegment program, MemorySegment ptx) {
            ptx.reinterpret(13).setString(0, ".version 9.0");
            return 0;
        }

        int nvrtcDestroyProgram(MemorySegment program) {
            MemorySegment handle = program.reinterpret(8).get(ValueLayout.ADDRESS, 0);
            return live.remove(handle.address()) == null ? 4 : 0;
        }
    }
}
