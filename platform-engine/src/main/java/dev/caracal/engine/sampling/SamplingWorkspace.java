package dev.caracal.engine.sampling;

/**
 * Scratch buffers of vocabulary size that {@link Sampler}s reuse from step to step instead of allocating.
 *
 * <p>Each sampler makes its own unless given one; an engine thread that samples many requests one after another can
 * share a single workspace among all their samplers to keep memory at a few vocabulary-sized arrays per thread. Not
 * thread-safe: samplers sharing a workspace must not run at the same time.
 */
public final class SamplingWorkspace {

    private float[] adjustedLogits = new float[0];
    private float[] weights = new float[0];
    private int[] candidates = new int[0];
    private int[] counts = new int[0];

    /** An empty workspace; buffers are allocated on first use and grown only for a larger vocabulary. */
    public SamplingWorkspace() {
    }

    float[] adjustedLogits(int size) {
        if (adjustedLogits.length < size) {
            adjustedLogits = new float[size];
        }
        return adjustedLogits;
    }

    float[] weights(int size) {
        if (weights.length < size) {
            weights = new float[size];
        }
        return weights;
    }

    int[] candidates(int size) {
        if (candidates.length < size) {
            candidates = new int[size];
        }
        return candidates;
    }

    /** Per-token counts, all zero between uses: whoever fills them clears them again. */
    int[] counts(int size) {
        if (counts.length < size) {
            counts = new int[size];
        }
        return counts;
    }
}
