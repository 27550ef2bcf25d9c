package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.quantize.GgufQuantizer;
import dev.caracal.formats.quantize.QuantizationType;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import dev.caracal.formats.testing.RandomModels;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.tools.prune.StructuredPruning;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code caracal distill} of stories260K without block 2: text and JSON reports, and what it refuses. */
class DistillCommandTest {

    @TempDir
    static Path temporary;

    static String teacher;
    static Path student;

    @BeforeAll
    static void dropBlockTwo() throws Exception {
        teacher = SharedData.require("models/stories260K.gguf").toString();
        student = temporary.resolve("dropped-2.gguf");
        StructuredPruning.dropLayers(Path.of(teacher), student, List.of(2), null);
    }

    @Test
    void distillsBesideCrossEntropyAloneAndSaysByHowMuch() throws Exception {
        Path output = temporary.resolve("distilled.gguf");
        Run run = distill(student.toString(), output.toString(), "--compare-ce");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("teacher " + teacher + ", student " + student + "; 16 training sequences of 128 tokens"
                        + " (seed 1), 512 evaluation tokens (seed 2); backend cpu, 2 threads")
                .containsPattern("before +- +- +- +[0-9.]+ ± +[0-9.]+ +[0-9.]+ ± +[0-9.]+ % +[0-9.]+ ± [0-9.]+")
                .containsPattern("distilled \\(T 1, A 0\\) +10 +5,120 +[0-9.]+ +[0-9.]+ ± ")
                .containsPattern("cross-entropy only +10 +5,120 +[0-9.]+ +[0-9.]+ ± ")
                .containsPattern("mean KLD (cut|raised) by [0-9.]+ % \\(cross-entropy only: -?[0-9.]+ %\\)")
                .contains("wrote " + output);
        try (GgufFile file = GgufFile.open(output)) {
            assertThat(file.metadata().findString("caracal.distill.method")).contains("logit-kl");
            assertThat(file.metadata().findString("caracal.distill.teacher")).contains("stories260K.gguf");
        }
    }

    @Test
    void jsonGivesBeforeAndAfter() throws Exception {
        Run run = distill(student.toString(), temporary.resolve("json.gguf").toString(), "--temperature", "2",
                "--ce-weight", "0.25", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        assertThat(report.get("temperature").asDouble()).isEqualTo(2.0);
        assertThat(report.get("ce_weight").asDouble()).isEqualTo(0.25);
        assertThat(report.get("training_sequences").asInt()).isEqualTo(16);
        assertThat(report.get("before").get("positions").asInt()).isEqualTo(4 * 63);
        assertThat(report.get("before").get("kld_mean").asDouble()).isPositive();
        JsonNode distilled = report.get("distilled");
        assertThat(distilled.get("steps").asInt()).isEqualTo(10);
        assertThat(distilled.get("tokens_seen").asInt()).isEqualTo(10 * 4 * 128);
        assertThat(distilled.get("kld_mean").asDouble()).isPositive();
        assertThat(distilled.get("same_top").asDouble()).isBetween(0.0, 1.0);
        assertThat(distilled.get("perplexity_ratio").asDouble()).isPositive();
        assertThat(distilled.get("kld_cut").asDouble()).isLessThan(1.0);
        assertThat(report.get("cross_entropy_only").isNull()).isTrue();
    }

    @Test
    void refusesAnotherTokenizerAQuantizedStudentAndBadOptions() throws Exception {
        Path output = temporary.resolve("refused.gguf");
        Path random = RandomModels.file(Spec.small());
        Run otherTokenizer = distill(random.toString(), output.toString());
        assertThat(otherTokenizer.exitCode()).isEqualTo(1);
        assertThat(otherTokenizer.err()).startsWith("caracal distill: the tokenizers differ at token ")
                .contains("distillation needs the same tokenizer");
        Path quantized = temporary.resolve("dropped-2-q8_0.gguf");
        GgufQuantizer.quantize(student, quantized, GgufQuantizer.Options.of(QuantizationType.find("Q8_0")
                .orElseThrow()), null);
        Run quantizedStudent = distill(quantized.toString(), output.toString());
        assertThat(quantizedStudent.exitCode()).isEqualTo(1);
        assertThat(quantizedStudent.err()).contains("(Q8_0); distill trains F32, F16 or BF16 weights");
        Run weight = distill(student.toString(), output.toString(), "--ce-weight", "1.5");
        assertThat(weight.exitCode()).isEqualTo(2);
        assertThat(weight.err()).contains("the cross-entropy weight 0 to 1");
        Run seeds = distill(student.toString(), output.toString(), "--evaluation-seed", "1");
        assertThat(seeds.exitCode()).isEqualTo(2);
        assertThat(seeds.err()).contains("the training and evaluation seeds must differ");
        assertThat(output).doesNotExist();
    }

    @Test
    void healsARandomWeightShapeWithALayerDropped() throws Exception {
        // width 256, 2 blocks, FFN 768, a synthetic 512-token vocabulary, F32; the student keeps block 0
        Path randomTeacher = RandomModels.file(Spec.small());
        Path randomStudent = temporary.resolve("random-dropped-1.gguf");
        Run dropped = caracal("prune", randomTeacher.toString(), randomStudent.toString(), "--drop-layers", "1",
                "--eval-tokens", "128", "-c", "128", "-t", "2", "--backend", "cpu");
        assertThat(dropped.exitCode()).as(dropped.err()).isZero();
        Path output = temporary.resolve("random-distilled.gguf");
        Run run = caracal("distill", randomTeacher.toString(), randomStudent.toString(), "-o", output.toString(),
                "--minutes", "0", "--steps", "4", "--batch", "2", "--self-sample", "512", "--evaluation-tokens",
                "256", "-t", "2", "--backend", "cpu", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        assertThat(report.get("before").get("kld_mean").asDouble()).isPositive();
        assertThat(report.get("distilled").get("steps").asInt()).isEqualTo(4);
        assertThat(report.get("distilled").get("kld_mean").asDouble()).isPositive().isFinite();
        try (GgufFile file = GgufFile.open(output)) {
            assertThat(file.metadata().findLong("llama.block_count")).contains(1L);
            assertThat(file.metadata().findString("caracal.distill.method")).contains("logit-kl");
        }
        Run inspected = caracal("inspect", output.toString());
        assertThat(inspected.exitCode()).as(inspected.err()).isZero();
    }

    private static Run distill(String studentPath, String output, String... options) {
        String[] fixed = {"distill", teacher, studentPath, "-o", output, "--minutes", "0", "--steps", "10",
            "--batch", "4", "--self-sample", "2048", "--evaluation-tokens", "512", "-t", "2", "--backend", "cpu"};
        String[] arguments = new String[fixed.length + options.length];
        System.arraycopy(fixed, 0, arguments, 0, fixed.length);
        System.arraycopy(options, 0, arguments, fixed.length, options.length);
        return caracal(arguments);
    }
}
