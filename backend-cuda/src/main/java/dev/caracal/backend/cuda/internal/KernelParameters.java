package dev.caracal.backend.cuda.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;

/**
 * The {@code kernelParams} of {@code cuLaunchKernel}: an array of pointers, the i-th pointing at the value of the
 * kernel's i-th parameter, which the driver copies at launch. Each value has an 8-byte slot: a {@link Long} fills it
 * (a device address or a 64-bit integer), an {@link Integer} takes its first 4 bytes, a {@link Float} its first 4
 * bytes as IEEE bits, all in the platform's (little-endian) order.
 */
public final class KernelParameters {

    /** Bytes per argument value. */
    static final long SLOT = 8;

    private KernelParameters() {
    }

    /** The pointer array for {@code arguments}, its values beside it, allocated by {@code allocator}; NULL for none. */
    public static MemorySegment pack(SegmentAllocator allocator, String kernel, Object[] arguments) {
        if (arguments.length == 0) {
            return MemorySegment.NULL;
        }
        MemorySegment values = allocator.allocate(SLOT * arguments.length, SLOT);
        MemorySegment pointers = allocator.allocate(ValueLayout.ADDRESS, arguments.length);
        write(kernel, arguments, values, pointers);
        return pointers;
    }

    /**
     * Writes each argument's value into its slot of {@code values} and the slot's address into {@code pointers}.
     *
     * @throws IllegalArgumentException for an argument that is not a Long, an Integer or a Float
     */
    static void write(String kernel, Object[] arguments, MemorySegment values, MemorySegment pointers) {
        for (int index = 0; index < arguments.length; index++) {
            long offset = SLOT * index;
            switch (arguments[index]) {
                case Long value -> values.set(ValueLayout.JAVA_LONG, offset, value);
                case Integer value -> values.set(ValueLayout.JAVA_INT, offset, value);
                case Float value -> values.set(ValueLayout.JAVA_FLOAT, offset, value);
                case null -> throw new IllegalArgumentException("argument " + index + " of kernel " + kernel
                        + " is null; a kernel argument is a Long, an Integer or a Float");
                default -> throw new IllegalArgumentException("argument " + index + " of kernel " + kernel + " is a "
                        + arguments[index].getClass().getName() + " (" + arguments[index] + "); a kernel argument is"
                        + " a Long (a device address or a 64-bit integer), an Integer or a Float");
            }
            pointers.setAtIndex(ValueLayout.ADDRESS, index, values.asSlice(offset, SLOT));
        }
    }
}
