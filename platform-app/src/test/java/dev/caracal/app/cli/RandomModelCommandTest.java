package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** random-model: a shape with a synthetic vocabulary, or with a real tokenizer's vocabulary and chat template. */
class RandomModelCommandTest {

    @Test
    void writesAModelWithARealTokenizersVocabularyAndTemplate(@TempDir Path directory) {
        Path model = directory.resolve("small-qwen3.gguf");
        Run written = caracal("random-model", "-o", model.toString(), "--shape", "small", "--arch", "QWEN3",
                "--type", "Q8_0", "--tokenizer", SharedData.require("tokenizers/qwen3/tokenizer.json").toString(),
                "--pre-tokenizer", "qwen2");
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).contains("QWEN3 Q8_0");
        Run inspected = caracal("inspect", model.toString());
        assertThat(inspected.out()).contains("qwen3, 2 layers").contains("vocabulary 151669")
                .contains("tokenizer.chat_template");
        Run tokens = caracal("tokenize", "-m", model.toString(), "<tool_call>", "--no-bos");
        assertThat(tokens.exitCode()).as(tokens.err()).isZero();
        assertThat(tokens.out().strip()).isEqualTo("[151657]");
    }

    @Test
    void aMissingTokenizerIsABadOption(@TempDir Path directory) {
        Run run = caracal("random-model", "-o", directory.resolve("x.gguf").toString(), "--shape", "small",
                "--tokenizer", directory.resolve("missing.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--tokenizer: no file");
    }
}
