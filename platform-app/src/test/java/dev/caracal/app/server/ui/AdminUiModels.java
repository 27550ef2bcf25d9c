package dev.caracal.app.server.ui;

import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The model directory of the admin UI's gateways ({@code caracal.model-directories}):
 * {@code platform-app/target/admin-ui-models/}, holding a copy of the shared stories260K.gguf; and a hub cache outside
 * it for pulls.
 */
final class AdminUiModels {

    private AdminUiModels() {
    }

    /** The directory, with the copy made on first use. */
    static synchronized Path directory() {
        try {
            Path directory = SharedData.repositoryRoot().resolve("platform-app/target/admin-ui-models");
            Files.createDirectories(directory);
            Path source = SharedData.require("models/stories260K.gguf");
            Path copy = directory.resolve("stories260K.gguf");
            if (!Files.exists(copy) || Files.size(copy) != Files.size(source)) {
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hubCacheEmptied;

    /** The hub cache of the gateway that pulls ({@code platform-app/target/admin-ui-hub/}), emptied on first use. */
    static synchronized Path hubCache() {
        try {
            Path cache = SharedData.repositoryRoot().resolve("platform-app/target/admin-ui-hub");
            if (!hubCacheEmptied && Files.exists(cache)) {
                try (Stream<Path> files = Files.walk(cache)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            hubCacheEmptied = true;
            return Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The copy of stories260K.gguf in the directory. */
    static Path stories() {
        return directory().resolve("stories260K.gguf");
    }
}
