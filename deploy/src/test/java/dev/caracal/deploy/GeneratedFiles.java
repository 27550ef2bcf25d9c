package dev.caracal.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files kept in the repository that are made from the chart: a test compares each with a fresh rendering, or, run
 * with {@code -Dcaracal.deploy.write=true} (bin/render-chart), writes it.
 */
final class GeneratedFiles {

    static final String COMMAND = "bin/render-chart";

    private GeneratedFiles() {
    }

    static boolean writing() {
        return Boolean.getBoolean("caracal.deploy.write");
    }

    /** The file's text now, after writing the expected text first when the tests write. */
    static String current(Path file, String expected) {
        try {
            if (writing()) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, expected);
            }
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
