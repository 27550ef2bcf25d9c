package dev.caracal.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.tensor.QuantFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kernel source as the backend and the toolchain see it: every kernel the Java side launches is defined, the
 * emulator runs every kernel defined, and (where a CUDA toolkit is installed) nvcc compiles the source for Hopper
 * and Ampere without a warning, the check NVRTC repeats on a GPU machine.
 */
class KernelSourceTest {

    private static final Path SOURCE = Path.of("src/main/resources/dev/caracal/backend/cuda/caracal_kernels.cu");
    private static final Pattern KERNEL = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(");
    private static final Pattern FORMAT_KERNELS = Pattern.compile("(?m)^CARACAL_FORMAT_KERNELS\\((\\w+), \\w+\\)");
    private static final Pattern LAUNCH = Pattern.compile("(?:launch|elementWise)\\(\"(\\w+)\",");

    /** The kernels the source defines, the per-format ones expanded. */
    static TreeSet<String> definedKernels() throws IOException {
        String source = Files.readString(SOURCE);
        TreeSet<String> names = new TreeSet<>();
        Matcher kernel = KERNEL.matcher(source);
        while (kernel.find()) {
            names.add(kernel.group(1));
        }
        names.removeIf(name -> name.contains("##"));
        Matcher format = FORMAT_KERNELS.matcher(source);
        while (format.find()) {
            names.add("matmul_" + format.group(1));
            names.add("embedding_" + format.group(1));
            names.add("dequantize_half_" + format.group(1));
        }
        return names;
    }

    @Test
    void everyFormatTheBackendTakesHasItsMatrixAndEmbeddingKernels() throws IOException {
        TreeSet<String> defined = definedKernels();
        for (QuantFormat format : CudaBackend.FORMATS) {
            assertThat(defined).contains("matmul_" + CudaKernels.formatSuffix(format),
                    "embedding_" + CudaKernels.formatSuffix(format));
        }
    }

    @Test
    void everyKernelTheJavaSideLaunchesByNameIsDefined() throws IOException {
        TreeSet<String> defined = definedKernels();
        List<String> launched = new ArrayList<>();
        for (String file : List.of("CudaKernels.java", "CudaAttention.java")) {
            Matcher launch = LAUNCH.matcher(Files.readString(Path.of("src/main/java/dev/caracal/backend/cuda", file)));
            while (launch.find()) {
                launched.add(launch.group(1));
            }
        }
        assertThat(launched).contains("rms_norm", "rope", "swiglu", "kv_store", "attention_partial", "attention_combine");
        assertThat(defined).containsAll(launched);
    }

    @Test
    void theEmulatorRunsEveryDefinedKernel() throws IOException {
        Optional<EmulatedDevice> device = EmulatedDevice.open();
        assumeTrue(device.isPresent(), EmulatedDevice.unavailableReason());
        for (String kernel : definedKernels()) {
            assertThat(device.get().hasKernel(kernel)).as(kernel).isTrue();
        }
        assertThat(device.get().hasKernel("no_such_kernel")).isFalse();
    }

    @Test
    void nvccCompilesTheSourceForHopperAndAmpereWithoutWarnings() throws Exception {
        Optional<Path> nvcc = nvcc();
        assumeTrue(nvcc.isPresent(), "no CUDA toolkit (nvcc) here; NVRTC compiles the source on a GPU machine");
        Path output = Files.createDirectories(Path.of("target/nvcc-check")).resolve("caracal_kernels.fatbin");
        Process compile = new ProcessBuilder(nvcc.get().toString(), "--fatbin", "-Werror", "all-warnings",
                "-gencode", "arch=compute_90a,code=sm_90a", "-gencode", "arch=compute_80,code=sm_80",
                "-o", output.toString(), SOURCE.toString()).redirectErrorStream(true).start();
        String log = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(compile.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(compile.exitValue()).as(log).isZero();
        assertThat(Files.size(output)).isPositive();
    }

    private static Optional<Path> nvcc() {
        Stream<Path> candidates = Stream.concat(Stream.of(Path.of("/usr/local/cuda/bin/nvcc")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(entry -> !entry.isEmpty())
                        .map(entry -> Path.of(entry, "nvcc")));
        return candidates.filter(Files::isExecutable).findFirst();
    }
}
