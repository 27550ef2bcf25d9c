package dev.caracal.backend.cuda.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Where the CUDA libraries are: the driver ({@code libcuda.so.1}, installed with the NVIDIA driver and found by the
 * system's loader) and NVRTC, cuBLAS and the CUDA runtime (from a CUDA toolkit or NVIDIA's Python wheels), each looked
 * for in the file its variable names ({@code CARACAL_NVRTC}, {@code CARACAL_CUBLAS}, {@code CARACAL_CUDART}), else in
 * {@code CUDA_HOME}/{@code CUDA_PATH}, {@code /usr/local/cuda}, {@code LD_LIBRARY_PATH} and the {@code nvidia/*}
 * folders of Python's site-packages: {@code VIRTUAL_ENV}, {@code CONDA_PREFIX}, {@code ~/.local}, {@code /usr/local},
 * {@code /usr}, then the virtual environments {@code /opt/*}{@code /.venv} (where GPU images keep PyTorch's).
 */
public final class NativeLibraries {

    /** The driver library's name, as the loader finds it. */
    public static final String DRIVER = "libcuda.so.1";

    private static final Path ROOT = Path.of("/");

    private NativeLibraries() {
    }

    /** A library, and where it was looked for when it was not found. */
    public record Search(Optional<Path> found, List<Path> lookedIn) {
    }

    /**
     * A library looked for: the variable that names its file, how its file name starts, and what it does not contain
     * (null: anything).
     */
    record Library(String variable, String prefix, String excluded) {
        static final Library NVRTC = new Library("CARACAL_NVRTC", "libnvrtc.so", "builtins");
        static final Library CUBLAS = new Library("CARACAL_CUBLAS", "libcublas.so", null);
        static final Library RUNTIME = new Library("CARACAL_CUDART", "libcudart.so", null);
    }

    /** Looks for NVRTC as {@link NativeLibraries} says, in {@code environment}. */
    public static Search findNvrtc(Map<String, String> environment) {
        return find(Library.NVRTC, environment, ROOT);
    }

    /** Looks for cuBLAS ({@code libcublas.so*}, the {@code nvidia-cublas} wheel's) as for NVRTC. */
    public static Search findCublas(Map<String, String> environment) {
        return find(Library.CUBLAS, environment, ROOT);
    }

    /** Looks for the CUDA runtime ({@code libcudart.so*}), which cuBLAS loads, as for NVRTC. */
    public static Search findRuntime(Map<String, String> environment) {
        return find(Library.RUNTIME, environment, ROOT);
    }

    /**
     * The first file of {@code library} in the file its variable names, else in the candidate folders, with the
     * system's folders ({@code /usr}, {@code /opt}) under {@code root}.
     */
    static Search find(Library library, Map<String, String> environment, Path root) {
        String explicit = environment.get(library.variable);
        if (explicit != null && !explicit.isBlank()) {
            Path file = Path.of(explicit);
            return new Search(Files.isRegularFile(file) ? Optional.of(file) : Optional.empty(), List.of(file));
        }
        List<Path> directories = new ArrayList<>(candidateDirectories(environment, root));
        for (Path directory : directories) {
            Optional<Path> found = libraryIn(directory, library.prefix, library.excluded);
            if (found.isPresent()) {
                return new Search(found, directories);
            }
        }
        return new Search(Optional.empty(), directories);
    }

    private static Set<Path> candidateDirectories(Map<String, String> environment, Path root) {
        Set<Path> directories = new LinkedHashSet<>();
        for (Path home : pathsOf(environment, "CUDA_HOME", "CUDA_PATH")) {
            directories.add(home.resolve("lib64"));
            directories.add(home.resolve("lib"));
        }
        directories.add(root.resolve("usr/local/cuda/lib64"));
        directories.add(root.resolve("usr/local/cuda/lib"));
        String loaderPath = environment.getOrDefault("LD_LIBRARY_PATH", "");
        for (String entry : loaderPath.split(":")) {
            if (!entry.isBlank()) {
                directories.add(Path.of(entry));
            }
        }
        for (Path sitePackages : sitePackages(environment, root)) {
            Path nvidia = sitePackages.resolve("nvidia");
            try (Stream<Path> packages = Files.list(nvidia)) {
                packages.sorted().forEach(wheel -> directories.add(wheel.resolve("lib")));
            } catch (java.io.IOException | RuntimeException absent) {
                directories.add(nvidia.resolve("cuda_nvrtc/lib"));
            }
        }
        return directories;
    }

    /** The site-packages folders of the Python installations {@link NativeLibraries} names, in that order. */
    private static List<Path> sitePackages(Map<String, String> environment, Path root) {
        List<Path> libraries = new ArrayList<>();
        for (Path prefix : pathsOf(environment, "VIRTUAL_ENV", "CONDA_PREFIX")) {
            libraries.add(prefix.resolve("lib"));
        }
        for (Path home : pathsOf(environment, "HOME")) {
            libraries.add(home.resolve(".local/lib"));
        }
        libraries.add(root.resolve("usr/local/lib"));
        libraries.add(root.resolve("usr/lib"));
        children(root.resolve("opt"), name -> true).forEach(folder -> libraries.add(folder.resolve(".venv/lib")));
        List<Path> found = new ArrayList<>();
        for (Path library : libraries) {
            for (Path python : children(library, name -> name.startsWith("python3"))) {
                found.add(python.resolve("site-packages"));
                found.add(python.resolve("dist-packages"));
            }
        }
        return found;
    }

    /** The non-blank paths that {@code variables} hold, in order. */
    private static List<Path> pathsOf(Map<String, String> environment, String... variables) {
        return Stream.of(variables).map(environment::get).filter(value -> value != null && !value.isBlank())
                .map(Path::of).toList();
    }

    /** The entries of {@code directory} whose names pass {@code accepted}, sorted; none where it cannot be listed. */
    private static List<Path> children(Path directory, Predicate<String> accepted) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(entry -> accepted.test(entry.getFileName().toString())).sorted().toList();
        } catch (java.io.IOException | RuntimeException absent) {
            return List.of();
        }
    }

    /** The first file named {@code prefix*} in {@code directory}. */
    static Search findLibraryIn(Path directory, String prefix) {
        return new Search(directory == null ? Optional.empty() : libraryIn(directory, prefix, null),
                directory == null ? List.of() : List.of(directory));
    }

    private static Optional<Path> libraryIn(Path directory, String prefix, String excluded) {
        return children(directory, name -> name.startsWith(prefix) && (excluded == null || !name.contains(excluded)))
                .stream().findFirst();
    }
}
