package dev.caracal.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q4_K weight matrices in {@link PackedRows}' strips (two halves of two panels of {@code L} rows, rows in vector lanes:
 * {@code L} = 16 with 512-bit vectors, 8 with 256-bit), and the kernels that read them.
 *
 * <p>A half is a run of super-blocks of 256 columns; a half's super-block holds, for each of its two panels, the
 * {@code L} rows' {@code 16 · d} and {@code dmin} as floats, their eight 6-bit sub-block scales and minimums as bytes
 * ({@code [8][L]} each), then the eight sub-blocks' quants as Q4_0's strips hold them (word {@code j} of a lane:
 * columns {@code 8j .. 8j + 7} as nibbles; the two panels' words alternate, {@link #wordAt}). A sub-block's weights
 * are {@code d · sc · q - dmin · m} (GGML's Q4_K);
 * with {@code f = 1 + q / 16} from the mantissa insertion of {@link PackedRows}, {@code scale = 16 · d · sc} and
 * {@code bias = -(scale + dmin · m)}, the weight is {@code f · scale + bias}; the kernels factor the scale and bias
 * out of each sub-block as {@link PackedRows}' do. 0.59 bytes per weight against the file's 0.5625.
 */
final class PackedQ4K {

    /** Columns per super-block. */
    static final int SUPER_COLUMNS = 256;
    /**
     * Floats of {@link #dotHalfStrip}'s scratch: a super-block's scales and biases for both panels,
     * {@code [8][4][LANES]}.
     */
    static final int FACTORS = 32 * WeightRows.LANES;

    private static final VectorSpecies<Float> F = WeightRows.F;
    private static final VectorSpecies<Integer> I = WeightRows.I;
    /** One byte per lane: a panel's scales or minimums of one sub-block ({@link PackedRows#SUPPORTED}: 8 or 16). */
    private static final VectorSpecies<Byte> B = WeightRows.B;
    private static final int LANES = WeightRows.LANES;
    private static final int WORD_BYTES = PackedRows.WORD_BYTES;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int ONE = 0x3F80_0000;
    private static final int Q4_MANTISSA = 0x0078_0000;

    /**
     * Offsets within a panel's d, dmin, scales and minimums ({@link #metaAt}): d and dmin ({@link #LANES} floats
     * each), scales and minimums ({@code [8]} sub-blocks {@code [LANES]} bytes each), {@link #QUANTS} bytes in all; its
     * eight sub-blocks of four words ({@link #SUB_BYTES} each) follow both panels' ({@link #wordAt}).
     */
    private static final int D = 0;
    private static final int DMIN = 4 * LANES;
    private static final int SCALES = 8 * LANES;
    private static final int MINIMUMS = 16 * LANES;
    private static final int QUANTS = 24 * LANES;
    /** Bytes of one sub-block's quants in a panel: four words. */
    private static final int SUB_BYTES = 4 * WORD_BYTES;
    /** Bytes of one panel's super-block. */
    static final int PANEL_SUPER_BLOCK = QUANTS + 8 * SUB_BYTES;

    /** The file's bytes per Q4_K super-block: f16 d, f16 dmin, 12 bytes of 6-bit scales and minimums, 128 of quants. */
    private static final int FILE_SUPER_BLOCK = 144;

    private PackedQ4K() {
    }

    /** Bytes of one packed strip of {@link PackedRows#STRIP_ROWS} rows of {@code columns}. */
    static long stripBytes(int columns) {
        return 4L * PANEL_SUPER_BLOCK * (columns / SUPER_COLUMNS);
    }

    /**
     * Where super-block {@code superBlock} of the half holding panel {@code panel} (0-3) starts, from its strip's
     * start: the d, dmin, scales and minimums of its two panels ({@link #QUANTS} bytes each, {@link #metaAt}), then
     * their quants, the two panels' words alternating ({@link #wordAt}) so that a pass over the half reads one
     * sequential run (as {@link PackedRows}' Q4_0 and Q8_0 blocks).
     */
    private static long halfSuperBlockAt(int superBlocks, int panel, int superBlock) {
        return (long) PANEL_SUPER_BLOCK * (2L * superBlocks * (panel / 2) + 2L * superBlock);
    }

    /** Where panel {@code panel}'s d, dmin, scales and minimums are in the half's super-block at {@code at}. */
    private static long metaAt(long at, int panel) {
        return at + (long) QUANTS * (panel % 2);
    }

    /**
     * Where word {@code word} of sub-block {@code sub} of panel {@code panel} is in the half's super-block at
     * {@code at}.
     */
    private static long wordAt(long at, int panel, int sub, int word) {
        return at + 2L * QUANTS + 2L * (SUB_BYTES * sub + WORD_BYTES * word) + (long) WORD_BYTES * (panel % 2);
    }

    /**
     * Repacks one strip ({@code strip}: {@link PackedRows#STRIP_ROWS} rows of {@code rowBytes} file bytes) into
     * {@code staged}, a strip's bytes.
     */
    static void packStrip(byte[] strip, int rowBytes, int columns, byte[] staged) {
        int superBlocks = columns / SUPER_COLUMNS;
        for (int superBlock = 0; superBlock < superBlocks; superBlock++) {
            for (int row = 0; row < PackedRows.STRIP_ROWS; row++) {
                int source = row * rowBytes + FILE_SUPER_BLOCK * superBlock;
                int half = (int) halfSuperBlockAt(superBlocks, row / LANES, superBlock);
                int panel = (int) metaAt(half, row / LANES);
                int lane = row % LANES;
                PackedRows.STAGED_FLOAT.set(staged, panel + D + 4 * lane,
                        16 * Float.float16ToFloat(shortAt(strip, source)));
                PackedRows.STAGED_FLOAT.set(staged, panel + DMIN + 4 * lane,
                        Float.float16ToFloat(shortAt(strip, source + 2)));
                for (int sub = 0; sub < 8; sub++) {
                    staged[panel + SCALES + LANES * sub + lane] = (byte) scale(strip, source + 4, sub);
                    staged[panel + MINIMUMS + LANES * sub + lane] = (byte) minimum(strip, source + 4, sub);
                    // sub-block s: the low (even s) or high (odd s) nibbles of the 32 bytes 32 (s / 2) on
                    for (int word = 0; word < 4; word++) {
                        PackedRows.STAGED_INT.set(staged, (int) wordAt(half, row / LANES, sub, word) + 4 * lane,
                                PackedRows.nibbles(strip, source + 16 + 32 * (sub / 2) + 8 * word,
                                sub % 2 == 1));
                    }
                }
            }
        }
    }

    /** The 6-bit scale of sub-block {@code j} from the 12 scale bytes at {@code scales} (GGML's Q4_K and Q5_K). */
    static int scale(byte[] bytes, int scales, int j) {
        if (j < 4) {
            return bytes[scales + j] & 63;
        }
        return (bytes[scales + j + 4] & 0xF) | ((bytes[scales + j - 4] & 0xFF) >>> 6) << 4;
    }

    /** The 6-bit minimum of sub-block {@code j}. */
    static int minimum(byte[] bytes, int scales, int j) {
        if (j < 4) {
            return bytes[scales + j + 4] & 63;
        }
        return ((bytes[scales + j + 4] & 0xFF) >>> 4) | ((bytes[scales + j] & 0xFF) >>> 6) << 4;
    }

    private static short shortAt(byte[] bytes, int at) {
        return (short) ((bytes[at] & 0xFF) | bytes[at + 1] << 8);
    }

    /**
     * The {@code 2 · LANES} rows of half of a packed Q4_K strip (the half at byte {@code half}) times one activation
     * row, decoded in registers: {@code y[yAt + r] = Σ_c w[r][c] · x[xOffset + c]}, the scale and bias of each
     * sub-block factored out as {@link PackedRows} does, with the row's block sums at {@code sumsAt}. Each
     * super-block's sub-block scales and biases are computed first into {@code factors} ({@link #FACTORS} floats), so
     * that the loop of FMAs does not hold the byte-to-float conversions' registers.
     */
    static void dotHalfStrip(MemorySegment w, long half, float[] x, int xOffset, float[] sums, int sumsAt,
            int columns, float[] y, int yAt, float[] factors) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int superBlock = 0; superBlock < columns / SUPER_COLUMNS; superBlock++) {
            long at = half + 2L * PANEL_SUPER_BLOCK * superBlock;
            long at0 = metaAt(at, 0);
            long at1 = metaAt(at, 1);
            for (int sub = 0; sub < 8; sub++) {
                FloatVector scale0 = subScale(w, at0, sub);
                FloatVector scale1 = subScale(w, at1, sub);
                scale0.intoArray(factors, LANES * (4 * sub));
                scale1.intoArray(factors, LANES * (4 * sub + 1));
                subBias(w, at0, sub, scale0).intoArray(factors, LANES * (4 * sub + 2));
                subBias(w, at1, sub, scale1).intoArray(factors, LANES * (4 * sub + 3));
            }
            for (int sub = 0; sub < 8; sub++) {
                FloatVector sum0 = FloatVector.zero(F);
                FloatVector sum1 = FloatVector.zero(F);
                for (int word = 0; word < 4; word++) {
                    IntVector v0 = IntVector.fromMemorySegment(I, w, wordAt(at, 0, sub, word), LE);
                    IntVector v1 = IntVector.fromMemorySegment(I, w, wordAt(at, 1, sub, word), LE);
                    for (int part = 0; part < 2; part++) {
                        int xAt = xOffset + SUPER_COLUMNS * superBlock + 32 * sub + 8 * word + 4 * part;
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
                FloatVector blockSum = FloatVector.broadcast(F, sums[sumsAt + 8 * superBlock + sub]);
                FloatVector scale0 = FloatVector.fromArray(F, factors, LANES * (4 * sub));
                FloatVector scale1 = FloatVector.fromArray(F, factors, LANES * (4 * sub + 1));
                acc0 = FloatVector.fromArray(F, factors, LANES * (4 * sub + 2)).fma(blockSum, sum0.fma(scale0, acc0));
                acc1 = FloatVector.fromArray(F, factors, LANES * (4 * sub + 3)).fma(blockSum, sum1.fma(scale1, acc1));
            }
        }
        acc0.intoArray(y, yAt);
        acc1.intoArray(y, yAt + LANES);
    }

    /**
     * Decodes blocks of 32 columns {@code [firstBlock, firstBlock + blockCount)} of a packed Q4_K strip into scratch,
     * laid out as {@link PackedRows#decodeStripQ4_0} lays it out: the values {@link #dotHalfStrip} computes in
     * registers.
     */
    static void decodeStrip(MemorySegment w, long strip, int columns, int firstBlock, int blockCount, float[] out,
            float[] scales, float[] biases) {
        int superBlocks = columns / SUPER_COLUMNS;
        for (int block = 0; block < blockCount; block++) {
            int sub = (firstBlock + block) % 8;
            for (int panel = 0; panel < 4; panel++) {
                long half = strip + halfSuperBlockAt(superBlocks, panel, (firstBlock + block) / 8);
                long at = metaAt(half, panel);
                storeScaleAndBias(w, at, sub, scales, biases, PackedRows.STRIP_ROWS * block + LANES * panel);
                PackedRows.decodeNibbles(w, wordAt(half, panel, sub, 0), 2 * WORD_BYTES, out,
                        PackedRows.STRIP_ROWS * 32 * block + LANES * panel);
            }
        }
    }

    /** Sub-block {@code sub}'s scales and biases to {@code scales[at ..]} and {@code biases[at ..]}. */
    private static void storeScaleAndBias(MemorySegment w, long panelAt, int sub, float[] scales, float[] biases,
            int at) {
        FloatVector scale = subScale(w, panelAt, sub);
        scale.intoArray(scales, at);
        subBias(w, panelAt, sub, scale).intoArray(biases, at);
    }

    /** {@code 16 · d · sc} of sub-block {@code sub} for the rows of the panel super-block at {@code at}. */
    private static FloatVector subScale(MemorySegment w, long at, int sub) {
        FloatVector scales = (FloatVector) ByteVector.fromMemorySegment(B, w, at + SCALES + (long) LANES * sub, LE)
                .convertShape(VectorOperators.B2F, F, 0);
        return scales.mul(FloatVector.fromMemorySegment(F, w, at + D, LE));
    }

    /** {@code -(scale + dmin · m)} of sub-block {@code sub}. */
    private static FloatVector subBias(MemorySegment w, long at, int sub, FloatVector scale) {
        FloatVector minimums = (FloatVector) ByteVector.fromMemorySegment(B, w, at + MINIMUMS + (long) LANES * sub,
                LE)
                .convertShape(VectorOperators.B2F, F, 0);
        return minimums.fma(FloatVector.fromMemorySegment(F, w, at + DMIN, LE), scale).neg();
    }
}
