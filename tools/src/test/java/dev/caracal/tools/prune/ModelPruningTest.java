package dev.caracal.tools.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.prune.GgufPruner;
import dev.caracal.formats.prune.PruningMethod;
import dev.caracal.formats.prune.SparsityPattern;
import dev.caracal.formats.quantize.GgufQuantizer;
import dev.caracal.formats.quantize.QuantizationType;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.tools.prune.ModelPruning.Calibration;
import dev.caracal.tools.prune.ModelPruning.Evaluation;
import dev.caracal.tools.prune.ModelPruning.Plan;
import dev.caracal.tools.prune.ModelPruning.Report;
import dev.caracal.tools.quality.KlDivergenceEvaluation.Input;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pruning stories260K by each method: the KL divergence each costs against the dense model on self-sampled tokens,
 * exact zeros per row in the written file, the same bytes for the same seed.
 *
 * <p>Measured (calibration 2048 tokens self-sampled with seed 7, block by block; evaluation 2048 with seed 8; chunks of
 * 512, CPU), mean KLD magnitude / wanda / sparsegpt: 10%: 0.0100 / 0.0076 / 0.0061; 20%: 0.0712 / 0.0559 / 0.0453.
 * The report's larger samples (8,192 and 16,384 tokens) give 0.0596 for Wanda at 20%: the bound of 0.06 is tight.
 */
class ModelPruningTest {

    private static final Input CALIBRATION = Input.selfSample(2048, 7);
    private static final Input EVALUATION = Input.selfSample(2048, 8);
    private static final int CONTEXT = 512;

    @TempDir
    Path temporary;

    @Test
    void tenAndTwentyPercentCostWhatThePapersLeadUsToExpect() throws IOException {
        Path stories = SharedData.require("models/stories260K.gguf");
        Map<String, Double> klds = new TreeMap<>();
        try (Evaluation evaluation = Evaluation.open(stories, EVALUATION, "cpu", 2, CONTEXT, 0)) {
            for (double sparsity : new double[] {0.1, 0.2}) {
                for (PruningMethod method : PruningMethod.values()) {
                    GgufPruner.Options options = GgufPruner.Options.of(method, SparsityPattern.unstructured(sparsity));
                    // block by block: each block's activations come from the model pruned before it
                    Calibration calibration = method.needsCalibration() ? ModelPruning.calibrate(stories,
                            CALIBRATION, options, temporary, "cpu", 2, CONTEXT, 0, null) : Calibration.none();
                    assertThat(calibration.statistics()).hasSize(method.needsCalibration() ? 35 : 0);
                    Path output = temporary.resolve(method.label() + "-" + sparsity + ".gguf");
                    GgufPruner.Result pruned = ModelPruning.write(stories, output, options, calibration, null);
                    assertThat(pruned.tensors()).hasSize(35);
                    klds.put(sparsity + " " + method.label(), evaluation.against(output, null).kld().value());
                }
            }
        }
        try (var left = Files.list(temporary)) {
            assertThat(left.map(path -> path.getFileName().toString())).noneMatch(name -> name.contains("scratch")
                    || name.startsWith("caracal-prune-calibration-"));
        }
        System.out.printf(Locale.ROOT, "stories260K mean KLD: %s%n", klds);
        for (PruningMethod method : PruningMethod.values()) {
            assertThat(klds.get("0.1 " + method.label())).as("10%% %s", method).isPositive()
                    .isLessThanOrEqualTo(0.012);
        }
        double magnitude = klds.get("0.2 magnitude");
        assertThat(klds.get("0.2 wanda")).isLessThanOrEqualTo(0.06).isLessThan(magnitude);
        assertThat(klds.get("0.2 sparsegpt")).isLessThanOrEqualTo(0.06).isLessThan(magnitude);
    }

    @Test
    void theSameSeedGivesTheSameBytesAndEveryRowItsExactZeros() throws IOException {
        Path stories = SharedData.require("models/stories260K.gguf");
        Plan plan = new Plan(PruningMethod.SPARSEGPT, SparsityPattern.unstructured(0.3));
        Input calibration = Input.selfSample(256, 5);
        Input evaluation = Input.selfSample(128, 6);
        Path first = temporary.resolve("first.gguf");
        Path second = temporary.resolve("second.gguf");
        Report report = ModelPruning.run(stories, first, plan, calibration, evaluation, "cpu", 2, 128, 0, null);
        ModelPruning.run(stories, second, plan, calibration, evaluation, "cpu", 2, 128, 0, null);
        assertThat(Files.mismatch(first, second)).isEqualTo(-1);
        assertThat(report.calibration().source()).isEqualTo("self-sample:256:seed=5");
        assertThat(report.pruned().tensors()).hasSize(35);
        try (GgufFile file = GgufFile.open(first)) {
            assertThat(file.metadata().findString(GgufPruner.METHOD_KEY)).contains("sparsegpt");
            assertThat(file.metadata().findDouble(GgufPruner.SPARSITY_KEY).orElseThrow())
                    .isCloseTo(report.pruned().sparsity(), within(1e-7));
            for (GgufTensorInfo tensor : file.tensors()) {
                if (!GgufPruner.isPruned(tensor)) {
                    continue;
                }
                int columns = (int) tensor.dimensions()[0];
                float[] values = new float[(int) tensor.elementCount()];
                QuantCodecs.of(tensor.format()).dequantize(file.tensorData(tensor), 0, values, 0, values.length);
                for (int offset = 0; offset < values.length; offset += columns) {
                    int zeros = 0;
                    for (int c = offset; c < offset + columns; c++) {
                        zeros += values[c] == 0 ? 1 : 0;
                    }
                    assertThat(zeros).as("%s row %d", tensor.name(), offset / columns)
                            .isEqualTo(plan.pattern().zeroedInRow(offset / columns, columns));
                }
            }
        }
        // the papers' convention: token embedding and output matrix stay as they were
        try (GgufFile in = GgufFile.open(stories); GgufFile out = GgufFile.open(first)) {
            for (String name : new String[] {"token_embd.weight", "output.weight"}) {
                if (in.tensor(name).isPresent()) {
                    assertThat(out.tensorData(out.tensor(name).orElseThrow())
                            .mismatch(in.tensorData(in.tensor(name).orElseThrow()))).isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void refusesQuantizedInputAndEvaluationOnTheCalibrationTokens() throws IOException {
        Path stories = SharedData.require("models/stories260K.gguf");
        Path q8 = temporary.resolve("q8.gguf");
        GgufQuantizer.quantize(stories, q8, GgufQuantizer.Options.of(QuantizationType.find("Q8_0").orElseThrow()),
                null);
        assertThatThrownBy(() -> ModelPruning.run(q8, temporary.resolve("x.gguf"),
                new Plan(PruningMethod.WANDA, SparsityPattern.unstructured(0.5)), Input.selfSample(64, 1),
                Input.selfSample(64, 2), "cpu", 1, 64, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("q8.gguf is Q8_0 already; prune F32, F16 or BF16 weights (then quantize)");
        assertThatThrownBy(() -> ModelPruning.run(stories, temporary.resolve("x.gguf"),
                new Plan(PruningMethod.SPARSEGPT, SparsityPattern.nOfM(2, 4)), Input.selfSample(64, 3),
                Input.selfSample(128, 3), "cpu", 1, 64, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the evaluation tokens (self-sample:128:seed=3) would repeat the calibration tokens"
                        + " (self-sample:64:seed=3); evaluate on other tokens (another seed)");
        assertThat(temporary.resolve("x.gguf")).doesNotExist();
    }
}
