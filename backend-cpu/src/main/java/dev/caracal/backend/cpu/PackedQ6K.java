package dev.caracal.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q6_K weight matrices in {@link PackedRows}' strips (two halves of two panels of {@code L} rows, rows in vector lanes:
 * {@code L} = 16 with 512-bit vectors, 8 with 256-bit), and the kernels that read them.
 *
 * <p>A half is a run of super-blocks of 256 columns; a half's super-block holds, for each of its two panels, the
 * {@code L} rows' {@code 256 · d} as floats, their sixteen signed 8-bit sub-block scales as bytes ({@code [16][L]}),
 * then the 256 six-bit quants {@code q} (0 to 63) one per byte as Q8_0's strips hold theirs (word {@code j} of a lane:
 * columns {@code 4j .. 4j + 3} at bits {@code 8k}). A sub-block of 16 columns has the weights {@code d · sc · (q - 32)}
 * (GGML's Q6_K); with {@code f = 1 + q / 256} from the mantissa insertion of {@link PackedRows}, {@code scale = 256 · d
 * · sc} (exact: an 11-bit half times a 7-bit integer) and {@code bias = -1.125 · scale}, the weight is
 * {@code f · scale + bias}, and the kernels factor the scale and bias out of each sub-block of 16 columns as
 * {@link PackedRows}' do out of each block of 32 ({@link #BLOCK_COLUMNS}). A byte per quant decodes with one rotation
 * and one mask-and-OR per column, as Q8_0's, where the file's 6 bits split in two fields would take two of each: 1.08
 * bytes per weight against the file's 0.82, for about half the decoding instructions.
 */
final class PackedQ6K {

    /** Columns per super-block. */
    static final int SUPER_COLUMNS = 256;
    /** Columns per sub-block: the unit whose scale and bias are factored out. */
    static final int BLOCK_COLUMNS = 16;

    private static final VectorSpecies<Float> F = WeightRows.F;
    private static final VectorSpecies<Integer> I = WeightRows.I;
    /** One byte per lane: a panel's scales of one sub-block ({@link PackedRows#SUPPORTED}: 8 or 16 lanes). */
    private static final VectorSpecies<Byte> B = WeightRows.B;
    private static final int LANES = WeightRows.LANES;
    private static final int STRIP_ROWS = PackedRows.STRIP_ROWS;
    private static final int WORD_BYTES = PackedRows.WORD_BYTES;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);
    private static final int ONE = 0x3F80_0000;
    /** Mantissa bits 15-22: a byte's place in {@code 1 + q / 256}. */
    private static final int BYTE_MANTISSA = 0x007F_8000;

    /**
     * Offsets within a panel's super-block: {@code 256 · d} ({@link #LANES} floats), the scales ({@code [16]}
     * sub-blocks of {@code [LANES]} bytes), then sixteen sub-blocks of four words ({@link #SUB_BYTES} each).
     */
    private static final int D = 0;
    private static final int SCALES = 4 * LANES;
    private static final int QUANTS = 20 * LANES;
    /** Bytes of one sub-block's quants in a panel: four words of four bytes per lane. */
    private static final int SUB_BYTES = 4 * WORD_BYTES;
    /** Bytes of one panel's super-block. */
    static final int PANEL_SUPER_BLOCK = QUANTS + 16 * SUB_BYTES;

    /** The file's bytes per Q6_K super-block: 128 of low nibbles, 64 of high bit pairs, 16 scales, f16 d. */
    private static final int FILE_SUPER_BLOCK = 210;

    private PackedQ6K() {
    }

    /** Bytes of one packed strip of {@link PackedRows#STRIP_ROWS} rows of {@code columns}. */
    static long stripBytes(int columns) {
        return 4L * PANEL_SUPER_BLOCK * (columns / SUPER_COLUMNS);
    }

    /** Where super-block {@code superBlock} of panel {@code panel} (0-3) starts, from its strip's start. */
    private static long panelSuperBlockAt(int superBlocks, int panel, int superBlock) {
        return (long) PANEL_SUPER_BLOCK * (2L * superBlocks * (panel / 2) + 2L * superBlock + panel % 2);
    }

    /**
     * Repacks one strip ({@code strip}: {@link PackedRows#STRIP_ROWS} rows of {@code rowBytes} file bytes) to
     * {@code packed} at {@code at}.
     */
    static void packStrip(byte[] strip, int rowBytes, int columns, MemorySegment packed, long at) {
        int superBlocks = columns / SUPER_COLUMNS;
        for (int superBlock = 0; superBlock < superBlocks; superBlock++) {
            for (int row = 0; row < STRIP_ROWS; row++) {
                int source = row * rowBytes + FILE_SUPER_BLOCK * superBlock;
                long panel = at + panelSuperBlockAt(superBlocks, row / LANES, superBlock);
                int lane = row % LANES;
                float d = Float.float16ToFloat((short) ((strip[source + 208] & 0xFF) | strip[source + 209] << 8));
                packed.set(LE_FLOAT, panel + D + 4L * lane, 256 * d);
                for (int sub = 0; sub < 16; sub++) {
                    packed.set(ValueLayout.JAVA_BYTE, panel + SCALES + (long) LANES * sub + lane, strip[source + 192
                            + sub]);
                }
                for (int word = 0; word < SUPER_COLUMNS / 4; word++) {
                    int bits = 0;
                    for (int k = 0; k < 4; k++) {
                        bits |= quant(strip, source, 4 * word + k) << (8 * k);
                    }
                    packed.set(LE_INT, panel + QUANTS + (long) WORD_BYTES * word + 4L * lane, bits);
                }
            }
        }
    }

    /**
     * The 6-bit quant of column {@code column} of the file's super-block at {@code source}: in each half of 128 columns,
     * column {@code 32j + l} has its low four bits in byte {@code l + 32 (j % 2)} of the half's 64 low-nibble bytes
     * (the low nibble for {@code j < 2}, the high one after) and its high two bits at bit {@code 2j} of byte {@code l}
     * of the half's 32 high-bit bytes.
     */
    private static int quant(byte[] strip, int source, int column) {
        int half = column / 128;
        int quarter = column % 128 / 32;
        int l = column % 32;
        int low = strip[source + 64 * half + l + 32 * (quarter % 2)] & 0xFF;
        int nibble = quarter < 2 ? low & 0xF : low >> 4;
        int high = (strip[source + 128 + 32 * half + l] & 0xFF) >> (2 * quarter) & 3;
        return nibble | high << 4;
    }

    /**
     * The {@code 2 · LANES} rows of half of a packed Q6_K strip (the half at byte {@code half}) times one activation
     * row, decoded in registers: {@code y[yAt + r] = Σ_c w[r][c] · x[xOffset + c]}, the scale and bias of each
     * sub-block of 16 columns factored out, with the row's sums of 16 columns ({@link PackedRows#blockSums}) at
     * {@code sumsAt}.
     */
    static void dotHalfStrip(MemorySegment w, long half, float[] x, int xOffset, float[] sums, int sumsAt,
            int columns, float[] y, int yAt) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int block = 0; block < columns / BLOCK_COLUMNS; block++) {
            long at0 = half + 2L * PANEL_SUPER_BLOCK * (block / 16);
            long at1 = at0 + PANEL_SUPER_BLOCK;
            int sub = block % 16;
            FloatVector sum0 = FloatVector.zero(F);
            FloatVector sum1 = FloatVector.zero(F);
            for (int word = 0; word < 4; word++) {
                long wordAt = QUANTS + SUB_BYTES * sub + WORD_BYTES * word;
                IntVector v0 = IntVector.fromMemorySegment(I, w, at0 + wordAt, LE);
                IntVector v1 = IntVector.fromMemorySegment(I, w, at1 + wordAt, LE);
                int xAt = xOffset + BLOCK_COLUMNS * block + 4 * word;
                for (int k = 0; k < 4; k++) {
                    // column 4·word + k: byte k of every lane to mantissa bits 15-22, f = 1 + q / 256
                    int rotation = (15 - 8 * k) & 31;
                    FloatVector xk = FloatVector.broadcast(F, x[xAt + k]);
                    sum0 = v0.lanewise(VectorOperators.ROL, rotation).and(BYTE_MANTISSA).or(ONE)
                            .reinterpretAsFloats().fma(xk, sum0);
                    sum1 = v1.lanewise(VectorOperators.ROL, rotation).and(BYTE_MANTISSA).or(ONE)
                            .reinterpretAsFloats().fma(xk, sum1);
                }
            }
            FloatVector blockSum = FloatVector.broadcast(F, sums[sumsAt + block]);
            FloatVector scale0 = subScale(w, at0, sub);
            FloatVector scale1 = subScale(w, at1, sub);
            acc0 = scale0.mul(-1.125f).fma(blockSum, sum0.fma(scale0, acc0));
            acc1 = scale1.mul(-1.125f).fma(blockSum, sum1.fma(scale1, acc1));
        }
        acc0.intoArray(y, yAt);
        acc1.intoArray(y, yAt + LANES);
    }

    /**
     * Decodes sub-blocks of 16 columns {@code [firstBlock, firstBlock + blockCount)} of a packed Q6_K strip into
     * scratch, laid out as {@link PackedRows#decodeStripQ4_0} lays out blocks of 32: the values {@link #dotHalfStrip}
     * computes in registers.
     */
    static void decodeStrip(MemorySegment w, long strip, int columns, int firstBlock, int blockCount, float[] out,
            float[] scales, float[] biases) {
        int superBlocks = columns / SUPER_COLUMNS;
        for (int block = 0; block < blockCount; block++) {
            int sub = (firstBlock + block) % 16;
            for (int panel = 0; panel < 4; panel++) {
                long at = strip + panelSuperBlockAt(superBlocks, panel, (firstBlock + block) / 16);
                FloatVector scale = subScale(w, at, sub);
                scale.intoArray(scales, STRIP_ROWS * block + LANES * panel);
                scale.mul(-1.125f).intoArray(biases, STRIP_ROWS * block + LANES * panel);
                for (int word = 0; word < 4; word++) {
                    IntVector v = IntVector.fromMemorySegment(I, w, at + QUANTS + SUB_BYTES * sub + WORD_BYTES * word,
                            LE);
                    int outAt = STRIP_ROWS * (BLOCK_COLUMNS * block + 4 * word) + LANES * panel;
                    for (int k = 0; k < 4; k++) {
                        v.lanewise(VectorOperators.ROL, (15 - 8 * k) & 31).and(BYTE_MANTISSA).or(ONE)
                                .reinterpretAsFloats().intoArray(out, outAt + STRIP_ROWS * k);
                    }
                }
            }
        }
    }

    /** {@code 256 · d · sc} of sub-block {@code sub} for the rows of the panel super-block at {@code at}. */
    private static FloatVector subScale(MemorySegment w, long at, int sub) {
        FloatVector scales = (FloatVector) ByteVector.fromMemorySegment(B, w, at + SCALES + (long) LANES * sub, LE)
                .convertShape(VectorOperators.B2F, F, 0);
        return scales.mul(FloatVector.fromMemorySegment(F, w, at + D, LE));
    }
}
