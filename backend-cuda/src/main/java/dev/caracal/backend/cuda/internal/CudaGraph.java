package dev.caracal.backend.cuda.internal;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A captured CUDA graph ({@code CUgraph}), the template of a {@link CudaGraphExec}; the owner destroys it once.
 */
public final class CudaGraph implements AutoCloseable {

    private final CudaContext context;
    private final MemorySegment handle;
    private final AtomicBoolean closed = new AtomicBoolean();

    CudaGraph(CudaContext context, MemorySegment handle) {
        this.context = context;
        this.handle = handle;
    }

    /** The executable graph ({@code cuGraphInstantiateWithFlags}, no flags); this graph may be closed after. */
    public CudaGraphExec instantiate() {
        if (closed.get()) {
            throw new IllegalStateException("the CUDA graph is closed");
        }
        context.makeCurrent();
        return new CudaGraphExec(context, context.driver().instantiateGraph(handle, 0));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && context.isOpen()) {
            context.makeCurrent();
            context.driver().destroyGraph(handle);
        }
    }
}
