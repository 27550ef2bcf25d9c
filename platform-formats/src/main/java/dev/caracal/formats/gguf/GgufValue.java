package dev.caracal.formats.gguf;

import java.util.Objects;

/**
 * One GGUF metadata value with its declared type.
 *
 * <p>The Java value by type: {@code Byte} (UINT8, INT8), {@code Short} (UINT16, INT16), {@code Integer} (UINT32,
 * INT32), {@code Long} (UINT64, INT64), {@code Float}, {@code Double}, {@code Boolean}, {@code String},
 * {@link GgufArray}. Unsigned values keep their bits; {@link #asLong()} reads them unsigned.
 *
 * @param type  the declared type
 * @param value the value
 */
public record GgufValue(GgufValueType type, Object value) {

    public GgufValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Class<?> expected = switch (type) {
            case UINT8, INT8 -> Byte.class;
            case UINT16, INT16 -> Short.class;
            case UINT32, INT32 -> Integer.class;
            case UINT64, INT64 -> Long.class;
            case FLOAT32 -> Float.class;
            case FLOAT64 -> Double.class;
            case BOOL -> Boolean.class;
            case STRING -> String.class;
            case ARRAY -> GgufArray.class;
        };
        if (value.getClass() != expected) {
            throw new IllegalArgumentException(
                    "a GGUF " + type + " value is a " + expected.getSimpleName() + ", not a "
                            + value.getClass().getSimpleName());
        }
    }

    public static GgufValue ofString(String value) {
        return new GgufValue(GgufValueType.STRING, value);
    }

    public static GgufValue ofUint32(int value) {
        return new GgufValue(GgufValueType.UINT32, value);
    }

    public static GgufValue ofInt32(int value) {
        return new GgufValue(GgufValueType.INT32, value);
    }

    public static GgufValue ofUint64(long value) {
        return new GgufValue(GgufValueType.UINT64, value);
    }

    public static GgufValue ofFloat32(float value) {
        return new GgufValue(GgufValueType.FLOAT32, value);
    }

    public static GgufValue ofBool(boolean value) {
        return new GgufValue(GgufValueType.BOOL, value);
    }

    public static GgufValue ofArray(GgufArray value) {
        return new GgufValue(GgufValueType.ARRAY, value);
    }

    /** True for the integer types. */
    public boolean isInteger() {
        return switch (type) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
            default -> false;
        };
    }

    /**
     * The value of an integer type as a long, unsigned types read unsigned.
     *
     * @throws IllegalStateException for other types, or a UINT64 above {@link Long#MAX_VALUE}
     */
    public long asLong() {
        return switch (type) {
            case UINT8 -> Byte.toUnsignedLong((Byte) value);
            case INT8 -> (Byte) value;
            case UINT16 -> Short.toUnsignedLong((Short) value);
            case INT16 -> (Short) value;
            case UINT32 -> Integer.toUnsignedLong((Integer) value);
            case INT32 -> (Integer) value;
            case INT64 -> (Long) value;
            case UINT64 -> {
                long bits = (Long) value;
                if (bits < 0) {
                    throw new IllegalStateException("UINT64 " + Long.toUnsignedString(bits) + " does not fit a long");
                }
                yield bits;
            }
            default -> throw new IllegalStateException("a " + type + " is not an integer");
        };
    }

    /** The value of a number type as a double. */
    public double asDouble() {
        return switch (type) {
            case FLOAT32 -> (Float) value;
            case FLOAT64 -> (Double) value;
            default -> asLong();
        };
    }

    @Override
    public String toString() {
        return switch (type) {
            case UINT8, UINT16, UINT32 -> Long.toString(asLong());
            case UINT64 -> Long.toUnsignedString((Long) value);
            default -> String.valueOf(value);
        };
    }
}
