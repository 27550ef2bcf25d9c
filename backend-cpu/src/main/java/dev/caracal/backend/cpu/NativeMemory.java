package dev.caracal.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * Large native buffers for repacked weights, from the C library's {@code malloc} and freed when the segment becomes
 * unreachable. {@code Arena.allocate} would count them against the JVM's direct-memory limit (by default the maximum
 * heap size), so a model larger than the heap limit would fail to load with an {@code OutOfMemoryError}.
 *
 * <p>On Linux, buffers of at least one huge page are aligned to 2 MiB and marked {@code MADV_HUGEPAGE} before they are
 * first written, so that transparent huge pages back them where the kernel allows it ({@code madvise} or
 * {@code always} in {@code /sys/kernel/mm/transparent_hugepage/enabled}): streaming the weights of a decode step then
 * misses the TLB 512 times less often (measured: 2 threads read 22.8 GB/s with 4 KiB pages, 29.4 GB/s with huge
 * pages).
 */
final class NativeMemory {

    private static final long ALIGNMENT = 64;
    private static final long HUGE_PAGE = 2L << 20;
    /** Linux's {@code MADV_HUGEPAGE}. */
    private static final int MADV_HUGEPAGE = 14;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MALLOC = LINKER.downcallHandle(
            LINKER.defaultLookup().find("malloc").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("free").orElseThrow(),
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    /** {@code int madvise(void *address, size_t length, int advice)}, on Linux only. */
    private static final Optional<MethodHandle> MADVISE = System.getProperty("os.name", "")
            .toLowerCase(Locale.ROOT).contains("linux")
                    ? LINKER.defaultLookup().find("madvise").map(address -> LINKER.downcallHandle(address,
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                                    ValueLayout.JAVA_INT)))
                    : Optional.empty();

    private NativeMemory() {
    }

    /**
     * {@code bytes} of uninitialized memory aligned to 64 bytes (to 2 MiB, with huge pages advised, for a buffer of at
     * least 2 MiB on Linux), freed by the garbage collector's cleaner once the returned segment (and every slice of
     * it) is unreachable.
     *
     * @throws OutOfMemoryError when the C library cannot provide it
     */
    static MemorySegment allocate(long bytes) {
        boolean huge = bytes >= HUGE_PAGE && MADVISE.isPresent();
        long alignment = huge ? HUGE_PAGE : ALIGNMENT;
        MemorySegment block;
        try {
            block = (MemorySegment) MALLOC.invokeExact(bytes + alignment);
        } catch (Throwable failure) {
            throw new IllegalStateException("malloc failed", failure);
        }
        if (block.address() == 0) {
            throw new OutOfMemoryError("cannot allocate " + bytes + " bytes of native memory for repacked weights");
        }
        long start = (block.address() + alignment - 1) / alignment * alignment;
        MemorySegment whole = block.reinterpret(bytes + alignment, Arena.ofAuto(), NativeMemory::free);
        MemorySegment aligned = whole.asSlice(start - block.address(), bytes);
        if (huge) {
            adviseHugePages(aligned.asSlice(0, bytes / HUGE_PAGE * HUGE_PAGE));
        }
        return aligned;
    }

    /** Asks for huge pages over {@code region} (2 MiB aligned); a kernel that refuses leaves ordinary pages. */
    private static void adviseHugePages(MemorySegment region) {
        try {
            int ignoredResult = (int) MADVISE.orElseThrow().invokeExact(region, region.byteSize(), MADV_HUGEPAGE);
        } catch (Throwable failure) {
            throw new IllegalStateException("madvise failed", failure);
        }
    }

    private static void free(MemorySegment block) {
        try {
            FREE.invokeExact(block);
        } catch (Throwable failure) {
            throw new IllegalStateException("free failed", failure);
        }
    }
}
