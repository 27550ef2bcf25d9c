package dev.caracal.formats.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real model and tokenizer files tests need (the project's {@code ../shared} data).
 *
 * <p>Order: the directory named by system property {@code caracal.shared.dir} or environment variable
 * {@code CARACAL_SHARED_DIR}; then {@code ../shared} beside the repository root. Where none has the file the test is
 * skipped with a message naming it, except under {@code CI=true}, where a missing file fails the test. (Downloading from
 * the public Hugging Face location is not wired: no machine this project runs on reaches it.)
 */
public final class SharedData {

    private SharedData() {
    }

    /** The file at {@code relativePath} under the shared data directory, or a skipped (or, in CI, failed) test. */
    public static Path require(String relativePath) {
        List<Path> tried = new ArrayList<>();
        for (Path root : candidateRoots()) {
            Path candidate = root.resolve(relativePath);
            tried.add(candidate);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        String message = "shared test file " + relativePath + " not found (tried " + tried
                + "); put the project's shared data beside the repository as ../shared,"
                + " or point -Dcaracal.shared.dir / CARACAL_SHARED_DIR at it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static List<Path> candidateRoots() {
        List<Path> roots = new ArrayList<>();
        String property = System.getProperty("caracal.shared.dir");
        if (property != null && !property.isBlank()) {
            roots.add(Path.of(property));
        }
        String environment = System.getenv("CARACAL_SHARED_DIR");
        if (environment != null && !environment.isBlank()) {
            roots.add(Path.of(environment));
        }
        roots.add(repositoryRoot().resolve("../shared").normalize());
        return roots;
    }

    /** The repository root: where the Maven build says it is, else the nearest folder up with {@code mvnw}. */
    public static Path repositoryRoot() {
        String fromBuild = System.getenv("CARACAL_REPOSITORY_ROOT");
        if (fromBuild != null && !fromBuild.isBlank()) {
            return Path.of(fromBuild).toAbsolutePath();
        }
        Path directory = Path.of("").toAbsolutePath();
        for (Path at = directory; at != null; at = at.getParent()) {
            if (Files.exists(at.resolve("mvnw"))) {
                return at;
            }
        }
        return directory;
    }

    /**
     * A copy of the Hugging Face stories260K directory (config, weights, tokenizer) in {@code directory}, with
     * {@code tokenizerConfig} as its {@code tokenizer_config.json}: the real model with a chat template of the test's.
     */
    public static Path storiesWithTokenizerConfig(Path directory, String tokenizerConfig) throws java.io.IOException {
        Path huggingFace = require("models/stories260K-hf/config.json").getParent();
        Files.createDirectories(directory);
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json")) {
            Files.copy(huggingFace.resolve(file), directory.resolve(file));
        }
        Files.writeString(directory.resolve("tokenizer_config.json"), tokenizerConfig);
        return directory;
    }
}
