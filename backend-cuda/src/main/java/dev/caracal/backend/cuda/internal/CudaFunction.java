package dev.caracal.backend.cuda.internal;

import java.lang.foreign.MemorySegment;

/**
 * A kernel of a loaded {@link CudaModule} ({@code CUfunction}); valid while the module is loaded.
 *
 * @param name   the kernel's name in the source ({@code extern "C"}, so unmangled)
 * @param handle the {@code CUfunction}
 */
public record CudaFunction(String name, MemorySegment handle) {
}
