package dev.caracal.engine.scheduler;

/**
 * The limits of one scheduling step.
 *
 * @param maxBatchedTokens the token budget of a step: decode tokens and prefill chunks together; ≥ 1
 * @param maxSequences     the most requests running at once (and so in one step); ≥ 1
 */
public record SchedulerConfig(int maxBatchedTokens, int maxSequences) {

    public SchedulerConfig {
        if (maxBatchedTokens < 1) {
            throw new IllegalArgumentException("maxBatchedTokens must be ≥ 1, was " + maxBatchedTokens);
        }
        if (maxSequences < 1) {
            throw new IllegalArgumentException("maxSequences must be ≥ 1, was " + maxSequences);
        }
    }
}
