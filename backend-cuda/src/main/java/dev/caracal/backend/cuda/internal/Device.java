package dev.caracal.backend.cuda.internal;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Optional;

/**
 * One GPU as the backend's tensors and kernels use it: device memory addressed by {@code long}, copies to and from
 * host memory, and launches of the kernels in {@code caracal_kernels.cu} by name. Work is ordered: a copy or launch
 * sees everything issued before it, and a copy to the host returns once the data is there.
 *
 * <p>{@link CudaDevice} runs on a real GPU; the tests also run the same kernel source on the CPU through an emulator
 * that implements this interface.
 */
public interface Device extends AutoCloseable {

    /** For people: {@code NVIDIA H100 80GB HBM3}. */
    String name();

    /** Memory the device has, in bytes. */
    long totalMemory();

    /** Memory free on the device now, in bytes: after the weights are loaded, what a KV cache may take a share of. */
    long freeMemory();

    /** Facts worth showing a person (compute capability, driver and NVRTC versions). */
    Map<String, String> details();

    /** {@code bytes} of zeroed device memory; its address. */
    long allocate(long bytes);

    /** Frees memory from {@link #allocate}. */
    void free(long address);

    /** Copies {@code bytes} from host memory to device address {@code destination}. */
    void copyToDevice(MemorySegment source, long destination, long bytes);

    /** Copies {@code bytes} from device address {@code source} into host memory. */
    void copyToHost(long source, MemorySegment destination, long bytes);

    /** Copies {@code bytes} between two device addresses. */
    void copyOnDevice(long source, long destination, long bytes);

    /** Sets {@code bytes} of device memory to zero. */
    void zero(long address, long bytes);

    /**
     * Launches kernel {@code kernel} on a {@code gridX × gridY × gridZ} grid of one-dimensional blocks of
     * {@code blockSize} threads. Each argument is a {@link Long} (a device address or a 64-bit integer), an
     * {@link Integer} or a {@link Float}, in the order of the kernel's parameters.
     */
    void launch(String kernel, int gridX, int gridY, int gridZ, int blockSize, Object... arguments);

    /** Matrix products by the device's BLAS library (cuBLAS), when it has one. */
    default Optional<Blas> blas() {
        return Optional.empty();
    }

    /**
     * Records the launches {@code launches} makes on this thread, without running them, as one replayable unit (a
     * CUDA graph): {@link Replay#run()} then issues them all with a single call, with the same kernels, arguments
     * and addresses. Empty where the device cannot record; the launches are then not recorded either.
     */
    default Optional<Replay> record(Runnable launches) {
        return Optional.empty();
    }

    /** A recorded sequence of launches, owned by its caller. */
    interface Replay extends AutoCloseable {

        /** Issues the recorded launches, after the work issued before. */
        void run();

        @Override
        void close();
    }

    /** Waits until all issued work has finished. */
    void synchronize();

    /** Frees everything the device holds for this process. */
    @Override
    void close();
}
