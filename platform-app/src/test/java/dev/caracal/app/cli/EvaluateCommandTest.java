package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.testing.Q8Copies;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code caracal evaluate} on stories260K and a Q8_0 copy of it. */
class EvaluateCommandTest {

    @TempDir
    static Path temporary;

    private static String base;
    private static String q8;

    @BeforeAll
    static void copy() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        base = stories.toString();
        q8 = Q8Copies.write(stories, temporary.resolve("stories260K-Q8_0.gguf")).toString();
    }

    @Test
    void printsLlamaCppsReportTwiceTheSame() {
        Run first = caracal("evaluate", base, q8, "--self-sample", "512", "--seed", "3", "-c", "128", "-t", "2");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("512 tokens, 4 chunks of 128, 252 scored positions")
                .containsPattern("Mean PPL\\(Q\\) +: +[0-9.]+ ± +[0-9.]+")
                .containsPattern("Mean ln\\(PPL\\(Q\\)/PPL\\(base\\)\\) +: +-?[0-9.]+ ± +[0-9.]+")
                .containsPattern("Mean    KLD: +[0-9.]+ ± +[0-9.]+")
                .containsPattern("99.9%   KLD: +[0-9.]+")
                .containsPattern("RMS Δp    : +[0-9.]+ ± +[0-9.]+ %")
                .containsPattern("Same top p: +[0-9.]+ ± +[0-9.]+ %")
                .containsPattern("Q8_0 +[0-9]+ tensors +[0-9,]+ weights +8.500 bits/weight");
        Run second = caracal("evaluate", base, q8, "--self-sample", "512", "--seed", "3", "-c", "128", "-t", "2");
        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void jsonHasTheFields() throws Exception {
        Path text = temporary.resolve("story.txt");
        Files.writeString(text, "Once upon a time, there was a little girl named Lily. She loved to play outside in"
                + " the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.");
        Run run = caracal("evaluate", base, base, "-f", text.toString(), "-c", "16", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        for (String field : new String[] {"tokens", "context", "chunks", "positions", "ppl_candidate",
            "ppl_candidate_error", "ppl_base", "ppl_base_error", "ln_ppl_ratio", "ln_ppl_ratio_error", "kld_mean",
            "kld_mean_error", "kld_max", "kld_p99_9", "kld_p99", "kld_p90", "kld_median", "kld_p10", "kld_p1",
            "kld_p0_1", "kld_min", "delta_p_mean", "delta_p_mean_error", "delta_p_max", "delta_p_min",
            "delta_p_median", "delta_p_rms", "delta_p_rms_error", "same_top", "same_top_error",
            "bits_per_weight"}) {
            assertThat(report.has(field)).as(field).isTrue();
        }
        assertThat(report.get("context").asInt()).isEqualTo(16);
        assertThat(report.get("kld_mean").asDouble()).isZero();
        assertThat(report.get("kld_max").asDouble()).isZero();
        assertThat(report.get("same_top").asDouble()).isEqualTo(1.0);
        assertThat(report.get("ln_ppl_ratio").asDouble()).isZero();
        JsonNode types = report.get("bits_per_weight");
        assertThat(types.get(0).get("type").asString()).isEqualTo("F32");
        assertThat(types.get(0).get("bits_per_weight").asDouble()).isEqualTo(32.0);
    }

    @Test
    void aMissingFileIsAClearError() {
        Run run = caracal("evaluate", base, temporary.resolve("absent.gguf").toString(), "--self-sample", "64");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo("caracal evaluate: no such file: "
                + temporary.resolve("absent.gguf")).doesNotContain("\tat ");
        Run text = caracal("evaluate", base, q8, "-f", temporary.resolve("absent.txt").toString());
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.err()).contains("no such file").doesNotContain("\tat ");
    }

    @Test
    void aVocabularyMismatchIsAClearError() throws Exception {
        Path other = temporary.resolve("other.gguf");
        Run written = caracal("random-model", "-o", other.toString(), "--shape", "small", "--type", "F32");
        assertThat(written.exitCode()).as(written.err()).isZero();
        Run run = caracal("evaluate", base, other.toString(), "--self-sample", "64", "-c", "32");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).startsWith("caracal evaluate: the vocabularies differ").doesNotContain("\tat ");
    }

    @Test
    void tokensComeFromAFileOrSelfSamplingButNotBoth() {
        Run both = caracal("evaluate", base, q8, "-f", "x.txt", "--self-sample", "64");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }
}
