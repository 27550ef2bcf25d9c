package dev.caracal.backend.xla.hlo;

import java.util.Optional;

/**
 * An element type of the StableHLO subset, with the rules for holding its values in Java: floats as the {@code double}
 * equal to the element's value, integers (and {@code i1} as 0 or 1) as a {@code long}, sign-extended for signed types
 * and zero-extended for unsigned ones.
 */
public enum ElementType {
    F32("f32", 32),
    F16("f16", 16),
    BF16("bf16", 16),
    I1("i1", 1),
    I8("i8", 8),
    UI8("ui8", 8),
    I16("i16", 16),
    UI16("ui16", 16),
    I32("i32", 32),
    UI32("ui32", 32),
    I64("i64", 64);

    /** The largest finite bf16, {@code 0x7F7F}: (2 - 2^-7) * 2^127. */
    private static final double BF16_MAX = 0x1.FEp127;

    private final String mlirName;
    private final int bits;

    ElementType(String mlirName, int bits) {
        this.mlirName = mlirName;
        this.bits = bits;
    }

    public static Optional<ElementType> byName(String mlirName) {
        for (ElementType type : values()) {
            if (type.mlirName.equals(mlirName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The name in MLIR types: {@code f32}, {@code ui8}. */
    public String mlirName() {
        return mlirName;
    }

    public int bits() {
        return bits;
    }

    /** Bytes per element in a host buffer; {@code i1} takes a byte, as PJRT's {@code PRED} does. */
    public int byteWidth() {
        return Math.max(1, bits / 8);
    }

    public boolean isFloat() {
        return this == F32 || this == F16 || this == BF16;
    }

    public boolean isBool() {
        return this == I1;
    }

    /** Signed or unsigned integers; not {@code i1}. */
    public boolean isInteger() {
        return !isFloat() && !isBool();
    }

    public boolean isUnsigned() {
        return this == UI8 || this == UI16 || this == UI32 || this == I1;
    }

    public long minValue() {
        return isUnsigned() ? 0 : bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
    }

    public long maxValue() {
        return bits == 64 ? Long.MAX_VALUE : isUnsigned() ? (1L << bits) - 1 : (1L << (bits - 1)) - 1;
    }

    /** An integer reduced modulo 2^bits into this type's range (two's complement wrap-around). */
    public long wrap(long value) {
        if (bits == 64) {
            return value;
        }
        return isUnsigned() ? value & ((1L << bits) - 1) : (value << (64 - bits)) >> (64 - bits);
    }

    /** The nearest value of this float type, ties to even; beyond the largest finite value it is an infinity. */
    public double round(double value) {
        return switch (this) {
            case F32 -> (float) value;
            case F16 -> roundToFormat(value, 10, -14, 65504);
            case BF16 -> roundToFormat(value, 7, -126, BF16_MAX);
            default -> throw new IllegalStateException(this + " is not a float type");
        };
    }

    /**
     * Rounds to a binary format with {@code mantissaBits} stored fraction bits and smallest normal exponent
     * {@code minExponent}: the spacing of the format's values near {@code value} is {@code 2^(e - mantissaBits)}
     * where {@code e} is the value's exponent (never below {@code minExponent}, which gives the subnormals), and
     * {@code Math.rint} rounds to the nearest multiple, ties to even. Both the division and the multiplication are by
     * a power of two, so exact.
     */
    private static double roundToFormat(double value, int mantissaBits, int minExponent, double maxFinite) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        int exponent = Math.max(Math.getExponent(value), minExponent);
        double spacing = Math.scalb(1.0, exponent - mantissaBits);
        double rounded = Math.rint(value / spacing) * spacing;
        return Math.abs(rounded) > maxFinite ? Math.copySign(Double.POSITIVE_INFINITY, value) : rounded;
    }

    /**
     * {@code convert} of a float value to this integer or {@code i1} type: integers truncate toward zero and saturate
     * (NaN gives 0), as XLA does; {@code i1} is whether the value is non-zero.
     */
    public long convertFloatToInteger(double value) {
        if (isBool()) {
            return value != 0 ? 1 : 0;
        }
        if (Double.isNaN(value)) {
            return 0;
        }
        return Math.clamp((long) value, minValue(), maxValue());
    }

    /** {@code convert} of an integer to this float type. */
    public double convertIntegerToFloat(long value) {
        return this == F32 ? (float) value : round(value);
    }

    /** {@code convert} of an integer (held as {@code from} holds it) to this integer or {@code i1} type. */
    public long convertIntegerToInteger(long value) {
        return isBool() ? (value != 0 ? 1 : 0) : wrap(value);
    }

    /** The bit pattern of a value of this float type, in the low {@link #bits()} bits. */
    public long floatBits(double value) {
        return switch (this) {
            case F32 -> Float.floatToRawIntBits((float) value) & 0xFFFF_FFFFL;
            case F16 -> Float.floatToFloat16((float) value) & 0xFFFFL;
            case BF16 -> (Float.floatToRawIntBits((float) value) >>> 16) & 0xFFFFL;
            default -> throw new IllegalStateException(this + " is not a float type");
        };
    }

    /** The value of this float type with the given bit pattern (in the low {@link #bits()} bits). */
    public double floatFromBits(long bits) {
        return switch (this) {
            case F32 -> Float.intBitsToFloat((int) bits);
            case F16 -> Float.float16ToFloat((short) bits);
            case BF16 -> Float.intBitsToFloat((int) (bits << 16));
            default -> throw new IllegalStateException(this + " is not a float type");
        };
    }

    @Override
    public String toString() {
        return mlirName;
    }
}
