package dev.caracal.tools.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.formats.quantize.GgufQuantizer;
import dev.caracal.formats.quantize.GgufQuantizer.Options;
import dev.caracal.formats.quantize.GgufQuantizer.Result;
import dev.caracal.formats.quantize.ImportanceMatrixFile;
import dev.caracal.formats.quantize.QuantizationType;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The point of an importance matrix, on stories260K: collected over tokens the model samples with one seed, written
 * and read back as a file, it must make the quantized copy's KL divergence from the F32 model no worse (and here
 * better) on tokens sampled with another seed.
 */
class ImportanceWeightedQuantizationTest {

    private static final int CONTEXT = 256;

    @TempDir
    static Path temporary;

    private static ActivationRecorder recorder;
    private static LanguageModel base;
    private static Path model;
    private static ImportanceMatrixFile importance;
    private static int[] evaluation;

    @BeforeAll
    static void collect() throws Exception {
        model = SharedData.require("models/stories260K.gguf");
        recorder = new ActivationRecorder(BackendRegistry.open("cpu", new BackendOptions(2)));
        base = LanguageModel.open(model, recorder, 0);
        int[] calibration = KlDivergenceEvaluation.selfSample(base, 2048, 2, CONTEXT);
        Path file = temporary.resolve("imatrix.gguf");
        ImportanceMatrix.write(
                ImportanceMatrix.collect(base, recorder, calibration, List.of("self"), CONTEXT, 0, null), file);
        importance = ImportanceMatrixFile.read(file);
        evaluation = KlDivergenceEvaluation.selfSample(base, 1024, 1, CONTEXT);
    }

    @AfterAll
    static void close() {
        base.close();
        recorder.close();
    }

    @ParameterizedTest
    @EnumSource(names = {"Q4_0", "Q5_0", "Q4_1", "Q5_1", "IQ4_NL"})
    void theImportanceMatrixLowersTheKlDivergence(QuantizationType type) throws Exception {
        Path plainFile = temporary.resolve("plain-" + type + ".gguf");
        Path weightedFile = temporary.resolve("imatrix-" + type + ".gguf");
        GgufQuantizer.quantize(model, plainFile, Options.of(type), null);
        Result weighted = GgufQuantizer.quantize(model, weightedFile,
                Options.of(type).withImportanceMatrix(importance), null);
        // attn_q/k/v/output and ffn_gate/up (64 wide) take the type; ffn_down (172 wide) falls back to F16 and
        // output.weight to Q8_0, which ignore importance; token_embd is never multiplied, so it has no entry.
        assertThat(weighted.importanceUsed()).hasSize(5 * 6);
        assertThat(weighted.importanceMissing()).extracting(GgufQuantizer.TensorResult::name)
                .containsExactly("token_embd.weight");

        // Measured: Q4_0 0.0760 -> 0.0706, Q5_0 0.0184 -> 0.0165, Q4_1 0.0645 -> 0.0485, Q5_1 0.0154 -> 0.0110.
        double plain = kld(plainFile);
        double withImportance = kld(weightedFile);
        assertThat(withImportance).as("%s: mean KLD with the importance matrix vs without", type).isLessThan(plain);
    }

    private static double kld(Path file) throws Exception {
        try (LanguageModel candidate = LanguageModel.open(file, recorder, 0)) {
            return KlDivergenceEvaluation.evaluate(base, candidate, evaluation, CONTEXT, 0, null).statistics().kld()
                    .value();
        }
    }
}
