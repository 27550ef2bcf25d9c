package dev.caracal.backend.cpu;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q4_0 and Q8_0 weight matrices repacked at load time for 512-bit kernels, and the kernels that read them.
 *
 * <p>Layout: rows go in pairs; a pair is a run of groups (128 columns for Q4_0, 64 for Q8_0), each group holding the
 * two rows' quants as sixteen 32-bit lanes ({@code [2][16] int}), then their block scales as floats
 * ({@code [2][blocks per group] float}). Lane {@code i} of a group holds element {@code 16k + i} of the group in bit
 * field {@code k}: a nibble {@code q} at bits {@code 4k} (Q4_0), or a byte {@code q + 128} at bits {@code 8k} (Q8_0).
 * One shift, one mask and one OR put field {@code k} of all sixteen lanes into the top mantissa bits of the float
 * 1.0, giving the exact float {@code f = 1 + q / 16} (Q4_0) or {@code 1 + (q + 128) / 256} (Q8_0): no integer-to-float
 * conversion and no byte widening. Since {@code f - 1.5} is {@code (q - 8) / 16} (Q4_0) or {@code q / 256} (Q8_0), a
 * block's dot product with activations {@code x} is {@code scale · Σ (f - 1.5) · x}, with the scale stored as
 * {@code 16 · d} or {@code 256 · d} and {@code -1.5 · x} folded in once per activation row ({@link #corrections}).
 * A pair's groups are contiguous, so a two-row pass reads one sequential stream.
 *
 * <p>Batch invariance: every kernel here computes each output with the same operations in the same order, per block
 * {@code s = f_low · x_low + c; s = f_high · x_high + s; acc = s · scale + acc} (fused multiply-adds, sixteen
 * lanes), then one lane reduction, whether the weights are decoded in registers (decode) or from a decoded scratch copy
 * (prefill, batched decode). So a sequence's logits do not depend on what else is in its batch.
 */
final class PackedRows {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);

    /** The bits of 1.0f. */
    private static final int ONE = 0x3F80_0000;
    /** Mantissa bits 19-22: a nibble's place in {@code 1 + q / 16}. */
    private static final int Q4_MANTISSA = 0x0078_0000;
    /** Mantissa bits 15-22: a byte's place in {@code 1 + u / 256}. */
    private static final int Q8_MANTISSA = 0x007F_8000;

    private PackedRows() {
    }

    /** Columns per group of {@code format}'s packed layout. */
    static int groupColumns(QuantFormat format) {
        return format == QuantFormat.Q4_0 ? 128 : 64;
    }

    /** Bytes of one group of a pair: two rows of 64 quant bytes, then their float scales. */
    static int groupPairBytes(QuantFormat format) {
        return 128 + 2 * 4 * (groupColumns(format) / 32);
    }

    /** Bytes of one packed pair of rows of {@code columns}. */
    static long pairBytes(QuantFormat format, int columns) {
        return (long) groupPairBytes(format) * (columns / groupColumns(format));
    }

    /** True when a weight of this format and shape is packed: Q4_0 or Q8_0, an even number of rows, whole groups. */
    static boolean packable(QuantFormat format, long[] shape) {
        if ((format != QuantFormat.Q4_0 && format != QuantFormat.Q8_0) || shape.length != 2
                || FloatVector.SPECIES_PREFERRED.length() < 16) {
            return false;
        }
        return shape[0] % 2 == 0 && shape[1] % groupColumns(format) == 0 && shape[1] <= Integer.MAX_VALUE;
    }

    /**
     * Repacks {@code rows} rows of {@code columns} GGML-format bytes into the pair layout, in new 64-byte aligned
     * native memory freed with the returned segment, on the pool's threads.
     */
    static MemorySegment pack(QuantFormat format, MemorySegment bytes, int rows, int columns, CpuThreadPool pool) {
        long pairBytes = pairBytes(format, columns);
        long rowBytes = format.bytesFor(columns);
        MemorySegment packed = Arena.ofAuto().allocate(pairBytes * (rows / 2), 64);
        pool.parallelFor(rows / 2, (thread, start, end) -> {
            byte[] row = new byte[Math.toIntExact(rowBytes)];
            for (int pair = start; pair < end; pair++) {
                for (int half = 0; half < 2; half++) {
                    MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, (2L * pair + half) * rowBytes, row, 0,
                            row.length);
                    if (format == QuantFormat.Q4_0) {
                        packRowQ4_0(row, columns, packed, pair * pairBytes, half);
                    } else {
                        packRowQ8_0(row, columns, packed, pair * pairBytes, half);
                    }
                }
            }
        });
        return packed;
    }

    /** Q4_0 block: f16 d, 16 bytes; element j is the low nibble of byte j, element j + 16 its high nibble. */
    private static void packRowQ4_0(byte[] row, int columns, MemorySegment packed, long pair, int half) {
        for (int g = 0; g < columns / 128; g++) {
            long at = pair + 160L * g;
            for (int lane = 0; lane < 16; lane++) {
                int bits = 0;
                for (int k = 0; k < 8; k++) {
                    int element = 128 * g + 16 * k + lane;
                    int j = element % 32;
                    int packedByte = row[18 * (element / 32) + 2 + (j & 15)];
                    int nibble = j < 16 ? packedByte & 0xF : (packedByte >> 4) & 0xF;
                    bits |= nibble << (4 * k);
                }
                packed.set(LE_INT, at + 64L * half + 4L * lane, bits);
            }
            for (int b = 0; b < 4; b++) {
                float d = Float.float16ToFloat(shortAt(row, 18 * (4 * g + b)));
                packed.set(LE_FLOAT, at + 128 + 16L * half + 4L * b, 16 * d);
            }
        }
    }

    /** Q8_0 block: f16 d, 32 signed bytes. */
    private static void packRowQ8_0(byte[] row, int columns, MemorySegment packed, long pair, int half) {
        for (int g = 0; g < columns / 64; g++) {
            long at = pair + 144L * g;
            for (int lane = 0; lane < 16; lane++) {
                int bits = 0;
                for (int k = 0; k < 4; k++) {
                    int element = 64 * g + 16 * k + lane;
                    int quant = row[34 * (element / 32) + 2 + element % 32];
                    bits |= ((quant + 128) & 0xFF) << (8 * k);
                }
                packed.set(LE_INT, at + 64L * half + 4L * lane, bits);
            }
            for (int b = 0; b < 2; b++) {
                float d = Float.float16ToFloat(shortAt(row, 34 * (2 * g + b)));
                packed.set(LE_FLOAT, at + 128 + 8L * half + 4L * b, 256 * d);
            }
        }
    }

    private static short shortAt(byte[] bytes, int at) {
        return (short) ((bytes[at] & 0xFF) | bytes[at + 1] << 8);
    }

    /**
     * The per-activation-row term of the packed dot products: {@code c[cOffset + 16b + i] = -1.5 · (x[32b + i] +
     * x[32b + 16 + i])} for block {@code b} and lane {@code i} ({@code [columns / 2]}).
     */
    static void corrections(float[] x, int xOffset, int columns, float[] c, int cOffset) {
        for (int b = 0; b < columns / 32; b++) {
            FloatVector low = FloatVector.fromArray(F, x, xOffset + 32 * b);
            FloatVector high = FloatVector.fromArray(F, x, xOffset + 32 * b + 16);
            low.add(high).mul(-1.5f).intoArray(c, cOffset + 16 * b);
        }
    }

    /**
     * Rows {@code 2p} and {@code 2p + 1} of a packed Q4_0 weight (the pair at byte {@code pair}) times one activation
     * row: {@code y[yAt + i] = Σ_c w[i][c] · x[xOffset + c]}, decoding the weights in registers.
     */
    static void dotPairQ4_0(MemorySegment w, long pair, float[] x, int xOffset, float[] c, int cOffset,
            int columns, float[] y, int yAt, float[] lanes) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int g = 0; g < columns / 128; g++) {
            long at = pair + 160L * g;
            IntVector v0 = IntVector.fromMemorySegment(I, w, at, LE);
            IntVector v1 = IntVector.fromMemorySegment(I, w, at + 64, LE);
            int xAt = xOffset + 128 * g;
            int cAt = cOffset + 64 * g;
            // block 0
            FloatVector low0 = FloatVector.fromArray(F, x, xAt + 0);
            FloatVector high0 = FloatVector.fromArray(F, x, xAt + 16);
            FloatVector offset0 = FloatVector.fromArray(F, c, cAt + 0);
            FloatVector sum00 = v0.lanewise(VectorOperators.LSHL, 19).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(low0, offset0);
            sum00 = v0.lanewise(VectorOperators.LSHL, 15).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(high0, sum00);
            acc0 = sum00.fma(FloatVector.broadcast(F, w.get(LE_FLOAT, at + 128)), acc0);
            FloatVector sum10 = v1.lanewise(VectorOperators.LSHL, 19).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(low0, offset0);
            sum10 = v1.lanewise(VectorOperators.LSHL, 15).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(high0, sum10);
            acc1 = sum10.fma(FloatVector.broadcast(F, w.get(LE_FLOAT, at + 144)), acc1);
            // block 1
            FloatVector low1 = FloatVector.fromArray(F, x, xAt + 32);
            FloatVector high1 = FloatVector.fromArray(F, x, xAt + 48);
            FloatVector offset1 = FloatVector.fromArray(F, c, cAt + 16);
            FloatVector sum01 = v0.lanewise(VectorOperators.LSHL, 11).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(low1, offset1);
            sum01 = v0.lanewise(VectorOperators.LSHL, 7).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(high1, sum01);
            acc0 = sum01.fma(FloatVector.broadcast(F, w.get(LE_FLOAT, at + 132)), acc0);
            FloatVector sum11 = v1.lanewise(VectorOperators.LSHL, 11).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(low1, offset1);
            sum11 = v1.lanewise(VectorOperators.LSHL, 7).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(high1, sum11);
            acc1 = sum11.fma(FloatVector.broadcast(F, w.get(LE_FLOAT, at + 148)), acc1);
            // block 2
            FloatVector low2 = FloatVector.fromArray(F, x, xAt + 64);
            FloatVector high2 = FloatVector.fromArray(F, x, xAt + 80);
            FloatVector offset2 = FloatVector.fromArray(F, c, cAt + 32);
            FloatVector sum02 = v0.lanewise(VectorOperators.LSHL, 3).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(low2, offset2);
            sum02 = v0.lanewise(VectorOperators.LSHR, 1).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(high2, sum02);
            acc0 = sum02.fma(FloatVector.broadcast(F, w.get(LE_FLOAT, at + 136)), acc0);
            FloatVector sum12 = v1.lanewise(VectorOperators.LSHL, 3).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(low2, offset2);
            sum12 = v1.lanewise(VectorOperators.LSHR, 1).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(high2, sum12);
            acc1 = sum12.fma(FloatVector.broadcast(F, w.get(LE_FLOAT, at + 152)), acc1);
            // block 3
            FloatVector low3 = FloatVector.fromArray(F, x, xAt + 96);
            FloatVector high3 = FloatVector.fromArray(F, x, xAt + 112);
            FloatVector offset3 = FloatVector.fromArray(F, c, cAt + 48);
            FloatVector sum03 = v0.lanewise(VectorOperators.LSHR, 5).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(low3, offset3);
            sum03 = v0.lanewise(VectorOperators.LSHR, 9).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(high3, sum03);
            acc0 = sum03.fma(FloatVector.broadcast(F, w.get(LE_FLOAT, at + 140)), acc0);
            FloatVector sum13 = v1.lanewise(VectorOperators.LSHR, 5).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(low3, offset3);
            sum13 = v1.lanewise(VectorOperators.LSHR, 9).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(high3, sum13);
            acc1 = sum13.fma(FloatVector.broadcast(F, w.get(LE_FLOAT, at + 156)), acc1);
        }
        acc0.intoArray(lanes, 0);
        y[yAt] = WeightRows.sumLanes(lanes);
        acc1.intoArray(lanes, 0);
        y[yAt + 1] = WeightRows.sumLanes(lanes);
    }

    /**
     * Decodes a packed Q4_0 pair into {@code f} ({@code [2, columns]}: the offset values {@code 1 + q / 16}
     * in element order) and {@code scales} ({@code [2, columns / 32]}), the operands of {@link #dotPairs4}.
     */
    static void decodePairQ4_0(MemorySegment w, long pair, int columns, float[] f, float[] scales) {
        int blocks = columns / 32;
        for (int g = 0; g < columns / 128; g++) {
            long at = pair + 160L * g;
            IntVector v0 = IntVector.fromMemorySegment(I, w, at, LE);
            IntVector v1 = IntVector.fromMemorySegment(I, w, at + 64, LE);
            int fAt = 128 * g;
            v0.lanewise(VectorOperators.LSHL, 19).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, fAt + 0);
            v1.lanewise(VectorOperators.LSHL, 19).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, columns + fAt + 0);
            v0.lanewise(VectorOperators.LSHL, 15).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, fAt + 16);
            v1.lanewise(VectorOperators.LSHL, 15).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, columns + fAt + 16);
            v0.lanewise(VectorOperators.LSHL, 11).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, fAt + 32);
            v1.lanewise(VectorOperators.LSHL, 11).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, columns + fAt + 32);
            v0.lanewise(VectorOperators.LSHL, 7).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, fAt + 48);
            v1.lanewise(VectorOperators.LSHL, 7).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, columns + fAt + 48);
            v0.lanewise(VectorOperators.LSHL, 3).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, fAt + 64);
            v1.lanewise(VectorOperators.LSHL, 3).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, columns + fAt + 64);
            v0.lanewise(VectorOperators.LSHR, 1).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, fAt + 80);
            v1.lanewise(VectorOperators.LSHR, 1).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, columns + fAt + 80);
            v0.lanewise(VectorOperators.LSHR, 5).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, fAt + 96);
            v1.lanewise(VectorOperators.LSHR, 5).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, columns + fAt + 96);
            v0.lanewise(VectorOperators.LSHR, 9).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, fAt + 112);
            v1.lanewise(VectorOperators.LSHR, 9).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, columns + fAt + 112);
            for (int b = 0; b < 4; b++) {
                scales[4 * g + b] = w.get(LE_FLOAT, at + 128 + 4 * b);
                scales[blocks + 4 * g + b] = w.get(LE_FLOAT, at + 144 + 4 * b);
            }
        }
    }

    /**
     * Rows {@code 2p} and {@code 2p + 1} of a packed Q8_0 weight (the pair at byte {@code pair}) times one activation
     * row: {@code y[yAt + i] = Σ_c w[i][c] · x[xOffset + c]}, decoding the weights in registers.
     */
    static void dotPairQ8_0(MemorySegment w, long pair, float[] x, int xOffset, float[] c, int cOffset,
            int columns, float[] y, int yAt, float[] lanes) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int g = 0; g < columns / 64; g++) {
            long at = pair + 144L * g;
            IntVector v0 = IntVector.fromMemorySegment(I, w, at, LE);
            IntVector v1 = IntVector.fromMemorySegment(I, w, at + 64, LE);
            int xAt = xOffset + 64 * g;
            int cAt = cOffset + 32 * g;
            // block 0
            FloatVector low0 = FloatVector.fromArray(F, x, xAt + 0);
            FloatVector high0 = FloatVector.fromArray(F, x, xAt + 16);
            FloatVector offset0 = FloatVector.fromArray(F, c, cAt + 0);
            FloatVector sum00 = v0.lanewise(VectorOperators.LSHL, 15).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(low0, offset0);
            sum00 = v0.lanewise(VectorOperators.LSHL, 7).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(high0, sum00);
            acc0 = sum00.fma(FloatVector.broadcast(F, w.get(LE_FLOAT, at + 128)), acc0);
            FloatVector sum10 = v1.lanewise(VectorOperators.LSHL, 15).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(low0, offset0);
            sum10 = v1.lanewise(VectorOperators.LSHL, 7).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(high0, sum10);
            acc1 = sum10.fma(FloatVector.broadcast(F, w.get(LE_FLOAT, at + 136)), acc1);
            // block 1
            FloatVector low1 = FloatVector.fromArray(F, x, xAt + 32);
            FloatVector high1 = FloatVector.fromArray(F, x, xAt + 48);
            FloatVector offset1 = FloatVector.fromArray(F, c, cAt + 16);
            FloatVector sum01 = v0.lanewise(VectorOperators.LSHR, 1).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(low1, offset1);
            sum01 = v0.lanewise(VectorOperators.LSHR, 9).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(high1, sum01);
            acc0 = sum01.fma(FloatVector.broadcast(F, w.get(LE_FLOAT, at + 132)), acc0);
            FloatVector sum11 = v1.lanewise(VectorOperators.LSHR, 1).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(low1, offset1);
            sum11 = v1.lanewise(VectorOperators.LSHR, 9).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(high1, sum11);
            acc1 = sum11.fma(FloatVector.broadcast(F, w.get(LE_FLOAT, at + 140)), acc1);
        }
        acc0.intoArray(lanes, 0);
        y[yAt] = WeightRows.sumLanes(lanes);
        acc1.intoArray(lanes, 0);
        y[yAt + 1] = WeightRows.sumLanes(lanes);
    }

    /**
     * Decodes a packed Q8_0 pair into {@code f} ({@code [2, columns]}: the offset values {@code 1 + q / 256}
     * in element order) and {@code scales} ({@code [2, columns / 32]}), the operands of {@link #dotPairs4}.
     */
    static void decodePairQ8_0(MemorySegment w, long pair, int columns, float[] f, float[] scales) {
        int blocks = columns / 32;
        for (int g = 0; g < columns / 64; g++) {
            long at = pair + 144L * g;
            IntVector v0 = IntVector.fromMemorySegment(I, w, at, LE);
            IntVector v1 = IntVector.fromMemorySegment(I, w, at + 64, LE);
            int fAt = 64 * g;
            v0.lanewise(VectorOperators.LSHL, 15).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, fAt + 0);
            v1.lanewise(VectorOperators.LSHL, 15).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, columns + fAt + 0);
            v0.lanewise(VectorOperators.LSHL, 7).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, fAt + 16);
            v1.lanewise(VectorOperators.LSHL, 7).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, columns + fAt + 16);
            v0.lanewise(VectorOperators.LSHR, 1).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, fAt + 32);
            v1.lanewise(VectorOperators.LSHR, 1).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, columns + fAt + 32);
            v0.lanewise(VectorOperators.LSHR, 9).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, fAt + 48);
            v1.lanewise(VectorOperators.LSHR, 9).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .intoArray(f, columns + fAt + 48);
            for (int b = 0; b < 2; b++) {
                scales[2 * g + b] = w.get(LE_FLOAT, at + 128 + 4 * b);
                scales[blocks + 2 * g + b] = w.get(LE_FLOAT, at + 136 + 4 * b);
            }
        }
    }

    /**
     * A decoded pair ({@link #decodePairQ4_0}, {@link #decodePairQ8_0}) times four activation rows:
     * {@code out[2k + i]} is weight row {@code i} times activation row {@code k} (at {@code xOffset + k · xStride},
     * its corrections at {@code cOffset + k · cStride}), with the same operations per output as {@link #dotPairQ4_0}.
     */
    static void dotDecodedPair4(float[] f, float[] scales, int columns, float[] x, int xOffset, int xStride,
            float[] c, int cOffset, int cStride, float[] out, float[] lanes) {
        int blocks = columns / 32;
        FloatVector acc00 = FloatVector.zero(F);
        FloatVector acc01 = FloatVector.zero(F);
        FloatVector acc10 = FloatVector.zero(F);
        FloatVector acc11 = FloatVector.zero(F);
        FloatVector acc20 = FloatVector.zero(F);
        FloatVector acc21 = FloatVector.zero(F);
        FloatVector acc30 = FloatVector.zero(F);
        FloatVector acc31 = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            FloatVector low0 = FloatVector.fromArray(F, f, 32 * b);
            FloatVector high0 = FloatVector.fromArray(F, f, 32 * b + 16);
            FloatVector low1 = FloatVector.fromArray(F, f, columns + 32 * b);
            FloatVector high1 = FloatVector.fromArray(F, f, columns + 32 * b + 16);
            FloatVector scale0 = FloatVector.broadcast(F, scales[b]);
            FloatVector scale1 = FloatVector.broadcast(F, scales[blocks + b]);
            FloatVector xLow0 = FloatVector.fromArray(F, x, xOffset + 0 * xStride + 32 * b);
            FloatVector xHigh0 = FloatVector.fromArray(F, x, xOffset + 0 * xStride + 32 * b + 16);
            FloatVector offset0 = FloatVector.fromArray(F, c, cOffset + 0 * cStride + 16 * b);
            FloatVector sum00 = low0.fma(xLow0, offset0);
            sum00 = high0.fma(xHigh0, sum00);
            acc00 = sum00.fma(scale0, acc00);
            FloatVector sum01 = low1.fma(xLow0, offset0);
            sum01 = high1.fma(xHigh0, sum01);
            acc01 = sum01.fma(scale1, acc01);
            FloatVector xLow1 = FloatVector.fromArray(F, x, xOffset + 1 * xStride + 32 * b);
            FloatVector xHigh1 = FloatVector.fromArray(F, x, xOffset + 1 * xStride + 32 * b + 16);
            FloatVector offset1 = FloatVector.fromArray(F, c, cOffset + 1 * cStride + 16 * b);
            FloatVector sum10 = low0.fma(xLow1, offset1);
            sum10 = high0.fma(xHigh1, sum10);
            acc10 = sum10.fma(scale0, acc10);
            FloatVector sum11 = low1.fma(xLow1, offset1);
            sum11 = high1.fma(xHigh1, sum11);
            acc11 = sum11.fma(scale1, acc11);
            FloatVector xLow2 = FloatVector.fromArray(F, x, xOffset + 2 * xStride + 32 * b);
            FloatVector xHigh2 = FloatVector.fromArray(F, x, xOffset + 2 * xStride + 32 * b + 16);
            FloatVector offset2 = FloatVector.fromArray(F, c, cOffset + 2 * cStride + 16 * b);
            FloatVector sum20 = low0.fma(xLow2, offset2);
            sum20 = high0.fma(xHigh2, sum20);
            acc20 = sum20.fma(scale0, acc20);
            FloatVector sum21 = low1.fma(xLow2, offset2);
            sum21 = high1.fma(xHigh2, sum21);
            acc21 = sum21.fma(scale1, acc21);
            FloatVector xLow3 = FloatVector.fromArray(F, x, xOffset + 3 * xStride + 32 * b);
            FloatVector xHigh3 = FloatVector.fromArray(F, x, xOffset + 3 * xStride + 32 * b + 16);
            FloatVector offset3 = FloatVector.fromArray(F, c, cOffset + 3 * cStride + 16 * b);
            FloatVector sum30 = low0.fma(xLow3, offset3);
            sum30 = high0.fma(xHigh3, sum30);
            acc30 = sum30.fma(scale0, acc30);
            FloatVector sum31 = low1.fma(xLow3, offset3);
            sum31 = high1.fma(xHigh3, sum31);
            acc31 = sum31.fma(scale1, acc31);
        }
        acc00.intoArray(lanes, 0);
        out[0] = WeightRows.sumLanes(lanes);
        acc01.intoArray(lanes, 0);
        out[1] = WeightRows.sumLanes(lanes);
        acc10.intoArray(lanes, 0);
        out[2] = WeightRows.sumLanes(lanes);
        acc11.intoArray(lanes, 0);
        out[3] = WeightRows.sumLanes(lanes);
        acc20.intoArray(lanes, 0);
        out[4] = WeightRows.sumLanes(lanes);
        acc21.intoArray(lanes, 0);
        out[5] = WeightRows.sumLanes(lanes);
        acc30.intoArray(lanes, 0);
        out[6] = WeightRows.sumLanes(lanes);
        acc31.intoArray(lanes, 0);
        out[7] = WeightRows.sumLanes(lanes);
    }

    /** {@link #dotDecodedPair4} for one activation row: {@code out[i]} for weight row {@code i}. */
    static void dotDecodedPair1(float[] f, float[] scales, int columns, float[] x, int xOffset, float[] c,
            int cOffset, float[] out, float[] lanes) {
        int blocks = columns / 32;
        FloatVector acc00 = FloatVector.zero(F);
        FloatVector acc01 = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            FloatVector low0 = FloatVector.fromArray(F, f, 32 * b);
            FloatVector high0 = FloatVector.fromArray(F, f, 32 * b + 16);
            FloatVector low1 = FloatVector.fromArray(F, f, columns + 32 * b);
            FloatVector high1 = FloatVector.fromArray(F, f, columns + 32 * b + 16);
            FloatVector scale0 = FloatVector.broadcast(F, scales[b]);
            FloatVector scale1 = FloatVector.broadcast(F, scales[blocks + b]);
            FloatVector xLow0 = FloatVector.fromArray(F, x, xOffset + 32 * b);
            FloatVector xHigh0 = FloatVector.fromArray(F, x, xOffset + 32 * b + 16);
            FloatVector offset0 = FloatVector.fromArray(F, c, cOffset + 16 * b);
            FloatVector sum00 = low0.fma(xLow0, offset0);
            sum00 = high0.fma(xHigh0, sum00);
            acc00 = sum00.fma(scale0, acc00);
            FloatVector sum01 = low1.fma(xLow0, offset0);
            sum01 = high1.fma(xHigh0, sum01);
            acc01 = sum01.fma(scale1, acc01);
        }
        acc00.intoArray(lanes, 0);
        out[0] = WeightRows.sumLanes(lanes);
        acc01.intoArray(lanes, 0);
        out[1] = WeightRows.sumLanes(lanes);
    }
}
