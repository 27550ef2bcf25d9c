package dev.caracal.backend.cuda.internal;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A CUDA event ({@code CUevent}) with timing, for measuring the device time between two points of a stream; the owner
 * destroys it once.
 */
public final class CudaEvent implements AutoCloseable {

    private final CudaContext context;
    private final MemorySegment handle;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CudaEvent(CudaContext context, MemorySegment handle) {
        this.context = context;
        this.handle = handle;
    }

    /** An event that records timing ({@code CU_EVENT_DEFAULT}). */
    static CudaEvent create(CudaContext context) {
        context.makeCurrent();
        return new CudaEvent(context, context.driver().createEvent(CudaDriver.CU_EVENT_DEFAULT));
    }

    /** Records the event on the legacy default stream. */
    public void record() {
        record(MemorySegment.NULL);
    }

    /** Records the event on {@code stream}. */
    public void record(CudaStream stream) {
        record(stream.handle());
    }

    private void record(MemorySegment stream) {
        context.makeCurrent();
        context.driver().recordEvent(handle(), stream);
    }

    /** Waits until the work before the event's record has finished. */
    public void synchronize() {
        context.makeCurrent();
        context.driver().synchronizeEvent(handle());
    }

    /** Milliseconds of device time from {@code start}'s record to this event's (both recorded and finished). */
    public float millisecondsSince(CudaEvent start) {
        context.makeCurrent();
        return context.driver().elapsedMilliseconds(start.handle(), handle());
    }

    private MemorySegment handle() {
        if (closed.get()) {
            throw new IllegalStateException("the CUDA event is closed");
        }
        return handle;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && context.isOpen()) {
            context.makeCurrent();
            context.driver().destroyEvent(handle);
        }
    }
}
