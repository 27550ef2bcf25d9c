package dev.caracal.backend.cuda;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.DeviceInfo;
import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kernel.Kernels;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import dev.caracal.backend.cuda.internal.Device;
import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CUDA backend: weights (their GGUF blocks unchanged), activations and the paged KV cache live in the GPU's
 * memory, and each kernel call is one launch of the kernels in {@code caracal_kernels.cu}; only logits and the
 * tensors a caller reads come back to the host.
 */
public final class CudaBackend implements Backend {

    /** The weight formats the kernels read directly. */
    static final Set<QuantFormat> FORMATS = EnumSet.of(QuantFormat.F32, QuantFormat.F16, QuantFormat.BF16,
            QuantFormat.Q4_0, QuantFormat.Q4_1, QuantFormat.Q5_0, QuantFormat.Q5_1, QuantFormat.Q8_0,
            QuantFormat.Q4_K, QuantFormat.Q5_K, QuantFormat.Q6_K, QuantFormat.IQ4_NL);

    private final Device device;
    private final LaunchQueue queue;
    private final DeviceMemory memory;
    private final CudaKernels kernels;
    private final CudaAttention attention;

    /** Batches from which matrix products go through cuBLAS, unless {@code caracal.cuda.gemm-rows} says otherwise. */
    static final int GEMM_MINIMUM_ROWS = 32;

    CudaBackend(Device device) {
        this(device, Integer.getInteger("caracal.cuda.gemm-rows", GEMM_MINIMUM_ROWS));
    }

    /**
     * @param gemmMinimumRows batches of at least this many rows multiply through cuBLAS when the device has it (0:
     *                        never)
     */
    CudaBackend(Device device, int gemmMinimumRows) {
        this.device = device;
        this.queue = new LaunchQueue(device, Boolean.parseBoolean(System.getProperty("caracal.cuda.graphs", "true")));
        this.memory = new DeviceMemory(queue);
        this.kernels = new CudaKernels(queue, memory, gemmMinimumRows);
        this.attention = new CudaAttention(queue, memory);
    }

    @Override
    public String name() {
        return CudaBackendProvider.NAME;
    }

    /**
     * The device with the memory free now (not its total), of which the engine gives its KV cache a share; its details
     * add which products go through cuBLAS ({@code blas}).
     */
    @Override
    public List<DeviceInfo> devices() {
        Map<String, String> details = new LinkedHashMap<>(device.details());
        details.put("blas", kernels.blasUse());
        return List.of(new DeviceInfo(device.name(), "gpu", device.freeMemory(), details));
    }

    /** Copies the weight's bytes to the device. */
    @Override
    public WeightTensor loadWeight(String name, long[] shape, QuantFormat format, MemorySegment bytes) {
        if (!supports(format)) {
            throw new IllegalArgumentException(name + " is " + format + ", which the CUDA backend does not read; it"
                    + " reads " + FORMATS);
        }
        format.checkWeight(name, shape, bytes.byteSize());
        long address = memory.allocate(bytes.byteSize());
        device.copyToDevice(bytes, address, bytes.byteSize());
        return new DeviceWeight(name, shape, format, address);
    }

    @Override
    public Tensor allocate(int rows, int columns) {
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("a tensor of " + rows + " x " + columns);
        }
        return new DeviceTensor(queue, memory.allocate((long) rows * columns * Float.BYTES), rows, columns);
    }

    @Override
    public KvCache allocateKvCache(KvCacheSpec spec, int blockCount) {
        if (spec.headSize() > CudaAttention.MAX_HEAD_SIZE) {
            throw new IllegalArgumentException("the CUDA attention kernels take heads of up to "
                    + CudaAttention.MAX_HEAD_SIZE + " values, not " + spec.headSize());
        }
        return new DeviceKvCache(queue, memory, spec, blockCount);
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
        return FORMATS.contains(format);
    }

    /** Runs that were issued by replaying a CUDA graph (for tests and benchmarks). */
    int graphReplays() {
        return queue.replays();
    }

    /** Frees the device memory and the device. */
    @Override
    public void close() {
        memory.close();
        device.close();
    }
}
