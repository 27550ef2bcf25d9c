package dev.caracal.backend.xla.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/** A {@code PJRT_Buffer}: an array on a device, of one element type and shape. */
public final class PjrtBuffer extends NativeHandle {

    /** Where the buffer aliases host memory: fires when the runtime no longer reads it; closed with the buffer. */
    private final Optional<PjrtEvent> hostReleased;
    private volatile boolean donated;

    PjrtBuffer(PjrtApi api, MemorySegment address, Optional<PjrtEvent> hostReleased) {
        super(api, address, "buffer");
        this.hostReleased = hostReleased;
    }

    /** The shape, major to minor. */
    public long[] dimensions() {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.BUFFER_DIMENSIONS).set("buffer", address());
            api.call(PjrtFunction.BUFFER_DIMENSIONS, args);
            long count = args.getLong("num_dims");
            return count == 0 ? new long[0]
                    : args.address("dims").reinterpret(count * Long.BYTES).toArray(ValueLayout.JAVA_LONG);
        }
    }

    public PjrtBufferType elementType() {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.BUFFER_ELEMENT_TYPE).set("buffer", address());
            api.call(PjrtFunction.BUFFER_ELEMENT_TYPE, args);
            int code = args.getInt("type");
            return PjrtBufferType.of(code).orElseThrow(() -> new IllegalStateException(api.plugin()
                    + " returned element type " + code + ", which PJRT C API " + PjrtApi.MAJOR + "." + PjrtApi.MINOR
                    + " does not define"));
        }
    }

    /** An event that fires when the buffer's data is ready (or failed); the caller closes it. */
    public PjrtEvent readyEvent() {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.BUFFER_READY_EVENT).set("buffer", address());
            api.call(PjrtFunction.BUFFER_READY_EVENT, args);
            return new PjrtEvent(api, args.address("event"));
        }
    }

    /** The bytes {@link #copyToHost} writes: the dense host layout of the buffer. */
    public long hostSize() {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.BUFFER_TO_HOST_BUFFER).set("src", address());
            api.call(PjrtFunction.BUFFER_TO_HOST_BUFFER, args);
            PjrtEvent.of(api, args.address("event")).ifPresent(PjrtEvent::close);
            return args.getLong("dst_size");
        }
    }

    /** Copies the buffer into {@code destination} (native memory of at least {@link #hostSize} bytes) and waits. */
    public void copyToHost(MemorySegment destination) {
        if (!destination.isNative()) {
            throw new IllegalArgumentException("the destination must be native memory (off the Java heap)");
        }
        long size = hostSize();
        if (destination.byteSize() < size) {
            throw new IllegalArgumentException("the buffer needs " + size + " bytes on the host, the destination has "
                    + destination.byteSize());
        }
        Optional<PjrtEvent> copied;
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.BUFFER_TO_HOST_BUFFER).set("src", address())
                    .set("dst", destination).set("dst_size", size);
            api.call(PjrtFunction.BUFFER_TO_HOST_BUFFER, args);
            copied = PjrtEvent.of(api, args.address("event"));
        }
        if (copied.isPresent()) {
            try (PjrtEvent event = copied.get()) {
                event.await();
            }
        }
    }

    /** Whether it was offered for donation to an execution, after which only {@link #close} may be called. */
    public boolean isDonated() {
        return donated;
    }

    void markDonated() {
        donated = true;
    }

    /** The pointer, for any use but closing: refused once closed or donated. */
    @Override
    MemorySegment address() {
        if (donated) {
            throw new IllegalStateException("the PJRT buffer was donated to an execution");
        }
        return super.address();
    }

    @Override
    void destroy(MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            api.call(PjrtFunction.BUFFER_DESTROY, Args.allocate(arena, PjrtStructs.BUFFER_DESTROY).set("buffer",
                    address));
        } finally {
            hostReleased.ifPresent(PjrtEvent::close);
        }
    }
}
