package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** generate, chat, backends and bench on the real stories260K model. */
class GenerationCommandsTest {

    private static final String STORY = "Once upon a time, there was a little girl named Lily. She loved to play";

    @TempDir
    Path temporary;

    @Test
    void generateStreamsTheKnownStoryAndReportsSpeed() {
        Run run = caracal("generate", "-m", SharedData.require("models/stories260K.gguf").toString(),
                "-p", "Once upon a time", "-n", "30", "--temp", "0", "-t", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith(STORY);
        assertThat(run.err()).containsPattern("prompt: 5 tokens, [0-9.]+ tokens/s; generation: 30 tokens, [0-9.]+"
                + " tokens/s \\(length, cpu, 2 threads\\)");
    }

    @Test
    void generateContinuesThePromptAsLlamaCppDoes() {
        Path model = SharedData.require("models/stories260K.gguf");
        for (String prompt : new String[] {"The little bird was sad because", "Ben liked to", "Lily drank a café"}) {
            Run run = caracal("generate", "-m", model.toString(), "-p", prompt, "-n", "20", "--temp", "0");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo(prompt + LlamaCppReference.greedy(model, prompt, 20) + "\n");
        }
    }

    @Test
    void generateHonoursStopStringsAndSeeds() {
        String model = SharedData.require("models/stories260K.gguf").toString();
        Run stopped = caracal("generate", "-m", model, "-p", "Once upon a time", "-n", "60", "--temp", "0",
                "--stop", "Lily");
        assertThat(stopped.out().strip()).isEqualTo("Once upon a time, there was a little girl named");
        assertThat(stopped.err()).contains("(stop,");
        Run first = caracal("generate", "-m", model, "-p", "Once upon a time", "-n", "40", "--seed", "7");
        Run second = caracal("generate", "-m", model, "-p", "Once upon a time", "-n", "40", "--seed", "7");
        assertThat(first.out()).isEqualTo(second.out());
    }

    @Test
    void chatGoesThroughTheTemplateAndReadsUntilExit() throws Exception {
        // A minimal template: the model is not chat-tuned, so the "conversation" is plain story text.
        Path model = SharedData.storiesWithTokenizerConfig(temporary.resolve("stories-chat"), """
                {"bos_token": "<s>", "eos_token": "</s>", "add_bos_token": true,
                 "chat_template": "{{ bos_token }}{% for m in messages %}{{ m['content'] }}{% endfor %}"}
                """);
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream("Once upon a time\nOne day\n/exit\n"
                    .getBytes(StandardCharsets.UTF_8)));
            Run run = caracal("chat", "-m", model.toString(), "--temp", "0", "-n", "20");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("> , there was a little girl named Lily");
            // The second turn answers the whole conversation so far, as the template renders it.
            String[] answers = run.out().split("\n> ");
            assertThat(answers).hasSize(3);
            Path gguf = SharedData.require("models/stories260K.gguf");
            assertThat(answers[1]).isEqualTo(LlamaCppReference.greedy(gguf, "Once upon a time", 20));
            assertThat(answers[2]).isEqualTo(LlamaCppReference.greedy(gguf, "Once upon a time" + answers[1]
                    + "One day", 20));
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void chatOrGenerateWithChatNeedATemplate() {
        Run run = caracal("generate", "--chat", "-m", SharedData.require("models/stories260K.gguf").toString(),
                "-p", "Hi");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("has no chat template").doesNotContain("\tat ");
    }

    @Test
    void backendsListsTheCpuAndReferenceBackends() {
        Run run = caracal("backends");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("cpu (score 100): available").contains("vectorBits")
                .contains("reference (score 0): available").contains("device: CPU")
                .contains("xla (score 150): unavailable: ");
    }

    @Test
    void benchPrintsOneJsonObject() {
        Run run = caracal("bench", "-m", SharedData.require("models/stories260K.gguf").toString(), "-p", "16",
                "-n", "8", "-r", "2", "-t", "1", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = JsonMapper.builder().build().readTree(run.out());
        assertThat(result.get("prompt_tokens_per_second").asDouble()).isPositive();
        assertThat(result.get("generation_tokens_per_second").asDouble()).isPositive();
        assertThat(result.get("threads").asInt()).isEqualTo(1);
        assertThat(result.get("model_bytes").asLong()).isEqualTo(1_171_200L);
        assertThat(result.get("backend").asString()).isEqualTo("cpu");
        assertThat(result.get("prompt_runs").size()).isEqualTo(2);
        assertThat(result.get("load_seconds").asDouble()).isPositive().isLessThan(60);
        // This JVM holds at least the model's weights, and its peak is at least what it holds now.
        assertThat(result.get("resident_bytes").asLong()).isGreaterThan(1_171_200L);
        assertThat(result.get("peak_resident_bytes").asLong())
                .isGreaterThanOrEqualTo(result.get("resident_bytes").asLong());
    }
}
