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

    /**
     * Warm-up multiplications per packed layout, past C2's invocation threshold (5,000 at tier 4). Measured on 1B files,
     * load to the first token's logits, three runs each: Q4_0 1.53-1.59 s without, 1.40-1.45 s with 20,000; Q8_0
     * 1.77-1.79 / 1.61-1.70; Q4_K_M 1.92-2.16 / 1.71-1.83.
     */
    private static final int WARM_UP_CALLS = Integer.getInteger("caracal.cpu.warmUpCalls", 20_000);
    /** Packed layouts warmed up in this JVM (compiled code is the JVM's, not a backend's). */
    private static final java.util.Set<QuantFormat> WARMED_UP = java.util.EnumSet.noneOf(QuantFormat.class);

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
        warmUp(format);
        return new PackedWeight(weight, packed);
    }

    /**
     * The first time a packed layout is loaded, multiplies a one-strip matrix of zeros in it {@link #WARM_UP_CALLS}
     * times, so that C2 compiles its one-row kernel while the rest of the model loads, instead of the first forward pass
     * running it interpreted over a whole model's weights while the compiler works.
     */
    private void warmUp(QuantFormat format) {
        synchronized (WARMED_UP) {
            if (!WARMED_UP.add(PackedRows.packedFormat(format))) {
                return;
            }
        }
        int columns = 256; // whole blocks of every packed format
        long[] shape = {PackedRows.STRIP_ROWS, columns};
        MemorySegment zeros = Arena.ofAuto().allocate(format.bytesFor(columns) * PackedRows.STRIP_ROWS, 64);
        PackedWeight weight = new PackedWeight(new HostWeight("warm-up", shape, format, zeros),
                PackedRows.pack(format, zeros, PackedRows.STRIP_ROWS, columns, pool));
        HostTensor input = new HostTensor(1, columns);
        HostTensor output = new HostTensor(1, PackedRows.STRIP_ROWS);
        for (int call = 0; call < WARM_UP_CALLS; call++) {
            kernels.matmul(weight, input, output);
        }
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

    /**
     * Every format: eight dequantized by vector code (Q4_0, Q8_0, Q4_K, Q5_K, Q6_K, Q5_0, IQ4_NL also repacked), others
     * by reference codecs.
     */
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
