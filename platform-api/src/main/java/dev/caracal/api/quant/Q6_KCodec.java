package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Reference codec for {@link QuantFormat#Q6_K}: signed 6-bit quants in 256-element super-blocks of sixteen 16-element
 * sub-blocks with 8-bit scales.
 */
public final class Q6_KCodec implements QuantCodec {

    // Block: 256 elements in 210 bytes.
    //   bytes 0-127    low nibbles: half h (128 elements) uses bytes 64h .. 64h+63; byte l (l < 32) holds element
    //                  128h + l (low nibble) and 128h + 64 + l (high nibble); byte 32 + l holds 128h + 32 + l and
    //                  128h + 96 + l
    //   bytes 128-191  high two bits: byte 128 + 32h + l holds, in bits 2k..2k+1, element 128h + 32k + l
    //   bytes 192-207  sixteen int8 sub-block scales
    //   bytes 208-209  f16 d
    // value = d * scale[element / 16] * (q - 32)
    private static final int BLOCK_BYTES = 210;
    private static final int HIGH_BITS = 128;
    private static final int SCALES = 192;
    private static final int D = 208;

    @Override
    public QuantFormat format() {
        return QuantFormat.Q6_K;
    }

    @Override
    public void dequantize(MemorySegment source, long sourceOffset, float[] destination, int destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q6_K", KQuantMath.QK_K, count);
        Objects.checkFromIndexSize(destinationOffset, count, destination.length);
        byte[] block = new byte[BLOCK_BYTES];
        for (int b = 0; b < blocks; b++) {
            KQuantMath.readBlock(source, sourceOffset, b, block);
            int out = destinationOffset + b * KQuantMath.QK_K;
            float d = KQuantMath.getFp16(block, D);
            for (int e = 0; e < KQuantMath.QK_K; e++) {
                // ggml multiplies (d * scale) first, then the quant.
                destination[out + e] = d * block[SCALES + e / 16] * (level(block, e) - 32);
            }
        }
    }

    /** The unsigned 6-bit level (0..63) of element {@code e}. */
    private static int level(byte[] block, int e) {
        int half = e >> 7;
        int group = (e & 127) >> 5;
        int l = e & 31;
        int low = (block[64 * half + 32 * (group & 1) + l] >> (4 * (group >> 1))) & 0xF;
        int high = (block[HIGH_BITS + 32 * half + l] >> (2 * group)) & 3;
        return low | high << 4;
    }

    @Override
    public void quantize(float[] source, int sourceOffset, MemorySegment destination, long destinationOffset, int count) {
        quantize(source, sourceOffset, null, 0, destination, destinationOffset, count);
    }

    @Override
    public boolean usesImportance() {
        return true;
    }

    /**
     * ggml's {@code quantize_row_q6_K_impl}: each 16-element sub-block's scale is {@code make_qx_quants} weighted by the
     * columns' importance itself (no {@code sqrt(sigma2 + x^2)} factor, as in ggml); the rest as {@link #quantize}.
     */
    @Override
    public void quantizeWeighted(float[] source, int sourceOffset, float[] importance, int importanceOffset,
            MemorySegment destination, long destinationOffset, int length) {
        Objects.checkFromIndexSize(importanceOffset, length, importance.length);
        quantize(source, sourceOffset, importance, importanceOffset, destination, destinationOffset, length);
    }

    private void quantize(float[] source, int sourceOffset, float[] importance, int importanceOffset,
            MemorySegment destination, long destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q6_K", KQuantMath.QK_K, count);
        Objects.checkFromIndexSize(sourceOffset, count, source.length);
        int[] levels = new int[KQuantMath.QK_K];
        float[] scales = new float[KQuantMath.QK_K / 16];
        for (int b = 0; b < blocks; b++) {
            int in = sourceOffset + b * KQuantMath.QK_K;
            byte[] block = new byte[BLOCK_BYTES];
            float maxScale = 0;
            float maxAbsScale = 0;
            for (int s = 0; s < KQuantMath.QK_K / 16; s++) {
                scales[s] = KQuantMath.makeQxQuants(16, 32, source, in + 16 * s, importance,
                        importanceOffset + b * KQuantMath.QK_K + 16 * s, levels, 16 * s, 1);
                float absScale = Math.abs(scales[s]);
                if (absScale > maxAbsScale) {
                    maxAbsScale = absScale;
                    maxScale = scales[s];
                }
            }
            if (maxAbsScale < KQuantMath.GROUP_MAX_EPS) {
                // An all-zero super-block: every byte zero, d included.
                KQuantMath.writeBlock(block, destination, destinationOffset, b);
                continue;
            }
            float iscale = -128.0f / maxScale;
            KQuantMath.putFp16(block, D, 1 / iscale);
            for (int s = 0; s < KQuantMath.QK_K / 16; s++) {
                block[SCALES + s] = (byte) Math.min(127, KQuantMath.nearestInt(iscale * scales[s]));
            }
            float superScale = KQuantMath.getFp16(block, D);
            for (int s = 0; s < KQuantMath.QK_K / 16; s++) {
                float d = superScale * block[SCALES + s];
                if (d == 0) {
                    continue;
                }
                for (int i = 0; i < 16; i++) {
                    int l = KQuantMath.nearestInt(source[in + 16 * s + i] / d);
                    levels[16 * s + i] = Math.max(-32, Math.min(31, l)) + 32;
                }
            }
            for (int half = 0; half < 2; half++) {
                for (int l = 0; l < 32; l++) {
                    int base = 128 * half + l;
                    int q1 = levels[base];
                    int q2 = levels[base + 32];
                    int q3 = levels[base + 64];
                    int q4 = levels[base + 96];
                    block[64 * half + l] = (byte) ((q1 & 0xF) | (q3 & 0xF) << 4);
                    block[64 * half + 32 + l] = (byte) ((q2 & 0xF) | (q4 & 0xF) << 4);
                    block[HIGH_BITS + 32 * half + l] =
                            (byte) (q1 >> 4 | (q2 >> 4) << 2 | (q3 >> 4) << 4 | (q4 >> 4) << 6);
                }
            }
            KQuantMath.writeBlock(block, destination, destinationOffset, b);
        }
    }
}
