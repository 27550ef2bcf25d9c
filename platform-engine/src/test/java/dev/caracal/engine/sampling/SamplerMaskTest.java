package dev.caracal.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.engine.api.SamplingParameters;
import org.junit.jupiter.api.Test;

/** A token mask: only allowed tokens are drawn, in proportion to their probabilities among the allowed. */
class SamplerMaskTest {

    private static final int VOCABULARY = 200; // more than 3 words of 64, the last one partial

    private static long[] allowing(int... tokens) {
        long[] bits = new long[(VOCABULARY + 63) / 64];
        for (int token : tokens) {
            bits[token >>> 6] |= 1L << token;
        }
        return bits;
    }

    @Test
    void greedyTakesTheMostLikelyAllowedToken() {
        float[] logits = new float[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            logits[i] = i; // the last token is the most likely
        }
        Sampler greedy = new Sampler(SamplingParameters.greedy(), VOCABULARY);
        assertThat(greedy.sample(logits, TokenHistory.ofPrompt(new int[] {1}), allowing(3, 64, 130)).id())
                .isEqualTo(130);
        assertThat(greedy.sample(logits, TokenHistory.ofPrompt(new int[] {1}), null).id()).isEqualTo(199);
    }

    @Test
    void samplingDrawsOnlyAllowedTokensInProportion() {
        float[] logits = new float[VOCABULARY];
        logits[5] = (float) Math.log(1);
        logits[70] = (float) Math.log(3);
        logits[199] = 50; // very likely but not allowed
        Sampler sampler = new Sampler(SamplingParameters.builder().temperature(1).seed(9L).build(), VOCABULARY);
        long[] mask = allowing(5, 70);
        int seventy = 0;
        for (int i = 0; i < 4000; i++) {
            int id = sampler.sample(logits, TokenHistory.ofPrompt(new int[] {1}), mask).id();
            assertThat(id).isIn(5, 70);
            seventy += id == 70 ? 1 : 0;
        }
        assertThat(seventy / 4000.0).isBetween(0.72, 0.78);
    }

    @Test
    void aMaskThatAllowsNothingIsRefused() {
        Sampler sampler = new Sampler(SamplingParameters.greedy(), VOCABULARY);
        assertThatThrownBy(() -> sampler.sample(new float[VOCABULARY], TokenHistory.ofPrompt(new int[] {1}),
                allowing())).hasMessageContaining("allows no token");
    }
}
