package dev.caracal.engine.api;

import dev.caracal.engine.sampling.Sampler;
import java.util.List;

/**
 * The token a {@link Sampler} picked, with its log-probability and the most likely alternatives when asked for.
 *
 * <p>Log-probabilities are those of the model's distribution after logit bias and penalties but before temperature,
 * top-k, top-p and min-p (vLLM's default "raw" logprobs), so they do not depend on how the token was drawn.
 *
 * @param id the sampled token id
 * @param logprob its log-probability, or {@link Double#NaN} when {@link SamplingParameters#logprobs()} is off
 * @param topLogprobs the {@link SamplingParameters#topLogprobs()} most likely tokens, most likely first (ties: lower id
 *     first); empty when none were asked for
 */
public record SampledToken(int id, double logprob, List<TokenLogprob> topLogprobs) {

    /** Copies the alternatives into an unmodifiable list. */
    public SampledToken {
        topLogprobs = List.copyOf(topLogprobs);
    }

    /** Whether {@link #logprob()} was computed. */
    public boolean hasLogprob() {
        return !Double.isNaN(logprob);
    }
}
