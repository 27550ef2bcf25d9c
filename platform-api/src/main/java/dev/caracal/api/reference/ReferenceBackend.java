package dev.caracal.api.reference;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.DeviceInfo;
import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kernel.Kernels;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.HostTensor;
import dev.caracal.api.tensor.HostWeight;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * A single-threaded scalar backend on the Java heap, written to be obviously correct rather than fast: the oracle
 * every other backend's conformance suite compares against.
 */
public final class ReferenceBackend implements Backend {

    /** The provider and backend name. */
    public static final String NAME = "reference";

    private final ReferenceKernels kernels = new ReferenceKernels();
    private final ReferenceAttention attention = new ReferenceAttention();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<DeviceInfo> devices() {
        return List.of(new DeviceInfo("Reference (scalar Java, 1 thread)", "cpu", Runtime.getRuntime().maxMemory(),
                Map.of()));
    }

    /** Wraps {@code bytes} without copying; the caller keeps them alive. */
    @Override
    public WeightTensor loadWeight(String name, long[] shape, QuantFormat format, MemorySegment bytes) {
        return new HostWeight(name, shape, format, bytes);
    }

    @Override
    public Tensor allocate(int rows, int columns) {
        return new HostTensor(rows, columns);
    }

    @Override
    public KvCache allocateKvCache(KvCacheSpec spec, int blockCount) {
        return new HostKvCache(spec, blockCount);
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public AttentionKernel attention() {
        return attention;
    }

    @Override
    public boolean supports(QuantFormat format) {
        return true;
    }

    @Override
    public void close() {
        // Nothing native to free.
    }
}
