package dev.caracal.api.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Shared low-level pieces of the reference codecs: little-endian layouts and ggml's scalar conversions and roundings. */
final class QuantBits {

    /** GGUF data is little-endian and blocks are packed, so every multi-byte field is read unaligned. */
    static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private QuantBits() {
    }

    /** IEEE half to float; exact for every non-NaN value (ggml's {@code GGML_FP16_TO_FP32}). */
    static float fp16ToFloat(short half) {
        return Float.float16ToFloat(half);
    }

    /**
     * Float to IEEE half with round to nearest even, subnormals kept and overflow to infinity, as ggml's
     * {@code GGML_FP32_TO_FP16}; a NaN becomes the quiet NaN {@code 0x7E00} with the input's sign, as ggml's portable
     * conversion does (Java's own conversion would keep payload bits).
     */
    static short floatToFp16(float value) {
        if (Float.isNaN(value)) {
            return (short) ((Float.floatToRawIntBits(value) >>> 16 & 0x8000) | 0x7E00);
        }
        return Float.floatToFloat16(value);
    }

    /** BF16 to float: the 16 bits are the top half of the float. */
    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Float to BF16 as ggml's {@code GGML_FP32_TO_BF16}: round to nearest even, NaN truncated and forced quiet. */
    static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
            return (short) ((bits >>> 16) | 0x40);
        }
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    /** C {@code roundf}: nearest integer, halfway cases away from zero ({@link Math#round} rounds them up instead). */
    static float roundf(float value) {
        double magnitude = Math.abs((double) value);
        double whole = Math.floor(magnitude);
        if (magnitude - whole >= 0.5) {
            whole += 1.0;
        }
        return (float) Math.copySign(whole, value);
    }

    /**
     * ggml's {@code nearest_int} for the K-quants: adds 1.5 * 2^23 in float so the float adder rounds to nearest even,
     * then reads the integer out of the mantissa; only meaningful for {@code |value| <= 4194303}.
     */
    static int nearestInt(float value) {
        float shifted = value + 12582912.0f;
        return (Float.floatToRawIntBits(shifted) & 0x007F_FFFF) - 0x0040_0000;
    }

    /**
     * C's float-to-integer conversion as x86-64 compiles it ({@code cvttss2si}): truncation toward zero, and the
     * "integer indefinite" {@link Integer#MIN_VALUE} for NaN or out-of-range input, where Java would saturate; the
     * narrowing casts of ggml's quantizers then keep the low byte.
     */
    static int truncateToInt(float value) {
        if (!(value > -2147483904.0f && value < 2147483648.0f)) {
            return Integer.MIN_VALUE;
        }
        return (int) value;
    }

    /** Throws unless {@code count} is a non-negative whole number of {@code blockSize} element blocks. */
    static int checkBlocks(String formatName, int blockSize, int count) {
        if (count < 0 || count % blockSize != 0) {
            throw new IllegalArgumentException(formatName + " stores elements in blocks of " + blockSize
                    + "; count " + count + " is not a non-negative multiple of " + blockSize);
        }
        return count / blockSize;
    }

    /** Reads the f16 at {@code offset} as a float. */
    static float readFp16(MemorySegment segment, long offset) {
        return fp16ToFloat(segment.get(LE_SHORT, offset));
    }

    /** Writes {@code value} rounded to f16 at {@code offset}. */
    static void writeFp16(MemorySegment segment, long offset, float value) {
        segment.set(LE_SHORT, offset, floatToFp16(value));
    }
}
