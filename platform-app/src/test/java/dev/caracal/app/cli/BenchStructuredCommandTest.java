package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** bench-structured on stories260K with tiny settings: what it prints, and a schema it cannot enforce. */
class BenchStructuredCommandTest {

    private static final String MODEL = SharedData.require("models/stories260K.gguf").toString();

    @Test
    void printsTheCostAndMaskTimeOfEachStreamCount() {
        Run run = caracal("bench-structured", "-m", MODEL, "--json", "-t", "1", "--concurrency", "1,2",
                "--max-tokens", "24", "-r", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode levels = JsonMapper.builder().build().readTree(run.out()).get("levels");
        assertThat(levels.size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            JsonNode level = levels.get(i);
            assertThat(level.get("concurrency").asInt()).isEqualTo(i + 1);
            assertThat(level.get("free_tokens_per_second").asDouble()).isPositive();
            assertThat(level.get("constrained_tokens_per_second").asDouble()).isPositive();
            assertThat(level.get("mask_microseconds_per_step").asDouble()).isPositive();
            assertThat(level.get("constrained_tokens_per_stream").asDouble()).isBetween(1.0, 24.0);
        }
        Run text = caracal("bench-structured", "-m", MODEL, "-t", "1", "--concurrency", "1", "--max-tokens", "8",
                "-r", "1");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("mask µs/step").contains("cost");
    }

    @Test
    void aSchemaOutsideTheSupportedSubsetIsRefusedByName(@TempDir Path directory) throws Exception {
        Path schema = Files.writeString(directory.resolve("schema.json"),
                "{\"type\": \"string\", \"pattern\": \"^[a-z]+$\"}");
        Run run = caracal("bench-structured", "-m", MODEL, "--schema", schema.toString(), "-r", "1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--schema").contains("'pattern'");
    }
}
