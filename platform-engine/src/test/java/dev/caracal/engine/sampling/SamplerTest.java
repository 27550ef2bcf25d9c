package dev.caracal.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.engine.api.SampledToken;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenLogprob;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Greedy, seeding, each filter and penalty on hand-computed examples, logprobs, bad input. */
class SamplerTest {

    private static final TokenHistory NONE = TokenHistory.empty();

    /** Logits whose softmax is exactly {@code probabilities} (up to float rounding). */
    static float[] logitsOf(double... probabilities) {
        float[] logits = new float[probabilities.length];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) Math.log(probabilities[i]);
        }
        return logits;
    }

    static double[] distribution(SamplingParameters parameters, float[] logits) {
        return new Sampler(parameters, logits.length).distribution(logits, NONE);
    }

    static SamplingParameters.Builder params() {
        return SamplingParameters.builder().seed(1L);
    }

    // --- greedy

    @Test
    void greedyPicksTheArgmax() {
        float[] logits = {0.1f, -3f, 7.5f, 7.25f, Float.NEGATIVE_INFINITY};
        Sampler sampler = new Sampler(SamplingParameters.greedy(), logits.length);
        for (int i = 0; i < 10; i++) {
            assertThat(sampler.sample(logits, NONE).id()).isEqualTo(2);
        }
    }

    @Test
    void greedyBreaksTiesToTheLowestId() {
        float[] logits = {1f, 5f, 3f, 5f, 5f};
        assertThat(new Sampler(SamplingParameters.greedy(), 5).sample(logits, NONE).id()).isEqualTo(1);
    }

    @Test
    void greedyAppliesBiasAndPenaltiesFirst() {
        float[] logits = {1f, 5f, 3f};
        SamplingParameters biased = SamplingParameters.builder().temperature(0).logitBias(Map.of(2, 2.5f)).build();
        assertThat(new Sampler(biased, 3).sample(logits, NONE).id()).isEqualTo(2);
        SamplingParameters penalized = SamplingParameters.builder().temperature(0).repetitionPenalty(2).build();
        assertThat(new Sampler(penalized, 3).sample(logits, TokenHistory.ofPrompt(1)).id()).isEqualTo(2);
    }

    @Test
    void samplingWithTopKOneIsGreedy() {
        float[] logits = new float[1000];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) random.nextGaussian();
        }
        int argmax = new Sampler(SamplingParameters.greedy(), logits.length).sample(logits, NONE).id();
        Sampler sampler = new Sampler(params().topK(1).temperature(1.5).build(), logits.length);
        for (int i = 0; i < 50; i++) {
            assertThat(sampler.sample(logits, NONE).id()).isEqualTo(argmax);
        }
    }

    // --- seeds

    private static int[] draws(Long seed, float[] logits, int count) {
        Sampler sampler = new Sampler(SamplingParameters.builder().seed(seed).build(), logits.length);
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = sampler.sample(logits, NONE).id();
        }
        return ids;
    }

    private static float[] flatLogits(int vocabularySize) {
        float[] logits = new float[vocabularySize];
        for (int i = 0; i < vocabularySize; i++) {
            logits[i] = (float) Math.sin(i) * 0.5f;
        }
        return logits;
    }

    @Test
    void theSameSeedGivesTheSameThousandDrawsAndOtherSeedsDiffer() {
        float[] logits = flatLogits(50);
        int[] first = draws(1234L, logits, 1000);
        assertThat(draws(1234L, logits, 1000)).isEqualTo(first);
        assertThat(draws(1235L, logits, 1000)).isNotEqualTo(first);
        assertThat(draws(0L, logits, 1000)).isNotEqualTo(first);
        assertThat(IntStream.of(first).distinct().count()).isGreaterThan(40);
    }

    @Test
    void aRandomSeedIsReportedSoTheRequestCanBeReproduced() {
        float[] logits = flatLogits(50);
        Sampler unseeded = new Sampler(SamplingParameters.defaults(), logits.length);
        int[] ids = new int[200];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = unseeded.sample(logits, NONE).id();
        }
        assertThat(draws(unseeded.seed(), logits, 200)).isEqualTo(ids);
        assertThat(new Sampler(SamplingParameters.builder().seed(99L).build(), 3).seed()).isEqualTo(99L);
    }

    @Test
    void samplersSharingAWorkspaceDoNotDisturbEachOther() {
        float[] small = flatLogits(50);
        float[] large = flatLogits(300);
        SamplingWorkspace shared = new SamplingWorkspace();
        Sampler a = new Sampler(params().seed(5L).topP(0.9).build(), small.length, shared);
        Sampler b = new Sampler(params().seed(6L).topK(20).repetitionPenalty(1.3).build(), large.length, shared);
        int[] fromA = new int[300];
        TokenHistory historyB = TokenHistory.ofPrompt(1, 2, 3);
        for (int i = 0; i < fromA.length; i++) {
            fromA[i] = a.sample(small, NONE).id();
            historyB.add(b.sample(large, historyB).id());
        }
        Sampler alone = new Sampler(params().seed(5L).topP(0.9).build(), small.length);
        for (int id : fromA) {
            assertThat(alone.sample(small, NONE).id()).isEqualTo(id);
        }
    }

    // --- top-k

    @Test
    void topKKeepsTheKMostLikely() {
        float[] logits = {1f, 4f, 3f, 2f, 0f};
        double[] p = distribution(params().topK(2).build(), logits);
        double kept = 1 / (1 + Math.exp(-1));
        assertThat(p).containsExactly(new double[] {0, kept, 1 - kept, 0, 0}, within(1e-6));
        assertThat(distribution(params().topK(5).build(), logits)).containsExactly(
                softmax(logits, 1), within(1e-6));
        assertThat(distribution(params().topK(500).build(), logits)).containsExactly(
                softmax(logits, 1), within(1e-6));
    }

    @Test
    void topKBreaksTiesToTheLowestIds() {
        float[] logits = {2f, 1f, 2f, 2f, 2f};
        assertThat(distribution(params().topK(2).build(), logits)).containsExactly(
                new double[] {0.5, 0, 0.5, 0, 0}, within(1e-9));
    }

    // --- temperature

    @Test
    void temperatureSharpensBelowOneAndFlattensAboveOne() {
        float[] logits = logitsOf(1.0 / 3, 2.0 / 3);
        assertThat(distribution(params().build(), logits)).containsExactly(new double[] {1.0 / 3, 2.0 / 3}, within(1e-6));
        assertThat(distribution(params().temperature(0.5).build(), logits))
                .containsExactly(new double[] {0.2, 0.8}, within(1e-6));
        double root2 = Math.sqrt(2);
        assertThat(distribution(params().temperature(2).build(), logits))
                .containsExactly(new double[] {1 / (1 + root2), root2 / (1 + root2)}, within(1e-6));
    }

    // --- min-p

    @Test
    void minPDropsTokensBelowMinPTimesTheMaximum() {
        float[] logits = logitsOf(0.5, 0.1, 0.25, 0.15);
        // threshold 0.4 · 0.5 = 0.2: keeps 0.5 and 0.25
        assertThat(distribution(params().minP(0.4).build(), logits))
                .containsExactly(new double[] {2.0 / 3, 0, 1.0 / 3, 0}, within(1e-6));
        // threshold 0.25 · 0.5 = 0.125: keeps 0.5, 0.25 and 0.15
        assertThat(distribution(params().minP(0.25).build(), logits))
                .containsExactly(new double[] {0.5 / 0.9, 0, 0.25 / 0.9, 0.15 / 0.9}, within(1e-6));
        assertThat(distribution(params().minP(1).build(), logits))
                .containsExactly(new double[] {1, 0, 0, 0}, within(1e-9));
    }

    // --- top-p

    @Test
    void topPKeepsTheSmallestPrefixReachingP() {
        float[] logits = logitsOf(0.5, 0.1, 0.25, 0.15);
        // sorted 0.5, 0.25 (0.75 ≥ 0.7): keeps two
        assertThat(distribution(params().topP(0.7).build(), logits))
                .containsExactly(new double[] {2.0 / 3, 0, 1.0 / 3, 0}, within(1e-6));
        // 0.5, 0.75, 0.9 ≥ 0.8: keeps three
        assertThat(distribution(params().topP(0.8).build(), logits))
                .containsExactly(new double[] {0.5 / 0.9, 0, 0.25 / 0.9, 0.15 / 0.9}, within(1e-6));
        assertThat(distribution(params().topP(0.4).build(), logits))
                .containsExactly(new double[] {1, 0, 0, 0}, within(1e-9));
        // the same through the top-k path (sorted candidates)
        assertThat(distribution(params().topK(3).topP(0.7).build(), logits))
                .containsExactly(new double[] {2.0 / 3, 0, 1.0 / 3, 0}, within(1e-6));
    }

    @Test
    void topPComesAfterTemperatureAndMinP() {
        float[] logits = logitsOf(0.5, 0.25, 0.15, 0.1);
        // T = 0.5 squares the probabilities: 0.25, 0.0625, 0.0225, 0.01 over 0.345; 0.7246 ≥ 0.7 alone
        assertThat(distribution(params().temperature(0.5).topP(0.7).build(), logits))
                .containsExactly(new double[] {1, 0, 0, 0}, within(1e-9));
        // min-p 0.25 leaves 0.5, 0.25, 0.15, renormalized 0.556, 0.278, 0.167: top-p 0.8 now needs only two
        assertThat(distribution(params().minP(0.25).topP(0.8).build(), logits))
                .containsExactly(new double[] {2.0 / 3, 1.0 / 3, 0, 0}, within(1e-6));
        // without min-p, 0.5 + 0.25 < 0.8 and top-p keeps three
        assertThat(distribution(params().topP(0.8).build(), logits))
                .containsExactly(new double[] {0.5 / 0.9, 0.25 / 0.9, 0.15 / 0.9, 0}, within(1e-6));
    }

    @Test
    void topPOnALargeFlatVocabularyKeepsMostOfIt() {
        // 1000 tokens, nearly flat: the nucleus for 0.9 holds about 900 of them
        float[] logits = new float[1000];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (i % 7) * 0.01f;
        }
        double[] p = distribution(params().topP(0.9).build(), logits);
        double[] expected = SamplerReference.distribution(logits, 1, 0, 0.9, 0);
        assertThat(p).containsExactly(expected, within(1e-9));
        assertThat(Arrays.stream(p).filter(x -> x > 0).count()).isBetween(850L, 950L);
    }

    // --- penalties and bias

    @Test
    void penaltiesAndBiasChangeExactlyTheLogitsTheyShould() {
        float[] logits = {2f, -2f, 1f, 0.5f, 3f, -1f};
        // prompt: 0 and 5; generated: 1, 1, 2
        TokenHistory history = TokenHistory.ofPrompt(0, 5).add(1).add(1).add(2);
        SamplingParameters p = params().repetitionPenalty(2).presencePenalty(0.5).frequencyPenalty(0.25)
                .logitBias(Map.of(3, 2f, 5, 1.5f)).build();
        float[] adjusted = new Sampler(p, logits.length).adjustedLogits(logits, history);
        assertThat(adjusted).containsExactly(new float[] {
            2f / 2, //              prompt only: repetition, no presence or frequency
            -2f * 2 - 0.5f - 0.25f * 2, // generated twice: negative, so multiplied
            1f / 2 - 0.5f - 0.25f, //   generated once
            0.5f + 2f, //               bias only
            3f, //                      untouched
            (-1f + 1.5f) / 2, //        bias first makes it positive, then the penalty divides
        }, within(1e-6f));
        assertThat(logits).containsExactly(2f, -2f, 1f, 0.5f, 3f, -1f);
    }

    @Test
    void thePenaltyWindowCountsOnlyTheLastTokens() {
        float[] logits = {2f, 2f, 2f, 2f};
        TokenHistory history = TokenHistory.ofPrompt(0, 1).add(2).add(2).add(3);
        SamplingParameters p = params().repetitionPenalty(2).frequencyPenalty(1).penaltyWindow(2).build();
        // window: 2 (generated), 3 (generated)
        assertThat(new Sampler(p, 4).adjustedLogits(logits, history))
                .containsExactly(new float[] {2f, 2f, 1f - 1f, 1f - 1f}, within(1e-6f));
        SamplingParameters wide = p.toBuilder().penaltyWindow(4).build();
        // window: 1 (prompt), 2, 2, 3
        assertThat(new Sampler(wide, 4).adjustedLogits(logits, history))
                .containsExactly(new float[] {2f, 1f, 1f - 2f, 1f - 1f}, within(1e-6f));
    }

    @Test
    void negativePresenceAndFrequencyPenaltiesEncourageRepetition() {
        float[] logits = {0f, 0f};
        TokenHistory history = TokenHistory.empty().add(1).add(1).add(1);
        SamplingParameters p = params().presencePenalty(-1).frequencyPenalty(-0.5).build();
        assertThat(new Sampler(p, 2).adjustedLogits(logits, history)).containsExactly(new float[] {0f, 2.5f},
                within(1e-6f));
    }

    @Test
    void penaltiesReuseTheirCountsAcrossSteps() {
        float[] logits = {1f, 1f, 1f};
        Sampler sampler = new Sampler(params().frequencyPenalty(1).build(), 3);
        TokenHistory history = TokenHistory.empty().add(0);
        assertThat(sampler.adjustedLogits(logits, history)).containsExactly(0f, 1f, 1f);
        history.add(0).add(1);
        assertThat(sampler.adjustedLogits(logits, history)).containsExactly(-1f, 0f, 1f);
        assertThat(sampler.adjustedLogits(logits, TokenHistory.empty())).containsExactly(1f, 1f, 1f);
    }

    @Test
    void aBannedTokenIsNeverSampled() {
        float[] logits = {5f, 0f, 0f};
        Sampler sampler = new Sampler(params().logitBias(Map.of(0, -100f)).build(), 3);
        for (int i = 0; i < 500; i++) {
            assertThat(sampler.sample(logits, NONE).id()).isNotZero();
        }
    }

    // --- logprobs

    @Test
    void logprobsAreTheLogSoftmaxOfTheBiasedAndPenalizedLogitsWhateverTheTruncation() {
        SplittableRandom random = new SplittableRandom(11);
        float[] logits = new float[300];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (3 * random.nextGaussian());
        }
        TokenHistory history = TokenHistory.ofPrompt(4, 5).add(6).add(6);
        SamplingParameters base = params().logitBias(Map.of(7, 5f)).repetitionPenalty(1.3).presencePenalty(0.4)
                .topLogprobs(20).build();
        float[] adjusted = new Sampler(base, logits.length).adjustedLogits(logits, history);
        double[] expected = SamplerReference.logSoftmax(adjusted);
        List<TokenLogprob> expectedTop = IntStream.range(0, adjusted.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -expected[i]).thenComparing(i -> i)).limit(20)
                .map(i -> new TokenLogprob(i, expected[i])).toList();
        for (SamplingParameters p : List.of(base, base.toBuilder().temperature(0).build(),
                base.toBuilder().temperature(0.3).topK(3).topP(0.5).build(),
                base.toBuilder().temperature(2).minP(0.2).build())) {
            Sampler sampler = new Sampler(p, logits.length);
            for (int step = 0; step < 20; step++) {
                SampledToken token = sampler.sample(logits, history);
                assertThat(token.hasLogprob()).isTrue();
                assertThat(token.logprob()).isCloseTo(expected[token.id()], within(1e-5));
                assertThat(token.topLogprobs()).hasSize(20);
                for (int j = 0; j < 20; j++) {
                    assertThat(token.topLogprobs().get(j).id()).isEqualTo(expectedTop.get(j).id());
                    assertThat(token.topLogprobs().get(j).logprob()).isCloseTo(expectedTop.get(j).logprob(),
                            within(1e-5));
                }
                assertThat(token.topLogprobs()).isSortedAccordingTo(
                        Comparator.comparingDouble(TokenLogprob::logprob).reversed());
            }
        }
    }

    @Test
    void logprobsOffGivesNaNAndNoAlternatives() {
        SampledToken token = new Sampler(params().build(), 3).sample(new float[] {1, 2, 3}, NONE);
        assertThat(token.hasLogprob()).isFalse();
        assertThat(token.topLogprobs()).isEmpty();
        SampledToken only = new Sampler(params().logprobs(true).build(), 3).sample(new float[] {1, 2, 3}, NONE);
        assertThat(only.hasLogprob()).isTrue();
        assertThat(only.topLogprobs()).isEmpty();
    }

    @Test
    void topLogprobsLargerThanTheVocabularyListEveryToken() {
        SampledToken token = new Sampler(params().temperature(0).topLogprobs(20).build(), 3)
                .sample(new float[] {1, 3, 2}, NONE);
        assertThat(token.topLogprobs()).extracting(TokenLogprob::id).containsExactly(1, 2, 0);
        assertThat(token.logprob()).isCloseTo(SamplerReference.logSoftmax(new float[] {1, 3, 2})[1], within(1e-6));
    }

    // --- bad input

    @Test
    void badLogitsAndHistoriesFailWithAMessage() {
        Sampler sampler = new Sampler(params().repetitionPenalty(1.2).build(), 3);
        assertThatIllegalArgumentException().isThrownBy(() -> sampler.sample(new float[4], NONE))
                .withMessageContaining("logits").withMessageContaining("3");
        assertThatIllegalArgumentException().isThrownBy(() -> sampler.sample(new float[] {0, Float.NaN, 0}, NONE))
                .withMessageContaining("NaN");
        float negativeNaN = Float.intBitsToFloat(0xffc00001); // sign bit set: still NaN, and not -infinity
        assertThatIllegalArgumentException().isThrownBy(() -> sampler.sample(new float[] {0, 0, negativeNaN}, NONE))
                .withMessageContaining("token 2").withMessageContaining("NaN");
        assertThat(sampler.sample(new float[] {Float.NEGATIVE_INFINITY, 1, Float.MAX_VALUE}, NONE).id())
                .as("the largest finite logit and -infinity are logits").isEqualTo(2);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> sampler.sample(new float[] {0, Float.POSITIVE_INFINITY, 0}, NONE))
                .withMessageContaining("Infinity");
        assertThatIllegalArgumentException().isThrownBy(() -> sampler.sample(new float[3], TokenHistory.ofPrompt(3)))
                .withMessageContaining("history token 3");
        float[] allBanned = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        assertThatIllegalArgumentException().isThrownBy(() -> sampler.sample(allBanned, NONE))
                .withMessageContaining("-infinity");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Sampler(SamplingParameters.greedy(), 3).sample(allBanned, NONE))
                .withMessageContaining("-infinity");
        assertThatIllegalArgumentException().isThrownBy(() -> TokenHistory.empty().add(-1))
                .withMessageContaining("token id");
        // the failed history left no counts behind
        assertThat(sampler.adjustedLogits(new float[] {1, 1, 1}, TokenHistory.ofPrompt(0)))
                .containsExactly(1 / 1.2f, 1f, 1f);
    }

    @Test
    void minusInfinityLogitsAreMaskedOut() {
        float[] logits = {Float.NEGATIVE_INFINITY, 0f, Float.NEGATIVE_INFINITY, 0f};
        assertThat(distribution(params().build(), logits)).containsExactly(new double[] {0, 0.5, 0, 0.5}, within(1e-9));
        assertThat(distribution(params().topK(3).topP(0.9).build(), logits))
                .containsExactly(new double[] {0, 0.5, 0, 0.5}, within(1e-9));
    }

    // --- buffers

    @Test
    void stepsAfterTheFirstAllocateNoVocabularySizedArrays() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int vocabularySize = 100_000;
        float[] logits = new float[vocabularySize];
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < vocabularySize; i++) {
            logits[i] = (float) (2 * random.nextGaussian());
        }
        TokenHistory history = TokenHistory.ofPrompt(IntStream.range(0, 500).map(i -> i * 7).toArray());
        SamplingWorkspace workspace = new SamplingWorkspace();
        for (SamplingParameters p : List.of(params().topP(0.9).build(), params().topK(40).minP(0.05).build(),
                params().repetitionPenalty(1.1).frequencyPenalty(0.5).topLogprobs(5).temperature(0.7).build(),
                SamplingParameters.greedy())) {
            Sampler sampler = new Sampler(p, vocabularySize, workspace);
            for (int i = 0; i < 3; i++) {
                sampler.sample(logits, history);
            }
            int steps = 20;
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < steps; i++) {
                sampler.sample(logits, history);
            }
            long perStep = (bean.getCurrentThreadAllocatedBytes() - before) / steps;
            // one float[V] would be 400 kB
            assertThat(perStep).as("bytes allocated per step with %s", p).isLessThan(16_000L);
        }
    }

    static double[] softmax(float[] logits, double temperature) {
        return SamplerReference.distribution(logits, temperature, 0, 1, 0);
    }
}
