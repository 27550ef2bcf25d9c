package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/** Reference codec for {@link QuantFormat#Q5_1}: 5-bit quants with an f16 scale and an f16 minimum per 32 elements. */
public final class Q5_1Codec implements QuantCodec {

    // Block: 32 elements in 24 bytes.
    //   bytes 0-1   f16 d
    //   bytes 2-3   f16 m (the block minimum)
    //   bytes 4-7   little-endian uint32 qh: bit j is the fifth bit of element j
    //   bytes 8-23  low nibbles: byte j holds element j (low nibble) and element j + 16 (high nibble)
    // value = d * q + m
    private static final int BLOCK_SIZE = 32;
    private static final int BLOCK_BYTES = 24;
    private static final int MIN = 2;
    private static final int HIGH_BITS = 4;
    private static final int QUANTS = 8;

    @Override
    public QuantFormat format() {
        return QuantFormat.Q5_1;
    }

    @Override
    public void dequantize(MemorySegment source, long sourceOffset, float[] destination, int destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q5_1", BLOCK_SIZE, count);
        Objects.checkFromIndexSize(destinationOffset, count, destination.length);
        for (int block = 0; block < blocks; block++) {
            long at = sourceOffset + (long) block * BLOCK_BYTES;
            int out = destinationOffset + block * BLOCK_SIZE;
            float d = QuantBits.readFp16(source, at);
            float m = QuantBits.readFp16(source, at + MIN);
            int highBits = source.get(QuantBits.LE_INT, at + HIGH_BITS);
            for (int j = 0; j < BLOCK_SIZE / 2; j++) {
                int packed = source.get(ValueLayout.JAVA_BYTE, at + QUANTS + j) & 0xFF;
                int low = (packed & 0x0F) | (highBits >>> j & 1) << 4;
                int high = (packed >>> 4) | (highBits >>> (j + BLOCK_SIZE / 2) & 1) << 4;
                destination[out + j] = low * d + m;
                destination[out + j + BLOCK_SIZE / 2] = high * d + m;
            }
        }
    }

    @Override
    public void quantize(float[] source, int sourceOffset, MemorySegment destination, long destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q5_1", BLOCK_SIZE, count);
        Objects.checkFromIndexSize(sourceOffset, count, source.length);
        for (int block = 0; block < blocks; block++) {
            int in = sourceOffset + block * BLOCK_SIZE;
            long at = destinationOffset + (long) block * BLOCK_BYTES;
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int j = 0; j < BLOCK_SIZE; j++) {
                float value = source[in + j];
                if (value < min) {
                    min = value;
                }
                if (value > max) {
                    max = value;
                }
            }
            // d and m are stored as f16, but the quants are computed from their float values.
            float d = (max - min) / 31;
            float inverse = d != 0 ? 1.0f / d : 0.0f;
            QuantBits.writeFp16(destination, at, d);
            QuantBits.writeFp16(destination, at + MIN, min);
            int highBits = 0;
            for (int j = 0; j < BLOCK_SIZE / 2; j++) {
                int low = quant((source[in + j] - min) * inverse);
                int high = quant((source[in + j + BLOCK_SIZE / 2] - min) * inverse);
                destination.set(ValueLayout.JAVA_BYTE, at + QUANTS + j, (byte) ((low & 0x0F) | (high & 0x0F) << 4));
                highBits |= (low >>> 4 & 1) << j;
                highBits |= (high >>> 4 & 1) << (j + BLOCK_SIZE / 2);
            }
            destination.set(QuantBits.LE_INT, at + HIGH_BITS, highBits);
        }
    }

    @Override
    public boolean usesImportance() {
        return true;
    }

    /**
     * ggml's {@code quantize_row_q5_1_impl}: per block, the scale and minimum {@code make_qkx3_quants} finds for
     * levels 0..31, each element weighted by its column's importance times {@code sqrt(sigma2 + x^2)}, sigma2 the row's
     * mean square.
     */
    @Override
    public void quantizeWeighted(float[] source, int sourceOffset, float[] importance, int importanceOffset,
            MemorySegment destination, long destinationOffset, int length) {
        int blocks = QuantBits.checkBlocks("Q5_1", BLOCK_SIZE, length);
        Objects.checkFromIndexSize(sourceOffset, length, source.length);
        Objects.checkFromIndexSize(importanceOffset, length, importance.length);
        float sigma2 = KQuantMath.sumOfSquares(source, sourceOffset, length) / length;
        float[] weights = new float[BLOCK_SIZE];
        int[] levels = new int[BLOCK_SIZE];
        int[] scratch = new int[BLOCK_SIZE];
        float[] minimum = new float[1];
        for (int block = 0; block < blocks; block++) {
            int in = sourceOffset + block * BLOCK_SIZE;
            long at = destinationOffset + (long) block * BLOCK_BYTES;
            KQuantMath.importanceWeights(source, in, importance, importanceOffset + block * BLOCK_SIZE, sigma2, weights,
                    BLOCK_SIZE);
            // make_qkx3_quants with weights is make_qkx2_quants; it returns the minimum negated.
            float d = KQuantMath.makeQkx2Quants(BLOCK_SIZE, 31, source, in, weights, levels, 0, minimum, 0, scratch,
                    -0.9f, 0.05f, 36, false);
            QuantBits.writeFp16(destination, at, d);
            QuantBits.writeFp16(destination, at + MIN, -minimum[0]);
            int highBits = 0;
            for (int j = 0; j < BLOCK_SIZE / 2; j++) {
                int low = levels[j];
                int high = levels[j + BLOCK_SIZE / 2];
                destination.set(ValueLayout.JAVA_BYTE, at + QUANTS + j, (byte) ((low & 0x0F) | (high & 0x0F) << 4));
                highBits |= (low >>> 4 & 1) << j;
                highBits |= (high >>> 4 & 1) << (j + BLOCK_SIZE / 2);
            }
            destination.set(QuantBits.LE_INT, at + HIGH_BITS, highBits);
        }
    }

    /** ggml's {@code (uint8_t)(x + 0.5f)}: no clamp, unlike Q4_1. */
    private static int quant(float scaled) {
        return QuantBits.truncateToInt(scaled + 0.5f) & 0xFF;
    }
}
