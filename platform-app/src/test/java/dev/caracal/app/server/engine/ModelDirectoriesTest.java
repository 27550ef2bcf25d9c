package dev.caracal.app.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.app.server.CaracalServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model paths confined to caracal.model-directories: no '..', no escape through a symbolic link. */
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
    void aModelOutsideTheDirectoriesFailsStartUp() throws IOException {
        Path models = Files.createDirectories(root.resolve("models"));
        Path outside = Files.writeString(root.resolve("elsewhere.gguf"), "x");
        assertThatThrownBy(() -> CaracalServer.start(new String[] {"--server.port=0",
            "--caracal.model-directories=" + models, "--caracal.models[0].path=" + outside}).close())
                .rootCause().hasMessageContaining("caracal.models[0].path (" + outside + ") is outside the model"
                        + " directories");
    }
}
