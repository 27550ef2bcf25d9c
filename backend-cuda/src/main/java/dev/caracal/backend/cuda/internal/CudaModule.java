package dev.caracal.backend.cuda.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loaded CUDA module ({@code CUmodule}, from a CUBIN) and its kernels, looked up once by name; the owner unloads
 * it once.
 */
public final class CudaModule implements AutoCloseable {

    private final CudaContext context;
    private final String sourceName;
    private final MemorySegment handle;
    private final Map<String, CudaFunction> functions = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private CudaModule(CudaContext context, String sourceName, MemorySegment handle) {
        this.context = context;
        this.sourceName = sourceName;
        this.handle = handle;
    }

    /** Loads {@code image} (a CUBIN, or PTX) compiled from {@code sourceName}. */
    static CudaModule load(CudaContext context, byte[] image, String sourceName) {
        context.makeCurrent();
        try (Arena arena = Arena.ofConfined()) {
            // A trailing NUL: PTX is read as a C string; a CUBIN's ELF headers give its own size.
            MemorySegment copy = arena.allocate(image.length + 1L);
            MemorySegment.copy(image, 0, copy, ValueLayout.JAVA_BYTE, 0, image.length);
            return new CudaModule(context, sourceName, context.driver().loadModule(copy));
        }
    }

    /**
     * The kernel {@code name} (declared {@code extern "C"} in the source).
     *
     * @throws IllegalArgumentException where the module has no kernel of that name
     */
    public CudaFunction function(String name) {
        CudaFunction function = functions.get(name);
        return function != null ? function : functions.computeIfAbsent(name, this::lookUp);
    }

    private CudaFunction lookUp(String name) {
        if (closed.get()) {
            throw new IllegalStateException("the CUDA module of " + sourceName + " is unloaded");
        }
        context.makeCurrent();
        try {
            return new CudaFunction(name, context.driver().function(handle, name));
        } catch (CudaException failure) {
            if (failure.code() == CudaErrorNames.NOT_FOUND) {
                throw new IllegalArgumentException("no kernel named " + name + " in " + sourceName
                        + " (a kernel is found by its extern \"C\" name)", failure);
            }
            throw failure;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && context.isOpen()) {
            functions.clear();
            context.makeCurrent();
            context.driver().unloadModule(handle);
        }
    }
}
