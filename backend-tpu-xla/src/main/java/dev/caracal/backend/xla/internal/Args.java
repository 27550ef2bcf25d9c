package dev.caracal.backend.xla.internal;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One PJRT struct in native memory, its fields read and written by their header names ({@code "client"},
 * {@code "value.float_value"} for a union member). A field written with the wrong Java type is refused.
 */
final class Args {

    private final StructLayout layout;
    private final MemorySegment segment;

    private Args(StructLayout layout, MemorySegment segment) {
        this.layout = layout;
        this.segment = segment;
    }

    /** A zeroed struct from {@code arena} whose {@code struct_size} is {@link PjrtStructs#structSize}. */
    static Args allocate(Arena arena, StructLayout layout) {
        Args args = new Args(layout, arena.allocate(layout));
        args.set("struct_size", PjrtStructs.structSize(layout));
        return args;
    }

    /** The struct at {@code address} (the {@code index}th of an array of them), for reading what a plugin wrote. */
    static Args at(MemorySegment address, StructLayout layout, long index) {
        return new Args(layout, address.reinterpret(layout.byteSize() * (index + 1))
                .asSlice(layout.byteSize() * index, layout.byteSize()));
    }

    MemorySegment segment() {
        return segment;
    }

    Args set(String field, MemorySegment address) {
        segment.set(field(field, AddressLayout.class), offset(field), address);
        return this;
    }

    /** A {@code size_t} or {@code int64_t} field. */
    Args set(String field, long value) {
        segment.set(field(field, ValueLayout.OfLong.class), offset(field), value);
        return this;
    }

    /** An {@code int} or enum field. */
    Args setInt(String field, int value) {
        segment.set(field(field, ValueLayout.OfInt.class), offset(field), value);
        return this;
    }

    Args set(String field, float value) {
        segment.set(field(field, ValueLayout.OfFloat.class), offset(field), value);
        return this;
    }

    Args set(String field, boolean value) {
        segment.set(field(field, ValueLayout.OfBoolean.class), offset(field), value);
        return this;
    }

    MemorySegment address(String field) {
        return segment.get(field(field, AddressLayout.class), offset(field));
    }

    long getLong(String field) {
        return segment.get(field(field, ValueLayout.OfLong.class), offset(field));
    }

    int getInt(String field) {
        return segment.get(field(field, ValueLayout.OfInt.class), offset(field));
    }

    float getFloat(String field) {
        return segment.get(field(field, ValueLayout.OfFloat.class), offset(field));
    }

    boolean getBoolean(String field) {
        return segment.get(field(field, ValueLayout.OfBoolean.class), offset(field));
    }

    /** The UTF-8 text of {@code size} bytes at the pointer in field {@code pointer} (C strings here carry a size). */
    String string(String pointer, String size) {
        return string(address(pointer), getLong(size));
    }

    static String string(MemorySegment address, long size) {
        if (size == 0 || address.equals(MemorySegment.NULL)) {
            return "";
        }
        return new String(address.reinterpret(size).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    private long offset(String field) {
        return layout.byteOffset(path(field));
    }

    private <T extends MemoryLayout> T field(String field, Class<T> kind) {
        MemoryLayout selected = layout.select(path(field));
        if (!kind.isInstance(selected)) {
            throw new IllegalArgumentException(layout.name().orElse("struct") + "." + field + " is a " + selected
                    + ", not a " + kind.getSimpleName());
        }
        return kind.cast(selected);
    }

    private static PathElement[] path(String field) {
        return Arrays.stream(field.split("\\.")).map(PathElement::groupElement).toArray(PathElement[]::new);
    }
}
