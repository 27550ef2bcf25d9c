package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Reference codec for {@link QuantFormat#Q2_K}: 2-bit quants in 256-element super-blocks of sixteen 16-element sub-
 * blocks with 4-bit scales and minimums.
 */
public final class Q2_KCodec implements QuantCodec {

    // Block: 256 elements in 84 bytes.
    //   bytes 0-15   one byte per 16-element sub-block: 4-bit scale (low nibble), 4-bit minimum (high nibble)
    //   bytes 16-79  2-bit quants: byte 32h + l holds, in bits 2k..2k+1, element 128h + 32k + l
    //   bytes 80-81  f16 d (scale of the sub-block scales)
    //   bytes 82-83  f16 dmin (scale of the sub-block minimums)
    // value = d * scale[s] * q - dmin * min[s], s = element / 16
    private static final int BLOCK_BYTES = 84;
    private static final int QUANTS = 16;
    private static final int D = 80;
    private static final int DMIN = 82;

    @Override
    public QuantFormat format() {
        return QuantFormat.Q2_K;
    }

    @Override
    public void dequantize(MemorySegment source, long sourceOffset, float[] destination, int destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q2_K", KQuantMath.QK_K, count);
        Objects.checkFromIndexSize(destinationOffset, count, destination.length);
        byte[] block = new byte[BLOCK_BYTES];
        for (int b = 0; b < blocks; b++) {
            KQuantMath.readBlock(source, sourceOffset, b, block);
            int out = destinationOffset + b * KQuantMath.QK_K;
            float d = KQuantMath.getFp16(block, D);
            float dmin = KQuantMath.getFp16(block, DMIN);
            for (int s = 0; s < 16; s++) {
                int packed = block[s] & 0xFF;
                float dl = d * (packed & 0xF);
                float ml = dmin * (packed >> 4);
                for (int i = 0; i < 16; i++) {
                    int e = 16 * s + i;
                    destination[out + e] = dl * KQuantMath.twoBits(block, QUANTS, e) - ml;
                }
            }
        }
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
     * ggml's {@code quantize_row_q2_K_impl}: each 16-element sub-block's scale and minimum is {@code make_qkx3_quants}
     * weighted by its columns' importance times {@code sqrt(sigma2 + x^2)} (sigma2 the super-block's mean square), and
     * the scales and minimums are quantized to 4 bits by {@code make_qp_quants} weighted by each sub-block's total
     * weight; the rest as {@link #quantize}.
     */
    @Override
    public void quantizeWeighted(float[] source, int sourceOffset, float[] importance, int importanceOffset,
            MemorySegment destination, long destinationOffset, int length) {
        Objects.checkFromIndexSize(importanceOffset, length, importance.length);
        quantize(source, sourceOffset, importance, importanceOffset, destination, destinationOffset, length);
    }

    private void quantize(float[] source, int sourceOffset, float[] importance, int importanceOffset,
            MemorySegment destination, long destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q2_K", KQuantMath.QK_K, count);
        Objects.checkFromIndexSize(sourceOffset, count, source.length);
        int[] levels = new int[KQuantMath.QK_K];
        int[] scratch = new int[16];
        float[] weights = new float[16];
        float[] scales = new float[16];
        float[] mins = new float[16];
        for (int b = 0; b < blocks; b++) {
            int in = sourceOffset + b * KQuantMath.QK_K;
            byte[] block = new byte[BLOCK_BYTES];
            if (importance == null) {
                packScales(source, in, weights, scales, mins, levels, scratch, block);
            } else {
                packWeightedScales(source, in, importance, importanceOffset + b * KQuantMath.QK_K, weights, scales,
                        mins, levels, scratch, block);
            }
            float superScale = KQuantMath.getFp16(block, D);
            float superMin = KQuantMath.getFp16(block, DMIN);
            for (int s = 0; s < 16; s++) {
                int packed = block[s] & 0xFF;
                float d = superScale * (packed & 0xF);
                if (d == 0) {
                    continue;
                }
                float dm = superMin * (packed >> 4);
                for (int i = 0; i < 16; i++) {
                    int l = KQuantMath.nearestInt((source[in + 16 * s + i] + dm) / d);
                    levels[16 * s + i] = Math.max(0, Math.min(3, l));
                }
            }
            KQuantMath.packTwoBits(levels, block, QUANTS);
            KQuantMath.writeBlock(block, destination, destinationOffset, b);
        }
    }

    /** {@code quantize_row_q2_K_ref}'s sub-block scales and minimums, packed with d and dmin into {@code block}. */
    private static void packScales(float[] source, int in, float[] weights, float[] scales, float[] mins,
            int[] levels, int[] scratch, byte[] block) {
        float maxScale = 0;
        float maxMin = 0;
        for (int s = 0; s < 16; s++) {
            for (int i = 0; i < 16; i++) {
                weights[i] = Math.abs(source[in + 16 * s + i]);
            }
            scales[s] = KQuantMath.makeQkx2Quants(16, 3, source, in + 16 * s, weights, levels, 16 * s, mins, s,
                    scratch, -0.5f, 0.1f, 15, true);
            if (scales[s] > maxScale) {
                maxScale = scales[s];
            }
            if (mins[s] > maxMin) {
                maxMin = mins[s];
            }
        }
        if (maxScale > 0) {
            float iscale = 15.0f / maxScale;
            for (int s = 0; s < 16; s++) {
                block[s] = (byte) KQuantMath.nearestInt(iscale * scales[s]);
            }
            KQuantMath.putFp16(block, D, maxScale / 15.0f);
        }
        if (maxMin > 0) {
            float iscale = 15.0f / maxMin;
            for (int s = 0; s < 16; s++) {
                block[s] |= (byte) (KQuantMath.nearestInt(iscale * mins[s]) << 4);
            }
            KQuantMath.putFp16(block, DMIN, maxMin / 15.0f);
        }
    }

    /** {@code quantize_row_q2_K_impl}'s importance-weighted scales and minimums, packed with d and dmin. */
    private static void packWeightedScales(float[] source, int in, float[] importance, int importanceOffset,
            float[] weights, float[] scales, float[] mins, int[] levels, int[] scratch, byte[] block) {
        float[] blockWeights = new float[16];
        int[] scaleLevels = new int[16];
        int[] minLevels = new int[16];
        float sigma2 = KQuantMath.sumOfSquares(source, in, KQuantMath.QK_K) / KQuantMath.QK_K;
        for (int s = 0; s < 16; s++) {
            KQuantMath.importanceWeights(source, in + 16 * s, importance, importanceOffset + 16 * s, sigma2, weights,
                    16);
            float sumWeights = 0;
            for (int i = 0; i < 16; i++) {
                sumWeights += weights[i];
            }
            blockWeights[s] = sumWeights;
            // make_qkx3_quants with weights is make_qkx2_quants.
            scales[s] = KQuantMath.makeQkx2Quants(16, 3, source, in + 16 * s, weights, levels, 16 * s, mins, s,
                    scratch, -0.9f, 0.05f, 36, false);
        }
        float blockScale = KQuantMath.makeQpQuants(16, 15, scales, scaleLevels, blockWeights);
        float blockMin = KQuantMath.makeQpQuants(16, 15, mins, minLevels, blockWeights);
        KQuantMath.putFp16(block, D, blockScale);
        KQuantMath.putFp16(block, DMIN, blockMin);
        for (int s = 0; s < 16; s++) {
            block[s] = (byte) (scaleLevels[s] | minLevels[s] << 4);
        }
    }
}
