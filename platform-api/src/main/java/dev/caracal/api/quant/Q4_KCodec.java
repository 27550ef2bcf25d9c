package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Reference codec for {@link QuantFormat#Q4_K}: 4-bit quants in 256-element super-blocks of eight 32-element sub-
 * blocks with 6-bit scales and minimums.
 */
public final class Q4_KCodec implements QuantCodec {

    // Block: 256 elements in 144 bytes.
    //   bytes 0-1     f16 d (scale of the sub-block scales)
    //   bytes 2-3     f16 dmin (scale of the sub-block minimums)
    //   bytes 4-15    eight 6-bit scales and eight 6-bit minimums (KQuantMath.packScaleMin)
    //   bytes 16-143  nibbles: 64-element chunk c uses bytes 16 + 32c .. +31; byte l holds element 64c + l (low
    //                 nibble) and element 64c + 32 + l (high nibble)
    // value = d * scale[s] * q - dmin * min[s], s = element / 32
    private static final int BLOCK_BYTES = 144;
    private static final int SCALES = 4;
    private static final int QUANTS = 16;

    @Override
    public QuantFormat format() {
        return QuantFormat.Q4_K;
    }

    @Override
    public void dequantize(MemorySegment source, long sourceOffset, float[] destination, int destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q4_K", KQuantMath.QK_K, count);
        Objects.checkFromIndexSize(destinationOffset, count, destination.length);
        byte[] block = new byte[BLOCK_BYTES];
        for (int b = 0; b < blocks; b++) {
            KQuantMath.readBlock(source, sourceOffset, b, block);
            int out = destinationOffset + b * KQuantMath.QK_K;
            float d = KQuantMath.getFp16(block, 0);
            float dmin = KQuantMath.getFp16(block, 2);
            for (int chunk = 0; chunk < 4; chunk++) {
                float d1 = d * KQuantMath.unpackScale(block, SCALES, 2 * chunk);
                float m1 = dmin * KQuantMath.unpackMin(block, SCALES, 2 * chunk);
                float d2 = d * KQuantMath.unpackScale(block, SCALES, 2 * chunk + 1);
                float m2 = dmin * KQuantMath.unpackMin(block, SCALES, 2 * chunk + 1);
                for (int l = 0; l < 32; l++) {
                    int packed = block[QUANTS + 32 * chunk + l] & 0xFF;
                    destination[out + 64 * chunk + l] = d1 * (packed & 0xF) - m1;
                    destination[out + 64 * chunk + 32 + l] = d2 * (packed >> 4) - m2;
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

    /** ggml's {@code quantize_row_q4_K_impl}: {@link KQuantMath#quantizeScaleMinSuperBlockWeighted}. */
    @Override
    public void quantizeWeighted(float[] source, int sourceOffset, float[] importance, int importanceOffset,
            MemorySegment destination, long destinationOffset, int length) {
        Objects.checkFromIndexSize(importanceOffset, length, importance.length);
        quantize(source, sourceOffset, importance, importanceOffset, destination, destinationOffset, length);
    }

    private void quantize(float[] source, int sourceOffset, float[] importance, int importanceOffset,
            MemorySegment destination, long destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q4_K", KQuantMath.QK_K, count);
        Objects.checkFromIndexSize(sourceOffset, count, source.length);
        int[] levels = new int[KQuantMath.QK_K];
        for (int b = 0; b < blocks; b++) {
            byte[] block = new byte[BLOCK_BYTES];
            int in = sourceOffset + b * KQuantMath.QK_K;
            if (importance == null) {
                KQuantMath.quantizeScaleMinSuperBlock(source, in, 15, -1.0f, 0.1f, 20, block, levels);
            } else {
                KQuantMath.quantizeScaleMinSuperBlockWeighted(source, in, importance,
                        importanceOffset + b * KQuantMath.QK_K, 15, false, block, levels);
            }
            for (int chunk = 0; chunk < 4; chunk++) {
                for (int l = 0; l < 32; l++) {
                    block[QUANTS + 32 * chunk + l] = (byte) (levels[64 * chunk + l] | levels[64 * chunk + 32 + l] << 4);
                }
            }
            KQuantMath.writeBlock(block, destination, destinationOffset, b);
        }
    }
}
