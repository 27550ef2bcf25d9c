package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizeAndTemplateCommandTest {

    @TempDir
    Path temporary;

    @Test
    void tokenizesWithStoriesAsSourcesDocuments() {
        // SOURCES.md: "Once upon a time" with BOS is [1, 403, 407, 261, 378].
        Run run = caracal("tokenize", "-m", SharedData.require("models/stories260K.gguf").toString(),
                "Once upon a time");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("[1, 403, 407, 261, 378]");
        Run withoutBos = caracal("tokenize", "--no-bos", "-m",
                SharedData.require("models/stories260K.gguf").toString(), "Once upon a time");
        assertThat(withoutBos.out().strip()).isEqualTo("[403, 407, 261, 378]");
    }

    @Test
    void printsPiecesAndParsesSpecialTokensOfAHuggingFaceTokenizer() {
        Path llama3 = SharedData.require("tokenizers/llama3/tokenizer.json");
        Run run = caracal("tokenize", "--pieces", "-m", llama3.toString(), "Hello world<|eot_id|>");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("9906 -> 'Hello'").contains("1917 -> ' world'")
                .contains("128009 -> '<|eot_id|>'").contains("3 tokens");
        Run plain = caracal("tokenize", "--no-parse-special", "-m", llama3.toString(), "<|eot_id|>");
        assertThat(plain.out()).doesNotContain("128009");
    }

    @Test
    void rendersTheSampleConversationThroughTheModelsTemplate() throws Exception {
        Path directory = temporary.resolve("qwen");
        Files.createDirectories(directory);
        Files.copy(SharedData.require("tokenizers/qwen3/tokenizer_config.json"),
                directory.resolve("tokenizer_config.json"));
        Run run = caracal("template", "-m", directory.toString(), "--single-turn", "--user", "Hi there");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\nHi there<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void aModelWithoutATemplateOrTokenizerIsReportedPlainly() {
        Run template = caracal("template", "-m", SharedData.require("models/stories260K.gguf").toString());
        assertThat(template.exitCode()).isEqualTo(3);
        assertThat(template.err()).contains("has no chat template").doesNotContain("\tat ");
        Run tokenize = caracal("tokenize", "-m", temporary.toString(), "text");
        assertThat(tokenize.exitCode()).isEqualTo(3);
        assertThat(tokenize.err()).contains("neither tokenizer.json nor tokenizer.model").doesNotContain("\tat ");
    }
}
