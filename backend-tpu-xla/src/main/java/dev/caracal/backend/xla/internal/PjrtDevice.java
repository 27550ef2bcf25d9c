package dev.caracal.backend.xla.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.OptionalLong;

/** A {@code PJRT_Device} of a {@link PjrtClient}, which owns it: valid while the client is open. */
public final class PjrtDevice {

    /** Device memory as the plugin's allocator reports it; the optional figures are those the plugin gave. */
    public record MemoryStats(long bytesInUse, OptionalLong peakBytesInUse, OptionalLong bytesLimit,
            OptionalLong largestFreeBlockBytes) {
    }

    private final PjrtClient client;
    private final MemorySegment address;

    PjrtDevice(PjrtClient client, MemorySegment address) {
        this.client = client;
        this.address = address;
    }

    MemorySegment address() {
        client.address();
        return address;
    }

    /** The device's id, unique among the client's devices. */
    public int id() {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.DEVICE_DESCRIPTION_ID).set("device_description",
                    description(arena));
            client.api.call(PjrtFunction.DEVICE_DESCRIPTION_ID, args);
            return args.getInt("id");
        }
    }

    /** The kind of device, as its vendor names it ({@code NVIDIA H100 80GB HBM3}, {@code TPU v5 lite}). */
    public String kind() {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.DEVICE_DESCRIPTION_KIND).set("device_description",
                    description(arena));
            client.api.call(PjrtFunction.DEVICE_DESCRIPTION_KIND, args);
            return args.string("device_kind", "device_kind_size");
        }
    }

    /** A description for logs, verbose enough to tell devices apart. */
    public String debugString() {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.DEVICE_DESCRIPTION_DEBUG_STRING).set("device_description",
                    description(arena));
            client.api.call(PjrtFunction.DEVICE_DESCRIPTION_DEBUG_STRING, args);
            return args.string("debug_string", "debug_string_size");
        }
    }

    /**
     * The allocator's statistics.
     *
     * @throws XlaException {@code UNIMPLEMENTED} on plugins that keep none
     */
    public MemoryStats memoryStats() {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.DEVICE_MEMORY_STATS).set("device", address());
            client.api.call(PjrtFunction.DEVICE_MEMORY_STATS, args);
            return new MemoryStats(args.getLong("bytes_in_use"), optional(args, "peak_bytes_in_use"),
                    optional(args, "bytes_limit"), optional(args, "largest_free_block_bytes"));
        }
    }

    private static OptionalLong optional(Args args, String field) {
        return args.getBoolean(field + "_is_set") ? OptionalLong.of(args.getLong(field)) : OptionalLong.empty();
    }

    /** {@code PJRT_Device_GetDescription}: the description, owned by the device. */
    private MemorySegment description(Arena arena) {
        Args args = Args.allocate(arena, PjrtStructs.DEVICE_GET_DESCRIPTION).set("device", address());
        client.api.call(PjrtFunction.DEVICE_GET_DESCRIPTION, args);
        return args.address("device_description");
    }
}
