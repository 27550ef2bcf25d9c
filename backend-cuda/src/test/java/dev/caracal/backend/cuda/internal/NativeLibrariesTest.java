package dev.caracal.backend.cuda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folders searched for cuBLAS (and NVRTC), in order, with the system's folders under a temporary root. */
class NativeLibrariesTest {

    @TempDir
    Path root;

    /** A wheel's {@code libcublas.so.13} in {@code prefix/lib/python3.12/site-packages/nvidia/cublas/lib}. */
    private Path cublasUnder(Path prefix) throws IOException {
        Path folder = Files.createDirectories(prefix.resolve("lib/python3.12/site-packages/nvidia/cublas/lib"));
        return Files.writeString(folder.resolve("libcublas.so.13"), "");
    }

    @Test
    void pythonEnvironmentsAreSearchedActiveFirstThenTheUsersThenTheSystemsThenOpt() throws IOException {
        Path virtualEnvironment = cublasUnder(root.resolve("work/venv"));
        Path conda = cublasUnder(root.resolve("conda"));
        Path user = cublasUnder(root.resolve("home/me/.local"));
        Path system = cublasUnder(root.resolve("usr/local"));
        Path torch = cublasUnder(root.resolve("opt/torch/.venv"));
        Map<String, String> environment = Map.of("VIRTUAL_ENV", root.resolve("work/venv").toString(),
                "CONDA_PREFIX", root.resolve("conda").toString(), "HOME", root.resolve("home/me").toString());

        assertThat(find(environment)).isEqualTo(virtualEnvironment);
        Files.delete(virtualEnvironment);
        assertThat(find(environment)).isEqualTo(conda);
        Files.delete(conda);
        assertThat(find(environment)).isEqualTo(user);
        Files.delete(user);
        assertThat(find(environment)).isEqualTo(system);
        Files.delete(system);
        assertThat(find(environment)).isEqualTo(torch);
        Files.delete(torch);

        NativeLibraries.Search missing = NativeLibraries.find(NativeLibraries.Library.CUBLAS, environment, root);
        assertThat(missing.found()).isEmpty();
        assertThat(missing.lookedIn()).containsSubsequence(root.resolve("usr/local/cuda/lib64"),
                root.resolve("work/venv/lib/python3.12/site-packages/nvidia/cublas/lib"),
                root.resolve("conda/lib/python3.12/site-packages/nvidia/cublas/lib"),
                root.resolve("home/me/.local/lib/python3.12/site-packages/nvidia/cublas/lib"),
                root.resolve("usr/local/lib/python3.12/site-packages/nvidia/cublas/lib"),
                root.resolve("opt/torch/.venv/lib/python3.12/site-packages/nvidia/cublas/lib"));
    }

    @Test
    void nvrtcIsLookedForInTheSameFolders() throws IOException {
        Path folder = Files.createDirectories(root.resolve("opt/torch/.venv/lib/python3.11/site-packages/nvidia"
                + "/cuda_nvrtc/lib"));
        Files.writeString(folder.resolve("libnvrtc-builtins.so.12.8"), "");
        Path nvrtc = Files.writeString(folder.resolve("libnvrtc.so.12"), "");
        assertThat(NativeLibraries.find(NativeLibraries.Library.NVRTC, Map.of(), root).found()).contains(nvrtc);
    }

    private Path find(Map<String, String> environment) {
        return NativeLibraries.find(NativeLibraries.Library.CUBLAS, environment, root).found().orElseThrow();
    }
}
