package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Reference codec for {@link QuantFormat#Q8_K}: 8-bit quants with one f32 scale and sixteen 16-element sums per 256
 * elements, the activation format of K-quant dot products.
 */
public final class Q8_KCodec implements QuantCodec {

    // Block: 256 elements in 292 bytes.
    //   bytes 0-3     f32 d
    //   bytes 4-259   256 int8 quants
    //   bytes 260-291 sixteen int16 sums, each of 16 consecutive quants
    // value = d * q
    private static final int BLOCK_BYTES = 292;
    private static final int QUANTS = 4;
    private static final int SUMS = 260;

    @Override
    public QuantFormat format() {
        return QuantFormat.Q8_K;
    }

    @Override
    public void dequantize(MemorySegment source, long sourceOffset, float[] destination, int destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q8_K", KQuantMath.QK_K, count);
        Objects.checkFromIndexSize(destinationOffset, count, destination.length);
        byte[] block = new byte[BLOCK_BYTES];
        for (int b = 0; b < blocks; b++) {
            KQuantMath.readBlock(source, sourceOffset, b, block);
            int out = destinationOffset + b * KQuantMath.QK_K;
            float d = Float.intBitsToFloat(
                    (block[0] & 0xFF) | (block[1] & 0xFF) << 8 | (block[2] & 0xFF) << 16 | (block[3] & 0xFF) << 24);
            for (int e = 0; e < KQuantMath.QK_K; e++) {
                destination[out + e] = d * block[QUANTS + e];
            }
        }
    }

    @Override
    public void quantize(float[] source, int sourceOffset, MemorySegment destination, long destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q8_K", KQuantMath.QK_K, count);
        Objects.checkFromIndexSize(sourceOffset, count, source.length);
        for (int b = 0; b < blocks; b++) {
            int in = sourceOffset + b * KQuantMath.QK_K;
            byte[] block = new byte[BLOCK_BYTES];
            float max = 0;
            float amax = 0;
            for (int e = 0; e < KQuantMath.QK_K; e++) {
                float ax = Math.abs(source[in + e]);
                if (ax > amax) {
                    amax = ax;
                    max = source[in + e];
                }
            }
            if (amax != 0) {
                // -127, not -128, so that every quant fits the AVX kernels' signed range.
                float iscale = -127.0f / max;
                for (int e = 0; e < KQuantMath.QK_K; e++) {
                    block[QUANTS + e] = (byte) Math.min(127, KQuantMath.nearestInt(iscale * source[in + e]));
                }
                for (int g = 0; g < 16; g++) {
                    int sum = 0;
                    for (int i = 0; i < 16; i++) {
                        sum += block[QUANTS + 16 * g + i];
                    }
                    block[SUMS + 2 * g] = (byte) sum;
                    block[SUMS + 2 * g + 1] = (byte) (sum >> 8);
                }
                int bits = Float.floatToRawIntBits(1 / iscale);
                for (int k = 0; k < 4; k++) {
                    block[k] = (byte) (bits >> (8 * k));
                }
            }
            // An all-zero block stays all zero bytes (ggml leaves its sums unwritten; zero is their true value).
            KQuantMath.writeBlock(block, destination, destinationOffset, b);
        }
    }
}
