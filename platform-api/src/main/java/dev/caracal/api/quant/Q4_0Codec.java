package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/** Reference codec for {@link QuantFormat#Q4_0}: 4-bit quants around 8 with one f16 scale per 32 elements. */
public final class Q4_0Codec implements QuantCodec {

    // Block: 32 elements in 18 bytes.
    //   bytes 0-1   f16 d
    //   bytes 2-17  nibbles: byte j holds element j (low nibble) and element j + 16 (high nibble)
    // value = d * (q - 8)
    private static final int BLOCK_SIZE = 32;
    private static final int BLOCK_BYTES = 18;
    private static final int QUANTS = 2;

    @Override
    public QuantFormat format() {
        return QuantFormat.Q4_0;
    }

    @Override
    public void dequantize(MemorySegment source, long sourceOffset, float[] destination, int destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q4_0", BLOCK_SIZE, count);
        Objects.checkFromIndexSize(destinationOffset, count, destination.length);
        for (int block = 0; block < blocks; block++) {
            long at = sourceOffset + (long) block * BLOCK_BYTES;
            int out = destinationOffset + block * BLOCK_SIZE;
            float d = QuantBits.readFp16(source, at);
            for (int j = 0; j < BLOCK_SIZE / 2; j++) {
                int packed = source.get(ValueLayout.JAVA_BYTE, at + QUANTS + j) & 0xFF;
                destination[out + j] = ((packed & 0x0F) - 8) * d;
                destination[out + j + BLOCK_SIZE / 2] = ((packed >>> 4) - 8) * d;
            }
        }
    }

    @Override
    public void quantize(float[] source, int sourceOffset, MemorySegment destination, long destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q4_0", BLOCK_SIZE, count);
        Objects.checkFromIndexSize(sourceOffset, count, source.length);
        for (int block = 0; block < blocks; block++) {
            int in = sourceOffset + block * BLOCK_SIZE;
            long at = destinationOffset + (long) block * BLOCK_BYTES;
            // The value of largest magnitude, sign kept, maps to q = 0 (the first such value wins ties).
            float absoluteMax = 0.0f;
            float max = 0.0f;
            for (int j = 0; j < BLOCK_SIZE; j++) {
                float value = source[in + j];
                if (absoluteMax < Math.abs(value)) {
                    absoluteMax = Math.abs(value);
                    max = value;
                }
            }
            float d = max / -8;
            float inverse = d != 0 ? 1.0f / d : 0.0f;
            QuantBits.writeFp16(destination, at, d);
            for (int j = 0; j < BLOCK_SIZE / 2; j++) {
                int low = quant(source[in + j] * inverse);
                int high = quant(source[in + j + BLOCK_SIZE / 2] * inverse);
                destination.set(ValueLayout.JAVA_BYTE, at + QUANTS + j, (byte) (low | high << 4));
            }
        }
    }

    @Override
    public boolean usesImportance() {
        return true;
    }

    /**
     * ggml's {@code quantize_row_q4_0_impl}: per block, the signed scale {@code make_qx_quants} finds for levels
     * -8..7, each element weighted by its column's importance times {@code sqrt(sigma2 + x^2)}, sigma2 the row's
     * mean square; the quants are the search's own (no re-rounding against the f16 scale).
     */
    @Override
    public void quantizeWeighted(float[] source, int sourceOffset, float[] importance, int importanceOffset,
            MemorySegment destination, long destinationOffset, int length) {
        int blocks = QuantBits.checkBlocks("Q4_0", BLOCK_SIZE, length);
        Objects.checkFromIndexSize(sourceOffset, length, source.length);
        Objects.checkFromIndexSize(importanceOffset, length, importance.length);
        float sigma2 = KQuantMath.sumOfSquares(source, sourceOffset, length) / length;
        float[] weights = new float[BLOCK_SIZE];
        int[] levels = new int[BLOCK_SIZE];
        for (int block = 0; block < blocks; block++) {
            int in = sourceOffset + block * BLOCK_SIZE;
            long at = destinationOffset + (long) block * BLOCK_BYTES;
            KQuantMath.importanceWeights(source, in, importance, importanceOffset + block * BLOCK_SIZE, sigma2, weights,
                    BLOCK_SIZE);
            float d = KQuantMath.makeQxQuants(BLOCK_SIZE, 8, source, in, weights, 0, levels, 0, 1);
            QuantBits.writeFp16(destination, at, d);
            for (int j = 0; j < BLOCK_SIZE / 2; j++) {
                destination.set(ValueLayout.JAVA_BYTE, at + QUANTS + j,
                        (byte) (levels[j] | levels[j + BLOCK_SIZE / 2] << 4));
            }
        }
    }

    /** ggml's {@code MIN(15, (int8_t)(x + 8.5f))} stored as a {@code uint8_t}. */
    private static int quant(float scaled) {
        return Math.min(15, (byte) QuantBits.truncateToInt(scaled + 8.5f)) & 0xFF;
    }
}
