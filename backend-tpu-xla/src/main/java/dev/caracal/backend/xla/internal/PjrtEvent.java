package dev.caracal.backend.xla.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/** A {@code PJRT_Event}: completion of asynchronous work (a transfer, an execution), with its error if it failed. */
public final class PjrtEvent extends NativeHandle {

    PjrtEvent(PjrtApi api, MemorySegment address) {
        super(api, address, "event");
    }

    /** An owner of {@code address}, or empty where the plugin returned none. */
    static Optional<PjrtEvent> of(PjrtApi api, MemorySegment address) {
        return address.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(new PjrtEvent(api, address));
    }

    /** Whether the work has finished, successfully or not. */
    public boolean isReady() {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.EVENT_IS_READY).set("event", address());
            api.call(PjrtFunction.EVENT_IS_READY, args);
            return args.getBoolean("is_ready");
        }
    }

    /**
     * Blocks until the work has finished.
     *
     * @throws XlaException the work's error
     */
    public void await() {
        try (Arena arena = Arena.ofConfined()) {
            api.call(PjrtFunction.EVENT_AWAIT, Args.allocate(arena, PjrtStructs.EVENT_AWAIT).set("event", address()));
        }
    }

    /** The finished work's error; empty where it succeeded. Call only once {@link #isReady}. */
    public Optional<XlaException> error() {
        try (Arena arena = Arena.ofConfined()) {
            return api.tryCall(PjrtFunction.EVENT_ERROR, Args.allocate(arena, PjrtStructs.EVENT_ERROR).set("event",
                    address()));
        }
    }

    @Override
    void destroy(MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            api.call(PjrtFunction.EVENT_DESTROY, Args.allocate(arena, PjrtStructs.EVENT_DESTROY).set("event",
                    address));
        }
    }
}
