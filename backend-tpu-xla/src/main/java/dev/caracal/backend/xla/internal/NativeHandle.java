package dev.caracal.backend.xla.internal;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/** A PJRT object this side owns (client, executable, buffer, event): destroyed once, on the first {@link #close}. */
public abstract sealed class NativeHandle implements AutoCloseable
        permits PjrtClient, PjrtLoadedExecutable, PjrtBuffer, PjrtEvent {

    final PjrtApi api;
    private final MemorySegment address;
    private final String kind;
    private final AtomicBoolean closed = new AtomicBoolean();

    NativeHandle(PjrtApi api, MemorySegment address, String kind) {
        if (address.equals(MemorySegment.NULL)) {
            throw new IllegalStateException(api.plugin() + " returned no " + kind);
        }
        this.api = api;
        this.address = address;
        this.kind = kind;
    }

    /** The native pointer, while open. */
    MemorySegment address() {
        if (closed.get()) {
            throw new IllegalStateException("the PJRT " + kind + " is closed");
        }
        return address;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Destroys the native object; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            destroy(address);
        }
    }

    /** Frees the native object at {@code address}, once. */
    abstract void destroy(MemorySegment address);
}
