package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.prune.GgufPruner;
import dev.caracal.formats.prune.SparsityPattern;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import dev.caracal.formats.testing.RandomModels;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code caracal prune} on stories260K: text and JSON reports, the written file, and what it refuses. */
class PruneCommandTest {

    @TempDir
    Path temporary;

    @Test
    void magnitudeNeedsNoCalibrationAndSaysWhatSparsityDoesNotSave() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Path output = temporary.resolve("m10.gguf");
        Run run = prune(stories.toString(), output.toString(), "--method", "magnitude", "--sparsity", "0.1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("method magnitude, 10% of every matrix, spread evenly over its rows")
                .contains("calibration: none (magnitude needs no activations)")
                .contains("evaluation: self-sample:256:seed=43, 256 tokens, 2 chunks of 128, backend cpu, 2 threads")
                // 35 block matrices, 226,560 weights: per block round(10% of 4096) = 410 of attn_q and
                // attn_output, 205 of attn_k and attn_v, 1101 of each FFN matrix: 5 × 4533
                .containsPattern("magnitude +10% +35 +226,560 +22,665 +10.003972% +[0-9.]+ ± +[0-9.]+ +[0-9.]+ ±"
                        + " [0-9.]+ %")
                .contains("token_embd.weight and output.weight kept dense")
                .contains("Unstructured sparsity saves neither in GGUF today: there is no sparse tensor type (the zeros"
                        + " are stored as weights, so OUT is as large as IN)")
                .contains("llama.cpp, like Caracal, has no sparse CPU kernels")
                .contains("wrote " + output);
        try (GgufFile file = GgufFile.open(output)) {
            assertThat(file.metadata().findString("caracal.prune.method")).contains("magnitude");
        }
    }

    @Test
    void sparseGptTwoOfFourAsJsonWritesExactGroupsInTheSameTypes() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Path output = temporary.resolve("s24.gguf");
        Run run = prune(stories.toString(), output.toString(), "--method", "sparsegpt", "--pattern", "2:4",
                "--self-sample", "256", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        assertThat(report.get("method").asString()).isEqualTo("sparsegpt");
        assertThat(report.get("pattern").asString()).isEqualTo("2:4");
        assertThat(report.get("tensors").asInt()).isEqualTo(35);
        assertThat(report.get("elements").asLong()).isEqualTo(226_560);
        assertThat(report.get("zeroed").asLong()).isEqualTo(113_280);
        assertThat(report.get("sparsity").asDouble()).isEqualTo(0.5);
        assertThat(report.get("calibration").get("source").asString()).isEqualTo("self-sample:256:seed=42");
        assertThat(report.get("evaluation").asString()).isEqualTo("self-sample:256:seed=43");
        assertThat(report.get("kld_mean").asDouble()).isPositive();
        assertThat(report.get("same_top").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.get("note").asString()).contains("not measured: no 2:4 kernel");
        assertThat(report.get("pruned")).hasSize(35);
        try (GgufFile in = GgufFile.open(stories); GgufFile out = GgufFile.open(output)) {
            assertThat(out.metadata().findString("caracal.prune.pattern")).contains("2:4");
            List<GgufTensorInfo> tensors = out.tensors();
            assertThat(tensors).hasSameSizeAs(in.tensors());
            for (int i = 0; i < tensors.size(); i++) {
                GgufTensorInfo tensor = tensors.get(i);
                assertThat(tensor.name()).isEqualTo(in.tensors().get(i).name());
                assertThat(tensor.format()).isEqualTo(in.tensors().get(i).format());
                if (tensor.name().startsWith("blk.") && tensor.dimensions().length == 2) {
                    float[] values = new float[(int) tensor.elementCount()];
                    QuantCodecs.of(tensor.format()).dequantize(out.tensorData(tensor), 0, values, 0, values.length);
                    for (int group = 0; group < values.length; group += 4) {
                        int zeros = 0;
                        for (int c = group; c < group + 4; c++) {
                            zeros += values[c] == 0 ? 1 : 0;
                        }
                        assertThat(zeros).as("%s at %d", tensor.name(), group).isEqualTo(2);
                    }
                }
            }
        }
    }

    @Test
    void refusesQuantizedInputBadPatternsAndMissingCalibration() throws Exception {
        String stories = SharedData.require("models/stories260K.gguf").toString();
        Path q8 = temporary.resolve("q8.gguf");
        assertThat(caracal("quantize", stories, q8.toString(), "Q8_0").exitCode()).isZero();
        String output = temporary.resolve("x.gguf").toString();

        Run quantized = prune(q8.toString(), output, "--method", "magnitude", "--sparsity", "0.5");
        assertThat(quantized.exitCode()).isEqualTo(1);
        assertThat(quantized.err().strip())
                .isEqualTo("caracal prune: q8.gguf is Q8_0 already; prune F32, F16 or BF16 weights (then quantize)");

        Run fourOfEight = prune(stories, output, "--method", "magnitude", "--pattern", "4:8");
        assertThat(fourOfEight.exitCode()).isEqualTo(1);
        assertThat(fourOfEight.err().strip()).isEqualTo("caracal prune: blk.0.ffn_down.weight has rows of 172"
                + " columns, not whole groups of 8 for 4:8");

        Run unknown = prune(stories, output, "--method", "obs", "--sparsity", "0.5");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown --method 'obs'; use magnitude, wanda or sparsegpt");

        Run noCalibration = prune(stories, output, "--method", "wanda", "--sparsity", "0.5");
        assertThat(noCalibration.exitCode()).isEqualTo(2);
        assertThat(noCalibration.err()).contains("--self-sample");

        Run sameSeed = prune(stories, output, "--method", "wanda", "--sparsity", "0.5", "--self-sample", "128",
                "--eval-seed", "42");
        assertThat(sameSeed.exitCode()).isEqualTo(2);
        assertThat(sameSeed.err()).contains("--eval-seed must differ from --seed");

        Run tooMuch = prune(stories, output, "--method", "magnitude", "--sparsity", "1.5");
        assertThat(tooMuch.exitCode()).isEqualTo(2);
        assertThat(tooMuch.err()).contains("sparsity must be at least 0 and below 1");

        Run reversed = prune(stories, output, "--method", "magnitude", "--pattern", "4:2");
        assertThat(reversed.exitCode()).isEqualTo(2);
        assertThat(reversed.err()).contains("N:M needs 1 ≤ N < M");

        Run both = prune(stories, output, "--method", "magnitude", "--pattern", "2:4", "--sparsity", "0.5");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(Path.of(output)).doesNotExist();
        assertThat(Files.exists(q8)).isTrue();
    }

    @Test
    void wandaAndSparseGptPruneARandomWeightShapeBlockByBlock() throws Exception {
        // width 256, 2 blocks, 4 heads of 64 (2 key/value), FFN 768, F32: 14 matrices of 1,572,864 weights;
        // 30% is round(0.3 × weights) per matrix: 19,661 of attn_q and attn_output, 9,830 of attn_k and attn_v, 58,982
        // of each FFN matrix
        Path random = RandomModels.file(Spec.small());
        Path wanda = temporary.resolve("random-wanda.gguf");
        Run run = prune(random.toString(), wanda.toString(), "--method", "wanda", "--sparsity", "0.3",
                "--self-sample", "256", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        assertThat(report.get("tensors").asInt()).isEqualTo(14);
        assertThat(report.get("elements").asLong()).isEqualTo(1_572_864);
        assertThat(report.get("zeroed").asLong()).isEqualTo(471_856);
        assertThat(report.get("calibration").get("passes").asInt()).isEqualTo(2);
        assertThat(report.get("kld_mean").asDouble()).isPositive();
        assertExactRows(wanda, 0.3);

        Path sparseGpt = temporary.resolve("random-sparsegpt.gguf");
        Run text = prune(random.toString(), sparseGpt.toString(), "--method", "sparsegpt", "--pattern", "4:8",
                "--self-sample", "256");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("method sparsegpt, 4:8 (4 nonzero in every 8 consecutive columns)")
                .contains("block by block (2 passes, each on the model pruned up to its block)")
                .containsPattern("sparsegpt +4:8 +14 +1,572,864 +786,432 +50.000000% ");
        try (GgufFile file = GgufFile.open(sparseGpt)) {
            assertThat(file.metadata().findString("caracal.prune.pattern")).contains("4:8");
        }
        try (var left = Files.list(temporary)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("caracal-prune-calibration-"));
        }
    }

    /** Every pruned row of {@code file} has exactly its share of zeros, and every matrix round(fraction × weights). */
    private static void assertExactRows(Path file, double fraction) throws Exception {
        SparsityPattern pattern = SparsityPattern.unstructured(fraction);
        try (GgufFile gguf = GgufFile.open(file)) {
            for (GgufTensorInfo tensor : gguf.tensors()) {
                if (!GgufPruner.isPruned(tensor)) {
                    continue;
                }
                int columns = (int) tensor.dimensions()[0];
                float[] values = new float[(int) tensor.elementCount()];
                QuantCodecs.of(tensor.format()).dequantize(gguf.tensorData(tensor), 0, values, 0, values.length);
                long total = 0;
                for (int row = 0; row < values.length / columns; row++) {
                    int zeros = 0;
                    for (int c = row * columns; c < (row + 1) * columns; c++) {
                        zeros += values[c] == 0 ? 1 : 0;
                    }
                    assertThat(zeros).as("%s row %d", tensor.name(), row).isEqualTo(pattern.zeroedInRow(row, columns));
                    total += zeros;
                }
                assertThat(total).as(tensor.name()).isEqualTo(Math.round(fraction * values.length));
            }
        }
    }

    @Test
    void dropsTheLayerOfLeastBlockInfluenceAndTheFileShrinks() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Path output = temporary.resolve("drop.gguf");
        Run run = prune(stories.toString(), output.toString(), "--drop-layers", "auto", "--self-sample", "256");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .containsPattern("block influence \\(1 - cos\\(x_in, x_out\\)\\) by layer: \\[(0\\.[0-9]{4}, ){4}0\\.[0-9]{4}\\]")
                .contains("dropped layers: [2]")
                .contains("shape: 5 blocks, 8 heads (4 key/value) of 8, FFN 172 -> 4 blocks, 8 heads (4 key/value) of 8,"
                        + " FFN 172")
                .containsPattern("mean KLD [0-9.]+ ± [0-9.]+, same top [0-9.]+ ± [0-9.]+ %, PPL ratio [0-9.]+")
                .containsPattern("wrote .*drop.gguf \\([0-9,]+ bytes, 8[0-9]\\.[0-9]% of IN\\)");
        try (GgufFile file = GgufFile.open(output)) {
            assertThat(file.metadata().findLong("llama.block_count")).contains(4L);
        }
        assertThat(Files.size(output)).isLessThan(Files.size(stories));

        Path narrowed = temporary.resolve("ffn.gguf");
        Run json = prune(stories.toString(), narrowed.toString(), "--ffn-width", "128", "--self-sample", "256",
                "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(json.out());
        assertThat(report.get("operation").asString()).isEqualTo("narrow_feed_forward");
        assertThat(report.get("before").get("feed_forward_length").asInt()).isEqualTo(172);
        assertThat(report.get("after").get("feed_forward_length").asInt()).isEqualTo(128);
        assertThat(report.get("output_file_bytes").asLong()).isLessThan(report.get("input_file_bytes").asLong());
        assertThat(report.get("kld_mean").asDouble()).isPositive();
    }

    @Test
    void listedLayersNeedNoCalibrationAndMixingKindsIsRefused() {
        String stories = SharedData.require("models/stories260K.gguf").toString();
        Path output = temporary.resolve("listed.gguf");
        Run listed = prune(stories, output.toString(), "--drop-layers", "0,4");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("dropped layers: [0, 4]").contains("-> 3 blocks");

        String other = temporary.resolve("other.gguf").toString();
        Run mixed = prune(stories, other, "--method", "magnitude", "--sparsity", "0.1", "--drop-layers", "1");
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err()).contains("give them without --method");
        Run twoKinds = prune(stories, other, "--drop-layers", "1", "--ffn-width", "100");
        assertThat(twoKinds.exitCode()).isEqualTo(2);
        assertThat(twoKinds.err()).contains("mutually exclusive");
        Run badList = prune(stories, other, "--drop-layers", "two");
        assertThat(badList.exitCode()).isEqualTo(2);
        assertThat(badList.err()).contains("is not auto, auto:N or a list of layer numbers");
        Run outOfRange = prune(stories, other, "--drop-layers", "7");
        assertThat(outOfRange.exitCode()).isEqualTo(1);
        assertThat(outOfRange.err()).startsWith("caracal prune: ").doesNotContain("\tat ");
        Run nothing = prune(stories, other);
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("give --method with --sparsity or --pattern, or one of");
        assertThat(Path.of(other)).doesNotExist();
    }

    /** {@code caracal prune IN OUT} evaluated on 256 tokens (seed 43) in chunks of 128 on two CPU threads. */
    private static Run prune(String input, String output, String... options) {
        String[] fixed = {"prune", input, output, "--eval-tokens", "256", "-c", "128", "-t", "2", "--backend", "cpu"};
        String[] arguments = new String[fixed.length + options.length];
        System.arraycopy(fixed, 0, arguments, 0, fixed.length);
        System.arraycopy(options, 0, arguments, fixed.length, options.length);
        return caracal(arguments);
    }
}
