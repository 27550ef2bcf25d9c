package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import dev.caracal.formats.testing.RandomModels;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code caracal share} on stories260K (whose output matrix is its embedding) and a random model (whose is not). */
class ShareCommandTest {

    @TempDir
    Path temporary;

    @Test
    void tiesAndPalettizesStoriesTheSameWayTwice() throws Exception {
        String stories = SharedData.require("models/stories260K.gguf").toString();
        Path first = temporary.resolve("first.gguf");
        Path second = temporary.resolve("second.gguf");
        Run run = share(stories, first.toString(), "--bits", "4", "--group-rows", "8", "--tie-embeddings");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("256 tokens, 2 chunks of 128, backend cpu, 2 threads")
                .contains("output.weight: identical to token_embd.weight")
                .containsPattern("tie output.weight +1 +- +- +- +0.000000 ± +0.000000 +100.000 ± 0.000 % +tied"
                        + " \\(≤ --max-kld 0.01\\)")
                .containsPattern("kmeans 4-bit per 8 rows +36 +4.438 +[0-9,]+ +[0-9,]+ +[0-9.]+ ± +[0-9.]+ +[0-9.]+"
                        + " ± [0-9.]+ %")
                .contains("palettes written decoded (")
                .contains("the file is not smaller; potential = 4-bit indices + F16 palettes")
                .contains("wrote " + first);
        Run again = share(stories, second.toString(), "--bits", "4", "--group-rows", "8", "--tie-embeddings");
        assertThat(withoutTimes(again.out().replace(second.toString(), first.toString())))
                .isEqualTo(withoutTimes(run.out()));
        assertThat(Files.mismatch(first, second)).isEqualTo(-1);
    }

    @Test
    void jsonReportsSizesAndQualityPerPalette() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Run run = share(stories.toString(), temporary.resolve("k3.gguf").toString(), "--bits", "3", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        assertThat(report.get("method").asString()).isEqualTo("kmeans 3-bit per tensor");
        assertThat(report.get("written").asBoolean()).isTrue();
        assertThat(report.get("tensors").asInt()).isEqualTo(37);
        assertThat(report.get("bits_per_weight").asDouble()).isEqualTo(32.0);
        assertThat(report.get("potential_bits_per_weight").asDouble()).isBetween(3.0, 3.1);
        assertThat(report.get("input_file_bytes").asLong()).isEqualTo(Files.size(stories));
        assertThat(report.get("output_file_bytes").asLong()).isEqualTo(Files.size(temporary.resolve("k3.gguf")));
        assertThat(report.get("potential_file_bytes").asLong())
                .isLessThan(report.get("output_file_bytes").asLong() / 8);
        assertThat(report.get("kld_mean").asDouble()).isPositive();
        assertThat(report.get("same_top").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.get("tie").get("embeddings").asString()).isEqualTo("identical");
        assertThat(report.get("tie").get("requested").asBoolean()).isFalse();
        assertThat(report.get("tie").get("kld_mean").isNull()).isTrue();
        assertThat(report.get("palettes")).hasSize(37).allSatisfy(palette -> {
            assertThat(palette.get("groups").asInt()).isEqualTo(1);
            assertThat(palette.get("relative_error").asDouble()).isPositive();
        });
    }

    @Test
    void tyingARandomModelCostsTooMuchAndWritesNothing() throws Exception {
        Path model = RandomModels.file(Spec.small());
        Path output = temporary.resolve("tied.gguf");
        Run run = caracal("share", model.toString(), output.toString(), "--codebook", "none", "--tie-embeddings",
                "--self-sample", "128", "-c", "64", "-t", "2");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).matches("caracal share: tying output.weight to token_embd.weight costs a mean"
                + " KLD of [0-9.]+, above --max-kld 0.01; nothing written");
        assertThat(run.out()).contains("output.weight: differs from token_embd.weight by 1.4")
                .containsPattern("tie output.weight .* refused \\(> --max-kld 0.01\\)")
                .doesNotContain("wrote");
        assertThat(output).doesNotExist();

        Run json = caracal("share", model.toString(), output.toString(), "--codebook", "none", "--tie-embeddings",
                "--self-sample", "128", "-c", "64", "-t", "2", "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode report = JsonMapper.builder().build().readTree(json.out());
        assertThat(report.get("written").asBoolean()).isFalse();
        assertThat(report.get("tie").get("refused").asBoolean()).isTrue();
        assertThat(report.get("tie").get("kld_mean").asDouble()).isGreaterThan(0.01);

        Run lenient = caracal("share", model.toString(), output.toString(), "--codebook", "none", "--tie-embeddings",
                "--max-kld", "100", "--self-sample", "128", "-c", "64", "-t", "2");
        assertThat(lenient.exitCode()).as(lenient.err()).isZero();
        assertThat(lenient.out()).containsPattern("tie output.weight .* tied \\(≤ --max-kld 100.0\\)")
                .containsPattern("weights unchanged +0 +- +[0-9,]+ +[0-9,]+ +[0-9.]+ ±");
        assertThat(output).exists();
    }

    @Test
    void badOptionsAreClearErrors() {
        String stories = SharedData.require("models/stories260K.gguf").toString();
        String output = temporary.resolve("x.gguf").toString();
        Run codebook = share(stories, output, "--codebook", "lut");
        assertThat(codebook.exitCode()).isEqualTo(2);
        assertThat(codebook.err()).contains("unknown --codebook 'lut'; use kmeans, iq4_nl or none");
        Run bits = share(stories, output, "--bits", "9");
        assertThat(bits.exitCode()).isEqualTo(2);
        assertThat(bits.err()).contains("--bits must be 1 to 8");
        Run nothing = share(stories, output, "--codebook", "none");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("shares nothing without --tie-embeddings");
        Run missing = share(temporary.resolve("absent.gguf").toString(), output);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("caracal share: no such file: " + temporary.resolve("absent.gguf"));
        Run noTokens = caracal("share", stories, output);
        assertThat(noTokens.exitCode()).isEqualTo(2);
        assertThat(noTokens.err()).contains("--self-sample");
        assertThat(Path.of(output)).doesNotExist();
    }

    /** {@code caracal share IN OUT} with 256 self-sampled tokens (seed 3) in chunks of 128 on two CPU threads. */
    private static Run share(String input, String output, String... options) {
        String[] fixed = {"share", input, output, "--self-sample", "256", "--seed", "3", "-c", "128", "-t", "2",
            "--backend", "cpu"};
        String[] arguments = new String[fixed.length + options.length];
        System.arraycopy(fixed, 0, arguments, 0, fixed.length);
        System.arraycopy(options, 0, arguments, fixed.length, options.length);
        return caracal(arguments);
    }

    private static String withoutTimes(String text) {
        return text.replaceAll(" in [0-9.]+ s", "");
    }
}
