package dev.caracal.spring.boot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.formats.testing.SharedData;
import dev.caracal.spring.boot.CaracalAutoConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Model paths confined to caracal.model-directories: no '..', no escape through a symbolic link, neither by the path
 * nor by any file the model is read from.
 */
class ModelDirectoriesTest {

    @TempDir
    Path root;

    @Test
    void aPathInsideAConfiguredDirectoryIsServedByItsRealPath() throws IOException {
        Path models = Files.createDirectories(root.resolve("models"));
        Path model = Files.writeString(models.resolve("m.gguf"), "x");
        Path link = Files.createSymbolicLink(models.resolve("link.gguf"), model);
        ModelDirectories directories = new ModelDirectories(List.of(models.toString()));
        assertThat(directories.confine(model, "p")).isEqualTo(model.toRealPath());
        assertThat(directories.confine(link, "p")).isEqualTo(model.toRealPath());
        assertThat(new ModelDirectories(List.of()).confine(root.resolve("anything"), "p"))
                .isEqualTo(root.resolve("anything"));
    }

    @Test
    void escapesAreRefused() throws IOException {
        Path models = Files.createDirectories(root.resolve("models"));
        Path outside = Files.writeString(root.resolve("secret.gguf"), "x");
        Path escape = Files.createSymbolicLink(models.resolve("escape.gguf"), outside);
        Path escapingDirectory = Files.createSymbolicLink(models.resolve("up"), root);
        ModelDirectories directories = new ModelDirectories(List.of(models.toString()));
        assertThatThrownBy(() -> directories.confine(models.resolve("../secret.gguf"), "caracal.models[0].path"))
                .hasMessageContaining("caracal.models[0].path").hasMessageContaining("contains '..'");
        assertThatThrownBy(() -> directories.confine(escape, "p"))
                .hasMessageContaining("which resolves to " + outside.toRealPath())
                .hasMessageContaining("is outside the model directories");
        assertThatThrownBy(() -> directories.confine(escapingDirectory.resolve("secret.gguf"), "p"))
                .hasMessageContaining("is outside the model directories");
        assertThatThrownBy(() -> directories.confine(outside, "p")).hasMessageContaining("is outside");
        assertThatThrownBy(() -> directories.confine(models.resolve("missing.gguf"), "p"))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new ModelDirectories(List.of(root.resolve("nope").toString())))
                .hasMessageContaining("caracal.model-directories[0]").hasMessageContaining("does not exist");
    }

    @Test
    void everyFileOfAHuggingFaceModelIsCheckedByItsRealPath() throws IOException {
        Path models = Files.createDirectories(root.resolve("models"));
        Path model = copyOfStoriesHf(models.resolve("stories"));
        ModelDirectories directories = new ModelDirectories(List.of(models.toString()));
        directories.confineFiles(model, "p"); // every file inside: accepted

        Path outside = Files.createDirectories(root.resolve("outside"));
        for (String file : List.of("model.safetensors", "tokenizer.json", "config.json")) {
            Path escaping = copyOfStoriesHf(models.resolve("escaping-" + file));
            Path target = Files.move(escaping.resolve(file), outside.resolve(file + "-" + escaping.getFileName()));
            Files.createSymbolicLink(escaping.resolve(file), target);
            assertThatThrownBy(() -> directories.confineFiles(escaping, "caracal.models[0].path"))
                    .as(file).hasMessageContaining("caracal.models[0].path: the model's file " + file)
                    .hasMessageContaining("which resolves to " + target.toRealPath())
                    .hasMessageContaining("is outside the model directories");
        }

        Path sharded = copyOfStoriesHf(models.resolve("sharded"));
        String shardName = "model-00001-of-00001.safetensors";
        Path shard = Files.move(sharded.resolve("model.safetensors"), outside.resolve(shardName));
        Files.createSymbolicLink(sharded.resolve(shardName), shard);
        Files.writeString(sharded.resolve("model.safetensors.index.json"), "{\"weight_map\": {"
                + "\"token_embd.weight\": \"" + shardName + "\"}}");
        assertThatThrownBy(() -> directories.confineFiles(sharded, "p"))
                .hasMessageContaining("the model's file " + shardName).hasMessageContaining("is outside");
    }

    @Test
    void aModelWhoseWeightsLinkOutsideTheDirectoriesFailsStartUp() throws IOException {
        Path models = Files.createDirectories(root.resolve("models"));
        Path model = copyOfStoriesHf(models.resolve("stories"));
        Path outside = Files.move(model.resolve("model.safetensors"), root.resolve("elsewhere.safetensors"));
        Files.createSymbolicLink(model.resolve("model.safetensors"), outside);
        assertThatThrownBy(() -> start("caracal.model-directories=" + models, "caracal.models[0].path=" + model))
                .rootCause().hasMessageContaining("caracal.models[0].path: the model's file model.safetensors")
                .hasMessageContaining("is outside the model directories");
    }

    private static Path copyOfStoriesHf(Path target) throws IOException {
        Path source = SharedData.require("models/stories260K-hf");
        Files.createDirectories(target);
        try (var files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    @Test
    void aModelOutsideTheDirectoriesFailsStartUp() throws IOException {
        Path models = Files.createDirectories(root.resolve("models"));
        Path outside = Files.writeString(root.resolve("elsewhere.gguf"), "x");
        assertThatThrownBy(() -> start("caracal.model-directories=" + models, "caracal.models[0].path=" + outside))
                .rootCause().hasMessageContaining("caracal.models[0].path (" + outside + ") is outside the model"
                        + " directories");
    }

    /** Starts an application context with Caracal's auto-configuration and these properties; throws its failure. */
    private static void start(String... properties) {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CaracalAutoConfiguration.class))
                .withPropertyValues(properties).run(context -> {
                    if (context.getStartupFailure() != null) {
                        throw context.getStartupFailure();
                    }
                });
    }
}
