package dev.caracal.backend.cuda.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real NVRTC, where one is installed (found as the backend finds it, or named by {@code CARACAL_NVRTC}): a kernel
 * compiles to an ELF CUBIN and to PTX for {@code sm_80}, a broken one fails with NVRTC's {@code file(line): error}
 * log, and the compiler's cache keeps the CUBIN. NVRTC needs no GPU.
 */
@Tag("gpu")
class NvrtcLibraryTest {

    private static final String FILL = """
            extern "C" __global__ void fill(float *out, int count, float value) {
                int index = blockIdx.x * blockDim.x + threadIdx.x;
                if (index < count) out[index] = value;
            }
            """;

    private static Nvrtc nvrtc;

    @BeforeAll
    static void loadNvrtc() {
        Optional<Path> library = NativeLibraries.findNvrtc(System.getenv()).found();
        assumeTrue(library.isPresent(), "no libnvrtc installed");
        nvrtc = Nvrtc.load(library.get());
    }

    @Test
    void aKernelCompilesToACubinAndPtx() {
        assertThat(nvrtc.version()).matches("\\d+\\.\\d+");
        List<String> options = KernelCompiler.options(KernelCompiler.architecture(8, 0));
        try (Nvrtc.Program program = nvrtc.compile(FILL, "fill.cu", options)) {
            byte[] cubin = program.cubin();
            assertThat(Arrays.copyOf(cubin, 4)).containsExactly(0x7F, 'E', 'L', 'F');
            assertThat(program.ptx()).contains(".entry fill");
        }
    }

    @Test
    void aBrokenKernelFailsWithNvrtcsLog() {
        assertThatThrownBy(() -> nvrtc.compileToCubin(FILL.replace("index < count", "index < missing"), "fill.cu",
                KernelCompiler.options("sm_80")))
                .isInstanceOfSatisfying(KernelCompilationException.class, failure -> {
                    assertThat(failure.log()).contains("fill.cu(3): error").contains("missing");
                    assertThat(failure.getMessage()).startsWith("fill.cu did not compile (NVRTC_ERROR_COMPILATION");
                });
    }

    @Test
    void theCompilerCachesTheCubin(@TempDir Path cache) {
        KernelCompiler compiler = new KernelCompiler(nvrtc::compileToCubin, nvrtc.version(), Optional.of(cache));
        byte[] first = compiler.compile(FILL, "fill.cu", "sm_80");
        assertThat(compiler.compile(FILL, "fill.cu", "sm_80")).isEqualTo(first);
    }
}
