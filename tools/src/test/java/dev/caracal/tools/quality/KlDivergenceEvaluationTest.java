package dev.caracal.tools.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.formats.testing.Q8Copies;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.tools.quality.KlDivergenceEvaluation.Report;
import dev.caracal.tools.quality.KlDivergenceEvaluation.TypeBits;
import dev.caracal.tools.quality.KlDivergenceStatistics.Percentiles;
import dev.caracal.tools.quality.KlDivergenceStatistics.Summary;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KL-divergence evaluation on stories260K and a Q8_0 copy of it. */
class KlDivergenceEvaluationTest {

    private static final String TEXT = "Once upon a time, there was a little girl named Lily. She loved to play outside"
            + " in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.";

    @TempDir
    static Path temporary;

    private static Backend backend;
    private static LanguageModel base;
    private static LanguageModel q8;

    @BeforeAll
    static void open() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        backend = BackendRegistry.open("cpu", new BackendOptions(2));
        base = LanguageModel.open(stories, backend, 0);
        q8 = LanguageModel.open(Q8Copies.write(stories, temporary.resolve("stories260K-Q8_0.gguf")), backend, 0);
    }

    @AfterAll
    static void close() {
        q8.close();
        base.close();
        backend.close();
    }

    @Test
    void aModelAgainstItselfHasNoDivergence() {
        int[] tokens = KlDivergenceEvaluation.selfSample(base, 512, 7, 128);
        Summary s = KlDivergenceEvaluation.evaluate(base, base, tokens, 128, 0, null).statistics();
        assertThat(s.positions()).isEqualTo(4 * 63);
        assertThat(s.kld().value()).isZero();
        assertThat(s.kldPercentiles().maximum()).isZero();
        assertThat(s.sameTop().value()).isEqualTo(1.0);
        assertThat(s.deltaP().value()).isZero();
        assertThat(s.deltaPRms().value()).isZero();
        assertThat(s.logPerplexityRatio().value()).isZero();
        assertThat(s.perplexityCandidate().value()).isEqualTo(s.perplexityBase().value());
    }

    @Test
    void aQ8CopyIsCloseAndItsStatisticsAreConsistent() {
        int[] tokens = KlDivergenceEvaluation.selfSample(base, 1024, 11, 256);
        Report report = KlDivergenceEvaluation.evaluate(base, q8, tokens, 256, 0, null);
        Summary s = report.statistics();
        assertThat(report.chunks()).isEqualTo(4);
        assertThat(s.positions()).isEqualTo(4 * 127);
        assertThat(s.kld().value()).isPositive().isLessThan(0.01);
        assertThat(s.kld().error()).isPositive();
        assertThat(s.sameTop().value()).isGreaterThanOrEqualTo(0.95);
        assertOrdered(s.kldPercentiles());
        assertThat(s.kldPercentiles().minimum()).isGreaterThanOrEqualTo(-1e-12);
        assertThat(s.kldPercentiles().maximum()).isGreaterThanOrEqualTo(s.kld().value());
        assertOrdered(s.deltaPPercentiles());
        assertThat(s.deltaPRms().value()).isGreaterThanOrEqualTo(Math.abs(s.deltaP().value()));
        assertThat(s.perplexityRatio().value()).isCloseTo(Math.exp(s.logPerplexityRatio().value()), within(1e-12));
        assertThat(Math.log(s.perplexityCandidate().value() / s.perplexityBase().value()))
                .isCloseTo(s.logPerplexityRatio().value(), within(1e-9));
    }

    @Test
    void theSameInputGivesTheSameNumbers() {
        int[] first = KlDivergenceEvaluation.selfSample(base, 300, 5, 100);
        int[] second = KlDivergenceEvaluation.selfSample(base, 300, 5, 100);
        assertThat(first).isEqualTo(second);
        assertThat(KlDivergenceEvaluation.selfSample(base, 300, 6, 100)).isNotEqualTo(first);
        assertThat(KlDivergenceEvaluation.evaluate(base, q8, first, 100, 0, null))
                .isEqualTo(KlDivergenceEvaluation.evaluate(base, q8, second, 100, 0, null));
    }

    @Test
    void perplexityIsTheExponentialOfTheMeanNegativeLogLikelihoodOfTheSecondHalves() {
        int[] tokens = KlDivergenceEvaluation.tokenize(base, TEXT);
        int context = 16;
        Summary s = KlDivergenceEvaluation.evaluate(base, q8, tokens, context, 0, null).statistics();
        int chunks = tokens.length / context;
        double nll = 0;
        int count = 0;
        try (SequenceRunner sequence = base.newSequence(context, QuantFormat.F16)) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                int[] window = Arrays.copyOfRange(tokens, chunk * context, (chunk + 1) * context);
                window[0] = base.tokenizer().bosToken().orElseThrow();
                sequence.reset();
                float[][] logits = sequence.evaluateAll(window);
                for (int j = context / 2; j < context - 1; j++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (float logit : logits[j]) {
                        max = Math.max(max, logit);
                    }
                    double sum = 0;
                    for (float logit : logits[j]) {
                        sum += Math.exp(logit - max);
                    }
                    nll += max + Math.log(sum) - logits[j][window[j + 1]];
                    count++;
                }
            }
        }
        assertThat(s.positions()).isEqualTo(count).isEqualTo(chunks * 7L);
        assertThat(s.perplexityBase().value()).isCloseTo(Math.exp(nll / count), within(1e-9));
        assertThat(s.perplexityCandidate().value()).isNotEqualTo(s.perplexityBase().value());
    }

    @Test
    void bitsPerWeightAreGroupedByType() {
        List<TypeBits> types = KlDivergenceEvaluation.bitsPerWeight(q8.description());
        assertThat(types).extracting(TypeBits::format).containsExactly(QuantFormat.F32, QuantFormat.Q8_0);
        assertThat(types.get(0).bitsPerWeight()).isEqualTo(32.0);
        assertThat(types.get(1).bitsPerWeight()).isEqualTo(8.5);
    }

    @Test
    void tooFewTokensForAChunkIsAClearError() {
        int[] tokens = KlDivergenceEvaluation.tokenize(base, "Once upon a time");
        assertThatThrownBy(() -> KlDivergenceEvaluation.evaluate(base, q8, tokens, 64, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fewer than one chunk of 64");
    }

    private static void assertOrdered(Percentiles p) {
        double[] values = {p.minimum(), p.p0_1(), p.p1(), p.p5(), p.p10(), p.p25(), p.median(), p.p75(), p.p90(),
            p.p95(), p.p99(), p.p99_9(), p.maximum()};
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        assertThat(values).isEqualTo(sorted);
    }
}
