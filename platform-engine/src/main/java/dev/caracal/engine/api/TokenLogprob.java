package dev.caracal.engine.api;

/**
 * One token and its log-probability under the model's distribution after logit bias and penalties.
 *
 * @param id the token id
 * @param logprob its natural-log probability, {@code ≤ 0} ({@code -Infinity} for a token whose logit is)
 */
public record TokenLogprob(int id, double logprob) {
}
