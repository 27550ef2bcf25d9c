package dev.caracal.backend.cuda.internal;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The primary context of one device, retained while this owner is open and made current on each thread that calls
 * {@link #makeCurrent()}. A platform thread remembers the context it made current (the CUDA current context is per OS
 * thread); a virtual thread, which may move between OS threads, sets it on every call.
 */
public final class CudaContext implements AutoCloseable {

    /** The context this thread last made current through an owner (not another library's doing). */
    private static final ThreadLocal<CudaContext> CURRENT = new ThreadLocal<>();

    private final CudaDriver driver;
    private final int device;
    private final MemorySegment handle;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CudaContext(CudaDriver driver, int device, MemorySegment handle) {
        this.driver = driver;
        this.device = device;
        this.handle = handle;
    }

    /** Retains the primary context of {@code device} (a {@code CUdevice}) and makes it current on this thread. */
    static CudaContext retainPrimary(CudaDriver driver, int device) {
        CudaContext context = new CudaContext(driver, device, driver.retainPrimaryContext(device));
        try {
            context.makeCurrent();
        } catch (RuntimeException failure) {
            context.close();
            throw failure;
        }
        return context;
    }

    /** Makes this context current on the calling thread, unless this thread already has it. */
    public void makeCurrent() {
        if (closed.get()) {
            throw new IllegalStateException("the CUDA context of device " + device + " is closed");
        }
        if (Thread.currentThread().isVirtual() || CURRENT.get() != this) {
            driver.setCurrentContext(handle);
            CURRENT.set(this);
        }
    }

    /** Waits until all work issued in this context has finished ({@code cuCtxSynchronize}). */
    public void synchronize() {
        makeCurrent();
        driver.synchronizeContext();
    }

    /** Whether the context is still retained. */
    public boolean isOpen() {
        return !closed.get();
    }

    CudaDriver driver() {
        return driver;
    }

    /** The {@code CUdevice}. */
    int device() {
        return device;
    }

    /** Releases the primary context (the driver destroys it once its last user has released it); once only. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (CURRENT.get() == this) {
                CURRENT.remove();
            }
            driver.releasePrimaryContext(device);
        }
    }
}
