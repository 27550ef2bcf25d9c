package dev.caracal.api.backend;

import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kernel.Kernels;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

/**
 * A backend that hands every call to another one: a subclass overrides only what it changes (records a kernel's
 * inputs, injects a fault). Closing it closes the backend it wraps.
 */
public abstract class ForwardingBackend implements Backend {

    private final Backend backend;

    protected ForwardingBackend(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** The backend the calls go to. */
    protected final Backend delegate() {
        return backend;
    }

    @Override
    public String name() {
        return backend.name();
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
        return backend.attention();
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
