package dev.caracal.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.backend.Availability;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendProvider;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.backend.cuda.internal.CudaDriver;
import dev.caracal.backend.cuda.internal.CudaException;
import dev.caracal.backend.cuda.internal.FakeCudaLibrary;
import dev.caracal.backend.cuda.internal.NativeLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA provider: found through ServiceLoader; on machines without a GPU (this one, CI) unavailable with the reason
 * that names what is missing, never chosen by the registry, refusing to open; NVRTC, cuBLAS and the CUDA runtime
 * looked for where the toolkit and the Python wheels put them; the driver's errors named.
 */
@Tag("gpu")
class CudaBackendProviderTest {

    @TempDir
    Path folder;

    @Test
    void theProviderIsFoundAndSaysWhyItIsUnavailable() {
        BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(found -> found.name().equals("cuda")).findFirst().orElseThrow();
        Availability availability = provider.probe();
        assertThat(BackendRegistry.discover()).anySatisfy(entry -> assertThat(entry.provider().name())
                .isEqualTo("cuda"));
        if (availability.available()) {
            assertThat(availability.details()).containsKeys("driverVersion", "nvrtc", "device0");
            return; // a GPU machine: CudaBackendConformanceTest opens it
        }
        assertThat(availability.reasons()).hasSize(1);
        if (CudaDriver.load().isEmpty()) {
            assertThat(availability.reasons().getFirst()).startsWith("no libcuda.so.1");
        } else {
            assertThat(availability.reasons().getFirst()).containsAnyOf("no CUDA device", "no libnvrtc found");
        }
        assertThatThrownBy(() -> provider.open(BackendOptions.defaults())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(availability.reasons().getFirst());
    }

    @Test
    void cublasAndTheRuntimeAreFoundInTheirWheelsFolders() throws IOException {
        Path sitePackages = folder.resolve("venv/lib/python3.12/site-packages/nvidia");
        Path cublasFolder = Files.createDirectories(sitePackages.resolve("cublas/lib"));
        Files.writeString(cublasFolder.resolve("libcublasLt.so.13"), "");
        Path cublas = Files.writeString(cublasFolder.resolve("libcublas.so.13"), "");
        Path runtimeFolder = Files.createDirectories(sitePackages.resolve("cuda_runtime/lib"));
        Path runtime = Files.writeString(runtimeFolder.resolve("libcudart.so.13"), "");
        Map<String, String> environment = Map.of("VIRTUAL_ENV", folder.resolve("venv").toString(), "CUDA_HOME",
                folder.resolve("no-toolkit").toString());
        // A toolkit in /usr/local/cuda comes first (GPU machines have its libraries there); else the wheel's.
        assertThat(NativeLibraries.findCublas(environment).found().orElseThrow())
                .satisfiesAnyOf(found -> assertThat(found).isEqualTo(cublas),
                        found -> assertThat(found).startsWith(Path.of("/usr/local/cuda")));
        assertThat(NativeLibraries.findRuntime(environment).found().orElseThrow())
                .satisfiesAnyOf(found -> assertThat(found).isEqualTo(runtime),
                        found -> assertThat(found).startsWith(Path.of("/usr/local/cuda")));
        assertThat(NativeLibraries.findCublas(Map.of("CARACAL_CUBLAS", cublas.toString())).found()).contains(cublas);
    }

    @Test
    void theDeviceNumberComesFromThePropertyAndABadOneIsNamed() {
        String before = System.getProperty("caracal.cuda.device");
        try {
            System.setProperty("caracal.cuda.device", "1");
            assertThat(CudaBackendProvider.deviceOrdinal()).isEqualTo(1);
            System.setProperty("caracal.cuda.device", "first");
            assertThatThrownBy(CudaBackendProvider::deviceOrdinal).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("caracal.cuda.device must be a device number, not first");
        } finally {
            if (before == null) {
                System.clearProperty("caracal.cuda.device");
            } else {
                System.setProperty("caracal.cuda.device", before);
            }
        }
    }

    @Test
    void theKernelSourceShipsInTheJar() {
        assertThat(CudaBackendProvider.kernelSource()).contains("extern \"C\" __global__ void attention_prefill(");
    }

    @Test
    void withoutTheDriverTheProbeSaysSo() {
        Availability availability = CudaBackendProvider.probe(Optional.empty(),
                new NativeLibraries.Search(Optional.empty(), List.of()));
        assertThat(availability.reasons()).containsExactly("no libcuda.so.1: the NVIDIA driver is not installed (or"
                + " not on the loader's path)");
    }

    @Test
    void withoutADeviceTheProbeSaysWhatTheDriverAnswered() {
        try (FakeCudaLibrary library = new FakeCudaLibrary()) {
            library.failNextCall("cuInit", 100);
            Availability availability = CudaBackendProvider.probe(Optional.of(library.driver()),
                    new NativeLibraries.Search(Optional.of(Path.of("/nvrtc/libnvrtc.so.13")), List.of()));
            assertThat(availability.available()).isFalse();
            assertThat(availability.reasons()).containsExactly("no CUDA device: cuInit returned 100"
                    + " (CUDA_ERROR_NO_DEVICE)");
        }
    }

    @Test
    void withoutNvrtcTheProbeSaysWhereItLooked() {
        try (FakeCudaLibrary library = new FakeCudaLibrary()) {
            Availability availability = CudaBackendProvider.probe(Optional.of(library.driver()),
                    new NativeLibraries.Search(Optional.empty(), List.of(Path.of("/usr/local/cuda/lib64"),
                            Path.of("/opt/torch/.venv/lib/python3.12/site-packages/nvidia/cuda_nvrtc/lib"))));
            assertThat(availability.reasons()).containsExactly("no libnvrtc found (looked in /usr/local/cuda/lib64,"
                    + " /opt/torch/.venv/lib/python3.12/site-packages/nvidia/cuda_nvrtc/lib; set CARACAL_NVRTC to the"
                    + " library, or install the nvidia-cuda-nvrtc wheel)");
        }
    }

    @Test
    void nvrtcIsFoundInTheToolkitOrTheWheelAndTheSearchSaysWhereItLooked() throws IOException {
        Path toolkit = Files.createDirectories(folder.resolve("cuda/lib64"));
        Files.writeString(toolkit.resolve("libnvrtc-builtins.so.13.0"), "");
        Path library = Files.writeString(toolkit.resolve("libnvrtc.so.13"), "");
        NativeLibraries.Search found = NativeLibraries.findNvrtc(Map.of("CUDA_HOME", folder.resolve("cuda")
                .toString()));
        assertThat(found.found()).contains(library);

        Path loaderPath = Files.createDirectories(folder.resolve("elsewhere"));
        NativeLibraries.Search missing = NativeLibraries.findNvrtc(Map.of("LD_LIBRARY_PATH", loaderPath.toString()));
        if (missing.found().isEmpty()) {
            assertThat(missing.lookedIn()).contains(loaderPath, Path.of("/usr/local/cuda/lib64"));
        }

        Path explicit = folder.resolve("nowhere/libnvrtc.so");
        NativeLibraries.Search named = NativeLibraries.findNvrtc(Map.of("CARACAL_NVRTC", explicit.toString(),
                "CUDA_HOME", folder.resolve("cuda").toString()));
        assertThat(named.found()).isEmpty();
        assertThat(named.lookedIn()).containsExactly(explicit);
    }

    @Test
    void aFailedCallNamesTheCallAndTheError() {
        CudaException failure = new CudaException("cuInit", 100, "CUDA_ERROR_NO_DEVICE");
        assertThat(failure).hasMessage("cuInit returned 100 (CUDA_ERROR_NO_DEVICE)");
        assertThat(failure.call()).isEqualTo("cuInit");
        assertThat(failure.code()).isEqualTo(100);
    }
}
