package dev.caracal.backend.cpu;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
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
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * The CPU backend: weights stay where they are (zero-copy views of the mapped model file), activations and the KV
 * cache live on the Java heap, and kernels run on the Java Vector API across a {@link CpuThreadPool}.
 */
public final class CpuBackend implements Backend {

    /** The provider and backend name. */
    public static final String NAME = "cpu";

    private final CpuThreadPool pool;
    private final CpuKernels kernels;
    private final CpuAttention attention;
    private volatile boolean closed;

    /** Opens the backend with {@link BackendOptions#resolvedThreads()} threads. */
    public CpuBackend(BackendOptions options) {
        this.pool = new CpuThreadPool(options.resolvedThreads(), "caracal-cpu");
        this.kernels = new CpuKernels(pool);
        this.attention = new CpuAttention(pool);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Threads that compute, the calling thread included. */
    public int threads() {
        return pool.threads();
    }

    /** The worker pool (for tests and benchmarks). */
    CpuThreadPool pool() {
        return pool;
    }

    @Override
    public List<DeviceInfo> devices() {
        return List.of(new DeviceInfo("CPU (" + pool.threads() + " threads, " + WeightRows.F.vectorBitSize()
                + "-bit vectors)", "cpu", Runtime.getRuntime().maxMemory(), Map.of(
                        "threads", Integer.toString(pool.threads()),
                        "vectorBits", Integer.toString(WeightRows.F.vectorBitSize()),
                        "floatLanes", Integer.toString(WeightRows.LANES))));
    }

    /**
     * Wraps {@code bytes} without copying (the caller keeps them alive), unless they are a heap segment over an array
     * other than {@code byte[]}, which the Vector API cannot read: those are copied once to native memory. Q4_0, Q8_0,
     * Q4_K, Q5_K, Q6_K, Q5_0 and IQ4_NL matrices are also repacked into {@link PackedRows}' strips for matmul; the file's pages they were read
     * from are then released from memory (they come back on demand for embedding lookups), so the model's resident
     * size stays about one copy of its weights.
     */
    @Override
    public WeightTensor loadWeight(String name, long[] shape, QuantFormat format, MemorySegment bytes) {
        MemorySegment readable = bytes;
        if (!bytes.isNative() && !(bytes.heapBase().orElse(null) instanceof byte[])) {
            readable = Arena.ofAuto().allocate(bytes.byteSize(), 64);
            readable.copyFrom(bytes);
        }
        HostWeight weight = new HostWeight(name, shape, format, readable);
        if (!PackedRows.packable(format, shape)) {
            return weight;
        }
        MemorySegment packed = PackedRows.pack(format, readable, weight.rows(), weight.columns(), pool);
        if (readable.isMapped()) {
            readable.unload();
        }
        return new PackedWeight(weight, packed);
    }

    @Override
    public Tensor allocate(int rows, int columns) {
        return new HostTensor(rows, columns);
    }

    @Override
    public KvCache allocateKvCache(KvCacheSpec spec, int blockCount) {
        return new CpuKvCache(spec, blockCount);
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public AttentionKernel attention() {
        return attention;
    }

    /** Every format: eight dequantized by vector code (Q4_0, Q8_0, Q4_K, Q5_K, Q6_K, Q5_0, IQ4_NL also repacked), others by reference codecs. */
    @Override
    public boolean supports(QuantFormat format) {
        return true;
    }

    /** Stops the worker threads; kernels that need them fail afterwards. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            pool.close();
        }
    }
}
