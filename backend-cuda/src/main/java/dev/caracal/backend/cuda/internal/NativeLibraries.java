package dev.caracal.backend.cuda.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the CUDA libraries are: the driver ({@code libcuda.so.1}, installed with the NVIDIA driver and found by the
 * system's loader) and NVRTC ({@code libnvrtc.so*}, from a CUDA toolkit or the {@code nvidia-cuda-nvrtc} Python wheel),
 * looked for in {@code CARACAL_NVRTC} (a file), {@code CUDA_HOME}/{@code CUDA_PATH}, {@code /usr/local/cuda},
 * {@code LD_LIBRARY_PATH} and the {@code nvidia/*} folders of Python's site-packages.
 */
public final class NativeLibraries {

    /** The driver library's name, as the loader finds it. */
    public static final String DRIVER = "libcuda.so.1";

    private NativeLibraries() {
    }

    /** NVRTC, and where it was looked for when it was not found. */
    public record Search(Optional<Path> found, List<Path> lookedIn) {
    }

    /** Looks for NVRTC as {@link NativeLibraries} says, in {@code environment}. */
    public static Search findNvrtc(Map<String, String> environment) {
        return find(environment, "CARACAL_NVRTC", "libnvrtc.so", "builtins");
    }

    /**
     * Looks for cuBLAS ({@code libcublas.so*}, from a CUDA toolkit or the {@code nvidia-cublas} wheel) as for NVRTC,
     * with {@code CARACAL_CUBLAS} naming the file.
     */
    public static Search findCublas(Map<String, String> environment) {
        return find(environment, "CARACAL_CUBLAS", "libcublas.so", null);
    }

    /** Looks for the CUDA runtime ({@code libcudart.so*}), which cuBLAS loads, as for NVRTC. */
    public static Search findRuntime(Map<String, String> environment) {
        return find(environment, "CARACAL_CUDART", "libcudart.so", null);
    }

    /**
     * The first file named {@code prefix*} (and not containing {@code excluded}) in the file {@code variable} names,
     * else in the candidate folders.
     */
    private static Search find(Map<String, String> environment, String variable, String prefix, String excluded) {
        String explicit = environment.get(variable);
        if (explicit != null && !explicit.isBlank()) {
            Path file = Path.of(explicit);
            return new Search(Files.isRegularFile(file) ? Optional.of(file) : Optional.empty(), List.of(file));
        }
        List<Path> directories = new ArrayList<>(candidateDirectories(environment));
        for (Path directory : directories) {
            Optional<Path> library = libraryIn(directory, prefix, excluded);
            if (library.isPresent()) {
                return new Search(library, directories);
            }
        }
        return new Search(Optional.empty(), directories);
    }

    private static Set<Path> candidateDirectories(Map<String, String> environment) {
        Set<Path> directories = new LinkedHashSet<>();
        for (String home : new String[] {environment.get("CUDA_HOME"), environment.get("CUDA_PATH"), "/usr/local/cuda"}) {
            if (home != null && !home.isBlank()) {
                directories.add(Path.of(home, "lib64"));
                directories.add(Path.of(home, "lib"));
            }
        }
        String loaderPath = environment.getOrDefault("LD_LIBRARY_PATH", "");
        for (String entry : loaderPath.split(":")) {
            if (!entry.isBlank()) {
                directories.add(Path.of(entry));
            }
        }
        for (Path sitePackages : sitePackages(environment)) {
            Path nvidia = sitePackages.resolve("nvidia");
            try (Stream<Path> packages = Files.list(nvidia)) {
                packages.sorted().forEach(wheel -> directories.add(wheel.resolve("lib")));
            } catch (java.io.IOException | RuntimeException absent) {
                directories.add(nvidia.resolve("cuda_nvrtc/lib"));
            }
        }
        return directories;
    }

    /** The site-packages folders of the usual Python installations (and of {@code VIRTUAL_ENV}). */
    private static List<Path> sitePackages(Map<String, String> environment) {
        List<Path> roots = new ArrayList<>();
        String virtualEnvironment = environment.get("VIRTUAL_ENV");
        if (virtualEnvironment != null && !virtualEnvironment.isBlank()) {
            roots.add(Path.of(virtualEnvironment, "lib"));
        }
        roots.add(Path.of("/usr/local/lib"));
        roots.add(Path.of("/usr/lib"));
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> pythons = Files.list(root)) {
                pythons.filter(path -> path.getFileName().toString().startsWith("python3")).sorted()
                        .forEach(python -> {
                            found.add(python.resolve("site-packages"));
                            found.add(python.resolve("dist-packages"));
                        });
            } catch (java.io.IOException | RuntimeException absent) {
                // no Python there
            }
        }
        return found;
    }

    /** The first file named {@code prefix*} in {@code directory}. */
    static Search findLibraryIn(Path directory, String prefix) {
        return new Search(directory == null ? Optional.empty() : libraryIn(directory, prefix, null),
                directory == null ? List.of() : List.of(directory));
    }

    private static Optional<Path> libraryIn(Path directory, String prefix, String excluded) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(prefix) && (excluded == null || !name.contains(excluded));
            }).sorted().findFirst();
        } catch (java.io.IOException | RuntimeException absent) {
            return Optional.empty();
        }
    }
}
