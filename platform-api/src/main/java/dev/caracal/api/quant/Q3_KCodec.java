package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Reference codec for {@link QuantFormat#Q3_K}: signed 3-bit quants in 256-element super-blocks of sixteen 16-element
 * sub-blocks with 6-bit scales.
 */
public final class Q3_KCodec implements QuantCodec {

    // Block: 256 elements in 110 bytes.
    //   bytes 0-31    high (third) bits: bit k of byte l is the high bit of element 32k + l
    //   bytes 32-95   low 2 bits: byte 32 + 32h + l holds, in bits 2k..2k+1, element 128h + 32k + l
    //   bytes 96-107  sixteen 6-bit scales, stored plus 32: low nibble of scale s in byte s (s < 8, low nibble) or
    //                 byte s - 8 (high nibble); its top two bits in bits 2(s / 4).. of byte 104 + s % 4
    //   bytes 108-109 f16 d
    // value = d * (scale[s] - 32) * (q - 4), s = element / 16, q the 3-bit level (0..7)
    private static final int BLOCK_BYTES = 110;
    private static final int QUANTS = 32;
    private static final int SCALES = 96;
    private static final int D = 108;

    @Override
    public QuantFormat format() {
        return QuantFormat.Q3_K;
    }

    @Override
    public void dequantize(MemorySegment source, long sourceOffset, float[] destination, int destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q3_K", KQuantMath.QK_K, count);
        Objects.checkFromIndexSize(destinationOffset, count, destination.length);
        byte[] block = new byte[BLOCK_BYTES];
        for (int b = 0; b < blocks; b++) {
            KQuantMath.readBlock(source, sourceOffset, b, block);
            int out = destinationOffset + b * KQuantMath.QK_K;
            float d = KQuantMath.getFp16(block, D);
            for (int s = 0; s < 16; s++) {
                float dl = d * (scale(block, s) - 32);
                for (int i = 0; i < 16; i++) {
                    int e = 16 * s + i;
                    int high = (block[e & 31] >> (e >> 5)) & 1;
                    destination[out + e] = dl * (KQuantMath.twoBits(block, QUANTS, e) - (high != 0 ? 0 : 4));
                }
            }
        }
    }

    /** The stored 6-bit scale (0..63, the signed scale plus 32) of sub-block {@code s}. */
    private static int scale(byte[] block, int s) {
        int low = s < 8 ? block[SCALES + s] & 0xF : (block[SCALES + s - 8] & 0xFF) >> 4;
        int high = (block[SCALES + 8 + s % 4] >> (2 * (s / 4))) & 3;
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
     * ggml's {@code quantize_row_q3_K_impl}: each 16-element sub-block's scale is {@code make_qx_quants} weighted by
     * its columns' importance times {@code sqrt(sigma2 + x^2)} (sigma2 twice the super-block's mean square), and the
     * sixteen scales are quantized to 6 bits by {@code make_qx_quants} weighted by each sub-block's total weight; the
     * rest as {@link #quantize}.
     */
    @Override
    public void quantizeWeighted(float[] source, int sourceOffset, float[] importance, int importanceOffset,
            MemorySegment destination, long destinationOffset, int length) {
        Objects.checkFromIndexSize(importanceOffset, length, importance.length);
        quantize(source, sourceOffset, importance, importanceOffset, destination, destinationOffset, length);
    }

    private void quantize(float[] source, int sourceOffset, float[] importance, int importanceOffset,
            MemorySegment destination, long destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q3_K", KQuantMath.QK_K, count);
        Objects.checkFromIndexSize(sourceOffset, count, source.length);
        int[] levels = new int[KQuantMath.QK_K];
        float[] scales = new float[16];
        for (int b = 0; b < blocks; b++) {
            int in = sourceOffset + b * KQuantMath.QK_K;
            byte[] block = new byte[BLOCK_BYTES];
            if (importance == null) {
                packScales(source, in, scales, levels, block);
            } else {
                packWeightedScales(source, in, importance, importanceOffset + b * KQuantMath.QK_K, scales, levels,
                        block);
            }
            float superScale = KQuantMath.getFp16(block, D);
            for (int s = 0; s < 16; s++) {
                float d = superScale * (scale(block, s) - 32);
                if (d == 0) {
                    continue;
                }
                for (int i = 0; i < 16; i++) {
                    int l = KQuantMath.nearestInt(source[in + 16 * s + i] / d);
                    levels[16 * s + i] = Math.max(-4, Math.min(3, l)) + 4;
                }
            }
            for (int e = 0; e < KQuantMath.QK_K; e++) {
                if (levels[e] > 3) {
                    block[e & 31] |= (byte) (1 << (e >> 5));
                    levels[e] -= 4;
                }
            }
            KQuantMath.packTwoBits(levels, block, QUANTS);
            KQuantMath.writeBlock(block, destination, destinationOffset, b);
        }
    }

    /** {@code quantize_row_q3_K_ref}'s sub-block scales (make_q3_quants), packed with d into {@code block}. */
    private static void packScales(float[] source, int in, float[] scales, int[] levels, byte[] block) {
        float maxScale = 0;
        float amax = 0;
        for (int s = 0; s < 16; s++) {
            scales[s] = KQuantMath.makeQ3Quants(16, 4, source, in + 16 * s, levels, 16 * s);
            float absScale = Math.abs(scales[s]);
            if (absScale > amax) {
                amax = absScale;
                maxScale = scales[s];
            }
        }
        if (maxScale != 0) {
            float iscale = -32.0f / maxScale;
            for (int s = 0; s < 16; s++) {
                // ggml keeps the rounded scale in an int8_t before clamping it.
                int l = Math.max(-32, Math.min(31, (byte) KQuantMath.nearestInt(iscale * scales[s]))) + 32;
                if (s < 8) {
                    block[SCALES + s] = (byte) (l & 0xF);
                } else {
                    block[SCALES + s - 8] |= (byte) ((l & 0xF) << 4);
                }
                block[SCALES + 8 + s % 4] |= (byte) ((l >> 4) << (2 * (s / 4)));
            }
            KQuantMath.putFp16(block, D, 1 / iscale);
        }
    }

    /** {@code quantize_row_q3_K_impl}'s importance-weighted sub-block scales, packed with d into {@code block}. */
    private static void packWeightedScales(float[] source, int in, float[] importance, int importanceOffset,
            float[] scales, int[] levels, byte[] block) {
        float[] weights = new float[16];
        float[] blockWeights = new float[16];
        int[] scaleLevels = new int[16];
        float sigma2 = 2 * KQuantMath.sumOfSquares(source, in, KQuantMath.QK_K) / KQuantMath.QK_K;
        for (int s = 0; s < 16; s++) {
            KQuantMath.importanceWeights(source, in + 16 * s, importance, importanceOffset + 16 * s, sigma2, weights,
                    16);
            float sumWeights = 0;
            for (int i = 0; i < 16; i++) {
                sumWeights += weights[i];
            }
            blockWeights[s] = sumWeights;
            scales[s] = KQuantMath.makeQxQuants(16, 4, source, in + 16 * s, weights, 0, levels, 16 * s, 1);
        }
        float blockScale = KQuantMath.makeQxQuants(16, 32, scales, 0, blockWeights, 0, scaleLevels, 0, 1);
        for (int s = 0; s < 16; s++) {
            // The levels are the signed scale plus 32 already.
            int l = scaleLevels[s];
            if (s < 8) {
                block[SCALES + s] = (byte) (l & 0xF);
            } else {
                block[SCALES + s - 8] |= (byte) ((l & 0xF) << 4);
            }
            block[SCALES + 8 + s % 4] |= (byte) ((l >> 4) << (2 * (s / 4)));
        }
        KQuantMath.putFp16(block, D, blockScale);
    }
}
