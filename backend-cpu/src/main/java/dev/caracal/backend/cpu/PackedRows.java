package dev.caracal.backend.cpu;

import dev.caracal.api.tensor.QuantFormat;
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
 * conversion and no byte widening. With the block scale stored as {@code scale = 16 · d} (Q4_0) or {@code 256 · d}
 * (Q8_0), one fused multiply-add {@code f · scale - 1.5 · scale} gives {@code (q - 8) · d} or {@code q · d}: exactly
 * the file's dequantized weight (a small integer times an f16 value is exact in a float). A pair's groups are
 * contiguous, so a two-row pass reads one sequential stream.
 *
 * <p>Batch invariance: decoding in registers ({@link #dotPairQ4_0}, one activation row at a time) multiplies those
 * exact weights with {@code x} in the order of {@link WeightRows#dot4} and {@link WeightRows#dot4x4} (one accumulator
 * per output, sixteen columns per step, then {@link WeightRows#sumLanes}), and the prefill path decodes pairs into
 * scratch ({@link #decodePairQ4_0}) for those kernels: every path gives a row the same bits, so a sequence's logits do
 * not depend on what else is in its batch.
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
        MemorySegment packed = NativeMemory.allocate(pairBytes * (rows / 2));
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
     * Rows {@code 2p} and {@code 2p + 1} of a packed Q4_0 weight (the pair at byte {@code pair}) times one activation
     * row: {@code y[yAt + i] = Σ_c w[i][c] · x[xOffset + c]}, the weights decoded in registers. The four blocks of a
     * group are a loop (the lanes shifted right a byte each time), not written out: unrolled, the method grew past
     * what C2 inlines and its vectors were boxed.
     */
    static void dotPairQ4_0(MemorySegment w, long pair, float[] x, int xOffset, int columns, float[] y, int yAt,
            float[] lanes) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int g = 0; g < columns / 128; g++) {
            long at = pair + 160L * g;
            IntVector v0 = IntVector.fromMemorySegment(I, w, at, LE);
            IntVector v1 = IntVector.fromMemorySegment(I, w, at + 64, LE);
            for (int b = 0; b < 4; b++) {
                // block b: w = f · scale + bias from the byte's low and high nibble, then acc += w · x
                int xAt = xOffset + 128 * g + 32 * b;
                FloatVector low = FloatVector.fromArray(F, x, xAt);
                FloatVector high = FloatVector.fromArray(F, x, xAt + 16);
                FloatVector scale0 = FloatVector.broadcast(F, w.get(LE_FLOAT, at + 128 + 4 * b));
                FloatVector bias0 = scale0.mul(-1.5f);
                acc0 = v0.lanewise(VectorOperators.LSHL, 19).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                        .fma(scale0, bias0).fma(low, acc0);
                acc0 = v0.lanewise(VectorOperators.LSHL, 15).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                        .fma(scale0, bias0).fma(high, acc0);
                FloatVector scale1 = FloatVector.broadcast(F, w.get(LE_FLOAT, at + 144 + 4 * b));
                FloatVector bias1 = scale1.mul(-1.5f);
                acc1 = v1.lanewise(VectorOperators.LSHL, 19).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                        .fma(scale1, bias1).fma(low, acc1);
                acc1 = v1.lanewise(VectorOperators.LSHL, 15).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                        .fma(scale1, bias1).fma(high, acc1);
                v0 = v0.lanewise(VectorOperators.LSHR, 8);
                v1 = v1.lanewise(VectorOperators.LSHR, 8);
            }
        }
        acc0.intoArray(lanes, 0);
        y[yAt] = WeightRows.sumLanes(lanes);
        acc1.intoArray(lanes, 0);
        y[yAt + 1] = WeightRows.sumLanes(lanes);
    }

    /**
     * Decodes a packed Q4_0 pair into {@code out}: row {@code i}'s weights at {@code outOffset + i · columns}, the
     * same floats {@link #dotPairQ4_0} computes in registers (and the same as the file's dequantized values).
     */
    static void decodePairQ4_0(MemorySegment w, long pair, int columns, float[] out, int outOffset) {
        for (int g = 0; g < columns / 128; g++) {
            long at = pair + 160L * g;
            IntVector v0 = IntVector.fromMemorySegment(I, w, at, LE);
            IntVector v1 = IntVector.fromMemorySegment(I, w, at + 64, LE);
            for (int b = 0; b < 4; b++) {
                int row0 = outOffset + 128 * g + 32 * b;
                int row1 = row0 + columns;
                FloatVector scale0 = FloatVector.broadcast(F, w.get(LE_FLOAT, at + 128 + 4 * b));
                FloatVector bias0 = scale0.mul(-1.5f);
                v0.lanewise(VectorOperators.LSHL, 19).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                        .fma(scale0, bias0).intoArray(out, row0);
                v0.lanewise(VectorOperators.LSHL, 15).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                        .fma(scale0, bias0).intoArray(out, row0 + 16);
                FloatVector scale1 = FloatVector.broadcast(F, w.get(LE_FLOAT, at + 144 + 4 * b));
                FloatVector bias1 = scale1.mul(-1.5f);
                v1.lanewise(VectorOperators.LSHL, 19).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                        .fma(scale1, bias1).intoArray(out, row1);
                v1.lanewise(VectorOperators.LSHL, 15).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                        .fma(scale1, bias1).intoArray(out, row1 + 16);
                v0 = v0.lanewise(VectorOperators.LSHR, 8);
                v1 = v1.lanewise(VectorOperators.LSHR, 8);
            }
        }
    }

    /**
     * Rows {@code 2p} and {@code 2p + 1} of a packed Q8_0 weight (the pair at byte {@code pair}) times one activation
     * row: {@code y[yAt + i] = Σ_c w[i][c] · x[xOffset + c]}, the weights decoded in registers.
     */
    static void dotPairQ8_0(MemorySegment w, long pair, float[] x, int xOffset, int columns, float[] y, int yAt,
            float[] lanes) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int g = 0; g < columns / 64; g++) {
            long at = pair + 144L * g;
            IntVector v0 = IntVector.fromMemorySegment(I, w, at, LE);
            IntVector v1 = IntVector.fromMemorySegment(I, w, at + 64, LE);
            int xAt = xOffset + 64 * g;
            // block 0: w = f · scale + bias, then acc += w · x
            FloatVector low0 = FloatVector.fromArray(F, x, xAt + 0);
            FloatVector high0 = FloatVector.fromArray(F, x, xAt + 16);
            FloatVector scale00 = FloatVector.broadcast(F, w.get(LE_FLOAT, at + 128));
            FloatVector bias00 = scale00.mul(-1.5f);
            acc0 = v0.lanewise(VectorOperators.LSHL, 15).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale00, bias00).fma(low0, acc0);
            acc0 = v0.lanewise(VectorOperators.LSHL, 7).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale00, bias00).fma(high0, acc0);
            FloatVector scale10 = FloatVector.broadcast(F, w.get(LE_FLOAT, at + 136));
            FloatVector bias10 = scale10.mul(-1.5f);
            acc1 = v1.lanewise(VectorOperators.LSHL, 15).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale10, bias10).fma(low0, acc1);
            acc1 = v1.lanewise(VectorOperators.LSHL, 7).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale10, bias10).fma(high0, acc1);
            // block 1: w = f · scale + bias, then acc += w · x
            FloatVector low1 = FloatVector.fromArray(F, x, xAt + 32);
            FloatVector high1 = FloatVector.fromArray(F, x, xAt + 48);
            FloatVector scale01 = FloatVector.broadcast(F, w.get(LE_FLOAT, at + 132));
            FloatVector bias01 = scale01.mul(-1.5f);
            acc0 = v0.lanewise(VectorOperators.LSHR, 1).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale01, bias01).fma(low1, acc0);
            acc0 = v0.lanewise(VectorOperators.LSHR, 9).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale01, bias01).fma(high1, acc0);
            FloatVector scale11 = FloatVector.broadcast(F, w.get(LE_FLOAT, at + 140));
            FloatVector bias11 = scale11.mul(-1.5f);
            acc1 = v1.lanewise(VectorOperators.LSHR, 1).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale11, bias11).fma(low1, acc1);
            acc1 = v1.lanewise(VectorOperators.LSHR, 9).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale11, bias11).fma(high1, acc1);
        }
        acc0.intoArray(lanes, 0);
        y[yAt] = WeightRows.sumLanes(lanes);
        acc1.intoArray(lanes, 0);
        y[yAt + 1] = WeightRows.sumLanes(lanes);
    }

    /**
     * Decodes a packed Q8_0 pair into {@code out}: row {@code i}'s weights at {@code outOffset + i · columns}, the
     * same floats {@link #dotPairQ8_0} computes in registers (and the same as the file's dequantized values).
     */
    static void decodePairQ8_0(MemorySegment w, long pair, int columns, float[] out, int outOffset) {
        for (int g = 0; g < columns / 64; g++) {
            long at = pair + 144L * g;
            IntVector v0 = IntVector.fromMemorySegment(I, w, at, LE);
            IntVector v1 = IntVector.fromMemorySegment(I, w, at + 64, LE);
            int row0 = outOffset + 64 * g;
            int row1 = row0 + columns;
            FloatVector scale00 = FloatVector.broadcast(F, w.get(LE_FLOAT, at + 128));
            FloatVector bias00 = scale00.mul(-1.5f);
            v0.lanewise(VectorOperators.LSHL, 15).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale00, bias00).intoArray(out, row0 + 0);
            v0.lanewise(VectorOperators.LSHL, 7).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale00, bias00).intoArray(out, row0 + 16);
            FloatVector scale10 = FloatVector.broadcast(F, w.get(LE_FLOAT, at + 136));
            FloatVector bias10 = scale10.mul(-1.5f);
            v1.lanewise(VectorOperators.LSHL, 15).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale10, bias10).intoArray(out, row1 + 0);
            v1.lanewise(VectorOperators.LSHL, 7).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale10, bias10).intoArray(out, row1 + 16);
            FloatVector scale01 = FloatVector.broadcast(F, w.get(LE_FLOAT, at + 132));
            FloatVector bias01 = scale01.mul(-1.5f);
            v0.lanewise(VectorOperators.LSHR, 1).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale01, bias01).intoArray(out, row0 + 32);
            v0.lanewise(VectorOperators.LSHR, 9).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale01, bias01).intoArray(out, row0 + 48);
            FloatVector scale11 = FloatVector.broadcast(F, w.get(LE_FLOAT, at + 140));
            FloatVector bias11 = scale11.mul(-1.5f);
            v1.lanewise(VectorOperators.LSHR, 1).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale11, bias11).intoArray(out, row1 + 32);
            v1.lanewise(VectorOperators.LSHR, 9).and(Q8_MANTISSA).or(ONE).reinterpretAsFloats()
                    .fma(scale11, bias11).intoArray(out, row1 + 48);
        }
    }

}
