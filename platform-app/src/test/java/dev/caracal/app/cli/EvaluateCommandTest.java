package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.testing.Q8Copies;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.tools.quality.KlDivergenceBaseFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code caracal evaluate} on stories260K and a Q8_0 copy of it. */
class EvaluateCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
                .containsPattern("Q8_0 +[0-9]+ tensors +[0-9,]+ weights +8.500 bits/weight")
                .containsPattern("base     : +[0-9.]+ tokens/s\ncandidate: +[0-9.]+ tokens/s");
        Run second = caracal("evaluate", base, q8, "--self-sample", "512", "--seed", "3", "-c", "128", "-t", "2");
        assertThat(withoutSpeed(second.out())).as("the same but for the speed").isEqualTo(withoutSpeed(first.out()));
    }

    @Test
    void jsonHasTheFields() throws Exception {
        Run run = caracal("evaluate", base, base, "-f", story().toString(), "-c", "16", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode report = JSON.readTree(run.out());
        for (String field : new String[] {"tokens", "context", "chunks", "positions", "ppl_candidate",
            "ppl_candidate_error", "ppl_base", "ppl_base_error", "ln_ppl_ratio", "ln_ppl_ratio_error", "kld_mean",
            "kld_mean_error", "kld_max", "kld_p99_9", "kld_p99", "kld_p90", "kld_median", "kld_p10", "kld_p1",
            "kld_p0_1", "kld_min", "delta_p_mean", "delta_p_mean_error", "delta_p_max", "delta_p_min",
            "delta_p_median", "delta_p_rms", "delta_p_rms_error", "same_top", "same_top_error",
            "bits_per_weight"}) {
            assertThat(report.has(field)).as(field).isTrue();
        }
        assertThat(report.get("base_tokens_per_second").asDouble()).isPositive();
        assertThat(report.get("candidate_tokens_per_second").asDouble()).isPositive();
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
        Run neither = caracal("evaluate", base, q8);
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("Missing required argument").contains("--self-sample");
    }

    @Test
    void savesTheBaseLogProbabilitiesAndComparesACandidateWithThem() throws Exception {
        Path file = temporary.resolve("base.kld");
        Run saved = caracal("evaluate", base, "--kl-divergence-base", file.toString(), "--self-sample", "512",
                "--seed", "3", "-c", "128", "-t", "2");
        assertThat(saved.exitCode()).as(saved.err()).isZero();
        long bytes = 20 + 4L * 512 + 2L * 4 * 63 * (512 + 4);
        assertThat(file).hasSize(bytes);
        assertThat(saved.out())
                .contains("512 tokens, 4 chunks of 128, 252 scored positions")
                .containsPattern("Final estimate: PPL = [0-9.]+ ± [0-9.]+")
                .contains(String.format("wrote the log-probabilities of 252 positions to %s (%,d bytes)", file, bytes));

        Run fromFile = caracal("evaluate", "--kl-divergence-base", file.toString(), q8, "-t", "2", "--json");
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        Run twoModels = caracal("evaluate", base, q8, "--self-sample", "512", "--seed", "3", "-c", "128", "-t", "2",
                "--json");
        JsonNode againstFile = JSON.readTree(fromFile.out());
        JsonNode againstBase = JSON.readTree(twoModels.out());
        assertThat(againstFile.get("base").asString()).isEqualTo(file.toString());
        assertThat(againstFile.get("context").asInt()).isEqualTo(128);
        assertThat(againstFile.get("positions").asInt()).isEqualTo(252);
        assertThat(againstFile.get("ppl_candidate").asDouble())
                .isCloseTo(againstBase.get("ppl_candidate").asDouble(), within(1e-5));
        // each stored log-probability is within half a 16-bit step (at most 8/65535) of the exact one
        assertThat(againstFile.get("kld_mean").asDouble()).isPositive()
                .isCloseTo(againstBase.get("kld_mean").asDouble(), within(3 * 8.0 / 65535));

        Run text = caracal("evaluate", "--kl-divergence-base", file.toString(), q8, "-c", "128", "--chunks", "2");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("base log-probabilities " + file + ", candidate " + q8)
                .contains("512 tokens, 2 chunks of 128, 126 scored positions")
                .containsPattern("Mean    KLD: +[0-9.]+ ± +[0-9.]+");

        Run json = caracal("evaluate", base, "--kl-divergence-base", temporary.resolve("text.kld").toString(),
                "-f", story().toString(), "-c", "16", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode written = JSON.readTree(json.out());
        for (String field : new String[] {"base", "kl_divergence_base", "tokens", "context", "chunks", "positions",
            "ppl", "ppl_error", "bytes", "backend", "threads"}) {
            assertThat(written.has(field)).as(field).isTrue();
        }
        assertThat(written.get("positions").asInt()).isEqualTo(written.get("chunks").asInt() * 7);
    }

    @Test
    void aBaseFileThatDoesNotFitIsAClearError() throws Exception {
        Path file = temporary.resolve("fit.kld");
        Run saved = caracal("evaluate", base, "--kl-divergence-base", file.toString(), "--self-sample", "128",
                "-c", "64");
        assertThat(saved.exitCode()).as(saved.err()).isZero();

        Run context = caracal("evaluate", "--kl-divergence-base", file.toString(), q8, "-c", "128");
        assertThat(context.exitCode()).isEqualTo(1);
        assertThat(context.err().strip()).isEqualTo("caracal evaluate: " + file
                + " holds chunks of 64 tokens, not 128; leave -c out or give -c 64");

        Path seven = temporary.resolve("seven-tokens.kld");
        try (KlDivergenceBaseFile.Writer writer = new KlDivergenceBaseFile.Writer(seven, 8, 7, 1, new int[8])) {
            for (int i = 0; i < KlDivergenceBaseFile.scoredPositions(8); i++) {
                writer.write(KlDivergenceBaseFile.StoredLogProbabilities.compress(new float[7]));
            }
        }
        Run vocabulary = caracal("evaluate", "--kl-divergence-base", seven.toString(), q8);
        assertThat(vocabulary.exitCode()).isEqualTo(1);
        assertThat(vocabulary.err().strip()).isEqualTo("caracal evaluate: " + seven + " holds distributions over 7"
                + " tokens, the candidate's vocabulary has 512");

        Path truncated = temporary.resolve("truncated.kld");
        byte[] whole = Files.readAllBytes(file);
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 100));
        Run cut = caracal("evaluate", "--kl-divergence-base", truncated.toString(), q8);
        assertThat(cut.exitCode()).isEqualTo(1);
        assertThat(cut.err()).startsWith("caracal evaluate: " + truncated + " is truncated: ")
                .doesNotContain("\tat ");

        Path garbled = temporary.resolve("garbled.kld");
        Files.write(garbled, Arrays.copyOf(Files.readAllBytes(Path.of(base)), 4096));
        Run notLogits = caracal("evaluate", "--kl-divergence-base", garbled.toString(), q8);
        assertThat(notLogits.exitCode()).isEqualTo(1);
        assertThat(notLogits.err()).startsWith("caracal evaluate: " + garbled
                + " is not a llama.cpp --kl-divergence-base file: it starts with bytes 47 47 55 46").doesNotContain(
                "\tat ");

        Run missing = caracal("evaluate", "--kl-divergence-base", temporary.resolve("absent.kld").toString(), q8);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("caracal evaluate: no such file: "
                + temporary.resolve("absent.kld"));
    }

    @Test
    void theModelsAndTheBaseFileGoTogetherOneWay() {
        Run twoAndFile = caracal("evaluate", base, q8, "--kl-divergence-base", "x.kld", "--self-sample", "64");
        assertThat(twoAndFile.exitCode()).isEqualTo(2);
        assertThat(twoAndFile.err()).contains("--kl-divergence-base takes one model");
        Run oneAlone = caracal("evaluate", base, "--self-sample", "64");
        assertThat(oneAlone.exitCode()).isEqualTo(2);
        assertThat(oneAlone.err()).contains("give BASE and CANDIDATE, or one model with --kl-divergence-base FILE");
    }

    private static Path story() throws Exception {
        Path text = temporary.resolve("story.txt");
        Files.writeString(text, "Once upon a time, there was a little girl named Lily. She loved to play outside in"
                + " the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.");
        return text;
    }

    /** The report without its speed section, the one part that differs between runs. */
    private static String withoutSpeed(String report) {
        int speed = report.indexOf("====== Speed");
        assertThat(speed).as("a speed section").isPositive();
        return report.substring(0, speed);
    }
}
