package dev.caracal.backend.cpu;

import dev.caracal.api.quant.IQ4_NLCodec;
import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q4_0 and Q8_0 weight matrices repacked at load time for kernels that keep one weight row in each lane of a vector
 * ({@link #LANES} rows: 16 with 512-bit vectors, 8 with 256-bit), and the kernels that read them (Q4_K's are in
 * {@link PackedQ4K}, Q5_K's and Q6_K's in {@link PackedKBytes}). The layout depends on the lane count, so a packed weight is only read by the JVM that packed it.
 *
 * <p>Layout: rows go in strips of {@link #STRIP_ROWS} (four panels of {@code L = LANES} rows), a strip in two halves
 * of two panels; a half is a run of blocks of 32 columns, and a half's block holds, for each of its two panels, the
 * panel's quants as vectors of {@code L} 32-bit lanes, one lane per row ({@code [4][L] int} for Q4_0, {@code [8][L]
 * int} for Q8_0), then its {@code L} rows' block scales as floats, the two panels' words alternating
 * ({@link #panelWordAt}). Word
 * {@code j} of a lane holds columns {@code 8j .. 8j + 7} of the block as nibbles {@code q} at bits {@code 4k} (Q4_0),
 * or columns {@code 4j .. 4j + 3} as bytes {@code q + 128} at bits {@code 8k} (Q8_0). One rotation, then one
 * mask-and-OR (a single {@code vpternlogd} on AVX-512), put field {@code k} of all lanes into the top mantissa bits of
 * the float 1.0, giving the exact float {@code f = 1 + q / 16} (Q4_0) or {@code 1 + (q + 128) / 256} (Q8_0): no
 * integer-to-float conversion, no byte widening. With the block scale stored as {@code scale = 16 · d} (Q4_0) or
 * {@code 256 · d} (Q8_0) and {@code bias = -1.5 · scale}, {@code f · scale + bias} is {@code (q - 8) · d} or
 * {@code q · d}, the file's dequantized weight. A half's blocks are contiguous, so a pass over a half reads one
 * sequential stream.
 *
 * <p>Products, with the scale factored out of each block: for a block of 32 columns and a row,
 * {@code Σ_c w_c · x_c = scale · Σ_c f_c · x_c + bias · Σ_c x_c}, so the weights are never scaled one by one. Per
 * output: a block accumulator {@code B = fma(f_c, x_c, B)} over the block's columns in ascending order from zero, then
 * {@code acc = fma(bias, X, fma(B, scale, acc))} with {@code X} the block's activation sum ({@link #blockSums}),
 * blocks in ascending order from zero; no horizontal sum. One activation row ({@link #dotHalfStripQ4_0}, two panels
 * per pass: with four, C2 ran out of registers; Q8_0's {@link #dotStripQ8_0} and
 * {@link PackedKBytes#dotStrip} take four) decodes in registers; more rows decode a strip's columns in chunks into
 * scratch ({@link #decodeStripQ4_0}: the {@code f} values, the scales and the biases) and multiply six activation rows
 * at a time with 16 lanes ({@link #multiplyStrip6}), each weight vector serving six rows and each broadcast activation
 * four panels, two with 8 lanes ({@link #multiplyStrip2}: AVX2's 16 registers). All give every output the same
 * operations in the same order, so a row's result does not depend on the rest of its batch.
 */
final class PackedRows {

    private static final VectorSpecies<Float> F = WeightRows.F;
    private static final VectorSpecies<Integer> I = WeightRows.I;
    /** Rows per panel: the lanes of a vector. */
    private static final int LANES = WeightRows.LANES;

    /**
     * Whether weights are packed at all: with 8 or 16 lanes (AVX2, AVX-512). Not with 4 (128-bit vectors: SSE, NEON):
     * {@link PackedQ4K} reads a panel's scale bytes as one byte vector of {@link #LANES} lanes and there is no 32-bit
     * shape, and these kernels were never measured there; such machines take the dequantizing path.
     */
    static final boolean SUPPORTED = LANES == 8 || LANES == 16;

    /** Weight rows per strip: four panels of {@link #LANES} rows (64 with 16 lanes, 32 with 8). */
    static final int STRIP_ROWS = 4 * LANES;
    /** Columns per block: the GGML block of Q4_0 and Q8_0. */
    static final int BLOCK_COLUMNS = 32;
    /** Bytes of one word of a panel: a vector of {@link #LANES} ints. */
    static final int WORD_BYTES = 4 * LANES;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Little-endian ints, floats and longs at any byte offset of a {@code byte[]}: the file's and a staged strip's. */
    static final VarHandle STAGED_INT = MethodHandles.byteArrayViewVarHandle(int[].class, LE);
    static final VarHandle STAGED_FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, LE);
    static final VarHandle STAGED_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, LE);

    /** The bits of 1.0f. */
    private static final int ONE = 0x3F80_0000;
    /** Mantissa bits 19-22: a nibble's place in {@code 1 + q / 16}. */
    private static final int Q4_MANTISSA = 0x0078_0000;
    /** Mantissa bits 15-22: a byte's place in {@code 1 + u / 256}. */
    private static final int Q8_MANTISSA = 0x007F_8000;

    /** Where a panel's block scales start (after its words), and its bytes: Q4_0 4 words, Q8_0 8, then the scales. */
    private static final int Q4_SCALES = 4 * WORD_BYTES;
    private static final int Q4_PANEL_BLOCK = Q4_SCALES + 4 * LANES;
    private static final int Q8_SCALES = 8 * WORD_BYTES;
    private static final int Q8_PANEL_BLOCK = Q8_SCALES + 4 * LANES;

    private PackedRows() {
    }

    /** Bytes of one packed strip of {@link #STRIP_ROWS} rows of {@code columns} (Q4_K: {@link PackedQ4K}'s). */
    static long stripBytes(QuantFormat format, int columns) {
        format = packedFormat(format);
        if (format == QuantFormat.Q4_K) {
            return PackedQ4K.stripBytes(columns);
        }
        if (format == QuantFormat.Q6_K || format == QuantFormat.Q5_K) {
            return PackedKBytes.stripBytes(format, columns);
        }
        return 4L * panelBlockBytes(format) * (columns / BLOCK_COLUMNS);
    }

    /**
     * The layout a format's weights are packed in, whose kernels then read them: Q8_0's for Q5_0 and IQ4_NL, whose
     * quants are integers in [-127, 127] times the block's {@code d} (Q5_0's {@code q - 16}, IQ4_NL's codebook value)
     * and so convert to Q8_0 blocks exactly (at 1.06 bytes per weight against their 0.69 and 0.56, for Q8_0's decoding
     * speed); each other packed format its own.
     */
    static QuantFormat packedFormat(QuantFormat format) {
        return format == QuantFormat.Q5_0 || format == QuantFormat.IQ4_NL ? QuantFormat.Q8_0 : format;
    }

    /**
     * Columns per block whose scale and bias the kernels factor out, and whose activation sums {@link #blockSums}
     * gives: 16 for Q6_K's sub-blocks ({@link PackedKBytes}), 32 for the others.
     */
    static int blockColumns(QuantFormat format) {
        return format == QuantFormat.Q6_K ? PackedKBytes.subColumns(format) : BLOCK_COLUMNS;
    }

    /** Bytes of one panel's block of 32 columns. */
    private static int panelBlockBytes(QuantFormat format) {
        return format == QuantFormat.Q4_0 ? Q4_PANEL_BLOCK : Q8_PANEL_BLOCK;
    }

    /**
     * Where word {@code word} of panel {@code panel}'s block {@code block} starts in a Q4_0 or Q8_0 strip of
     * {@code blocks} blocks, from the strip's start; word 4 (Q4_0) or 8 (Q8_0) is the panel's scales. A half's block
     * holds its two panels' words alternating, then the two panels' scales, so that a pass over both panels reads one
     * sequential run: with each panel's words together, the two interleaved runs read 1.6× slower from DRAM (a probe
     * on a Zen 4 core).
     */
    private static long panelWordAt(int panelBlockBytes, int blocks, int panel, int block, int word) {
        return (long) panelBlockBytes * (2L * blocks * (panel / 2) + 2L * block) + (long) WORD_BYTES * (2 * word
                + panel % 2);
    }

    /**
     * True when a weight of this format and shape is packed: Q4_0, Q8_0 (and Q5_0 and IQ4_NL as Q8_0,
     * {@link #packedFormat}), Q4_K ({@link PackedQ4K}), Q5_K or Q6_K ({@link PackedKBytes}), whole strips of rows, 8 or
     * 16 lanes ({@link #SUPPORTED}).
     */
    static boolean packable(QuantFormat format, long[] shape) {
        if ((format != QuantFormat.Q4_0 && format != QuantFormat.Q8_0 && format != QuantFormat.Q4_K
                && format != QuantFormat.Q5_K && format != QuantFormat.Q6_K && format != QuantFormat.Q5_0
                && format != QuantFormat.IQ4_NL) || shape.length != 2 || !SUPPORTED) {
            return false;
        }
        return shape[0] % STRIP_ROWS == 0 && shape[1] % format.blockSize() == 0 && shape[1] <= Integer.MAX_VALUE;
    }

    /**
     * Repacks {@code rows} rows of {@code columns} GGML-format bytes into strips, in new native memory (huge pages
     * where the kernel offers them) freed with the returned segment, on the pool's threads. Each strip is assembled in
     * a heap array ({@code staged}) and copied in one go: written straight to native memory value by value, packing
     * took most of a 1B model's load time.
     */
    static MemorySegment pack(QuantFormat format, MemorySegment bytes, int rows, int columns, CpuThreadPool pool) {
        long stripBytes = stripBytes(format, columns);
        long rowBytes = format.bytesFor(columns);
        MemorySegment packed = NativeMemory.allocate(stripBytes * (rows / STRIP_ROWS));
        pool.parallelFor(rows / STRIP_ROWS, (thread, start, end) -> {
            byte[] strip = new byte[Math.toIntExact(rowBytes * STRIP_ROWS)]; // [strip rows][row bytes]
            // [strip rows][Q8_0 row bytes]: Q5_0 and IQ4_NL blocks converted
            byte[] converted = packedFormat(format) == format ? null
                    : new byte[Math.toIntExact(QuantFormat.Q8_0.bytesFor(columns) * STRIP_ROWS)];
            byte[] staged = new byte[Math.toIntExact(stripBytes)];
            for (int s = start; s < end; s++) {
                MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, s * rowBytes * STRIP_ROWS, strip, 0, strip.length);
                switch (format) {
                    case Q4_0 -> packStripQ4_0(strip, (int) rowBytes, columns, staged);
                    case Q8_0 -> packStripQ8_0(strip, (int) rowBytes, columns, staged);
                    case Q5_0, IQ4_NL -> {
                        toQ8_0(format, strip, converted, columns / BLOCK_COLUMNS * STRIP_ROWS);
                        packStripQ8_0(converted, (int) QuantFormat.Q8_0.bytesFor(columns), columns, staged);
                    }
                    case Q4_K -> PackedQ4K.packStrip(strip, (int) rowBytes, columns, staged);
                    default -> PackedKBytes.packStrip(format, strip, (int) rowBytes, columns, staged);
                }
                MemorySegment.copy(staged, 0, packed, ValueLayout.JAVA_BYTE, s * stripBytes, staged.length);
            }
        });
        return packed;
    }

    /**
     * Q4_0 block: f16 d, 16 bytes; element j is the low nibble of byte j, element j + 16 its high nibble. Words 0 and 1
     * are the low nibbles of bytes 0-7 and 8-15, words 2 and 3 their high nibbles ({@link #nibbles}).
     */
    private static void packStripQ4_0(byte[] strip, int rowBytes, int columns, byte[] staged) {
        int blocks = columns / BLOCK_COLUMNS;
        for (int block = 0; block < blocks; block++) {
            for (int row = 0; row < STRIP_ROWS; row++) {
                int source = row * rowBytes + 18 * block;
                int lane = row % LANES;
                for (int word = 0; word < 4; word++) {
                    STAGED_INT.set(staged, (int) panelWordAt(Q4_PANEL_BLOCK, blocks, row / LANES, block, word)
                            + 4 * lane, nibbles(strip, source + 2 + 8 * (word % 2), word >= 2));
                }
                float d = Float.float16ToFloat(shortAt(strip, source));
                STAGED_FLOAT.set(staged, (int) panelWordAt(Q4_PANEL_BLOCK, blocks, row / LANES, block, 4) + 4 * lane,
                        16 * d);
            }
        }
    }

    /**
     * The low (or high) nibbles of the eight bytes at {@code at}, nibble {@code k} of byte {@code k} at bits
     * {@code 4k}: one word of Q4_0's and Q4_K's packed quants.
     */
    static int nibbles(byte[] bytes, int at, boolean high) {
        long eight = (long) STAGED_LONG.get(bytes, at);
        return (int) Long.compress(eight, high ? 0xF0F0_F0F0_F0F0_F0F0L : 0x0F0F_0F0F_0F0F_0F0FL);
    }

    /** Q8_0 block: f16 d, 32 signed bytes; a word holds four of them plus 128 (the top bit flipped). */
    private static void packStripQ8_0(byte[] strip, int rowBytes, int columns, byte[] staged) {
        int blocks = columns / BLOCK_COLUMNS;
        for (int block = 0; block < blocks; block++) {
            for (int row = 0; row < STRIP_ROWS; row++) {
                int source = row * rowBytes + 34 * block;
                int lane = row % LANES;
                for (int word = 0; word < 8; word++) {
                    int four = (int) STAGED_INT.get(strip, source + 2 + 4 * word);
                    STAGED_INT.set(staged, (int) panelWordAt(Q8_PANEL_BLOCK, blocks, row / LANES, block, word)
                            + 4 * lane, four ^ 0x8080_8080);
                }
                float d = Float.float16ToFloat(shortAt(strip, source));
                STAGED_FLOAT.set(staged, (int) panelWordAt(Q8_PANEL_BLOCK, blocks, row / LANES, block, 8) + 4 * lane,
                        256 * d);
            }
        }
    }

    /**
     * Converts {@code blocks} consecutive Q5_0 blocks (f16 d, 32-bit qh, 16 bytes of nibbles: element {@code j < 16}
     * is the low nibble of byte {@code j} with bit {@code j} of qh above it, element {@code j + 16} the high nibble with
     * bit {@code j + 16}; weight {@code (q - 16) · d}) or IQ4_NL blocks (f16 d, 16 bytes of nibbles indexing
     * {@link IQ4_NLCodec#CODEBOOK}; weight {@code value · d}) to Q8_0 blocks with the same weights.
     */
    private static void toQ8_0(QuantFormat format, byte[] source, byte[] target, int blocks) {
        boolean q5 = format == QuantFormat.Q5_0;
        int sourceBlock = q5 ? 22 : 18;
        for (int block = 0; block < blocks; block++) {
            int from = sourceBlock * block;
            int to = 34 * block;
            target[to] = source[from];
            target[to + 1] = source[from + 1];
            int high = q5 ? (source[from + 2] & 0xFF) | (source[from + 3] & 0xFF) << 8
                    | (source[from + 4] & 0xFF) << 16 | (source[from + 5] & 0xFF) << 24 : 0;
            int quants = from + (q5 ? 6 : 2);
            for (int j = 0; j < 16; j++) {
                int low = source[quants + j] & 0xF;
                int top = (source[quants + j] & 0xFF) >> 4;
                if (q5) {
                    target[to + 2 + j] = (byte) ((low | (high >>> j & 1) << 4) - 16);
                    target[to + 18 + j] = (byte) ((top | (high >>> (j + 16) & 1) << 4) - 16);
                } else {
                    target[to + 2 + j] = (byte) (int) IQ4_NLCodec.CODEBOOK.get(low);
                    target[to + 18 + j] = (byte) (int) IQ4_NLCodec.CODEBOOK.get(top);
                }
            }
        }
    }

    private static short shortAt(byte[] bytes, int at) {
        return (short) ((bytes[at] & 0xFF) | bytes[at + 1] << 8);
    }

    /** Where the second half of a strip starts, from the strip's start. */
    static long secondHalf(QuantFormat format, int columns) {
        return stripBytes(format, columns) / 2;
    }

    /**
     * {@code sums[sumsAt + b] = Σ_{j < n} x[xAt + n·b + j]} for the {@code columns / n} blocks of {@code n =
     * blockColumns} columns of one activation row, each added left to right: every kernel takes its block sums from
     * here.
     */
    static void blockSums(float[] x, int xAt, int columns, int blockColumns, float[] sums, int sumsAt) {
        for (int block = 0; block < columns / blockColumns; block++) {
            float sum = 0;
            int at = xAt + blockColumns * block;
            for (int j = 0; j < blockColumns; j++) {
                sum += x[at + j];
            }
            sums[sumsAt + block] = sum;
        }
    }

    /**
     * The {@code 2 · LANES} rows of half of a packed Q4_0 strip (the half at byte {@code half}) times one activation
     * row, decoded in registers: {@code y[yAt + r] = Σ_c w[r][c] · x[xOffset + c]}, with the row's block sums
     * at {@code sumsAt}.
     */
    static void dotHalfStripQ4_0(MemorySegment w, long half, float[] x, int xOffset, float[] sums, int sumsAt,
            int columns, float[] y, int yAt) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int block = 0; block < columns / BLOCK_COLUMNS; block++) {
            long at = half + 2L * Q4_PANEL_BLOCK * block;
            FloatVector sum0 = FloatVector.zero(F);
            FloatVector sum1 = FloatVector.zero(F);
            for (int word = 0; word < 4; word++) {
                IntVector v0 = IntVector.fromMemorySegment(I, w, at + WORD_BYTES * (2 * word), LE);
                IntVector v1 = IntVector.fromMemorySegment(I, w, at + WORD_BYTES * (2 * word + 1), LE);
                for (int part = 0; part < 2; part++) {
                    // nibbles 4·part + k, k < 4: the second part shifted down 16 bits first, so that the rotations
                    // stay constants of a four-step loop C2 unrolls
                    int xAt = xOffset + BLOCK_COLUMNS * block + 8 * word + 4 * part;
                    for (int k = 0; k < 4; k++) {
                        // column 8·word + 4·part + k: nibble to mantissa bits 19-22, f = 1 + q / 16
                        int rotation = 19 - 4 * k;
                        FloatVector xk = FloatVector.broadcast(F, x[xAt + k]);
                        sum0 = v0.lanewise(VectorOperators.ROL, rotation).and(Q4_MANTISSA).or(ONE)
                                .reinterpretAsFloats().fma(xk, sum0);
                        sum1 = v1.lanewise(VectorOperators.ROL, rotation).and(Q4_MANTISSA).or(ONE)
                                .reinterpretAsFloats().fma(xk, sum1);
                    }
                    v0 = v0.lanewise(VectorOperators.LSHR, 16);
                    v1 = v1.lanewise(VectorOperators.LSHR, 16);
                }
            }
            FloatVector scale0 = FloatVector.fromMemorySegment(F, w, at + 2 * Q4_SCALES, LE);
            FloatVector scale1 = FloatVector.fromMemorySegment(F, w, at + 2 * Q4_SCALES + WORD_BYTES, LE);
            FloatVector blockSum = FloatVector.broadcast(F, sums[sumsAt + block]);
            acc0 = scale0.mul(-1.5f).fma(blockSum, sum0.fma(scale0, acc0));
            acc1 = scale1.mul(-1.5f).fma(blockSum, sum1.fma(scale1, acc1));
        }
        acc0.intoArray(y, yAt);
        acc1.intoArray(y, yAt + LANES);
    }

    /**
     * Decodes blocks {@code [firstBlock, firstBlock + blockCount)} of a packed Q4_0 strip into scratch: column
     * {@code c} of the range's {@code f} values at {@code out[S · c .. S · c + S - 1]} (the strip's rows in order,
     * {@code S} = {@link #STRIP_ROWS}), block {@code b}'s scales and biases at {@code scales[S · b ..]} and
     * {@code biases[S · b ..]}: the values {@link #dotHalfStripQ4_0} computes in registers.
     */
    static void decodeStripQ4_0(MemorySegment w, long strip, int blocks, int firstBlock, int blockCount, float[] out,
            float[] scales, float[] biases) {
        for (int block = 0; block < blockCount; block++) {
            for (int panel = 0; panel < 4; panel++) {
                FloatVector scale = FloatVector.fromMemorySegment(F, w,
                        strip + panelWordAt(Q4_PANEL_BLOCK, blocks, panel, firstBlock + block, 4), LE);
                scale.intoArray(scales, STRIP_ROWS * block + LANES * panel);
                scale.mul(-1.5f).intoArray(biases, STRIP_ROWS * block + LANES * panel);
                decodeNibbles(w, strip + panelWordAt(Q4_PANEL_BLOCK, blocks, panel, firstBlock + block, 0),
                        2 * WORD_BYTES, out, STRIP_ROWS * BLOCK_COLUMNS * block + LANES * panel);
            }
        }
    }

    /**
     * The {@code f = 1 + q / 16} values of one panel's block of nibbles (four words of {@link #LANES} lanes from byte
     * {@code wordsAt}, {@code wordStride} bytes apart, Q4_0's and Q4_K's): column {@code c < 32} to
     * {@code out[outAt + STRIP_ROWS · c ..]} (a vector).
     */
    static void decodeNibbles(MemorySegment w, long wordsAt, int wordStride, float[] out, int outAt) {
        for (int word = 0; word < 4; word++) {
            IntVector v = IntVector.fromMemorySegment(I, w, wordsAt + (long) wordStride * word, LE);
            for (int part = 0; part < 2; part++) {
                for (int k = 0; k < 4; k++) {
                    v.lanewise(VectorOperators.ROL, 19 - 4 * k).and(Q4_MANTISSA).or(ONE).reinterpretAsFloats()
                            .intoArray(out, outAt + STRIP_ROWS * (8 * word + 4 * part + k));
                }
                v = v.lanewise(VectorOperators.LSHR, 16);
            }
        }
    }

    /**
     * The {@link #STRIP_ROWS} rows of a packed Q8_0 strip (at byte {@code strip}, its second half {@code secondHalf}
     * further) times one activation row, decoded in registers: {@code y[yAt + r] = Σ_c w[r][c] · x[xOffset + c]},
     * with the row's block sums at {@code sumsAt}. Both halves in one pass, so that four panels' block sums are in
     * flight: with two (as {@link #dotHalfStripQ4_0}), the chains of dependent FMAs left the core waiting on memory
     * (Q8_0 decode from DRAM 5.2 → 8.0 GB/s on one thread of a Zen 4 core). Q4_0 and Q4_K did not gain; Q6_K and
     * Q5_K do once their scales are computed before the loop ({@link PackedKBytes#dotStrip}).
     */
    static void dotStripQ8_0(MemorySegment w, long strip, long secondHalf, float[] x, int xOffset, float[] sums,
            int sumsAt, int columns, float[] y, int yAt) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        for (int block = 0; block < columns / BLOCK_COLUMNS; block++) {
            long at = strip + 2L * Q8_PANEL_BLOCK * block;
            long other = at + secondHalf;
            FloatVector sum0 = FloatVector.zero(F);
            FloatVector sum1 = FloatVector.zero(F);
            FloatVector sum2 = FloatVector.zero(F);
            FloatVector sum3 = FloatVector.zero(F);
            for (int word = 0; word < 8; word++) {
                IntVector v0 = IntVector.fromMemorySegment(I, w, at + WORD_BYTES * (2 * word), LE);
                IntVector v1 = IntVector.fromMemorySegment(I, w, at + WORD_BYTES * (2 * word + 1), LE);
                IntVector v2 = IntVector.fromMemorySegment(I, w, other + WORD_BYTES * (2 * word), LE);
                IntVector v3 = IntVector.fromMemorySegment(I, w, other + WORD_BYTES * (2 * word + 1), LE);
                int xAt = xOffset + BLOCK_COLUMNS * block + 4 * word;
                for (int k = 0; k < 4; k++) {
                    // column 4·word + k: byte k of every lane to mantissa bits 15-22, f = 1 + (q + 128) / 256
                    int rotation = (15 - 8 * k) & 31;
                    FloatVector xk = FloatVector.broadcast(F, x[xAt + k]);
                    sum0 = v0.lanewise(VectorOperators.ROL, rotation).and(Q8_MANTISSA).or(ONE)
                            .reinterpretAsFloats().fma(xk, sum0);
                    sum1 = v1.lanewise(VectorOperators.ROL, rotation).and(Q8_MANTISSA).or(ONE)
                            .reinterpretAsFloats().fma(xk, sum1);
                    sum2 = v2.lanewise(VectorOperators.ROL, rotation).and(Q8_MANTISSA).or(ONE)
                            .reinterpretAsFloats().fma(xk, sum2);
                    sum3 = v3.lanewise(VectorOperators.ROL, rotation).and(Q8_MANTISSA).or(ONE)
                            .reinterpretAsFloats().fma(xk, sum3);
                }
            }
            FloatVector blockSum = FloatVector.broadcast(F, sums[sumsAt + block]);
            FloatVector scale0 = FloatVector.fromMemorySegment(F, w, at + 2 * Q8_SCALES, LE);
            FloatVector scale1 = FloatVector.fromMemorySegment(F, w, at + 2 * Q8_SCALES + WORD_BYTES, LE);
            FloatVector scale2 = FloatVector.fromMemorySegment(F, w, other + 2 * Q8_SCALES, LE);
            FloatVector scale3 = FloatVector.fromMemorySegment(F, w, other + 2 * Q8_SCALES + WORD_BYTES, LE);
            acc0 = scale0.mul(-1.5f).fma(blockSum, sum0.fma(scale0, acc0));
            acc1 = scale1.mul(-1.5f).fma(blockSum, sum1.fma(scale1, acc1));
            acc2 = scale2.mul(-1.5f).fma(blockSum, sum2.fma(scale2, acc2));
            acc3 = scale3.mul(-1.5f).fma(blockSum, sum3.fma(scale3, acc3));
        }
        acc0.intoArray(y, yAt);
        acc1.intoArray(y, yAt + LANES);
        acc2.intoArray(y, yAt + 2 * LANES);
        acc3.intoArray(y, yAt + 3 * LANES);
    }

    /**
     * Decodes blocks {@code [firstBlock, firstBlock + blockCount)} of a packed Q8_0 strip into scratch, laid out as
     * {@link #decodeStripQ4_0} lays it out: the values {@link #dotStripQ8_0} computes in registers.
     */
    static void decodeStripQ8_0(MemorySegment w, long strip, int blocks, int firstBlock, int blockCount, float[] out,
            float[] scales, float[] biases) {
        for (int block = 0; block < blockCount; block++) {
            for (int panel = 0; panel < 4; panel++) {
                FloatVector scale = FloatVector.fromMemorySegment(F, w,
                        strip + panelWordAt(Q8_PANEL_BLOCK, blocks, panel, firstBlock + block, 8), LE);
                scale.intoArray(scales, STRIP_ROWS * block + LANES * panel);
                scale.mul(-1.5f).intoArray(biases, STRIP_ROWS * block + LANES * panel);
            }
            // word by word, a half's two panels alternating: the order the words are stored in
            for (int word = 0; word < 16; word++) {
                for (int half = 0; half < 2; half++) {
                    int panel = 2 * half + word % 2;
                    IntVector v = IntVector.fromMemorySegment(I, w,
                            strip + panelWordAt(Q8_PANEL_BLOCK, blocks, panel, firstBlock + block, word / 2), LE);
                    int outAt = STRIP_ROWS * (BLOCK_COLUMNS * block + 4 * (word / 2)) + LANES * panel;
                    for (int k = 0; k < 4; k++) {
                        v.lanewise(VectorOperators.ROL, (15 - 8 * k) & 31).and(Q8_MANTISSA).or(ONE)
                                .reinterpretAsFloats().intoArray(out, outAt + STRIP_ROWS * k);
                    }
                }
            }
        }
    }

    /**
     * Six activation rows times a decoded strip chunk of {@code blockCount} blocks of {@code blockColumns} columns
     * ({@link #blockColumns}; {@code f[c][S]}, with
     * {@code scales[b][S]} and {@code biases[b][S]}, {@code S} = {@link #STRIP_ROWS}): for {@code i < 6} and
     * {@code r < S},
     * {@code y[yAt + i · yStride + r]} (zero before a row's first chunk) continues over the chunk's blocks with
     * {@code acc = fma(bias, X, fma(B, scale, acc))}, {@code B} being the block's
     * {@code Σ_c f[c][r] · x[xAt + i · xStride + c]} and {@code X} its block sum at
     * {@code sums[sumsAt + i · sumsStride + b]}. Each loaded weight vector serves six rows, each broadcast activation
     * four panels (24 accumulators).
     */
    static void multiplyStrip6(float[] f, float[] scales, float[] biases, int blockColumns, int blockCount, float[] x,
            int xAt, int xStride, float[] sums, int sumsAt, int sumsStride, float[] y, int yAt, int yStride) {
        for (int block = 0; block < blockCount; block++) {
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
            FloatVector a40 = FloatVector.zero(F);
            FloatVector a41 = FloatVector.zero(F);
            FloatVector a42 = FloatVector.zero(F);
            FloatVector a43 = FloatVector.zero(F);
            FloatVector a50 = FloatVector.zero(F);
            FloatVector a51 = FloatVector.zero(F);
            FloatVector a52 = FloatVector.zero(F);
            FloatVector a53 = FloatVector.zero(F);
            for (int column = blockColumns * block; column < blockColumns * (block + 1); column++) {
                int at = STRIP_ROWS * column;
                FloatVector w0 = FloatVector.fromArray(F, f, at);
                FloatVector w1 = FloatVector.fromArray(F, f, at + LANES);
                FloatVector w2 = FloatVector.fromArray(F, f, at + 2 * LANES);
                FloatVector w3 = FloatVector.fromArray(F, f, at + 3 * LANES);
                FloatVector x0 = FloatVector.broadcast(F, x[xAt + column]);
                a00 = w0.fma(x0, a00);
                a01 = w1.fma(x0, a01);
                a02 = w2.fma(x0, a02);
                a03 = w3.fma(x0, a03);
                FloatVector x1 = FloatVector.broadcast(F, x[xAt + xStride + column]);
                a10 = w0.fma(x1, a10);
                a11 = w1.fma(x1, a11);
                a12 = w2.fma(x1, a12);
                a13 = w3.fma(x1, a13);
                FloatVector x2 = FloatVector.broadcast(F, x[xAt + 2 * xStride + column]);
                a20 = w0.fma(x2, a20);
                a21 = w1.fma(x2, a21);
                a22 = w2.fma(x2, a22);
                a23 = w3.fma(x2, a23);
                FloatVector x3 = FloatVector.broadcast(F, x[xAt + 3 * xStride + column]);
                a30 = w0.fma(x3, a30);
                a31 = w1.fma(x3, a31);
                a32 = w2.fma(x3, a32);
                a33 = w3.fma(x3, a33);
                FloatVector x4 = FloatVector.broadcast(F, x[xAt + 4 * xStride + column]);
                a40 = w0.fma(x4, a40);
                a41 = w1.fma(x4, a41);
                a42 = w2.fma(x4, a42);
                a43 = w3.fma(x4, a43);
                FloatVector x5 = FloatVector.broadcast(F, x[xAt + 5 * xStride + column]);
                a50 = w0.fma(x5, a50);
                a51 = w1.fma(x5, a51);
                a52 = w2.fma(x5, a52);
                a53 = w3.fma(x5, a53);
            }
            int scaleAt = STRIP_ROWS * block;
            FloatVector s0 = FloatVector.fromArray(F, scales, scaleAt);
            FloatVector b0 = FloatVector.fromArray(F, biases, scaleAt);
            FloatVector s1 = FloatVector.fromArray(F, scales, scaleAt + LANES);
            FloatVector b1 = FloatVector.fromArray(F, biases, scaleAt + LANES);
            FloatVector s2 = FloatVector.fromArray(F, scales, scaleAt + 2 * LANES);
            FloatVector b2 = FloatVector.fromArray(F, biases, scaleAt + 2 * LANES);
            FloatVector s3 = FloatVector.fromArray(F, scales, scaleAt + 3 * LANES);
            FloatVector b3 = FloatVector.fromArray(F, biases, scaleAt + 3 * LANES);
            FloatVector sum0 = FloatVector.broadcast(F, sums[sumsAt + block]);
            int y0 = yAt;
            b0.fma(sum0, a00.fma(s0, FloatVector.fromArray(F, y, y0))).intoArray(y, y0);
            b1.fma(sum0, a01.fma(s1, FloatVector.fromArray(F, y, y0 + LANES))).intoArray(y, y0 + LANES);
            b2.fma(sum0, a02.fma(s2, FloatVector.fromArray(F, y, y0 + 2 * LANES))).intoArray(y, y0 + 2 * LANES);
            b3.fma(sum0, a03.fma(s3, FloatVector.fromArray(F, y, y0 + 3 * LANES))).intoArray(y, y0 + 3 * LANES);
            FloatVector sum1 = FloatVector.broadcast(F, sums[sumsAt + sumsStride + block]);
            int y1 = yAt + yStride;
            b0.fma(sum1, a10.fma(s0, FloatVector.fromArray(F, y, y1))).intoArray(y, y1);
            b1.fma(sum1, a11.fma(s1, FloatVector.fromArray(F, y, y1 + LANES))).intoArray(y, y1 + LANES);
            b2.fma(sum1, a12.fma(s2, FloatVector.fromArray(F, y, y1 + 2 * LANES))).intoArray(y, y1 + 2 * LANES);
            b3.fma(sum1, a13.fma(s3, FloatVector.fromArray(F, y, y1 + 3 * LANES))).intoArray(y, y1 + 3 * LANES);
            FloatVector sum2 = FloatVector.broadcast(F, sums[sumsAt + 2 * sumsStride + block]);
            int y2 = yAt + 2 * yStride;
            b0.fma(sum2, a20.fma(s0, FloatVector.fromArray(F, y, y2))).intoArray(y, y2);
            b1.fma(sum2, a21.fma(s1, FloatVector.fromArray(F, y, y2 + LANES))).intoArray(y, y2 + LANES);
            b2.fma(sum2, a22.fma(s2, FloatVector.fromArray(F, y, y2 + 2 * LANES))).intoArray(y, y2 + 2 * LANES);
            b3.fma(sum2, a23.fma(s3, FloatVector.fromArray(F, y, y2 + 3 * LANES))).intoArray(y, y2 + 3 * LANES);
            FloatVector sum3 = FloatVector.broadcast(F, sums[sumsAt + 3 * sumsStride + block]);
            int y3 = yAt + 3 * yStride;
            b0.fma(sum3, a30.fma(s0, FloatVector.fromArray(F, y, y3))).intoArray(y, y3);
            b1.fma(sum3, a31.fma(s1, FloatVector.fromArray(F, y, y3 + LANES))).intoArray(y, y3 + LANES);
            b2.fma(sum3, a32.fma(s2, FloatVector.fromArray(F, y, y3 + 2 * LANES))).intoArray(y, y3 + 2 * LANES);
            b3.fma(sum3, a33.fma(s3, FloatVector.fromArray(F, y, y3 + 3 * LANES))).intoArray(y, y3 + 3 * LANES);
            FloatVector sum4 = FloatVector.broadcast(F, sums[sumsAt + 4 * sumsStride + block]);
            int y4 = yAt + 4 * yStride;
            b0.fma(sum4, a40.fma(s0, FloatVector.fromArray(F, y, y4))).intoArray(y, y4);
            b1.fma(sum4, a41.fma(s1, FloatVector.fromArray(F, y, y4 + LANES))).intoArray(y, y4 + LANES);
            b2.fma(sum4, a42.fma(s2, FloatVector.fromArray(F, y, y4 + 2 * LANES))).intoArray(y, y4 + 2 * LANES);
            b3.fma(sum4, a43.fma(s3, FloatVector.fromArray(F, y, y4 + 3 * LANES))).intoArray(y, y4 + 3 * LANES);
            FloatVector sum5 = FloatVector.broadcast(F, sums[sumsAt + 5 * sumsStride + block]);
            int y5 = yAt + 5 * yStride;
            b0.fma(sum5, a50.fma(s0, FloatVector.fromArray(F, y, y5))).intoArray(y, y5);
            b1.fma(sum5, a51.fma(s1, FloatVector.fromArray(F, y, y5 + LANES))).intoArray(y, y5 + LANES);
            b2.fma(sum5, a52.fma(s2, FloatVector.fromArray(F, y, y5 + 2 * LANES))).intoArray(y, y5 + 2 * LANES);
            b3.fma(sum5, a53.fma(s3, FloatVector.fromArray(F, y, y5 + 3 * LANES))).intoArray(y, y5 + 3 * LANES);
        }
    }

    /** Two activation rows times a decoded strip chunk: {@link #multiplyStrip6} for two rows (8 accumulators). */
    static void multiplyStrip2(float[] f, float[] scales, float[] biases, int blockColumns, int blockCount, float[] x,
            int xAt, int xStride, float[] sums, int sumsAt, int sumsStride, float[] y, int yAt, int yStride) {
        for (int block = 0; block < blockCount; block++) {
            FloatVector a00 = FloatVector.zero(F);
            FloatVector a01 = FloatVector.zero(F);
            FloatVector a02 = FloatVector.zero(F);
            FloatVector a03 = FloatVector.zero(F);
            FloatVector a10 = FloatVector.zero(F);
            FloatVector a11 = FloatVector.zero(F);
            FloatVector a12 = FloatVector.zero(F);
            FloatVector a13 = FloatVector.zero(F);
            for (int column = blockColumns * block; column < blockColumns * (block + 1); column++) {
                int at = STRIP_ROWS * column;
                FloatVector w0 = FloatVector.fromArray(F, f, at);
                FloatVector w1 = FloatVector.fromArray(F, f, at + LANES);
                FloatVector w2 = FloatVector.fromArray(F, f, at + 2 * LANES);
                FloatVector w3 = FloatVector.fromArray(F, f, at + 3 * LANES);
                FloatVector x0 = FloatVector.broadcast(F, x[xAt + column]);
                a00 = w0.fma(x0, a00);
                a01 = w1.fma(x0, a01);
                a02 = w2.fma(x0, a02);
                a03 = w3.fma(x0, a03);
                FloatVector x1 = FloatVector.broadcast(F, x[xAt + xStride + column]);
                a10 = w0.fma(x1, a10);
                a11 = w1.fma(x1, a11);
                a12 = w2.fma(x1, a12);
                a13 = w3.fma(x1, a13);
            }
            int scaleAt = STRIP_ROWS * block;
            FloatVector s0 = FloatVector.fromArray(F, scales, scaleAt);
            FloatVector b0 = FloatVector.fromArray(F, biases, scaleAt);
            FloatVector s1 = FloatVector.fromArray(F, scales, scaleAt + LANES);
            FloatVector b1 = FloatVector.fromArray(F, biases, scaleAt + LANES);
            FloatVector s2 = FloatVector.fromArray(F, scales, scaleAt + 2 * LANES);
            FloatVector b2 = FloatVector.fromArray(F, biases, scaleAt + 2 * LANES);
            FloatVector s3 = FloatVector.fromArray(F, scales, scaleAt + 3 * LANES);
            FloatVector b3 = FloatVector.fromArray(F, biases, scaleAt + 3 * LANES);
            FloatVector sum0 = FloatVector.broadcast(F, sums[sumsAt + block]);
            int y0 = yAt;
            b0.fma(sum0, a00.fma(s0, FloatVector.fromArray(F, y, y0))).intoArray(y, y0);
            b1.fma(sum0, a01.fma(s1, FloatVector.fromArray(F, y, y0 + LANES))).intoArray(y, y0 + LANES);
            b2.fma(sum0, a02.fma(s2, FloatVector.fromArray(F, y, y0 + 2 * LANES))).intoArray(y, y0 + 2 * LANES);
            b3.fma(sum0, a03.fma(s3, FloatVector.fromArray(F, y, y0 + 3 * LANES))).intoArray(y, y0 + 3 * LANES);
            FloatVector sum1 = FloatVector.broadcast(F, sums[sumsAt + sumsStride + block]);
            int y1 = yAt + yStride;
            b0.fma(sum1, a10.fma(s0, FloatVector.fromArray(F, y, y1))).intoArray(y, y1);
            b1.fma(sum1, a11.fma(s1, FloatVector.fromArray(F, y, y1 + LANES))).intoArray(y, y1 + LANES);
            b2.fma(sum1, a12.fma(s2, FloatVector.fromArray(F, y, y1 + 2 * LANES))).intoArray(y, y1 + 2 * LANES);
            b3.fma(sum1, a13.fma(s3, FloatVector.fromArray(F, y, y1 + 3 * LANES))).intoArray(y, y1 + 3 * LANES);
        }
    }

    /** One activation row times a decoded strip chunk: {@link #multiplyStrip6} for a single row. */
    static void multiplyStrip1(float[] f, float[] scales, float[] biases, int blockColumns, int blockCount, float[] x,
            int xAt, float[] sums, int sumsAt, float[] y, int yAt) {
        for (int block = 0; block < blockCount; block++) {
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            for (int column = blockColumns * block; column < blockColumns * (block + 1); column++) {
                int at = STRIP_ROWS * column;
                FloatVector x0 = FloatVector.broadcast(F, x[xAt + column]);
                a0 = FloatVector.fromArray(F, f, at).fma(x0, a0);
                a1 = FloatVector.fromArray(F, f, at + LANES).fma(x0, a1);
                a2 = FloatVector.fromArray(F, f, at + 2 * LANES).fma(x0, a2);
                a3 = FloatVector.fromArray(F, f, at + 3 * LANES).fma(x0, a3);
            }
            int scaleAt = STRIP_ROWS * block;
            FloatVector sum = FloatVector.broadcast(F, sums[sumsAt + block]);
            FloatVector.fromArray(F, biases, scaleAt).fma(sum, a0.fma(FloatVector.fromArray(F, scales, scaleAt),
                    FloatVector.fromArray(F, y, yAt))).intoArray(y, yAt);
            FloatVector.fromArray(F, biases, scaleAt + LANES).fma(sum, a1.fma(FloatVector.fromArray(F, scales,
                    scaleAt + LANES), FloatVector.fromArray(F, y, yAt + LANES))).intoArray(y, yAt + LANES);
            FloatVector.fromArray(F, biases, scaleAt + 2 * LANES).fma(sum, a2.fma(FloatVector.fromArray(F, scales,
                    scaleAt + 2 * LANES), FloatVector.fromArray(F, y, yAt + 2 * LANES))).intoArray(y, yAt + 2 * LANES);
            FloatVector.fromArray(F, biases, scaleAt + 3 * LANES).fma(sum, a3.fma(FloatVector.fromArray(F, scales,
                    scaleAt + 3 * LANES), FloatVector.fromArray(F, y, yAt + 3 * LANES))).intoArray(y, yAt + 3 * LANES);
        }
    }

}
