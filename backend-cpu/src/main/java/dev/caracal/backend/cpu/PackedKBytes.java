package dev.caracal.backend.cpu;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q6_K and Q5_K weight matrices in {@link PackedRows}' strips (two halves of two panels of {@code L} rows, rows in
 * vector lanes: {@code L} = 16 with 512-bit vectors, 8 with 256-bit) with a byte per quant, and the kernels that read
 * them.
 *
 * <p>A half is a run of super-blocks of 256 columns; a half's super-block holds, for each of its two panels, the
 * {@code L} rows' {@code 256 · d} as floats, for Q5_K their {@code dmin} as floats, their sub-block scales as bytes
 * ({@code [sub-blocks][L]}: sixteen signed 8-bit ones for Q6_K, eight 6-bit ones for Q5_K), for Q5_K their eight 6-bit
 * minimums likewise, then the 256 quants {@code q} one per byte as Q8_0's strips hold theirs (word {@code j} of a lane:
 * columns {@code 4j .. 4j + 3} at bits {@code 8k}; the two panels' words alternating after both panels' scales,
 * {@link #wordAt}). With {@code f = 1 + q / 256} from the mantissa insertion of
 * {@link PackedRows} and {@code scale = 256 · d · sc} (exact: an 11-bit half times an integer of at most 7 bits), a
 * weight is {@code f · scale + bias}:
 * <ul>
 *   <li>Q6_K, sub-blocks of 16 columns: GGML's {@code d · sc · (q - 32)}, {@code q} 0 to 63, so
 *       {@code bias = -1.125 · scale};
 *   <li>Q5_K, sub-blocks of 32 columns: GGML's {@code d · sc · q - dmin · m}, {@code q} 0 to 31, so
 *       {@code bias = -(scale + dmin · m)}.
 * </ul>
 * The kernels factor the scale and bias out of each sub-block as {@link PackedRows}' do out of each block of 32. A byte
 * per quant decodes with one rotation and one mask-and-OR per column, as Q8_0's, where the file's bits split in two
 * fields would take two of each: 1.08 (Q6_K) and 1.09 (Q5_K) bytes per weight against the file's 0.82 and 0.69, for
 * about half the decoding instructions.
 */
final class PackedKBytes {

    /** Columns per super-block. */
    static final int SUPER_COLUMNS = 256;
    /**
     * Floats of {@link #dotStrip}'s scratch: a super-block's scales and biases, {@code [16 sub-blocks][2][4][LANES]}.
     */
    static final int FACTORS = 128 * WeightRows.LANES;

    private static final VectorSpecies<Float> F = WeightRows.F;
    private static final VectorSpecies<Integer> I = WeightRows.I;
    /** One byte per lane: a panel's scales of one sub-block ({@link PackedRows#SUPPORTED}: 8 or 16 lanes). */
    private static final VectorSpecies<Byte> B = WeightRows.B;
    private static final int LANES = WeightRows.LANES;
    private static final int STRIP_ROWS = PackedRows.STRIP_ROWS;
    private static final int WORD_BYTES = PackedRows.WORD_BYTES;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int ONE = 0x3F80_0000;
    /** Mantissa bits 15-22: a byte's place in {@code 1 + q / 256}. */
    private static final int BYTE_MANTISSA = 0x007F_8000;
    /** Bytes of all of a panel super-block's quants: 64 words. */
    private static final int QUANT_BYTES = SUPER_COLUMNS / 4 * WORD_BYTES;

    /** Where {@code 256 · d} starts in a panel's super-block ({@link #LANES} floats). */
    private static final int D = 0;
    /** Where Q5_K's {@code dmin} starts ({@link #LANES} floats). */
    private static final int DMIN = 4 * LANES;

    /** The file's bytes per Q6_K super-block: 128 of low nibbles, 64 of high bit pairs, 16 scales, f16 d. */
    private static final int Q6_K_FILE_BLOCK = 210;
    /** The file's bytes per Q5_K super-block: f16 d, f16 dmin, 12 of scales and minimums, 32 of high bits, 128 of nibbles. */
    private static final int Q5_K_FILE_BLOCK = 176;

    private PackedKBytes() {
    }

    /** Columns per sub-block, the unit whose scale and bias are factored out: 16 (Q6_K) or 32 (Q5_K). */
    static int subColumns(QuantFormat format) {
        return format == QuantFormat.Q6_K ? 16 : 32;
    }

    private static boolean hasMinimums(QuantFormat format) {
        return format == QuantFormat.Q5_K;
    }

    /** Where the sub-block scales start in a panel's super-block. */
    private static int scalesAt(QuantFormat format) {
        return hasMinimums(format) ? 8 * LANES : 4 * LANES;
    }

    /** Where the sub-block minimums start (Q5_K). */
    private static int minimumsAt(QuantFormat format) {
        return scalesAt(format) + SUPER_COLUMNS / subColumns(format) * LANES;
    }

    /** Where the quants start. */
    private static int quantsAt(QuantFormat format) {
        return minimumsAt(format) + (hasMinimums(format) ? SUPER_COLUMNS / subColumns(format) * LANES : 0);
    }

    /** Bytes of one panel's super-block. */
    private static int panelSuperBlock(QuantFormat format) {
        return quantsAt(format) + QUANT_BYTES;
    }

    /** Bytes of one packed strip of {@link PackedRows#STRIP_ROWS} rows of {@code columns}. */
    static long stripBytes(QuantFormat format, int columns) {
        return 4L * panelSuperBlock(format) * (columns / SUPER_COLUMNS);
    }

    /**
     * Where super-block {@code superBlock} of the half holding panel {@code panel} (0-3) starts, from its strip's
     * start: its two panels' d, dmin, scales and minimums ({@link #quantsAt} bytes each, {@link #metaAt}), then their
     * quants, the two panels' words alternating ({@link #wordAt}) so that a pass over the half reads one sequential run
     * (as {@link PackedRows}' Q8_0 blocks).
     */
    private static long halfSuperBlockAt(int panelSuperBlock, int superBlocks, int panel, int superBlock) {
        return (long) panelSuperBlock * (2L * superBlocks * (panel / 2) + 2L * superBlock);
    }

    /** Where panel {@code panel}'s d, dmin, scales and minimums are in the half's super-block at {@code at}. */
    private static long metaAt(QuantFormat format, long at, int panel) {
        return at + (long) quantsAt(format) * (panel % 2);
    }

    /**
     * Where word {@code word} (columns {@code 4 · word ..}) of panel {@code panel} is in the half's super-block at
     * {@code at}.
     */
    private static long wordAt(QuantFormat format, long at, int panel, int word) {
        return at + 2L * quantsAt(format) + 2L * WORD_BYTES * word + (long) WORD_BYTES * (panel % 2);
    }

    /**
     * Repacks one strip ({@code strip}: {@link PackedRows#STRIP_ROWS} rows of {@code rowBytes} file bytes) into
     * {@code staged}, a strip's bytes.
     */
    static void packStrip(QuantFormat format, byte[] strip, int rowBytes, int columns, byte[] staged) {
        int superBlocks = columns / SUPER_COLUMNS;
        int panelSuperBlock = panelSuperBlock(format);
        int subBlocks = SUPER_COLUMNS / subColumns(format);
        int scales = scalesAt(format);
        int minimums = minimumsAt(format);
        boolean q6 = format == QuantFormat.Q6_K;
        for (int superBlock = 0; superBlock < superBlocks; superBlock++) {
            for (int row = 0; row < STRIP_ROWS; row++) {
                int source = row * rowBytes + (q6 ? Q6_K_FILE_BLOCK : Q5_K_FILE_BLOCK) * superBlock;
                int half = (int) halfSuperBlockAt(panelSuperBlock, superBlocks, row / LANES, superBlock);
                int panel = (int) metaAt(format, half, row / LANES);
                int lane = row % LANES;
                PackedRows.STAGED_FLOAT.set(staged, panel + D + 4 * lane, 256 * half(strip, q6 ? source + 208
                        : source));
                if (!q6) {
                    PackedRows.STAGED_FLOAT.set(staged, panel + DMIN + 4 * lane, half(strip, source + 2));
                }
                for (int sub = 0; sub < subBlocks; sub++) {
                    staged[panel + scales + LANES * sub + lane] = q6 ? strip[source + 192 + sub]
                            : (byte) PackedQ4K.scale(strip, source + 4, sub);
                    if (!q6) {
                        staged[panel + minimums + LANES * sub + lane] = (byte) PackedQ4K.minimum(strip, source + 4,
                                sub);
                    }
                }
                for (int column = 0; column < SUPER_COLUMNS; column += 8) {
                    long eight = q6 ? q6Quants(strip, source, column) : q5Quants(strip, source, column);
                    PackedRows.STAGED_INT.set(staged, (int) wordAt(format, half, row / LANES, column / 4) + 4 * lane,
                            (int) eight);
                    PackedRows.STAGED_INT.set(staged, (int) wordAt(format, half, row / LANES, column / 4 + 1)
                            + 4 * lane, (int) (eight >>> 32));
                }
            }
        }
    }

    private static float half(byte[] bytes, int at) {
        return Float.float16ToFloat((short) ((bytes[at] & 0xFF) | bytes[at + 1] << 8));
    }

    /**
     * The 6-bit quants of columns {@code column .. column + 7} ({@code column} a multiple of 8) of the Q6_K
     * super-block at {@code source}, a byte each: in each half of 128 columns, column {@code 32j + l} has its low four
     * bits in byte {@code l + 32 (j % 2)} of the half's 64 low-nibble bytes (the low nibble for {@code j < 2}, the high
     * one after) and its high two bits at bit {@code 2j} of byte {@code l} of the half's 32 high-bit bytes.
     */
    private static long q6Quants(byte[] strip, int source, int column) {
        int half = column / 128;
        int quarter = column % 128 / 32;
        int l = column % 32;
        long low = (long) PackedRows.STAGED_LONG.get(strip, source + 64 * half + l + 32 * (quarter % 2));
        long nibbles = (quarter < 2 ? low : low >>> 4) & 0x0F0F_0F0F_0F0F_0F0FL;
        long high = (long) PackedRows.STAGED_LONG.get(strip, source + 128 + 32 * half + l);
        return nibbles | ((high >>> (2 * quarter)) & 0x0303_0303_0303_0303L) << 4;
    }

    /**
     * The 5-bit quants of columns {@code column .. column + 7} of the Q5_K super-block at {@code source}: in each run of
     * 64 columns {@code j}, column {@code 32h + l} has its low four bits in nibble {@code h} of byte {@code 32j + l} of
     * the 128 nibble bytes and its fifth bit at bit {@code 2j + h} of byte {@code l} of the 32 high-bit bytes.
     */
    private static long q5Quants(byte[] strip, int source, int column) {
        int j = column / 64;
        int h = column % 64 / 32;
        int l = column % 32;
        long low = (long) PackedRows.STAGED_LONG.get(strip, source + 48 + 32 * j + l);
        long nibbles = (h == 0 ? low : low >>> 4) & 0x0F0F_0F0F_0F0F_0F0FL;
        long high = (long) PackedRows.STAGED_LONG.get(strip, source + 16 + l);
        return nibbles | ((high >>> (2 * j + h)) & 0x0101_0101_0101_0101L) << 4;
    }

    /**
     * The {@link #STRIP_ROWS} rows of a packed strip (at byte {@code strip}, its second half {@code secondHalf}
     * further) times one activation row, decoded in registers: {@code y[yAt + r] = Σ_c w[r][c] · x[xOffset + c]}, the
     * scale and bias of each sub-block factored out, with the row's sub-block sums ({@link PackedRows#blockSums} of
     * {@link #subColumns}) at {@code sumsAt}. Both halves in one pass (four panels' sums in flight, as Q8_0's
     * {@link PackedRows#dotStripQ8_0}), each super-block's sub-block scales and biases computed first into
     * {@code factors} ({@link #FACTORS} floats) so that the loop of FMAs does not hold the conversions' registers.
     */
    static void dotStrip(QuantFormat format, MemorySegment w, long strip, long secondHalf, float[] x, int xOffset,
            float[] sums, int sumsAt, int columns, float[] y, int yAt, float[] factors) {
        int subColumns = subColumns(format);
        int subBlocks = SUPER_COLUMNS / subColumns;
        int words = subColumns / 4;
        int panelSuperBlock = panelSuperBlock(format);
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        for (int superBlock = 0; superBlock < columns / SUPER_COLUMNS; superBlock++) {
            long at = strip + 2L * panelSuperBlock * superBlock;
            long other = at + secondHalf;
            for (int sub = 0; sub < subBlocks; sub++) {
                for (int panel = 0; panel < 4; panel++) {
                    long meta = metaAt(format, panel < 2 ? at : other, panel);
                    FloatVector scale = subScale(format, w, meta, sub);
                    scale.intoArray(factors, LANES * (8 * sub + panel));
                    subBias(format, w, meta, sub, scale).intoArray(factors, LANES * (8 * sub + 4 + panel));
                }
            }
            for (int sub = 0; sub < subBlocks; sub++) {
                int block = subBlocks * superBlock + sub;
                FloatVector sum0 = FloatVector.zero(F);
                FloatVector sum1 = FloatVector.zero(F);
                FloatVector sum2 = FloatVector.zero(F);
                FloatVector sum3 = FloatVector.zero(F);
                for (int word = 0; word < words; word++) {
                    long wordAt = wordAt(format, 0, 0, words * sub + word);
                    IntVector v0 = IntVector.fromMemorySegment(I, w, at + wordAt, LE);
                    IntVector v1 = IntVector.fromMemorySegment(I, w, at + wordAt + WORD_BYTES, LE);
                    IntVector v2 = IntVector.fromMemorySegment(I, w, other + wordAt, LE);
                    IntVector v3 = IntVector.fromMemorySegment(I, w, other + wordAt + WORD_BYTES, LE);
                    int xAt = xOffset + subColumns * block + 4 * word;
                    for (int k = 0; k < 4; k++) {
                        // column 4·word + k: byte k of every lane to mantissa bits 15-22, f = 1 + q / 256
                        int rotation = (15 - 8 * k) & 31;
                        FloatVector xk = FloatVector.broadcast(F, x[xAt + k]);
                        sum0 = v0.lanewise(VectorOperators.ROL, rotation).and(BYTE_MANTISSA).or(ONE)
                                .reinterpretAsFloats().fma(xk, sum0);
                        sum1 = v1.lanewise(VectorOperators.ROL, rotation).and(BYTE_MANTISSA).or(ONE)
                                .reinterpretAsFloats().fma(xk, sum1);
                        sum2 = v2.lanewise(VectorOperators.ROL, rotation).and(BYTE_MANTISSA).or(ONE)
                                .reinterpretAsFloats().fma(xk, sum2);
                        sum3 = v3.lanewise(VectorOperators.ROL, rotation).and(BYTE_MANTISSA).or(ONE)
                                .reinterpretAsFloats().fma(xk, sum3);
                    }
                }
                FloatVector blockSum = FloatVector.broadcast(F, sums[sumsAt + block]);
                int factorsAt = LANES * 8 * sub;
                acc0 = FloatVector.fromArray(F, factors, factorsAt + 4 * LANES).fma(blockSum,
                        sum0.fma(FloatVector.fromArray(F, factors, factorsAt), acc0));
                acc1 = FloatVector.fromArray(F, factors, factorsAt + 5 * LANES).fma(blockSum,
                        sum1.fma(FloatVector.fromArray(F, factors, factorsAt + LANES), acc1));
                acc2 = FloatVector.fromArray(F, factors, factorsAt + 6 * LANES).fma(blockSum,
                        sum2.fma(FloatVector.fromArray(F, factors, factorsAt + 2 * LANES), acc2));
                acc3 = FloatVector.fromArray(F, factors, factorsAt + 7 * LANES).fma(blockSum,
                        sum3.fma(FloatVector.fromArray(F, factors, factorsAt + 3 * LANES), acc3));
            }
        }
        acc0.intoArray(y, yAt);
        acc1.intoArray(y, yAt + LANES);
        acc2.intoArray(y, yAt + 2 * LANES);
        acc3.intoArray(y, yAt + 3 * LANES);
    }

    /**
     * Decodes sub-blocks {@code [firstBlock, firstBlock + blockCount)} of a packed strip into scratch, laid out as
     * {@link PackedRows#decodeStripQ4_0} lays out blocks of 32: the values {@link #dotStrip} computes in
     * registers.
     */
    static void decodeStrip(QuantFormat format, MemorySegment w, long strip, int columns, int firstBlock,
            int blockCount, float[] out, float[] scales, float[] biases) {
        int subColumns = subColumns(format);
        int subBlocks = SUPER_COLUMNS / subColumns;
        int panelSuperBlock = panelSuperBlock(format);
        int superBlocks = columns / SUPER_COLUMNS;
        for (int block = 0; block < blockCount; block++) {
            int sub = (firstBlock + block) % subBlocks;
            for (int panel = 0; panel < 4; panel++) {
                long half = strip + halfSuperBlockAt(panelSuperBlock, superBlocks, panel,
                        (firstBlock + block) / subBlocks);
                long at = metaAt(format, half, panel);
                FloatVector scale = subScale(format, w, at, sub);
                scale.intoArray(scales, STRIP_ROWS * block + LANES * panel);
                subBias(format, w, at, sub, scale).intoArray(biases, STRIP_ROWS * block + LANES * panel);
                for (int word = 0; word < subColumns / 4; word++) {
                    IntVector v = IntVector.fromMemorySegment(I, w,
                            wordAt(format, half, panel, subColumns / 4 * sub + word), LE);
                    int outAt = STRIP_ROWS * (subColumns * block + 4 * word) + LANES * panel;
                    for (int k = 0; k < 4; k++) {
                        v.lanewise(VectorOperators.ROL, (15 - 8 * k) & 31).and(BYTE_MANTISSA).or(ONE)
                                .reinterpretAsFloats().intoArray(out, outAt + STRIP_ROWS * k);
                    }
                }
            }
        }
    }

    /** {@code 256 · d · sc} of sub-block {@code sub} for the rows of the panel super-block at {@code at}. */
    private static FloatVector subScale(QuantFormat format, MemorySegment w, long at, int sub) {
        FloatVector scales = (FloatVector) ByteVector.fromMemorySegment(B, w,
                at + scalesAt(format) + (long) LANES * sub, LE).convertShape(VectorOperators.B2F, F, 0);
        return scales.mul(FloatVector.fromMemorySegment(F, w, at + D, LE));
    }

    /** Q6_K: {@code -1.125 · scale}; Q5_K: {@code -(scale + dmin · m)} of sub-block {@code sub}. */
    private static FloatVector subBias(QuantFormat format, MemorySegment w, long at, int sub, FloatVector scale) {
        if (!hasMinimums(format)) {
            return scale.mul(-1.125f);
        }
        FloatVector minimums = (FloatVector) ByteVector.fromMemorySegment(B, w,
                at + minimumsAt(format) + (long) LANES * sub, LE).convertShape(VectorOperators.B2F, F, 0);
        return minimums.fma(FloatVector.fromMemorySegment(F, w, at + DMIN, LE), scale).neg();
    }
}
