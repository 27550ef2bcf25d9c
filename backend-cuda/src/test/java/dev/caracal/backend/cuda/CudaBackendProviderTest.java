package dev.caracal.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.backend.Availability;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendProvider;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.backend.cuda.internal.CudaDriver;
import dev.caracal.backend.cuda.internal.CudaException;
import dev.caracal.backend.cuda.internal.NativeLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA provider on machines without a GPU (this one, CI): found through ServiceLoader, unavailable with the reason
 * that names what is missing, never chosen by the registry, refusing to open; NVRTC looked for where the toolkit and
 * the Python wheel put it; the driver's errors named.
 */
class CudaBackendProviderTest {

    @TempDir
    Path folder;

    @Test
    void theProviderIsFoundAndSaysWhyItIsUnavailable() {
        BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(found -> found.name().equals("cuda")).findFirst().orElseThrow();
        Availability availability = provider.probe();
        assertThat(availability.available()).isFalse();
        assertThat(availability.reasons()).hasSize(1);
        if (CudaDriver.load().isEmpty()) {
            assertThat(availability.reasons().getFirst()).startsWith("no libcuda.so.1");
        } else {
            assertThat(availability.reasons().getFirst()).containsAnyOf("no CUDA device", "no libnvrtc found",
                    "kernels are not written yet");
        }
        assertThatThrownBy(() -> provider.open(BackendOptions.defaults())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(availability.reasons().getFirst());
        assertThat(BackendRegistry.discover()).anySatisfy(entry -> assertThat(entry.provider().name())
                .isEqualTo("cuda"));
    }

    @Test
    void withoutTheDriverTheProbeSaysSo() {
        Availability availability = CudaBackendProvider.probe(Optional.empty(),
                new NativeLibraries.Search(Optional.empty(), java.util.List.of()));
        assertThat(availability.reasons()).containsExactly("no libcuda.so.1: the NVIDIA driver is not installed (or"
                + " not on the loader's path)");
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
