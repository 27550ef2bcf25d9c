package dev.caracal.spring.boot.engine;

import dev.caracal.spring.boot.CaracalProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.util.unit.DataSize;

/**
 * The model served when none is configured: Karpathy's TinyStories 260K Llama (MIT, see
 * {@code models/stories260K.NOTICE.txt} beside it in the jar), 1.1 MB, which tells short children's stories. The
 * loader maps files, so the resource is copied to a temporary file first.
 */
public final class DemoModel {

    public static final String NAME = "stories260K";
    private static final String RESOURCE = "/models/stories260K.gguf";

    private DemoModel() {
    }

    /** The model's own 2,048-token context, the best available backend, 64 MB of KV cache (about 100,000 tokens). */
    public static CaracalProperties.Model config() {
        return new CaracalProperties.Model(null, NAME, "auto", 0, DataSize.ofMegabytes(64), 64, 0, true);
    }

    /** Copies the bundled model to a temporary file (deleted when the JVM exits) and returns it. */
    public static Path extract() {
        try (InputStream in = DemoModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo model " + RESOURCE + " is not in the application's jar");
            }
            Path file = Files.createTempFile("caracal-" + NAME + "-", ".gguf");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the demo model: " + e.getMessage(), e);
        }
    }
}
