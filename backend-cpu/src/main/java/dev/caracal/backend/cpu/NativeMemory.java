package dev.caracal.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Large native buffers for repacked weights, from the C library's {@code malloc} and freed when the segment becomes
 * unreachable. {@code Arena.allocate} would count them against the JVM's direct-memory limit (by default the maximum
 * heap size), so a model larger than the heap limit would fail to load with an {@code OutOfMemoryError}.
 */
final class NativeMemory {

    private static final long ALIGNMENT = 64;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MALLOC = LINKER.downcallHandle(
            LINKER.defaultLookup().find("malloc").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("free").orElseThrow(),
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));

    private NativeMemory() {
    }

    /**
     * {@code bytes} of uninitialized memory aligned to 64 bytes, freed by the garbage collector's cleaner once the
     * returned segment (and every slice of it) is unreachable.
     *
     * @throws OutOfMemoryError when the C library cannot provide it
     */
    static MemorySegment allocate(long bytes) {
        MemorySegment block;
        try {
            block = (MemorySegment) MALLOC.invokeExact(bytes + ALIGNMENT);
        } catch (Throwable failure) {
            throw new IllegalStateException("malloc failed", failure);
        }
        if (block.address() == 0) {
            throw new OutOfMemoryError("cannot allocate " + bytes + " bytes of native memory for repacked weights");
        }
        long start = (block.address() + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        MemorySegment whole = block.reinterpret(bytes + ALIGNMENT, Arena.ofAuto(), NativeMemory::free);
        return whole.asSlice(start - block.address(), bytes);
    }

    private static void free(MemorySegment block) {
        try {
            FREE.invokeExact(block);
        } catch (Throwable failure) {
            throw new IllegalStateException("free failed", failure);
        }
    }
}
