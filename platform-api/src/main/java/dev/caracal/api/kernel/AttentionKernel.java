package dev.caracal.api.kernel;

import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.tensor.Tensor;

/**
 * Paged attention over a {@link KvCache}: store a step's keys and values in their slots, then attend each query row to
 * its sequence's cached context (causal, grouped-query: query head {@code h} reads KV head
 * {@code h / (queryHeads / kvHeads)}), with an online (flash) softmax.
 */
public interface AttentionKernel {

    /** Writes row {@code b} of {@code keys} and {@code values} ({@code [B, kvHeads * headSize]}) into slot {@code slots[b]}. */
    void store(KvCache cache, int layer, Tensor keys, Tensor values, AttentionBatch batch);

    /**
     * {@code output[b] = softmax(q[b] · Kᵀ · scale) · V} per query head over the cached context of row {@code b}'s
     * sequence up to its position; {@code queries} and {@code output} are {@code [B, queryHeads * headSize]}.
     */
    void attend(KvCache cache, int layer, Tensor queries, AttentionBatch batch, int queryHeads, float scale,
            Tensor output);
}
