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

/**
 * An opened hardware backend: its devices, weight upload, activation and KV memory, and kernels. Owns native resources
 * until {@link #close()}.
 */
public interface Backend extends AutoCloseable {

    String name();

    List<DeviceInfo> devices();

    /**
     * Makes a weight usable by this backend's kernels. Host backends wrap {@code bytes} without copying (so the
     * caller keeps the mapping alive); device backends copy it to the device.
     *
     * @param shape outermost first; {@code bytes} holds the rows contiguously
     */
    WeightTensor loadWeight(String name, long[] shape, QuantFormat format, MemorySegment bytes);

    /** A zeroed {@code [rows, columns]} float32 activation tensor. */
    Tensor allocate(int rows, int columns);

    /** KV cache storage of {@code blockCount} blocks. */
    KvCache allocateKvCache(KvCacheSpec spec, int blockCount);

    Kernels kernels();

    AttentionKernel attention();

    /** True when {@link Kernels#matmul} and {@link Kernels#embedding} take weights of {@code format}. */
    boolean supports(QuantFormat format);

    /** Frees the backend's threads and memory. */
    @Override
    void close();
}
