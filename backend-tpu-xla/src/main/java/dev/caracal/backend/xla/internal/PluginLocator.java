package dev.caracal.backend.xla.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the PJRT plugin is: named by the system property {@value #PROPERTY}, else by {@value #VARIABLE}, else by
 * {@value #JAX_VARIABLE} (JAX's and gomlx's), else by libtpu's {@value #TPU_VARIABLE}, the first of these set deciding;
 * a setting is a file, a folder (holding one of {@link #FILE_NAMES}) or a ':'-separated list of them, the first plugin
 * found winning. With none set, the first of JAX's CUDA 13 and CUDA 12 plugins and libtpu ({@link #INSTALLED}) found
 * in the site-packages of the usual Pythons ({@code VIRTUAL_ENV}, {@code CONDA_PREFIX}, {@code ~/.local},
 * {@code /usr/local}, {@code /usr}, {@code /opt/conda}).
 */
public final class PluginLocator {

    public static final String PROPERTY = "caracal.backend.xla.plugin";
    public static final String VARIABLE = "CARACAL_XLA_PLUGIN";
    public static final String JAX_VARIABLE = "PJRT_PLUGIN_LIBRARY_PATH";
    public static final String TPU_VARIABLE = "TPU_LIBRARY_PATH";

    /** The names a plugin file goes by, looked for in a folder a setting names: JAX's, libtpu's, then gomlx's. */
    public static final List<String> FILE_NAMES = List.of("xla_cuda_plugin.so", "libtpu.so",
            "pjrt_c_api_cuda_plugin.so", "pjrt_c_api_tpu_plugin.so");

    /** The plugins pip installs, relative to site-packages, preferred first. */
    public static final List<String> INSTALLED = List.of("jax_plugins/xla_cuda13/xla_cuda_plugin.so",
            "jax_plugins/xla_cuda12/xla_cuda_plugin.so", "libtpu/libtpu.so");

    /** The system folders whose {@code python3*} folders are searched, after those the environment names. */
    static final List<Path> SYSTEM_ROOTS = List.of(Path.of("/usr/local/lib"), Path.of("/usr/lib"),
            Path.of("/opt/conda/lib"));

    /**
     * The plugin and where it was looked for.
     *
     * @param found        the plugin, where one was found
     * @param namedBy      the setting that named the file ({@value #PROPERTY} ...); empty where it was searched for
     * @param lookedIn     the files the setting named (a folder's as the {@link #FILE_NAMES} in it), or the
     *                     site-packages folders searched
     * @param pythonRoots  the folders whose Pythons' site-packages were searched
     */
    public record Search(Optional<Path> found, Optional<String> namedBy, List<Path> lookedIn, List<Path> pythonRoots) {

        /** Why no plugin is used: the named file is missing, or where the search looked. */
        public String describeMissing() {
            if (namedBy.isPresent()) {
                return "no PJRT plugin at " + join(lookedIn) + " (named by " + namedBy.get() + ")";
            }
            String folders = lookedIn.isEmpty() ? "no site-packages folder (none under the Pythons of "
                    + join(pythonRoots) + ")" : join(lookedIn);
            return "no PJRT plugin found: looked for " + String.join(", ", INSTALLED) + " in " + folders
                    + "; set " + PROPERTY + " or " + VARIABLE + " to a PJRT plugin (JAX's xla_cuda_plugin.so or"
                    + " libtpu.so)";
        }

        private static String join(List<Path> paths) {
            return paths.stream().map(Path::toString).collect(Collectors.joining(", "));
        }
    }

    private PluginLocator() {
    }

    /** Looks for the plugin as {@link PluginLocator} says, with {@code property} the system property's value. */
    public static Search find(String property, Map<String, String> environment) {
        return find(property, environment, SYSTEM_ROOTS);
    }

    /** The same, with {@code systemRoots} in place of {@link #SYSTEM_ROOTS} (a test gives its own). */
    public static Search find(String property, Map<String, String> environment, List<Path> systemRoots) {
        String[][] settings = {{property, "the system property " + PROPERTY},
            {environment.get(VARIABLE), VARIABLE}, {environment.get(JAX_VARIABLE), JAX_VARIABLE},
            {environment.get(TPU_VARIABLE), TPU_VARIABLE}};
        for (String[] setting : settings) {
            List<Path> files = setting[0] == null ? List.of() : namedFiles(setting[0]);
            if (!files.isEmpty()) {
                return new Search(files.stream().filter(Files::isRegularFile).findFirst(), Optional.of(setting[1]),
                        files, List.of());
            }
        }
        List<Path> roots = pythonRoots(environment, systemRoots);
        List<Path> sitePackages = sitePackages(roots);
        for (String relative : INSTALLED) {
            for (Path folder : sitePackages) {
                Path candidate = folder.resolve(relative);
                if (Files.isRegularFile(candidate)) {
                    return new Search(Optional.of(candidate), Optional.empty(), sitePackages, roots);
                }
            }
        }
        return new Search(Optional.empty(), Optional.empty(), sitePackages, roots);
    }

    /** The files a setting names: each of its ':'-separated entries, a folder standing for the FILE_NAMES in it. */
    private static List<Path> namedFiles(String setting) {
        List<Path> files = new ArrayList<>();
        for (String entry : setting.split(":")) {
            if (!entry.isBlank()) {
                Path path = Path.of(entry.strip());
                if (Files.isDirectory(path)) {
                    FILE_NAMES.forEach(name -> files.add(path.resolve(name)));
                } else {
                    files.add(path);
                }
            }
        }
        return List.copyOf(files);
    }

    private static List<Path> pythonRoots(Map<String, String> environment, List<Path> systemRoots) {
        Set<Path> roots = new LinkedHashSet<>();
        for (String variable : new String[] {"VIRTUAL_ENV", "CONDA_PREFIX"}) {
            String prefix = environment.get(variable);
            if (prefix != null && !prefix.isBlank()) {
                roots.add(Path.of(prefix, "lib"));
            }
        }
        String home = environment.get("HOME");
        if (home != null && !home.isBlank()) {
            roots.add(Path.of(home, ".local", "lib"));
        }
        roots.addAll(systemRoots);
        return List.copyOf(roots);
    }

    /** The {@code site-packages} and {@code dist-packages} folders of each {@code python3*} folder of the roots. */
    private static List<Path> sitePackages(List<Path> roots) {
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> pythons = Files.list(root)) {
                pythons.filter(path -> path.getFileName().toString().startsWith("python3")).sorted()
                        .flatMap(python -> Stream.of(python.resolve("site-packages"), python.resolve("dist-packages")))
                        .filter(Files::isDirectory).forEach(found::add);
            } catch (IOException | RuntimeException absent) {
                // no Python there
            }
        }
        return List.copyOf(found);
    }
}
