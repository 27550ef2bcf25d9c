package dev.caracal.engine.core;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.DeviceInfo;
import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kernel.Kernels;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

/**
 * A real backend whose attention throws, in the second layer, in any step where some sequence reaches a context of
 * exactly {@link #POISON} tokens: a model step that fails halfway, after K/V of the first layer were written.
 */
final class FaultyBackend implements Backend {

    /** The context length that makes a step fail. */
    static final int POISON = 77;

    private final Backend backend;
    private final AttentionKernel attention;

    FaultyBackend(Backend backend) {
        this.backend = backend;
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
        return "faulty-" + backend.name();
    }

    @Override
    public List<DeviceInfo> devices() {
        return backend.devices();
    }

    @Override
    public WeightTensor loadWeight(String name, long[] shape, QuantFormat format, MemorySegment bytes) {
        return backend.loadWeight(name, shape, format, bytes);
    }

    @Override
    public Tensor allocate(int rows, int columns) {
        return backend.allocate(rows, columns);
    }

    @Override
    public KvCache allocateKvCache(KvCacheSpec spec, int blockCount) {
        return backend.allocateKvCache(spec, blockCount);
    }

    @Override
    public Kernels kernels() {
        return backend.kernels();
    }

    @Override
    public AttentionKernel attention() {
        return attention;
    }

    @Override
    public boolean supports(QuantFormat format) {
        return backend.supports(format);
    }

    @Override
    public void close() {
        backend.close();
    }
}
