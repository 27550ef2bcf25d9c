package dev.caracal.formats.gguf;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;

/**
 * A GGUF metadata array: its element type and its values as one Java array (unsigned values keep their bits).
 *
 * <p>The Java array by element type: {@code byte[]} for UINT8, INT8 and BOOL; {@code short[]} for UINT16, INT16;
 * {@code int[]} for UINT32, INT32; {@code long[]} for UINT64, INT64; {@code float[]} for FLOAT32; {@code double[]}
 * for FLOAT64; {@code String[]} for STRING; {@code GgufArray[]} for nested arrays.
 *
 * @param elementType the type of every element
 * @param values      the Java array holding them
 */
public record GgufArray(GgufValueType elementType, Object values) {

    public GgufArray {
        Objects.requireNonNull(elementType, "elementType");
        Class<?> expected = javaArrayClass(elementType);
        if (values == null || values.getClass() != expected) {
            throw new IllegalArgumentException(
                    "a GGUF " + elementType + " array is held in a " + expected.getSimpleName()
                            + ", not " + (values == null ? "null" : values.getClass().getSimpleName()));
        }
    }

    /** The number of elements. */
    public int length() {
        return Array.getLength(values);
    }

    /** The strings of a STRING array. */
    public String[] strings() {
        return (String[]) valuesOf(GgufValueType.STRING);
    }

    /** The values of a FLOAT32 array. */
    public float[] floats() {
        return (float[]) valuesOf(GgufValueType.FLOAT32);
    }

    /** The values of an INT32 or UINT32 array. */
    public int[] ints() {
        if (elementType != GgufValueType.INT32 && elementType != GgufValueType.UINT32) {
            throw new IllegalStateException("array of " + elementType + ", not of INT32 or UINT32");
        }
        return (int[]) values;
    }

    private Object valuesOf(GgufValueType type) {
        if (elementType != type) {
            throw new IllegalStateException("array of " + elementType + ", not of " + type);
        }
        return values;
    }

    /** The Java array class that holds elements of {@code type}. */
    static Class<?> javaArrayClass(GgufValueType type) {
        return switch (type) {
            case UINT8, INT8, BOOL -> byte[].class;
            case UINT16, INT16 -> short[].class;
            case UINT32, INT32 -> int[].class;
            case UINT64, INT64 -> long[].class;
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
            case STRING -> String[].class;
            case ARRAY -> GgufArray[].class;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GgufArray that
                && elementType == that.elementType
                && Arrays.deepEquals(new Object[] {values}, new Object[] {that.values});
    }

    @Override
    public int hashCode() {
        return elementType.hashCode() * 31 + Arrays.deepHashCode(new Object[] {values});
    }

    @Override
    public String toString() {
        int length = length();
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < Math.min(length, 8); i++) {
            text.append(i == 0 ? "" : ", ").append(Array.get(values, i));
        }
        if (length > 8) {
            text.append(", … (").append(length).append(" ").append(elementType).append(")");
        }
        return text.append("]").toString();
    }
}
