package dev.caracal.backend.cpu;

import dev.caracal.api.quant.IQ4_NLCodec;
import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API routines over rows of weights: dequantization of a GGML format into a float array, and float dot products
 * (one row, four rows, four by four) that compute each output with the same operations.
 *
 * <p>Vectorized formats: F32, F16, BF16, Q8_0, Q4_0, IQ4_NL, Q4_K, Q6_K. Their dequantization repeats the reference
 * codec's float operations in the same order, so it gives the same bits; other formats go through the reference codec.
 */
final class WeightRows {

    /**
     * Float lanes: the preferred shape, as a power of two between 128 and 512 bits (4 to 16 lanes), since blocks of 16
     * and 32 are unrolled by it; or the shape that the system property {@code caracal.cpu.vectorBits} names (128, 256
     * or 512), to run one machine's kernels on another (a shape wider than the hardware's runs in the Vector API's
     * slow Java emulation: for tests only).
     */
    static final VectorSpecies<Float> F = floatSpecies(Integer.getInteger("caracal.cpu.vectorBits", 0));

    /** Lanes of {@link #F}: 4, 8 or 16. Every kernel branches on it where it unrolls by lanes; C2 folds the branch. */
    static final int LANES = F.length();

    /**
     * Bytes read per load by the quantized decoders, as many as {@link #F} has lanes (a Q4_0 block's nibbles, half a
     * Q8_0 block or a K-quant sub-block row in one or two loads), so each converts to floats whole; 8 bytes with 4
     * lanes, as there is no 32-bit vector.
     */
    static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, 8 * LANES)));

    /** Shorts with as many lanes as {@link #F} (F16 and BF16 weights, F16 KV). */
    static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(LANES * 16));

    /** Ints with as many lanes as {@link #F}. */
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

    /** Lanes of {@link #B}: the decoders' step in bytes. */
    private static final int BYTE_LANES = B.length();

    /** Float vectors per byte vector of {@link #B}: 1, or 2 with 4 lanes. */
    private static final int PARTS = BYTE_LANES / LANES;

    /**
     * With 4 lanes, bytes 4-7 of a vector of {@link #B} moved to lanes 0-3 (the identity otherwise): {@link #floats}
     * converts part 1 this way, as C2 did not compile {@code convertShape}'s part 1 (a slice) in the Q4_K decoder
     * without allocating.
     */
    private static final VectorShuffle<Byte> UPPER = VectorShuffle.fromOp(B, i -> (i + LANES) % BYTE_LANES);

    /**
     * IQ4_NL's codebook in two halves, values 0-7 and 8-15, each repeated in every eight lanes of a vector of
     * {@link #B} (8 or 16 lanes): a table that one byte shuffle reads with an index's low three bits.
     */
    private static final ByteVector CODEBOOK_LOWER = codebookHalf(0);
    private static final ByteVector CODEBOOK_UPPER = codebookHalf(8);

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);

    private WeightRows() {
    }

    private static VectorSpecies<Float> floatSpecies(int bits) {
        if (bits == 0) {
            int preferred = Integer.highestOneBit(FloatVector.SPECIES_PREFERRED.vectorBitSize());
            return VectorSpecies.of(float.class, VectorShape.forBitSize(Math.clamp(preferred, 128, 512)));
        }
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("caracal.cpu.vectorBits is " + bits
                    + "; use 128, 256 or 512, or leave it unset for the machine's preferred shape");
        }
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    /**
     * The sum of the first {@link #LANES} values of {@code lanes} (a vector stored with {@code intoArray}), always added
     * in the same order: a fixed pairwise tree. The Vector API's {@code reduceLanes(ADD)} may add in another order
     * once C2 compiles it (measured: interpreted and C1 code add sequentially, C2 code does not), so a result would
     * depend on how warm the code is; every float sum of this backend goes through here instead. It takes an array,
     * not a vector: a helper taking a vector that C2 does not inline boxes it.
     */
    static float sumLanes(float[] lanes) {
        for (int width = LANES / 2; width >= 1; width /= 2) {
            for (int i = 0; i < width; i++) {
                lanes[i] += lanes[i + width];
            }
        }
        return lanes[0];
    }

    /**
     * Decodes {@code count} elements starting at byte {@code offset} into {@code out[outOffset ..]}: vectorized for
     * the formats above, through {@code codec} for the others.
     */
    static void dequantize(QuantFormat format, QuantCodec codec, MemorySegment w, long offset, float[] out,
            int outOffset, int count) {
        switch (format) {
            case F32 -> MemorySegment.copy(w, LE_FLOAT, offset, out, outOffset, count);
            case F16 -> dequantizeF16(w, offset, out, outOffset, count);
            case BF16 -> dequantizeBF16(w, offset, out, outOffset, count);
            case Q8_0 -> dequantizeQ8_0(w, offset, out, outOffset, count);
            case Q4_0 -> dequantizeQ4_0(w, offset, out, outOffset, count);
            case IQ4_NL -> dequantizeIQ4_NL(w, offset, out, outOffset, count);
            case Q4_K -> dequantizeQ4_K(w, offset, out, outOffset, count);
            case Q6_K -> dequantizeQ6_K(w, offset, out, outOffset, count);
            default -> codec.dequantize(w, offset, out, outOffset, count);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** Lanes {@code part * LANES ..} of signed bytes as floats ({@code part < PARTS}). */
    private static FloatVector floats(ByteVector bytes, int part) {
        return (FloatVector) part(bytes, part).convertShape(VectorOperators.B2F, F, 0);
    }

    /** {@code bytes} with lanes {@code part * LANES ..} moved to lane 0 (a helper small enough to inline always). */
    private static ByteVector part(ByteVector bytes, int part) {
        return PARTS == 1 || part == 0 ? bytes : bytes.rearrange(UPPER);
    }

    /**
     * The high nibble of each byte. x86 has no byte-lane shift, so shift 16-bit lanes and mask off the bits that
     * crossed from the neighbouring byte (as ggml does).
     */
    private static ByteVector highNibbles(ByteVector bytes) {
        return bytes.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and((byte) 0xF);
    }

    private static float half(MemorySegment w, long offset) {
        return Float.float16ToFloat(w.get(LE_SHORT, offset));
    }

    /**
     * IEEE halves to floats in registers: shifting the 15 magnitude bits to a float's place and multiplying by 2¹¹²
     * rebiases the exponent and is exact for normal and subnormal halves; infinities and NaNs get the all-ones
     * exponent instead.
     */
    static FloatVector halvesToFloats(ShortVector halves) {
        IntVector bits = (IntVector) halves.convertShape(VectorOperators.ZERO_EXTEND_S2I, I, 0);
        IntVector magnitude = bits.and(0x7FFF);
        IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
        IntVector scaled = shifted.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
        VectorMask<Integer> special = magnitude.compare(VectorOperators.GE, 0x7C00);
        IntVector finite = scaled.blend(shifted.or(0x7F80_0000), special);
        return finite.or(bits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
    }

    private static FloatVector bfloats(ShortVector values) {
        IntVector bits = (IntVector) values.convertShape(VectorOperators.ZERO_EXTEND_S2I, I, 0);
        return bits.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    /** The 6-bit scale of sub-block {@code j} of a Q4_K block whose 12 scale bytes start at {@code scales}. */
    private static int scaleK4(MemorySegment w, long scales, int j) {
        if (j < 4) {
            return w.get(ValueLayout.JAVA_BYTE, scales + j) & 63;
        }
        return (w.get(ValueLayout.JAVA_BYTE, scales + j + 4) & 0xF)
                | ((w.get(ValueLayout.JAVA_BYTE, scales + j - 4) & 0xFF) >>> 6) << 4;
    }

    /** The 6-bit minimum of sub-block {@code j} of a Q4_K block. */
    private static int minK4(MemorySegment w, long scales, int j) {
        if (j < 4) {
            return w.get(ValueLayout.JAVA_BYTE, scales + j + 4) & 63;
        }
        return ((w.get(ValueLayout.JAVA_BYTE, scales + j + 4) & 0xFF) >>> 4)
                | ((w.get(ValueLayout.JAVA_BYTE, scales + j) & 0xFF) >>> 6) << 4;
    }

    // --- float formats ---------------------------------------------------------------------------------------------

    private static void dequantizeF16(MemorySegment w, long offset, float[] out, int outOffset, int count) {
        int c = 0;
        for (int bound = count - LANES; c <= bound; c += LANES) {
            halvesToFloats(ShortVector.fromMemorySegment(S, w, offset + 2L * c, LE)).intoArray(out, outOffset + c);
        }
        for (; c < count; c++) {
            out[outOffset + c] = half(w, offset + 2L * c);
        }
    }

    private static void dequantizeBF16(MemorySegment w, long offset, float[] out, int outOffset, int count) {
        int c = 0;
        for (int bound = count - LANES; c <= bound; c += LANES) {
            bfloats(ShortVector.fromMemorySegment(S, w, offset + 2L * c, LE)).intoArray(out, outOffset + c);
        }
        for (; c < count; c++) {
            out[outOffset + c] = Float.intBitsToFloat((w.get(LE_SHORT, offset + 2L * c) & 0xFFFF) << 16);
        }
    }

    // --- Q8_0: f16 d, 32 int8 q; value = d * q ---------------------------------------------------------------------

    private static void dequantizeQ8_0(MemorySegment w, long offset, float[] out, int outOffset, int count) {
        for (int block = 0; block < count / 32; block++) {
            long at = offset + 34L * block;
            int outAt = outOffset + 32 * block;
            float d = half(w, at);
            for (int i = 0; i < 32; i += BYTE_LANES) {
                ByteVector q = ByteVector.fromMemorySegment(B, w, at + 2 + i, LE);
                for (int part = 0; part < PARTS; part++) {
                    floats(q, part).mul(d).intoArray(out, outAt + i + part * LANES);
                }
            }
        }
    }

    // --- Q4_0: f16 d, 16 bytes: element j low nibble of byte j, element j + 16 high nibble; value = d * (q - 8) ------

    private static void dequantizeQ4_0(MemorySegment w, long offset, float[] out, int outOffset, int count) {
        for (int block = 0; block < count / 32; block++) {
            long at = offset + 18L * block;
            int outAt = outOffset + 32 * block;
            float d = half(w, at);
            for (int i = 0; i < 16; i += BYTE_LANES) {
                ByteVector packed = ByteVector.fromMemorySegment(B, w, at + 2 + i, LE);
                ByteVector low = packed.and((byte) 0xF).sub((byte) 8);
                ByteVector high = highNibbles(packed).sub((byte) 8);
                for (int part = 0; part < PARTS; part++) {
                    floats(low, part).mul(d).intoArray(out, outAt + i + part * LANES);
                    floats(high, part).mul(d).intoArray(out, outAt + 16 + i + part * LANES);
                }
            }
        }
    }

    // --- IQ4_NL: f16 d, 16 bytes laid out as Q4_0's; value = d * codebook[q] -----------------------------------------
    // The lookup picks from each half of the codebook by the index's low three bits (a byte shuffle each) and blends by
    // its bit 3, all in one loop body, as C2 inlines it whole (see Q6_K).

    private static void dequantizeIQ4_NL(MemorySegment w, long offset, float[] out, int outOffset, int count) {
        for (int block = 0; block < count / 32; block++) {
            long at = offset + 18L * block;
            int outAt = outOffset + 32 * block;
            float d = half(w, at);
            for (int i = 0; i < 16; i += BYTE_LANES) {
                ByteVector packed = ByteVector.fromMemorySegment(B, w, at + 2 + i, LE);
                ByteVector low = packed.and((byte) 0xF);
                ByteVector high = highNibbles(packed);
                ByteVector lowRow = low.and((byte) 7);
                ByteVector highRow = high.and((byte) 7);
                ByteVector lowValues = lowRow.selectFrom(CODEBOOK_LOWER)
                        .blend(lowRow.selectFrom(CODEBOOK_UPPER), low.compare(VectorOperators.GT, (byte) 7));
                ByteVector highValues = highRow.selectFrom(CODEBOOK_LOWER)
                        .blend(highRow.selectFrom(CODEBOOK_UPPER), high.compare(VectorOperators.GT, (byte) 7));
                for (int part = 0; part < PARTS; part++) {
                    floats(lowValues, part).mul(d).intoArray(out, outAt + i + part * LANES);
                    floats(highValues, part).mul(d).intoArray(out, outAt + 16 + i + part * LANES);
                }
            }
        }
    }

    private static ByteVector codebookHalf(int first) {
        byte[] lanes = new byte[BYTE_LANES];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = IQ4_NLCodec.CODEBOOK.get(first + i % 8).byteValue();
        }
        return ByteVector.fromArray(B, lanes, 0);
    }

    // --- Q4_K: f16 d, f16 dmin, 12 bytes of 6-bit scales and mins, 128 bytes of nibbles --------------------------------
    // 64-element chunk c: bytes 16 + 32c .. +31; low nibbles are sub-block 2c, high nibbles sub-block 2c + 1.
    // value = (d * scale) * q - (dmin * min)

    private static void dequantizeQ4_K(MemorySegment w, long offset, float[] out, int outOffset, int count) {
        for (int block = 0; block < count / 256; block++) {
            long at = offset + 144L * block;
            int outBlock = outOffset + 256 * block;
            float d = half(w, at);
            float dmin = half(w, at + 2);
            long scales = at + 4;
            for (int chunk = 0; chunk < 4; chunk++) {
                float lowScale = d * scaleK4(w, scales, 2 * chunk);
                float lowMin = dmin * minK4(w, scales, 2 * chunk);
                float highScale = d * scaleK4(w, scales, 2 * chunk + 1);
                float highMin = dmin * minK4(w, scales, 2 * chunk + 1);
                int outAt = outBlock + 64 * chunk;
                for (int i = 0; i < 32; i += BYTE_LANES) {
                    ByteVector packed = ByteVector.fromMemorySegment(B, w, at + 16 + 32 * chunk + i, LE);
                    ByteVector low = packed.and((byte) 0xF);
                    ByteVector high = highNibbles(packed);
                    for (int part = 0; part < PARTS; part++) {
                        floats(low, part).mul(lowScale).sub(lowMin).intoArray(out, outAt + i + part * LANES);
                        floats(high, part).mul(highScale).sub(highMin).intoArray(out, outAt + 32 + i + part * LANES);
                    }
                }
            }
        }
    }

    // --- Q6_K: 128 bytes low nibbles, 64 bytes high bit pairs, 16 int8 scales, f16 d ---------------------------------
    // Half n (128 elements): ql = 64n, qh = 128 + 32n; for l < 32: element 128n + l = ql[l] low | qh[l] bits 0-1,
    // + 32: ql[l + 32] low | bits 2-3, + 64: ql[l] high | bits 4-5, + 96: ql[l + 32] high | bits 6-7; minus 32.
    // value = (d * scale[element / 16]) * q

    // One loop body serves quarters k and k + 2 (the low and high nibbles of ql[l + 32k]), with the shift as a number:
    // four quarters written out in one body grew past C2's node budget for inlining (NodeCountInliningCutoff), the
    // float conversions were left as calls and every vector they took was boxed (measured on AVX-512 by
    // CpuBackendTest's allocation check: 0.3 to 0.7 MB per call).
    private static void dequantizeQ6_K(MemorySegment w, long offset, float[] out, int outOffset, int count) {
        for (int block = 0; block < count / 256; block++) {
            long at = offset + 210L * block;
            float d = half(w, at + 208);
            for (int n = 0; n < 2; n++) {
                long ql = at + 64 * n;
                long qh = at + 128 + 32 * n;
                long scales = at + 192 + 8 * n;
                int outHalf = outOffset + 256 * block + 128 * n;
                for (int l0 = 0; l0 < 32; l0 += BYTE_LANES) {
                    int sub = l0 / 16; // a scale per 16 elements: quarter k uses scales[sub + 2k]
                    for (int k = 0; k < 2; k++) {
                        ByteVector packed = ByteVector.fromMemorySegment(B, w, ql + 32 * k + l0, LE);
                        // The high byte shifted right by 2k (16-bit shifts; bits crossing bytes are masked off):
                        // bits 0-1 then belong to quarter k, bits 4-5 to quarter k + 2.
                        ShortVector shifted = ByteVector.fromMemorySegment(B, w, qh + l0, LE).reinterpretAsShorts()
                                .lanewise(VectorOperators.LSHR, 2 * k);
                        ByteVector topLow = shifted.lanewise(VectorOperators.LSHL, 4).reinterpretAsBytes();
                        ByteVector low = packed.and((byte) 0xF).or(topLow.and((byte) 0x30)).sub((byte) 32);
                        ByteVector high = highNibbles(packed).or(shifted.reinterpretAsBytes().and((byte) 0x30))
                                .sub((byte) 32);
                        float lowScale = d * w.get(ValueLayout.JAVA_BYTE, scales + sub + 2 * k);
                        float highScale = d * w.get(ValueLayout.JAVA_BYTE, scales + sub + 2 * k + 4);
                        for (int part = 0; part < PARTS; part++) {
                            int outAt = outHalf + 32 * k + l0 + part * LANES;
                            floats(low, part).mul(lowScale).intoArray(out, outAt);
                            floats(high, part).mul(highScale).intoArray(out, outAt + 64);
                        }
                    }
                }
            }
        }
    }

    // --- float rows ------------------------------------------------------------------------------------------------

    /**
     * {@code Σ_c a[aOffset + c] · b[bOffset + c]}, with the operations of one row of {@link #dot4} and
     * {@link #dot4x4} (one accumulator, then the tail), so a row gets the same bits from any of them.
     */
    static float dot(float[] a, int aOffset, float[] b, int bOffset, int count, float[] lanes) {
        FloatVector acc = FloatVector.zero(F);
        int c = 0;
        for (int bound = count - LANES; c <= bound; c += LANES) {
            acc = FloatVector.fromArray(F, a, aOffset + c).fma(FloatVector.fromArray(F, b, bOffset + c), acc);
        }
        acc.intoArray(lanes, 0);
        float sum = sumLanes(lanes);
        for (; c < count; c++) {
            sum += a[aOffset + c] * b[bOffset + c];
        }
        return sum;
    }

    /**
     * Four dot products sharing one pass over {@code x}: {@code out[i] = Σ_c w[wOffset + i * stride + c] · x[xOffset
     * + c]} for {@code i < 4}.
     */
    static void dot4(float[] w, int wOffset, int stride, float[] x, int xOffset, int count, float[] out,
            float[] lanes) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        int c = 0;
        for (int bound = count - LANES; c <= bound; c += LANES) {
            FloatVector xv = FloatVector.fromArray(F, x, xOffset + c);
            acc0 = FloatVector.fromArray(F, w, wOffset + c).fma(xv, acc0);
            acc1 = FloatVector.fromArray(F, w, wOffset + stride + c).fma(xv, acc1);
            acc2 = FloatVector.fromArray(F, w, wOffset + 2 * stride + c).fma(xv, acc2);
            acc3 = FloatVector.fromArray(F, w, wOffset + 3 * stride + c).fma(xv, acc3);
        }
        acc0.intoArray(lanes, 0);
        float s0 = sumLanes(lanes);
        acc1.intoArray(lanes, 0);
        float s1 = sumLanes(lanes);
        acc2.intoArray(lanes, 0);
        float s2 = sumLanes(lanes);
        acc3.intoArray(lanes, 0);
        float s3 = sumLanes(lanes);
        for (; c < count; c++) {
            float xc = x[xOffset + c];
            s0 += w[wOffset + c] * xc;
            s1 += w[wOffset + stride + c] * xc;
            s2 += w[wOffset + 2 * stride + c] * xc;
            s3 += w[wOffset + 3 * stride + c] * xc;
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /**
     * Sixteen dot products sharing each load: {@code out[4k + i] = Σ_c w[wOffset + i · stride + c] · x[xOffset + k ·
     * xStride + c]} for weight rows {@code i < 4} and activation rows {@code k < 4}. Register blocking: per lane
     * group, four weight and four activation loads feed sixteen fused multiply-adds (16 accumulators, 24 registers of
     * AVX-512's 32; AVX2 has 16, so there C2 keeps some in memory: correct, not tuned).
     */
    static void dot4x4(float[] w, int wOffset, int stride, float[] x, int xOffset, int xStride, int count,
            float[] out, float[] lanes) {
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a01 = FloatVector.zero(F);
        FloatVector a02 = FloatVector.zero(F);
        FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a11 = FloatVector.zero(F);
        FloatVector a12 = FloatVector.zero(F);
        FloatVector a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F);
        FloatVector a21 = FloatVector.zero(F);
        FloatVector a22 = FloatVector.zero(F);
        FloatVector a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F);
        FloatVector a31 = FloatVector.zero(F);
        FloatVector a32 = FloatVector.zero(F);
        FloatVector a33 = FloatVector.zero(F);
        int c = 0;
        for (int bound = count - LANES; c <= bound; c += LANES) {
            FloatVector w0 = FloatVector.fromArray(F, w, wOffset + c);
            FloatVector w1 = FloatVector.fromArray(F, w, wOffset + 1 * stride + c);
            FloatVector w2 = FloatVector.fromArray(F, w, wOffset + 2 * stride + c);
            FloatVector w3 = FloatVector.fromArray(F, w, wOffset + 3 * stride + c);
            FloatVector x0 = FloatVector.fromArray(F, x, xOffset + c);
            a00 = w0.fma(x0, a00);
            a01 = w1.fma(x0, a01);
            a02 = w2.fma(x0, a02);
            a03 = w3.fma(x0, a03);
            FloatVector x1 = FloatVector.fromArray(F, x, xOffset + 1 * xStride + c);
            a10 = w0.fma(x1, a10);
            a11 = w1.fma(x1, a11);
            a12 = w2.fma(x1, a12);
            a13 = w3.fma(x1, a13);
            FloatVector x2 = FloatVector.fromArray(F, x, xOffset + 2 * xStride + c);
            a20 = w0.fma(x2, a20);
            a21 = w1.fma(x2, a21);
            a22 = w2.fma(x2, a22);
            a23 = w3.fma(x2, a23);
            FloatVector x3 = FloatVector.fromArray(F, x, xOffset + 3 * xStride + c);
            a30 = w0.fma(x3, a30);
            a31 = w1.fma(x3, a31);
            a32 = w2.fma(x3, a32);
            a33 = w3.fma(x3, a33);
        }
        a00.intoArray(lanes, 0);
        out[0] = sumLanes(lanes);
        a01.intoArray(lanes, 0);
        out[1] = sumLanes(lanes);
        a02.intoArray(lanes, 0);
        out[2] = sumLanes(lanes);
        a03.intoArray(lanes, 0);
        out[3] = sumLanes(lanes);
        a10.intoArray(lanes, 0);
        out[4] = sumLanes(lanes);
        a11.intoArray(lanes, 0);
        out[5] = sumLanes(lanes);
        a12.intoArray(lanes, 0);
        out[6] = sumLanes(lanes);
        a13.intoArray(lanes, 0);
        out[7] = sumLanes(lanes);
        a20.intoArray(lanes, 0);
        out[8] = sumLanes(lanes);
        a21.intoArray(lanes, 0);
        out[9] = sumLanes(lanes);
        a22.intoArray(lanes, 0);
        out[10] = sumLanes(lanes);
        a23.intoArray(lanes, 0);
        out[11] = sumLanes(lanes);
        a30.intoArray(lanes, 0);
        out[12] = sumLanes(lanes);
        a31.intoArray(lanes, 0);
        out[13] = sumLanes(lanes);
        a32.intoArray(lanes, 0);
        out[14] = sumLanes(lanes);
        a33.intoArray(lanes, 0);
        out[15] = sumLanes(lanes);
        for (; c < count; c++) {
            for (int k = 0; k < 4; k++) {
                float xc = x[xOffset + k * xStride + c];
                for (int i = 0; i < 4; i++) {
                    out[4 * k + i] += w[wOffset + i * stride + c] * xc;
                }
            }
        }
    }
}
