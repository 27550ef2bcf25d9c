package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.testing.SharedData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * bench-serve on stories260K with tiny settings: the gateway it starts and the engine in process both measured at each
 * concurrency, every request generating the length it was given (end-of-generation ignored over HTTP too).
 */
class BenchServeCommandTest {

    @Test
    void benchServeMeasuresTheEngineAndTheHttpPathSideBySide() {
        Run run = caracal("bench-serve", "-m", SharedData.require("models/stories260K.gguf").toString(), "--json",
                "-t", "1", "--prompt-tokens", "8", "--max-tokens", "12", "--range-ratio", "0",
                "--concurrency", "1,3", "--requests-per-client", "2", "-r", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        JsonNode levels = report.get("levels");
        assertThat(levels.size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            JsonNode level = levels.get(i);
            assertThat(level.get("target").asString()).isEqualTo(i % 2 == 0 ? "engine" : "http");
            assertThat(level.get("concurrency").asInt()).isEqualTo(i < 2 ? 1 : 3);
            int requests = Math.max(16, level.get("concurrency").asInt() * 2);
            assertThat(level.get("requests").asInt()).isEqualTo(requests);
            assertThat(level.get("output_tokens").asLong()).as("every request generated its 12 tokens")
                    .isEqualTo(requests * 12L);
            assertThat(level.get("time_to_first_token").get("p50").asDouble()).isPositive();
            assertThat(level.get("time_per_output_token").get("p99").asDouble())
                    .isGreaterThanOrEqualTo(level.get("time_per_output_token").get("p50").asDouble());
            assertThat(level.get("output_tokens_per_second").asDouble()).isPositive();
        }
        assertThat(report.get("http_tpot_overhead").has("1")).isTrue();
        assertThat(report.get("summary").get("architecture").asString()).isEqualTo("llama");
    }

    @Test
    void benchServeNeedsAModelOrAUrl() {
        Run neither = caracal("bench-serve");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("give either -m FILE");
        Run noName = caracal("bench-serve", "--url", "http://127.0.0.1:1");
        assertThat(noName.exitCode()).isEqualTo(2);
        assertThat(noName.err()).contains("--served-model");
    }
}
