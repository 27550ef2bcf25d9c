package dev.caracal.formats.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.formats.ModelFiles;
import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.OpenModel;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelFiles} tells GGUF from safetensors and says what it expected when a path is neither. */
class ModelFilesTest {

    @TempDir
    Path temporary;

    @Test
    void opensGguf() throws IOException {
        Path gguf = SharedData.require("models/stories260K.gguf");
        try (OpenModel model = ModelFiles.open(gguf)) {
            assertThat(model.containerFormat()).isEqualTo("GGUF v3");
            assertThat(model.description().config().architecture()).isEqualTo("llama");
            assertThat(model.metadata()).containsEntry("general.architecture", "llama")
                    .containsEntry("llama.embedding_length", "64");
            assertThat(model.metadata().get("tokenizer.ggml.tokens")).startsWith("[<unk>, <s>, </s>")
                    .contains("… (512 STRING)");
        }
    }

    @Test
    void opensASafetensorsDirectoryAndFile() throws IOException {
        Path directory = SharedData.require("models/stories260K-hf/config.json").getParent();
        for (Path path : new Path[] {directory, directory.resolve("model.safetensors")}) {
            try (OpenModel model = ModelFiles.open(path)) {
                assertThat(model.containerFormat()).isEqualTo("safetensors");
                assertThat(model.description().tensors()).hasSize(47);
                assertThat(model.metadata()).containsEntry("format", "pt").containsEntry("hidden_size", "64")
                        .containsEntry("architectures", "[\"LlamaForCausalLM\"]");
            }
        }
    }

    @Test
    void aPathThatIsNeitherSaysWhatWasExpected() throws IOException {
        Path text = Files.writeString(temporary.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> ModelFiles.open(text))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("at byte offset 0: neither a GGUF file (it starts with 68 65 6c 6c, not 'GGUF')")
                .hasMessageContaining("expected a GGUF file, a .safetensors file with config.json beside it,"
                        + " or a directory with config.json and .safetensors files");
        Path empty = Files.createDirectories(temporary.resolve("empty"));
        assertThatThrownBy(() -> ModelFiles.open(empty))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("a directory with neither config.json nor .safetensors files; expected");
        Files.writeString(empty.resolve("config.json"), "{}");
        assertThatThrownBy(() -> ModelFiles.open(empty))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("a directory with no .safetensors files");
        assertThatThrownBy(() -> ModelFiles.open(temporary.resolve("missing")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("no such file or directory; expected");
        Path tiny = Files.write(temporary.resolve("tiny.bin"), new byte[] {0x47});
        assertThatThrownBy(() -> ModelFiles.open(tiny))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("it starts with 47, not 'GGUF'");
    }

    @Test
    void aDamagedGgufFailsAsGguf() throws IOException {
        Path bad = Files.write(temporary.resolve("bad.gguf"), new byte[] {'G', 'G', 'U', 'F', 9, 0, 0, 0});
        assertThatThrownBy(() -> ModelFiles.open(bad))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("GGUF version 9");
    }
}
