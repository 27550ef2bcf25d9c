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
 * Q4_0 and Q8_0 weight matrices repacked at load time for 512-bit kernels that keep sixteen weight rows in the lanes
 * of a vector, and the kernels that read them (Q4_K's are in {@link PackedQ4K}).
 *
 * <p>Layout: rows go in strips of {@link #STRIP_ROWS} (four panels of sixteen rows), a strip in two halves of two
 * panels; a half is a run of blocks of 32 columns, and a half's block holds, for each of its two panels, the panel's
 * quants as sixteen 32-bit lanes, one lane per row ({@code [4][16] int} for Q4_0, {@code [8][16] int} for Q8_0), then
 * its sixteen rows' block scales as floats. Word
 * {@code j} of a lane holds columns {@code 8j .. 8j + 7} of the block as nibbles {@code q} at bits {@code 4k} (Q4_0),
 * or columns {@code 4j .. 4j + 3} as bytes {@code q + 128} at bits {@code 8k} (Q8_0). One rotation, then one
 * mask-and-OR (a single {@code vpternlogd}), put field {@code k} of all sixteen lanes into the top mantissa bits of the
 * float 1.0, giving the exact float {@code f = 1 + q / 16} (Q4_0) or {@code 1 + (q + 128) / 256} (Q8_0): no
 * integer-to-float conversion, no byte widening. With the block scale stored as {@code scale = 16 · d} (Q4_0) or
 * {@code 256 · d} (Q8_0), one fused multiply-add {@code f · scale - 1.5 · scale} gives {@code (q - 8) · d} or
 * {@code q · d}: exactly the file's dequantized weight (a small integer times an f16 value is exact in a float). A
 * half's blocks are contiguous, so a pass over a half reads one sequential stream.
 *
 * <p>Products: column by column, {@code acc[panel] = fma(w[column][panel rows], x[column], acc[panel])}, one
 * accumulator per output starting from zero, columns in ascending order, no horizontal sum. One activation row
 * ({@link #dotHalfStripQ4_0}, two panels per pass: with four, C2 ran out of registers) decodes in registers; more rows
 * decode a strip's columns in chunks into scratch
 * ({@link #decodeStripQ4_0}) and multiply six activation rows at a time ({@link #multiplyStrip6}), each weight vector
 * serving six rows and each broadcast activation four panels. Both give every output the same operations in the same
 * order, so a row's result does not depend on the rest of its batch.
 */
final class PackedRows {

    /** Weight rows per strip: four panels of sixteen lanes. */
    static final int STRIP_ROWS = 64;
    /** Columns per block: the GGML block of Q4_0 and Q8_0. */
    static final int BLOCK_COLUMNS = 32;

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final int LANES = 16;
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

    /** Bytes of one panel's block: Q4_0 4 words × 16 lanes + 16 scales; Q8_0 8 words × 16 lanes + 16 scales. */
    private static final int Q4_PANEL_BLOCK = 4 * 64 + 64;
    private static final int Q8_PANEL_BLOCK = 8 * 64 + 64;

    private PackedRows() {
    }

    /** Bytes of one packed strip of {@link #STRIP_ROWS} rows of {@code columns} (Q4_K: {@link PackedQ4K}'s). */
    static long stripBytes(QuantFormat format, int columns) {
        if (format == QuantFormat.Q4_K) {
            return PackedQ4K.stripBytes(columns);
        }
        return 4L * panelBlockBytes(format) * (columns / BLOCK_COLUMNS);
    }

    /** Bytes of one panel's block of 32 columns. */
    private static int panelBlockBytes(QuantFormat format) {
        return format == QuantFormat.Q4_0 ? Q4_PANEL_BLOCK : Q8_PANEL_BLOCK;
    }

    /** Where block {@code block} of panel {@code panel} (0-3) starts, from its strip's start, for {@code blocks}. */
    private static long panelBlockAt(int panelBlockBytes, int blocks, int panel, int block) {
        return (long) panelBlockBytes * (2L * blocks * (panel / 2) + 2L * block + panel % 2);
    }

    /**
     * True when a weight of this format and shape is packed: Q4_0, Q8_0 or Q4_K ({@link PackedQ4K}), whole strips of
     * rows, 512-bit vectors.
     */
    static boolean packable(QuantFormat format, long[] shape) {
        if ((format != QuantFormat.Q4_0 && format != QuantFormat.Q8_0 && format != QuantFormat.Q4_K)
                || shape.length != 2 || FloatVector.SPECIES_PREFERRED.length() < LANES) {
            return false;
        }
        return shape[0] % STRIP_ROWS == 0 && shape[1] % format.blockSize() == 0 && shape[1] <= Integer.MAX_VALUE;
    }

    /**
     * Repacks {@code rows} rows of {@code columns} GGML-format bytes into strips, in new native memory (huge pages
     * where the kernel offers them) freed with the returned segment, on the pool's threads.
     */
    static MemorySegment pack(QuantFormat format, MemorySegment bytes, int rows, int columns, CpuThreadPool pool) {
        long stripBytes = stripBytes(format, columns);
        long rowBytes = format.bytesFor(columns);
        MemorySegment packed = NativeMemory.allocate(stripBytes * (rows / STRIP_ROWS));
        pool.parallelFor(rows / STRIP_ROWS, (thread, start, end) -> {
            byte[] strip = new byte[Math.toIntExact(rowBytes * STRIP_ROWS)]; // [64 rows][row bytes]
            for (int s = start; s < end; s++) {
                MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, s * rowBytes * STRIP_ROWS, strip, 0, strip.length);
                switch (format) {
                    case Q4_0 -> packStripQ4_0(strip, (int) rowBytes, columns, packed, s * stripBytes);
                    case Q8_0 -> packStripQ8_0(strip, (int) rowBytes, columns, packed, s * stripBytes);
                    default -> PackedQ4K.packStrip(strip, (int) rowBytes, columns, packed, s * stripBytes);
                }
            }
        });
        return packed;
    }

    /** Q4_0 block: f16 d, 16 bytes; element j is the low nibble of byte j, element j + 16 its high nibble. */
    private static void packStripQ4_0(byte[] strip, int rowBytes, int columns, MemorySegment packed, long at) {
        for (int block = 0; block < columns / BLOCK_COLUMNS; block++) {
            for (int row = 0; row < STRIP_ROWS; row++) {
                int source = row * rowBytes + 18 * block;
                long panel = at + panelBlockAt(Q4_PANEL_BLOCK, columns / BLOCK_COLUMNS, row / LANES, block);
                int lane = row % LANES;
                for (int word = 0; word < 4; word++) {
                    int bits = 0;
                    for (int k = 0; k < 8; k++) {
                        int element = 8 * word + k;
                        int packedByte = strip[source + 2 + (element & 15)];
                        int nibble = element < 16 ? packedByte & 0xF : (packedByte >> 4) & 0xF;
                        bits |= nibble << (4 * k);
                    }
                    packed.set(LE_INT, panel + 64L * word + 4L * lane, bits);
                }
                float d = Float.float16ToFloat(shortAt(strip, source));
                packed.set(LE_FLOAT, panel + 256 + 4L * lane, 16 * d);
            }
        }
    }

    /** Q8_0 block: f16 d, 32 signed bytes. */
    private static void packStripQ8_0(byte[] strip, int rowBytes, int columns, MemorySegment packed, long at) {
        for (int block = 0; block < columns / BLOCK_COLUMNS; block++) {
            for (int row = 0; row < STRIP_ROWS; row++) {
                int source = row * rowBytes + 34 * block;
                long panel = at + panelBlockAt(Q8_PANEL_BLOCK, columns / BLOCK_COLUMNS, row / LANES, block);
                int lane = row % LANES;
                for (int word = 0; word < 8; word++) {
                    int bits = 0;
                    for (int k = 0; k < 4; k++) {
                        bits |= ((strip[source + 2 + 4 * word + k] + 128) & 0xFF) << (8 * k);
                    }
                    packed.set(LE_INT, panel + 64L * word + 4L * lane, bits);
                }
                float d = Float.float16ToFloat(shortAt(strip, source));
                packed.set(LE_FLOAT, panel + 512 + 4L * lane, 256 * d);
            }
        }
    }

    private static short shortAt(byte[] bytes, int at) {
        return (short) ((bytes[at] & 0xFF) | bytes[at + 1] << 8);
    }

    /**
     * The 32 rows of half of a packed Q4_0 strip (the half at byte {@code half}) times one activation row, decoded in
     * registers: {@code y[yAt + r] = Σ_c w[r][c] · x[xOffset + c]}.
     */
    static void dotHalfStripQ4_0(MemorySegment w, long half, float[] x, int xOffset, int columns, float[] y,
            int yAt) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int block = 0; block < columns / BLOCK_COLUMNS; block++) {
            long at = half + 2L * Q4_PANEL_BLOCK * block;
            FloatVector scale0 = FloatVector.fromMemorySegment(F, w, at + 256, LE);
            FloatVector scale1 = FloatVector.fromMemorySegment(F, w, at + Q4_PANEL_BLOCK + 256, LE);
            FloatVector bias0 = scale0.mul(-1.5f);
            FloatVector bias1 = scale1.mul(-1.5f);
            for (int word = 0; word < 4; word++) {
                IntVector v0 = IntVector.fromMemorySegment(I, w, at + 64 * word, LE);
                IntVector v1 = IntVector.fromMemorySegment(I, w, at + Q4_PANEL_BLOCK + 64 * word, LE);
                for (int part = 0; part < 2; part++) {
                    // nibbles 4·part + k, k < 4: the second part shifted down 16 bits first, so that the rotations
                    // stay constants of a four-step loop C2 unrolls
                    int xAt = xOffset + BLOCK_COLUMNS * block + 8 * word + 4 * part;
                    for (int k = 0; k < 4; k++) {
                        // column 8·word + 4·part + k: nibble to mantissa bits 19-22, w = f · scale + bias
                        int rotation = 19 - 4 * k;
                        FloatVector xk = FloatVector.broadcast(F, x[xAt + k]);
                        acc0 = v0.lanewise(VectorOperators.ROL, rotation).and(Q4_MANTISSA).or(ONE)
                                .reinterpretAsFloats().fma(scale0, bias0).fma(xk, acc0);
                        acc1 = v1.lanewise(VectorOperators.ROL, rotation).and(Q4_MANTISSA).or(ONE)
                                .reinterpretAsFloats().fma(scale1, bias1).fma(xk, acc1);
                    }
                    v0 = v0.lanewise(VectorOperators.LSHR, 16);
                    v1 = v1.lanewise(VectorOperators.LSHR, 16);
                }
            }
        }
        acc0.intoArray(y, yAt);
        acc1.intoArray(y, yAt + LANES);
    }

    /** Where the second half of a strip starts, from the strip's start. */
    static long secondHalf(QuantFormat format, int columns) {
        return stripBytes(format, columns) / 2;
    }

    /**
     * Decodes blocks {@code [firstBlock, firstBlock + blockCount)} of a packed Q4_0 strip into {@code out}, column
     * {@code c} of the range at {@code out[64 · c .. 64 · c + 63]} (the strip's rows in order): the same floats
     * {@link #dotStripQ4_0} computes in registers, and the file's dequantized values.
     */
    static void decodeStripQ4_0(MemorySegment w, long strip, int blocks, int firstBlock, int blockCount, float[] out) {
        for (int block = 0; block < blockCount; block++) {
            for (int panel = 0; panel < 4; panel++) {
                long panelAt = strip + panelBlockAt(Q4_PANEL_BLOCK, blocks, panel, firstBlock + block);
                FloatVector scale = FloatVector.fromMemorySegment(F, w, panelAt + 256, LE);
                FloatVector bias = scale.mul(-1.5f);
                for (int word = 0; word < 4; word++) {
                    IntVector v = IntVector.fromMemorySegment(I, w, panelAt + 64 * word, LE);
                    int outAt = STRIP_ROWS * (BLOCK_COLUMNS * block + 8 * word) + LANES * panel;
                    for (int half = 0; half < 2; half++) {
                        for (int k = 0; k < 4; k++) {
                            v.lanewise(VectorOperators.ROL, 19 - 4 * k).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                                    .fma(scale, bias).intoArray(out, outAt + STRIP_ROWS * (4 * half + k));
                        }
                        v = v.lanewise(VectorOperators.LSHR, 16);
                    }
                }
            }
        }
    }

    /**
     * The 32 rows of half of a packed Q8_0 strip (the half at byte {@code half}) times one activation row, decoded in
     * registers: {@code y[yAt + r] = Σ_c w[r][c] · x[xOffset + c]}.
     */
    static void dotHalfStripQ8_0(MemorySegment w, long half, float[] x, int xOffset, int columns, float[] y,
            int yAt) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int block = 0; block < columns / BLOCK_COLUMNS; block++) {
            long at = half + 2L * Q8_PANEL_BLOCK * block;
            FloatVector scale0 = FloatVector.fromMemorySegment(F, w, at + 512, LE);
            FloatVector scale1 = FloatVector.fromMemorySegment(F, w, at + Q8_PANEL_BLOCK + 512, LE);
            FloatVector bias0 = scale0.mul(-1.5f);
            FloatVector bias1 = scale1.mul(-1.5f);
            for (int word = 0; word < 8; word++) {
                IntVector v0 = IntVector.fromMemorySegment(I, w, at + 64 * word, LE);
                IntVector v1 = IntVector.fromMemorySegment(I, w, at + Q8_PANEL_BLOCK + 64 * word, LE);
                int xAt = xOffset + BLOCK_COLUMNS * block + 4 * word;
                for (int k = 0; k < 4; k++) {
                    // column 4·word + k: byte k of every lane to mantissa bits 15-22, w = f · scale + bias
                    int rotation = (15 - 8 * k) & 31;
                    FloatVector xk = FloatVector.broadcast(F, x[xAt + k]);
                    acc0 = v0.lanewise(VectorOperators.ROL, rotation).and(Q8_MANTISSA).or(ONE)
                            .reinterpretAsFloats().fma(scale0, bias0).fma(xk, acc0);
                    acc1 = v1.lanewise(VectorOperators.ROL, rotation).and(Q8_MANTISSA).or(ONE)
                            .reinterpretAsFloats().fma(scale1, bias1).fma(xk, acc1);
                }
            }
        }
        acc0.intoArray(y, yAt);
        acc1.intoArray(y, yAt + LANES);
    }

    /**
     * Decodes blocks {@code [firstBlock, firstBlock + blockCount)} of a packed Q8_0 strip into {@code out}, column
     * {@code c} of the range at {@code out[64 · c .. 64 · c + 63]}: the same floats {@link #dotHalfStripQ8_0}
     * computes in registers, and the file's dequantized values.
     */
    static void decodeStripQ8_0(MemorySegment w, long strip, int blocks, int firstBlock, int blockCount, float[] out) {
        for (int block = 0; block < blockCount; block++) {
            for (int panel = 0; panel < 4; panel++) {
                long panelAt = strip + panelBlockAt(Q8_PANEL_BLOCK, blocks, panel, firstBlock + block);
                FloatVector scale = FloatVector.fromMemorySegment(F, w, panelAt + 512, LE);
                FloatVector bias = scale.mul(-1.5f);
                for (int word = 0; word < 8; word++) {
                    IntVector v = IntVector.fromMemorySegment(I, w, panelAt + 64 * word, LE);
                    int outAt = STRIP_ROWS * (BLOCK_COLUMNS * block + 4 * word) + LANES * panel;
                    for (int k = 0; k < 4; k++) {
                        v.lanewise(VectorOperators.ROL, (15 - 8 * k) & 31).and(Q8_MANTISSA).or(ONE)
                                .reinterpretAsFloats().fma(scale, bias).intoArray(out, outAt + STRIP_ROWS * k);
                    }
                }
            }
        }
    }

    /**
     * Six activation rows times a decoded strip chunk ({@code w[c][64]}, {@code columns} columns):
     * {@code y[yAt + i · yStride + r] = (accumulate ? y[…] : 0) + Σ_c w[c][r] · x[xAt + i · xStride + c]} for
     * {@code i < 6}, {@code r < 64}, columns in ascending order: each loaded weight vector serves six rows, each
     * broadcast activation four panels (24 accumulators).
     */
    static void multiplyStrip6(float[] w, int columns, float[] x, int xAt, int xStride, float[] y, int yAt,
            int yStride, boolean accumulate) {
        int y0 = yAt;
        int y1 = yAt + yStride;
        int y2 = yAt + 2 * yStride;
        int y3 = yAt + 3 * yStride;
        int y4 = yAt + 4 * yStride;
        int y5 = yAt + 5 * yStride;
        FloatVector a00 = start(y, y0, accumulate);
        FloatVector a01 = start(y, y0 + LANES, accumulate);
        FloatVector a02 = start(y, y0 + 2 * LANES, accumulate);
        FloatVector a03 = start(y, y0 + 3 * LANES, accumulate);
        FloatVector a10 = start(y, y1, accumulate);
        FloatVector a11 = start(y, y1 + LANES, accumulate);
        FloatVector a12 = start(y, y1 + 2 * LANES, accumulate);
        FloatVector a13 = start(y, y1 + 3 * LANES, accumulate);
        FloatVector a20 = start(y, y2, accumulate);
        FloatVector a21 = start(y, y2 + LANES, accumulate);
        FloatVector a22 = start(y, y2 + 2 * LANES, accumulate);
        FloatVector a23 = start(y, y2 + 3 * LANES, accumulate);
        FloatVector a30 = start(y, y3, accumulate);
        FloatVector a31 = start(y, y3 + LANES, accumulate);
        FloatVector a32 = start(y, y3 + 2 * LANES, accumulate);
        FloatVector a33 = start(y, y3 + 3 * LANES, accumulate);
        FloatVector a40 = start(y, y4, accumulate);
        FloatVector a41 = start(y, y4 + LANES, accumulate);
        FloatVector a42 = start(y, y4 + 2 * LANES, accumulate);
        FloatVector a43 = start(y, y4 + 3 * LANES, accumulate);
        FloatVector a50 = start(y, y5, accumulate);
        FloatVector a51 = start(y, y5 + LANES, accumulate);
        FloatVector a52 = start(y, y5 + 2 * LANES, accumulate);
        FloatVector a53 = start(y, y5 + 3 * LANES, accumulate);
        for (int c = 0; c < columns; c++) {
            int at = STRIP_ROWS * c;
            FloatVector w0 = FloatVector.fromArray(F, w, at);
            FloatVector w1 = FloatVector.fromArray(F, w, at + LANES);
            FloatVector w2 = FloatVector.fromArray(F, w, at + 2 * LANES);
            FloatVector w3 = FloatVector.fromArray(F, w, at + 3 * LANES);
            FloatVector x0 = FloatVector.broadcast(F, x[xAt + c]);
            a00 = w0.fma(x0, a00);
            a01 = w1.fma(x0, a01);
            a02 = w2.fma(x0, a02);
            a03 = w3.fma(x0, a03);
            FloatVector x1 = FloatVector.broadcast(F, x[xAt + xStride + c]);
            a10 = w0.fma(x1, a10);
            a11 = w1.fma(x1, a11);
            a12 = w2.fma(x1, a12);
            a13 = w3.fma(x1, a13);
            FloatVector x2 = FloatVector.broadcast(F, x[xAt + 2 * xStride + c]);
            a20 = w0.fma(x2, a20);
            a21 = w1.fma(x2, a21);
            a22 = w2.fma(x2, a22);
            a23 = w3.fma(x2, a23);
            FloatVector x3 = FloatVector.broadcast(F, x[xAt + 3 * xStride + c]);
            a30 = w0.fma(x3, a30);
            a31 = w1.fma(x3, a31);
            a32 = w2.fma(x3, a32);
            a33 = w3.fma(x3, a33);
            FloatVector x4 = FloatVector.broadcast(F, x[xAt + 4 * xStride + c]);
            a40 = w0.fma(x4, a40);
            a41 = w1.fma(x4, a41);
            a42 = w2.fma(x4, a42);
            a43 = w3.fma(x4, a43);
            FloatVector x5 = FloatVector.broadcast(F, x[xAt + 5 * xStride + c]);
            a50 = w0.fma(x5, a50);
            a51 = w1.fma(x5, a51);
            a52 = w2.fma(x5, a52);
            a53 = w3.fma(x5, a53);
        }
        a00.intoArray(y, y0);
        a01.intoArray(y, y0 + LANES);
        a02.intoArray(y, y0 + 2 * LANES);
        a03.intoArray(y, y0 + 3 * LANES);
        a10.intoArray(y, y1);
        a11.intoArray(y, y1 + LANES);
        a12.intoArray(y, y1 + 2 * LANES);
        a13.intoArray(y, y1 + 3 * LANES);
        a20.intoArray(y, y2);
        a21.intoArray(y, y2 + LANES);
        a22.intoArray(y, y2 + 2 * LANES);
        a23.intoArray(y, y2 + 3 * LANES);
        a30.intoArray(y, y3);
        a31.intoArray(y, y3 + LANES);
        a32.intoArray(y, y3 + 2 * LANES);
        a33.intoArray(y, y3 + 3 * LANES);
        a40.intoArray(y, y4);
        a41.intoArray(y, y4 + LANES);
        a42.intoArray(y, y4 + 2 * LANES);
        a43.intoArray(y, y4 + 3 * LANES);
        a50.intoArray(y, y5);
        a51.intoArray(y, y5 + LANES);
        a52.intoArray(y, y5 + 2 * LANES);
        a53.intoArray(y, y5 + 3 * LANES);
    }

    /** One activation row times a decoded strip chunk: {@link #multiplyStrip6} for a single row. */
    static void multiplyStrip1(float[] w, int columns, float[] x, int xAt, float[] y, int yAt, boolean accumulate) {
        FloatVector a0 = start(y, yAt, accumulate);
        FloatVector a1 = start(y, yAt + LANES, accumulate);
        FloatVector a2 = start(y, yAt + 2 * LANES, accumulate);
        FloatVector a3 = start(y, yAt + 3 * LANES, accumulate);
        for (int c = 0; c < columns; c++) {
            int at = STRIP_ROWS * c;
            FloatVector x0 = FloatVector.broadcast(F, x[xAt + c]);
            a0 = FloatVector.fromArray(F, w, at).fma(x0, a0);
            a1 = FloatVector.fromArray(F, w, at + LANES).fma(x0, a1);
            a2 = FloatVector.fromArray(F, w, at + 2 * LANES).fma(x0, a2);
            a3 = FloatVector.fromArray(F, w, at + 3 * LANES).fma(x0, a3);
        }
        a0.intoArray(y, yAt);
        a1.intoArray(y, yAt + LANES);
        a2.intoArray(y, yAt + 2 * LANES);
        a3.intoArray(y, yAt + 3 * LANES);
    }

    /** An accumulator's first value: the partial sums of earlier column chunks, or zero. */
    private static FloatVector start(float[] y, int at, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(F, y, at) : FloatVector.zero(F);
    }
}
