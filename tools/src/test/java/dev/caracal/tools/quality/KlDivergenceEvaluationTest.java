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
import dev.caracal.tools.quality.KlDivergenceEvaluation.SavedBase;
import dev.caracal.tools.quality.KlDivergenceEvaluation.TypeBits;
import dev.caracal.tools.quality.KlDivergenceStatistics.Percentiles;
import dev.caracal.tools.quality.KlDivergenceStatistics.Summary;
import java.nio.file.Files;
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

    /**
     * The largest error of a stored log-probability: half the step of a 16-bit code, which is at most 16/65535 (the
     * range below the top logit that the codes cover), plus float rounding.
     */
    private static final double HALF_STEP = 8.0 / 65535 + 1e-5;

    @Test
    void aModelAgainstItsSavedLogProbabilitiesDivergesOnlyByTheirRounding() throws Exception {
        int[] tokens = KlDivergenceEvaluation.selfSample(base, 512, 7, 128);
        Path file = temporary.resolve("self.kld");
        SavedBase saved = KlDivergenceEvaluation.saveBase(base, tokens, 128, 0, file, null);
        assertThat(saved.chunks()).isEqualTo(4);
        assertThat(saved.positions()).isEqualTo(4 * 63);
        assertThat(saved.bytes()).isEqualTo(Files.size(file))
                .isEqualTo(20 + 4L * 512 + 2L * 4 * 63 * (512 + 4));
        Report report;
        try (KlDivergenceBaseFile.Reader reader = KlDivergenceBaseFile.Reader.open(file)) {
            assertThat(reader.header().tokens()).containsExactly(tokens);
            report = KlDivergenceEvaluation.evaluate(reader, file, base, 0, 0, null);
        }
        Summary s = report.statistics();
        assertThat(report.context()).isEqualTo(128);
        assertThat(s.positions()).isEqualTo(4 * 63);
        // per position |KLD| = |Σ p̂ (log p̂ − log p)| ≤ max |log p̂ − log p| · Σ p̂ ≤ HALF_STEP · e^HALF_STEP
        double bound = HALF_STEP * Math.exp(HALF_STEP);
        System.out.printf("[kl-divergence-base] stories260K against its own file: KLD mean %.3e, min %.3e, max %.3e"
                + " (bound %.3e)%n", s.kld().value(), s.kldPercentiles().minimum(), s.kldPercentiles().maximum(),
                bound);
        assertThat(s.kldPercentiles().maximum()).isLessThanOrEqualTo(bound);
        assertThat(s.kldPercentiles().minimum()).isGreaterThanOrEqualTo(-bound);
        assertThat(Math.abs(s.kld().value())).isLessThanOrEqualTo(bound);
        assertThat(s.sameTop().value()).isEqualTo(1.0);
        assertThat(Math.abs(s.logPerplexityRatio().value())).isLessThanOrEqualTo(HALF_STEP);
        assertThat(s.perplexityCandidate().value()).isEqualTo(saved.perplexity().value());
        assertThat(s.perplexityBase().value() / saved.perplexity().value()).isCloseTo(1.0, within(HALF_STEP));
        Summary exact = KlDivergenceEvaluation.evaluate(base, base, tokens, 128, 0, null).statistics();
        assertThat(saved.perplexity().value()).isCloseTo(exact.perplexityBase().value(), within(1e-5));
        assertThat(saved.perplexity().error()).isCloseTo(exact.perplexityBase().error(), within(1e-5));
    }

    @Test
    void aQ8CopyAgainstTheSavedBaseAgreesWithTheTwoModelEvaluation() throws Exception {
        int[] tokens = KlDivergenceEvaluation.selfSample(base, 1024, 11, 256);
        Path file = temporary.resolve("q8-base.kld");
        KlDivergenceEvaluation.saveBase(base, tokens, 256, 0, file, null);
        Summary fromFile;
        try (KlDivergenceBaseFile.Reader reader = KlDivergenceBaseFile.Reader.open(file)) {
            fromFile = KlDivergenceEvaluation.evaluate(reader, file, q8, 0, 0, null).statistics();
        }
        Summary twoModels = KlDivergenceEvaluation.evaluate(base, q8, tokens, 256, 0, null).statistics();
        System.out.printf("[kl-divergence-base] Q8_0 KLD %.6e from the file, %.6e from both models; same top %.4f"
                + " and %.4f%n", fromFile.kld().value(), twoModels.kld().value(), fromFile.sameTop().value(),
                twoModels.sameTop().value());
        assertThat(fromFile.positions()).isEqualTo(twoModels.positions()).isEqualTo(4 * 127);
        // the stored log-probabilities are off by at most HALF_STEP, which moves the KLD of a position by at most
        // HALF_STEP · e^HALF_STEP (the weights) plus (e^HALF_STEP − 1) · Σ p |log p − log q| (the probabilities)
        assertThat(fromFile.kld().value()).isPositive()
                .isCloseTo(twoModels.kld().value(), within(3 * HALF_STEP));
        assertThat(fromFile.perplexityCandidate().value() / twoModels.perplexityCandidate().value())
                .isCloseTo(1.0, within(1e-6));
        assertThat(fromFile.logPerplexityRatio().value())
                .isCloseTo(twoModels.logPerplexityRatio().value(), within(HALF_STEP));
        assertThat(fromFile.deltaP().value()).isCloseTo(twoModels.deltaP().value(), within(2 * HALF_STEP));
        assertThat(fromFile.sameTop().value()).isCloseTo(twoModels.sameTop().value(), within(0.01));
    }

    @Test
    void aBaseFileOfAnotherShapeIsAClearError() throws Exception {
        int[] tokens = KlDivergenceEvaluation.selfSample(base, 128, 2, 64);
        Path file = temporary.resolve("shape.kld");
        KlDivergenceEvaluation.saveBase(base, tokens, 64, 0, file, null);
        try (KlDivergenceBaseFile.Reader reader = KlDivergenceBaseFile.Reader.open(file)) {
            assertThatThrownBy(() -> KlDivergenceEvaluation.evaluate(reader, file, q8, 128, 0, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(file + " holds chunks of 64 tokens, not 128; leave -c out or give -c 64");
        }
        Path other = temporary.resolve("other-vocabulary.kld");
        try (KlDivergenceBaseFile.Writer writer = new KlDivergenceBaseFile.Writer(other, 8, 7, 1, new int[8])) {
            for (int i = 0; i < KlDivergenceBaseFile.scoredPositions(8); i++) {
                writer.write(KlDivergenceBaseFile.StoredLogProbabilities.compress(new float[7]));
            }
        }
        try (KlDivergenceBaseFile.Reader reader = KlDivergenceBaseFile.Reader.open(other)) {
            assertThatThrownBy(() -> KlDivergenceEvaluation.evaluate(reader, other, q8, 0, 0, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(other + " holds distributions over 7 tokens, the candidate's vocabulary has 512");
        }
    }

    @Test
    void theSameInputGivesTheSameNumbers() {
        int[] first = KlDivergenceEvaluation.selfSample(base, 300, 5, 100);
        int[] second = KlDivergenceEvaluation.selfSample(base, 300, 5, 100);
        assertThat(first).isEqualTo(second);
        assertThat(KlDivergenceEvaluation.selfSample(base, 300, 6, 100)).isNotEqualTo(first);
        assertThat(KlDivergenceEvaluation.evaluate(base, q8, first, 100, 0, null).statistics())
                .isEqualTo(KlDivergenceEvaluation.evaluate(base, q8, second, 100, 0, null).statistics());
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
