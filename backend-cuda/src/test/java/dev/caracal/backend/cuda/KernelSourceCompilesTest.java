package dev.caracal.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.backend.cuda.internal.KernelCompiler;
import dev.caracal.backend.cuda.internal.NativeLibraries;
import dev.caracal.backend.cuda.internal.Nvrtc;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kernel source the backend ships compiles with NVRTC, where NVRTC is installed (it needs no GPU), for the
 * architectures the backend picks for an H100 ({@code sm_90a}) and an A100 ({@code sm_80}); skipped with the probe's
 * reason elsewhere.
 */
class KernelSourceCompilesTest {

    @ParameterizedTest(name = "compute capability {0}.{1}")
    @CsvSource({"9, 0", "8, 0"})
    void theShippedKernelsCompile(int major, int minor) {
        NativeLibraries.Search search = NativeLibraries.findNvrtc(System.getenv());
        assumeTrue(search.found().isPresent(), () -> CudaBackendProvider.nvrtcMissing(search));
        String architecture = KernelCompiler.architecture(major, minor);
        byte[] cubin = Nvrtc.load(search.found().get()).compileToCubin(CudaBackendProvider.kernelSource(),
                CudaBackendProvider.KERNEL_FILE, KernelCompiler.options(architecture));
        assertThat(Arrays.copyOf(cubin, 4)).as("an ELF CUBIN for %s", architecture)
                .containsExactly(0x7F, 'E', 'L', 'F');
    }
}
