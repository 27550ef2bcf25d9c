package dev.caracal.backend.xla.hlo;

import java.util.Arrays;

/**
 * A tensor's values on the host, row-major: floats as the doubles equal to their values (every one a value of the
 * element type), integers as longs held as {@link ElementType} says. Immutable to callers; the interpreter fills
 * new arrays through the package-private setters.
 */
public final class HostArray {

    private final TensorType type;
    private final double[] floats;
    private final long[] integers;

    private HostArray(TensorType type) {
        this.type = type;
        this.floats = type.elementType().isFloat() ? new double[type.size()] : null;
        this.integers = type.elementType().isFloat() ? null : new long[type.size()];
    }

    public static HostArray zeros(TensorType type) {
        return new HostArray(type);
    }

    /** The values converted as {@code stablehlo.convert} does from f64: rounded to nearest even for floats. */
    public static HostArray of(TensorType type, double... values) {
        HostArray array = new HostArray(type);
        array.checkCount(values.length);
        for (int i = 0; i < values.length; i++) {
            array.setDouble(i, values[i]);
        }
        return array;
    }

    /** The values converted as {@code stablehlo.convert} does from i64: wrapped around for integers. */
    public static HostArray ofLongs(TensorType type, long... values) {
        HostArray array = new HostArray(type);
        array.checkCount(values.length);
        for (int i = 0; i < values.length; i++) {
            array.setLong(i, values[i]);
        }
        return array;
    }

    /** The values with the given little-endian bytes, {@link ElementType#byteWidth()} per element. */
    public static HostArray fromBytes(TensorType type, byte[] littleEndian) {
        HostArray array = new HostArray(type);
        int width = type.elementType().byteWidth();
        array.checkCount(littleEndian.length / width);
        if (littleEndian.length % width != 0) {
            throw new IllegalArgumentException(littleEndian.length + " bytes are not whole " + type.elementType()
                    + " elements");
        }
        for (int i = 0; i < array.size(); i++) {
            long bits = 0;
            for (int b = 0; b < width; b++) {
                bits |= (littleEndian[i * width + b] & 0xFFL) << (8 * b);
            }
            array.setBits(i, bits);
        }
        return array;
    }

    public TensorType type() {
        return type;
    }

    public ElementType elementType() {
        return type.elementType();
    }

    public int size() {
        return type.size();
    }

    /** The element's value; integers converted to double. */
    public double getDouble(int index) {
        return floats != null ? floats[index] : integers[index];
    }

    /** The element's value; floats converted as {@code convert} to i64 does (toward zero, saturating). */
    public long getLong(int index) {
        return integers != null ? integers[index] : ElementType.I64.convertFloatToInteger(floats[index]);
    }

    public double[] toDoubles() {
        double[] values = new double[size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = getDouble(i);
        }
        return values;
    }

    /** Every value as a float (exact for f32, f16 and bf16 arrays). */
    public float[] toFloats() {
        float[] values = new float[size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) getDouble(i);
        }
        return values;
    }

    public long[] toLongs() {
        long[] values = new long[size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = getLong(i);
        }
        return values;
    }

    /** The element's bit pattern in the low {@code bits()} bits (for {@code i1}: 0 or 1). */
    public long getBits(int index) {
        ElementType elementType = type.elementType();
        if (floats != null) {
            return elementType.floatBits(floats[index]);
        }
        return elementType.bits() == 64 ? integers[index] : integers[index] & ((1L << elementType.bits()) - 1);
    }

    /** The values as little-endian bytes, {@link ElementType#byteWidth()} per element. */
    public byte[] toBytes() {
        int width = type.elementType().byteWidth();
        byte[] bytes = new byte[size() * width];
        for (int i = 0; i < size(); i++) {
            long bits = getBits(i);
            for (int b = 0; b < width; b++) {
                bytes[i * width + b] = (byte) (bits >>> (8 * b));
            }
        }
        return bytes;
    }

    /** The same values under another shape with as many elements. */
    HostArray reshaped(TensorType newType) {
        HostArray result = new HostArray(newType);
        if (floats != null) {
            System.arraycopy(floats, 0, result.floats, 0, floats.length);
        } else {
            System.arraycopy(integers, 0, result.integers, 0, integers.length);
        }
        return result;
    }

    /** Copies element {@code from} of this array to element {@code to} of {@code target}, of the same element type. */
    void copyTo(int from, HostArray target, int to) {
        if (floats != null) {
            target.floats[to] = floats[from];
        } else {
            target.integers[to] = integers[from];
        }
    }

    /** Stores a value: floats rounded to the element type, integers converted as from f64. */
    void setDouble(int index, double value) {
        ElementType elementType = type.elementType();
        if (floats != null) {
            floats[index] = elementType.round(value);
        } else {
            integers[index] = elementType.convertFloatToInteger(value);
        }
    }

    /** Stores a value: integers wrapped to the element type ({@code i1}: non-zero is 1), floats converted. */
    void setLong(int index, long value) {
        ElementType elementType = type.elementType();
        if (floats != null) {
            floats[index] = elementType.convertIntegerToFloat(value);
        } else {
            integers[index] = elementType.convertIntegerToInteger(value);
        }
    }

    void setBits(int index, long bits) {
        ElementType elementType = type.elementType();
        if (floats != null) {
            floats[index] = elementType.floatFromBits(bits);
        } else {
            integers[index] = elementType.wrap(bits);
        }
    }

    private void checkCount(int count) {
        if (count != size()) {
            throw new IllegalArgumentException(type + " has " + size() + " elements, got " + count + " values");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostArray that && type.equals(that.type) && Arrays.equals(floats, that.floats)
                && Arrays.equals(integers, that.integers);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + (floats != null ? Arrays.hashCode(floats) : Arrays.hashCode(integers));
    }

    /** {@code tensor<2xf32> [1.0, 2.5]}; long arrays elided in the middle. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(type.toString()).append(" [");
        int shown = Math.min(size(), 64);
        for (int i = 0; i < shown; i++) {
            text.append(i > 0 ? ", " : "").append(floats != null ? Double.toString(floats[i]) : integers[i]);
        }
        return text.append(size() > shown ? ", ...]" : "]").toString();
    }
}
