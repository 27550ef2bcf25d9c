package dev.caracal.backend.cuda.internal;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A CUDA stream ({@code CUstream}): work issued to it runs in order; the owner destroys it once.
 */
public final class CudaStream implements AutoCloseable {

    private final CudaContext context;
    private final MemorySegment handle;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CudaStream(CudaContext context, MemorySegment handle) {
        this.context = context;
        this.handle = handle;
    }

    /** A stream that does not wait for the legacy default stream ({@code CU_STREAM_NON_BLOCKING}). */
    static CudaStream createNonBlocking(CudaContext context) {
        context.makeCurrent();
        return new CudaStream(context, context.driver().createStream(CudaDriver.CU_STREAM_NON_BLOCKING));
    }

    MemorySegment handle() {
        ensureOpen();
        return handle;
    }

    /** Copies {@code bytes} from native host memory to the device, in stream order. */
    public void copyToDeviceAsync(MemorySegment source, long destination, long bytes) {
        context.makeCurrent();
        context.driver().copyHostToDeviceAsync(destination, source, bytes, handle());
    }

    /** Copies {@code bytes} from the device to native host memory, in stream order (there after a synchronize). */
    public void copyToHostAsync(long source, MemorySegment destination, long bytes) {
        context.makeCurrent();
        context.driver().copyDeviceToHostAsync(destination, source, bytes, handle());
    }

    /** Waits until the work issued to this stream has finished. */
    public void synchronize() {
        context.makeCurrent();
        context.driver().synchronizeStream(handle());
    }

    /** Starts capturing the work issued to this stream into a graph; only this thread's unsafe calls break it. */
    void beginCapture() {
        context.makeCurrent();
        context.driver().beginCapture(handle(), CudaDriver.CU_STREAM_CAPTURE_MODE_THREAD_LOCAL);
    }

    /** Ends the capture begun by {@link #beginCapture()}: the graph of the work issued since. */
    CudaGraph endCapture() {
        context.makeCurrent();
        return new CudaGraph(context, context.driver().endCapture(handle()));
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the CUDA stream is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && context.isOpen()) {
            context.makeCurrent();
            context.driver().destroyStream(handle);
        }
    }
}
