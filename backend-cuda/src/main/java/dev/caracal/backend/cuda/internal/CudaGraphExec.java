package dev.caracal.backend.cuda.internal;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An executable CUDA graph ({@code CUgraphExec}): a captured decode step that one launch replays, with the same
 * kernels, arguments and addresses; the owner destroys it once.
 */
public final class CudaGraphExec implements AutoCloseable {

    private final CudaContext context;
    private final MemorySegment handle;
    private final AtomicBoolean closed = new AtomicBoolean();

    CudaGraphExec(CudaContext context, MemorySegment handle) {
        this.context = context;
        this.handle = handle;
    }

    /** Launches the graph on the legacy default stream, after the work issued before it. */
    public void launch() {
        launch(MemorySegment.NULL);
    }

    /** Launches the graph on {@code stream}. */
    public void launch(CudaStream stream) {
        launch(stream.handle());
    }

    private void launch(MemorySegment stream) {
        if (closed.get()) {
            throw new IllegalStateException("the CUDA graph is closed");
        }
        context.makeCurrent();
        context.driver().launchGraph(handle, stream);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && context.isOpen()) {
            context.makeCurrent();
            context.driver().destroyGraphExec(handle);
        }
    }
}
