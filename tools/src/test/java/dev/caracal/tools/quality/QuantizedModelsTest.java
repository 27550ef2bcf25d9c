package dev.caracal.tools.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.formats.quantize.GgufQuantizer.Options;
import dev.caracal.formats.quantize.GgufQuantizer;
import dev.caracal.formats.quantize.QuantizationType;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quantizations of stories260K written by {@link GgufQuantizer}, opened by Caracal and ordered by KL divergence. */
class QuantizedModelsTest {

    @TempDir
    static Path temporary;

    private static Backend backend;
    private static LanguageModel base;

    @BeforeAll
    static void open() throws Exception {
        backend = BackendRegistry.open("cpu", new BackendOptions(2));
        base = LanguageModel.open(SharedData.require("models/stories260K.gguf"), backend, 0);
    }

    @AfterAll
    static void close() {
        base.close();
        backend.close();
    }

    @Test
    void fewerBitsDivergeMore() throws Exception {
        int[] tokens = KlDivergenceEvaluation.selfSample(base, 512, 17, 256);
        double q8 = kld(QuantizationType.Q8_0, tokens);
        double q5 = kld(QuantizationType.Q5_0, tokens);
        double q4 = kld(QuantizationType.Q4_0, tokens);
        assertThat(q8).isPositive().isLessThan(q5);
        assertThat(q5).isLessThan(q4);
    }

    /** IQ4_NL's codebook and scale search lose less than Q4_0 at the same 4.5 bits per weight. */
    @Test
    void iq4NlDivergesLessThanQ4_0() throws Exception {
        int[] tokens = KlDivergenceEvaluation.selfSample(base, 512, 17, 256);
        double iq4 = kld(QuantizationType.IQ4_NL, tokens);
        assertThat(iq4).isGreaterThan(kld(QuantizationType.Q8_0, tokens))
                .isLessThan(kld(QuantizationType.Q4_0, tokens));
    }

    @Test
    void aKQuantMixOpensAndRuns() throws Exception {
        int[] tokens = KlDivergenceEvaluation.selfSample(base, 256, 3, 256);
        assertThat(kld(QuantizationType.Q4_K_M, tokens)).isPositive().isLessThan(1.0);
    }

    private static double kld(QuantizationType type, int[] tokens) throws Exception {
        Path file = temporary.resolve("stories260K-" + type + ".gguf");
        GgufQuantizer.quantize(SharedData.require("models/stories260K.gguf"), file, Options.of(type), null);
        try (LanguageModel candidate = LanguageModel.open(file, backend, 0)) {
            return KlDivergenceEvaluation.evaluate(base, candidate, tokens, 256, 2, null).statistics().kld().value();
        }
    }
}
