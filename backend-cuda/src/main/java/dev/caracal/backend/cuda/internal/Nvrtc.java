package dev.caracal.backend.cuda.internal;

import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * NVRTC ({@code libnvrtc.so.13} or {@code .so.12}, from a CUDA toolkit or the {@code nvidia-cuda-nvrtc} wheel)
 * through the FFM API: compiles CUDA C++ source to a CUBIN (or PTX) for one GPU architecture. A failed compile is a
 * {@link KernelCompilationException} carrying NVRTC's log; any other failed call a {@link CudaException}.
 */
public final class Nvrtc {

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final AddressLayout POINTER = ValueLayout.ADDRESS;

    static final NativeFunction VERSION = NativeFunction.of("nvrtcVersion", INT, POINTER, POINTER);
    static final NativeFunction GET_ERROR_STRING = NativeFunction.of("nvrtcGetErrorString", POINTER, INT);
    /** prog, src, name, numHeaders, headers, includeNames. */
    static final NativeFunction CREATE_PROGRAM = NativeFunction.of("nvrtcCreateProgram", INT, POINTER, POINTER,
            POINTER, INT, POINTER, POINTER);
    static final NativeFunction COMPILE_PROGRAM = NativeFunction.of("nvrtcCompileProgram", INT, POINTER, INT, POINTER);
    static final NativeFunction GET_PROGRAM_LOG_SIZE = NativeFunction.of("nvrtcGetProgramLogSize", INT, POINTER,
            POINTER);
    static final NativeFunction GET_PROGRAM_LOG = NativeFunction.of("nvrtcGetProgramLog", INT, POINTER, POINTER);
    static final NativeFunction GET_CUBIN_SIZE = NativeFunction.of("nvrtcGetCUBINSize", INT, POINTER, POINTER);
    static final NativeFunction GET_CUBIN = NativeFunction.of("nvrtcGetCUBIN", INT, POINTER, POINTER);
    static final NativeFunction GET_PTX_SIZE = NativeFunction.of("nvrtcGetPTXSize", INT, POINTER, POINTER);
    static final NativeFunction GET_PTX = NativeFunction.of("nvrtcGetPTX", INT, POINTER, POINTER);
    static final NativeFunction DESTROY_PROGRAM = NativeFunction.of("nvrtcDestroyProgram", INT, POINTER);

    private final MethodHandle version;
    private final MethodHandle getErrorString;
    private final MethodHandle createProgram;
    private final MethodHandle compileProgram;
    private final MethodHandle getProgramLogSize;
    private final MethodHandle getProgramLog;
    private final MethodHandle getCubinSize;
    private final MethodHandle getCubin;
    private final MethodHandle getPtxSize;
    private final MethodHandle getPtx;
    private final MethodHandle destroyProgram;

    /** Binds the functions of {@code library} (the tests give one whose functions are Java upcalls). */
    Nvrtc(SymbolLookup library, String libraryName) {
        Linker linker = Linker.nativeLinker();
        version = VERSION.bind(linker, library, libraryName);
        getErrorString = GET_ERROR_STRING.bind(linker, library, libraryName);
        createProgram = CREATE_PROGRAM.bind(linker, library, libraryName);
        compileProgram = COMPILE_PROGRAM.bind(linker, library, libraryName);
        getProgramLogSize = GET_PROGRAM_LOG_SIZE.bind(linker, library, libraryName);
        getProgramLog = GET_PROGRAM_LOG.bind(linker, library, libraryName);
        getCubinSize = GET_CUBIN_SIZE.bind(linker, library, libraryName);
        getCubin = GET_CUBIN.bind(linker, library, libraryName);
        getPtxSize = GET_PTX_SIZE.bind(linker, library, libraryName);
        getPtx = GET_PTX.bind(linker, library, libraryName);
        destroyProgram = DESTROY_PROGRAM.bind(linker, library, libraryName);
    }

    /**
     * Loads NVRTC from {@code library} (as {@link NativeLibraries#findNvrtc} finds it), first loading the
     * {@code libnvrtc-builtins} library beside it, which NVRTC opens by name when it compiles and which the loader
     * would otherwise look for only on its own path.
     *
     * @throws IllegalArgumentException where the library cannot be loaded
     */
    public static Nvrtc load(Path library) {
        Path absolute = library.toAbsolutePath();
        for (Path builtins : builtinsBeside(absolute)) {
            try {
                SymbolLookup.libraryLookup(builtins, Arena.global());
            } catch (IllegalArgumentException unloadable) {
                // NVRTC may still find its own (by its run path); the compile says so if not
            }
        }
        return new Nvrtc(SymbolLookup.libraryLookup(absolute, Arena.global()), absolute.toString());
    }

    /** {@code libnvrtc-builtins.so*} beside {@code library} (not the {@code .alt} variant). */
    static List<Path> builtinsBeside(Path library) {
        Path directory = library.getParent();
        if (directory == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith("libnvrtc-builtins.so"))
                    .sorted().toList();
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    /** NVRTC's version, {@code 13.0}. */
    public String version() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment major = arena.allocate(INT);
            MemorySegment minor = arena.allocate(INT);
            check("nvrtcVersion", invoke(() -> (int) version.invokeExact(major, minor)));
            return major.get(INT, 0) + "." + minor.get(INT, 0);
        }
    }

    /** Compiles {@code source} and returns the CUBIN (the options must name a real architecture, {@code sm_90a}). */
    public byte[] compileToCubin(String source, String fileName, List<String> options) {
        try (Program program = compile(source, fileName, options)) {
            return program.cubin();
        }
    }

    /**
     * Compiles {@code source}, named {@code fileName} in messages, with {@code options}.
     *
     * @throws KernelCompilationException where NVRTC does not compile it, with NVRTC's log
     */
    public Program compile(String source, String fileName, List<String> options) {
        MemorySegment handle;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment program = arena.allocate(POINTER);
            MemorySegment cSource = arena.allocateFrom(source);
            MemorySegment cName = arena.allocateFrom(fileName);
            check("nvrtcCreateProgram", invoke(() -> (int) createProgram.invokeExact(program, cSource, cName, 0,
                    MemorySegment.NULL, MemorySegment.NULL)));
            handle = program.get(POINTER, 0);
        }
        Program program = new Program(handle);
        int result;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cOptions = arena.allocate(POINTER, Math.max(1, options.size()));
            for (int index = 0; index < options.size(); index++) {
                cOptions.setAtIndex(POINTER, index, arena.allocateFrom(options.get(index)));
            }
            int count = options.size();
            result = invoke(() -> (int) compileProgram.invokeExact(handle, count, cOptions));
        } catch (RuntimeException | Error failure) {
            program.close();
            throw failure;
        }
        if (result != 0) {
            String log;
            try {
                log = program.log();
            } catch (RuntimeException unreadable) {
                log = "";
            } finally {
                program.close();
            }
            throw new KernelCompilationException(fileName, options, errorString(result), log);
        }
        return program;
    }

    /** A compiled program: its CUBIN, PTX and log; closing destroys it (once). */
    public final class Program implements AutoCloseable {

        private final MemorySegment handle;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Program(MemorySegment handle) {
            this.handle = handle;
        }

        /** The CUBIN (compiled for a real architecture). */
        public byte[] cubin() {
            return output("nvrtcGetCUBINSize", getCubinSize, "nvrtcGetCUBIN", getCubin);
        }

        /** The PTX. */
        public String ptx() {
            return text(output("nvrtcGetPTXSize", getPtxSize, "nvrtcGetPTX", getPtx));
        }

        /** NVRTC's messages (warnings, or the errors of a failed compile); empty when there are none. */
        public String log() {
            return text(output("nvrtcGetProgramLogSize", getProgramLogSize, "nvrtcGetProgramLog", getProgramLog));
        }

        private byte[] output(String sizeCall, MethodHandle size, String outputCall, MethodHandle output) {
            if (closed.get()) {
                throw new IllegalStateException("the NVRTC program is destroyed");
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment bytes = arena.allocate(ValueLayout.JAVA_LONG);
                check(sizeCall, invoke(() -> (int) size.invokeExact(handle, bytes)));
                long count = bytes.get(ValueLayout.JAVA_LONG, 0);
                if (count == 0) {
                    return new byte[0];
                }
                MemorySegment buffer = arena.allocate(count);
                check(outputCall, invoke(() -> (int) output.invokeExact(handle, buffer)));
                return buffer.toArray(ValueLayout.JAVA_BYTE);
            }
        }

        /** Destroys the program ({@code nvrtcDestroyProgram}). */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment program = arena.allocate(POINTER);
                    program.set(POINTER, 0, handle);
                    check("nvrtcDestroyProgram", invoke(() -> (int) destroyProgram.invokeExact(program)));
                }
            }
        }
    }

    /** A NUL-terminated C string's bytes as text. */
    private static String text(byte[] bytes) {
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void check(String call, int result) {
        if (result != 0) {
            throw new CudaException(call, result, errorString(result));
        }
    }

    /** NVRTC's name of a result ({@code NVRTC_ERROR_COMPILATION}). */
    String errorString(int result) {
        try {
            MemorySegment text = (MemorySegment) getErrorString.invokeExact(result);
            return text.equals(MemorySegment.NULL) ? "nvrtcResult " + result
                    : text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable unavailable) {
            return "nvrtcResult " + result;
        }
    }

    private static int invoke(NativeCall nativeCall) {
        return NativeCall.run(nativeCall);
    }
}
