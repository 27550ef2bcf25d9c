package dev.caracal.backend.cuda;

import dev.caracal.backend.cuda.internal.Device;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The backend's device memory: every allocation it made (all freed when the backend closes), and named buffers reused
 * from launch to launch for the small arrays a kernel reads (token ids, positions, slots, block tables) and for
 * scratch space. Work on the device is ordered, so a buffer can be overwritten for the next launch as soon as the
 * previous one was issued.
 */
final class DeviceMemory implements AutoCloseable {

    private final Device device;
    private final LaunchQueue queue;
    private final Set<Long> allocations = new LinkedHashSet<>();
    private final Map<String, long[]> buffers = new HashMap<>(); // purpose -> {address, capacity in bytes}
    private final Map<String, int[]> contents = new HashMap<>(); // purpose -> the values its buffer holds

    DeviceMemory(LaunchQueue queue) {
        this.device = queue.device();
        this.queue = queue;
    }

    /** {@code bytes} of zeroed device memory, freed by {@link #free} or when the backend closes. */
    synchronized long allocate(long bytes) {
        long address = device.allocate(Math.max(bytes, 1));
        allocations.add(address);
        return address;
    }

    /** Frees {@code address}, once the queued launches (which may use it) are issued. */
    synchronized void free(long address) {
        queue.flush();
        if (allocations.remove(address)) {
            device.free(address);
        }
    }

    /** A device buffer of at least {@code bytes} for {@code purpose}, its contents undefined. */
    synchronized long scratch(String purpose, long bytes) {
        long[] buffer = buffers.get(purpose);
        if (buffer == null || buffer[1] < bytes) {
            if (buffer != null) {
                free(buffer[0]);
                contents.remove(purpose);
            }
            long capacity = Math.max(bytes, 256);
            capacity = Math.max(capacity, buffer == null ? 0 : buffer[1] * 2);
            buffer = new long[] {allocate(capacity), capacity};
            contents.remove(purpose);
            buffers.put(purpose, buffer);
        }
        return buffer[0];
    }

    /**
     * Copies {@code values[0, count)} to the device buffer of {@code purpose}; its address. A buffer already holding
     * them is not copied again; one holding other values is overwritten after the queued launches that read the old
     * ones are issued (the copy waits for the launches issued before it, as a synchronous copy on the default stream
     * does), while queued launches that do not read it stay queued, so that a step's inputs do not split its launches
     * into several runs.
     */
    synchronized long ints(String purpose, int[] values, int count) {
        long bytes = (long) count * Integer.BYTES;
        long address = scratch(purpose, bytes);
        int[] held = contents.get(purpose);
        if (held != null && Arrays.equals(held, 0, held.length, values, 0, count)) {
            return address;
        }
        if (held != null && queue.references(address, buffers.get(purpose)[1])) {
            queue.flush();
        }
        contents.put(purpose, Arrays.copyOf(values, count));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(Math.max(bytes, 4), 64);
            MemorySegment.copy(values, 0, staging, ValueLayout.JAVA_INT, 0, count);
            device.copyToDevice(staging, address, bytes);
        }
        return address;
    }

    /** Copies {@code values} into new device memory; its address. */
    long floats(float[] values) {
        long bytes = (long) values.length * Float.BYTES;
        long address = allocate(bytes);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(Math.max(bytes, 4), 64);
            MemorySegment.copy(values, 0, staging, ValueLayout.JAVA_FLOAT, 0, values.length);
            device.copyToDevice(staging, address, bytes);
        }
        return address;
    }

    /** Frees every allocation. */
    @Override
    public synchronized void close() {
        queue.close();
        for (long address : allocations) {
            device.free(address);
        }
        allocations.clear();
        buffers.clear();
        contents.clear();
    }
}
