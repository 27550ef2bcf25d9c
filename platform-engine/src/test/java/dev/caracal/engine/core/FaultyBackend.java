package dev.caracal.engine.core;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.ForwardingBackend;
import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.tensor.Tensor;
import java.util.Arrays;

/**
 * A real backend whose attention throws, in the second layer, in any step where some sequence reaches a context of
 * exactly {@link #POISON} tokens: a model step that fails halfway, after K/V of the first layer were written.
 */
final class FaultyBackend extends ForwardingBackend {

    /** The context length that makes a step fail. */
    static final int POISON = 77;

    private final AttentionKernel attention;

    FaultyBackend(Backend backend) {
        super(backend);
        AttentionKernel real = backend.attention();
        this.attention = new AttentionKernel() {
            @Override
            public void store(KvCache cache, int layer, Tensor keys, Tensor values, AttentionBatch batch) {
                real.store(cache, layer, keys, values, batch);
            }

            @Override
            public void attend(KvCache cache, int layer, Tensor queries, AttentionBatch batch, int queryHeads,
                    float scale, Tensor output) {
                if (layer == 1 && Arrays.stream(batch.contextLength()).anyMatch(length -> length == POISON)) {
                    throw new IllegalStateException("injected fault at a context of " + POISON + " tokens");
                }
                real.attend(cache, layer, queries, batch, queryHeads, scale, output);
            }
        };
    }

    @Override
    public String name() {
        return "faulty-" + delegate().name();
    }

    @Override
    public AttentionKernel attention() {
        return attention;
    }
}
