package dev.caracal.backend.xla.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A {@code PJRT_NamedValue}: a client creation option ({@code preallocate = false}) or a plugin attribute
 * ({@code xla_version}). The value is a {@link String}, {@link Long}, {@code List<Long>}, {@link Float} or
 * {@link Boolean}, the five types the header knows.
 */
public record NamedValue(String name, Object value) {

    /** {@code PJRT_NamedValue_Type}, in the header's order. */
    enum Type {
        STRING("kString"),
        INT64("kInt64"),
        INT64_LIST("kInt64List"),
        FLOAT("kFloat"),
        BOOL("kBool");

        private final String suffix;

        Type(String suffix) {
            this.suffix = suffix;
        }

        int code() {
            return ordinal();
        }

        String headerName() {
            return "PJRT_NamedValue_" + suffix;
        }
    }

    public NamedValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (value instanceof List<?> list) {
            value = List.copyOf(list);
            if (!list.stream().allMatch(Long.class::isInstance)) {
                throw new IllegalArgumentException(name + ": a list value holds only Longs");
            }
        } else if (!(value instanceof String || value instanceof Long || value instanceof Float
                || value instanceof Boolean)) {
            throw new IllegalArgumentException(name + ": a PJRT value is a String, Long, List<Long>, Float or"
                    + " Boolean, not a " + value.getClass().getSimpleName());
        }
    }

    public static NamedValue of(String name, String value) {
        return new NamedValue(name, value);
    }

    public static NamedValue of(String name, long value) {
        return new NamedValue(name, value);
    }

    public static NamedValue of(String name, float value) {
        return new NamedValue(name, value);
    }

    public static NamedValue of(String name, boolean value) {
        return new NamedValue(name, value);
    }

    public static NamedValue of(String name, List<Long> value) {
        return new NamedValue(name, value);
    }

    Type type() {
        return switch (value) {
            case String ignored -> Type.STRING;
            case Long ignored -> Type.INT64;
            case List<?> ignored -> Type.INT64_LIST;
            case Float ignored -> Type.FLOAT;
            default -> Type.BOOL;
        };
    }

    /** {@code values} as a C array of {@code PJRT_NamedValue}, its strings and lists allocated in {@code arena}. */
    static MemorySegment toNative(Arena arena, List<NamedValue> values) {
        if (values.isEmpty()) {
            return MemorySegment.NULL;
        }
        MemorySegment array = arena.allocate(PjrtStructs.NAMED_VALUE, values.size());
        for (int i = 0; i < values.size(); i++) {
            NamedValue named = values.get(i);
            Args entry = Args.at(array, PjrtStructs.NAMED_VALUE, i);
            entry.set("struct_size", PjrtStructs.structSize(PjrtStructs.NAMED_VALUE));
            byte[] name = named.name.getBytes(StandardCharsets.UTF_8);
            entry.set("name", arena.allocateFrom(ValueLayout.JAVA_BYTE, name)).set("name_size", name.length);
            entry.setInt("type", named.type().code());
            switch (named.value) {
                case String text -> {
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    entry.set("value.string_value", arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes));
                    entry.set("value_size", bytes.length);
                }
                case Long number -> entry.set("value.int64_value", number.longValue()).set("value_size", 1);
                case List<?> list -> {
                    long[] numbers = list.stream().mapToLong(Long.class::cast).toArray();
                    entry.set("value.int64_array_value", arena.allocateFrom(ValueLayout.JAVA_LONG, numbers));
                    entry.set("value_size", numbers.length);
                }
                case Float number -> entry.set("value.float_value", number.floatValue()).set("value_size", 1);
                case Boolean flag -> entry.set("value.bool_value", flag.booleanValue()).set("value_size", 1);
                default -> throw new IllegalStateException("unreachable: " + named.value);
            }
        }
        return array;
    }

    /** The {@code count} values of the C array at {@code array}, copied; one of an unknown type is skipped. */
    static List<NamedValue> fromNative(MemorySegment array, long count) {
        if (count == 0 || array.equals(MemorySegment.NULL)) {
            return List.of();
        }
        ArrayList<NamedValue> values = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            Args entry = Args.at(array, PjrtStructs.NAMED_VALUE, i);
            String name = entry.string("name", "name_size");
            long size = entry.getLong("value_size");
            int type = entry.getInt("type");
            Object value;
            if (type == Type.STRING.code()) {
                value = Args.string(entry.address("value.string_value"), size);
            } else if (type == Type.INT64.code()) {
                value = entry.getLong("value.int64_value");
            } else if (type == Type.INT64_LIST.code()) {
                MemorySegment numbers = entry.address("value.int64_array_value");
                value = size == 0 ? List.of() : Arrays.stream(numbers.reinterpret(size * Long.BYTES)
                        .toArray(ValueLayout.JAVA_LONG)).boxed().toList();
            } else if (type == Type.FLOAT.code()) {
                value = entry.getFloat("value.float_value");
            } else if (type == Type.BOOL.code()) {
                value = entry.getBoolean("value.bool_value");
            } else {
                continue;
            }
            values.add(new NamedValue(name, value));
        }
        return List.copyOf(values);
    }

    /** {@code name=value}, lists as {@code [1, 2]}. */
    @Override
    public String toString() {
        return name + "=" + value;
    }
}
