package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.testing.RandomModels;
import dev.caracal.formats.random.RandomModelWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** bench-engine on a small random Q4_0 model with tiny settings. */
class BenchEngineCommandTest {

    private static String smallModel() {
        return RandomModels.file(RandomModelWriter.Spec.small().withFormats(QuantFormat.Q4_0, Optional.empty())
                .withName("bench-engine-small-q4_0")).toString();
    }

    @Test
    void benchEnginePrintsOneJsonObjectWithEveryMeasurement() {
        Run run = caracal("bench-engine", "-m", smallModel(), "--json", "-t", "1", "--prompt-tokens", "8",
                "--max-tokens", "6", "--concurrency", "1,2,4", "--prefix-tokens", "64", "--prefill-tokens", "32",
                "-r", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = JsonMapper.builder().build().readTree(run.out());
        assertThat(result.get("prefill_tokens_per_second").asDouble()).isPositive();
        assertThat(result.get("ttft_cold_seconds").asDouble()).isPositive();
        assertThat(result.get("ttft_cached_prefix_seconds").asDouble()).isPositive();
        assertThat(result.get("cached_prefix_tokens").asInt()).isEqualTo(64);
        assertThat(result.get("threads").asInt()).isEqualTo(1);
        JsonNode streams = result.get("streams");
        assertThat(streams.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(streams.get(i).get("concurrency").asInt()).isEqualTo(1 << i);
            assertThat(streams.get(i).get("generation_tokens_per_second").asDouble()).isPositive();
        }
        assertThat(result.get("preemptions").asLong()).isZero();
    }

    @Test
    void benchEngineTextNamesTheMeasurementsAndRefusesBadOptions() {
        Run run = caracal("bench-engine", "-m", smallModel(), "-t", "1", "--prompt-tokens", "4", "--max-tokens", "3",
                "--concurrency", "2", "--prefix-tokens", "0", "--prefill-tokens", "16", "-r", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("prompt processing (16 tokens)").contains("    2: ")
                .doesNotContain("time to first token");
        Run bad = caracal("bench-engine", "-m", smallModel(), "--max-tokens", "1");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("max tokens ≥ 2");
    }
}
