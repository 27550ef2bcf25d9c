package dev.caracal.spring.boot.engine;

import dev.caracal.formats.ModelFiles;
import dev.caracal.formats.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories models may be loaded from ({@code caracal.model-directories}). When any is configured, a model path
 * must not contain {@code ..}, and its real path (every symbolic link followed) must lie inside the real path of one
 * of them, and so must the real path of every file the model is read from (weights and shards, config, tokenizer,
 * template: a file in an allowed directory that links outside is refused); otherwise start-up fails, or the load
 * fails, and says why. With none configured, any path is served (the operator's configuration is trusted as it is).
 */
public final class ModelDirectories {

    private final List<Path> directories = new ArrayList<>();

    /**
     * @throws IllegalArgumentException when a directory does not exist or is not a directory
     */
    public ModelDirectories(List<String> configured) {
        for (int i = 0; i < configured.size(); i++) {
            String at = "caracal.model-directories[" + i + "]";
            try {
                Path real = Path.of(configured.get(i)).toRealPath();
                if (!Files.isDirectory(real)) {
                    throw new IllegalArgumentException(at + " (" + configured.get(i) + ") is not a directory");
                }
                directories.add(real);
            } catch (IOException | InvalidPathException missing) {
                throw new IllegalArgumentException(at + " (" + configured.get(i) + ") does not exist or cannot be"
                        + " read", missing);
            }
        }
    }

    /** The configured directories, as real paths (empty when models may come from anywhere). */
    public List<Path> directories() {
        return List.copyOf(directories);
    }

    /**
     * The models in the directories, up to {@link #SEARCH_DEPTH} levels down, in path order: GGUF files, and
     * directories holding a {@code config.json} and {@code .safetensors} files (symbolic links followed).
     */
    public List<Path> findModels() throws IOException {
        java.util.TreeSet<Path> found = new java.util.TreeSet<>();
        for (Path directory : directories) {
            try (var paths = Files.walk(directory, SEARCH_DEPTH, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                paths.forEach(path -> {
                    String name = path.getFileName() == null ? "" : path.getFileName().toString();
                    if (Files.isRegularFile(path) && name.toLowerCase(java.util.Locale.ROOT).endsWith(".gguf")) {
                        found.add(path);
                    } else if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("config.json"))
                            && holdsSafetensors(path)) {
                        found.add(path);
                    }
                });
            }
        }
        return List.copyOf(found);
    }

    /** How deep {@link #findModels} looks. */
    public static final int SEARCH_DEPTH = 4;

    private static boolean holdsSafetensors(Path directory) {
        try (var files = Files.list(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".safetensors"));
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** Whether paths are confined at all. */
    public boolean isConfined() {
        return !directories.isEmpty();
    }

    /**
     * The real path of {@code path} when it lies in a configured directory; {@code path} itself when none is
     * configured.
     *
     * @param what names the setting in the message ({@code caracal.models[0].path})
     * @throws IllegalArgumentException when the path contains {@code ..}, does not exist, or lies (once symbolic
     *     links are followed) outside every configured directory
     */
    public Path confine(Path path, String what) {
        if (directories.isEmpty()) {
            return path;
        }
        for (Path element : path) {
            if (element.toString().equals("..")) {
                throw new IllegalArgumentException(what + " (" + path + ") contains '..'; give a path inside "
                        + directories + " (caracal.model-directories) without it");
            }
        }
        Path real;
        try {
            real = path.toAbsolutePath().toRealPath();
        } catch (IOException missing) {
            throw new IllegalArgumentException(what + " (" + path + ") does not exist or cannot be read", missing);
        }
        return inside(path, real, what);
    }

    /**
     * Checks that every file the model at {@code path} is read from ({@link ModelFiles#filesRead}) lies, once symbolic
     * links are followed, in a configured directory; nothing when none is configured. A path that is no model is left
     * for loading to report.
     *
     * @throws IllegalArgumentException naming the first file outside, and where it leads
     */
    public void confineFiles(Path path, String what) throws IOException {
        if (directories.isEmpty()) {
            return;
        }
        confine(path, what);
        List<Path> files;
        try {
            files = ModelFiles.filesRead(path);
        } catch (ModelFormatException notAModel) {
            return;
        }
        for (Path file : files) {
            Path real;
            try {
                real = file.toAbsolutePath().toRealPath();
            } catch (IOException missing) {
                throw new IllegalArgumentException(what + ": " + file + ", a file of the model, does not exist or"
                        + " cannot be read", missing);
            }
            inside(file, real, what + ": the model's file " + file.getFileName());
        }
    }

    private Path inside(Path path, Path real, String what) {
        for (Path directory : directories) {
            if (real.startsWith(directory)) {
                return real;
            }
        }
        throw new IllegalArgumentException(what + " (" + path + (real.equals(path) ? "" : ", which resolves to "
                + real) + ") is outside the model directories " + directories + " (caracal.model-directories)");
    }
}
