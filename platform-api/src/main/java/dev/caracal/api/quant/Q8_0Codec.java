package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/** Reference codec for {@link QuantFormat#Q8_0}: signed 8-bit quants with one f16 scale per 32 elements. */
public final class Q8_0Codec implements QuantCodec {

    // Block: 32 elements in 34 bytes.
    //   bytes 0-1   f16 d
    //   bytes 2-33  int8 q, element j in byte 2 + j
    // value = d * q
    private static final int BLOCK_SIZE = 32;
    private static final int BLOCK_BYTES = 34;
    private static final int QUANTS = 2;

    @Override
    public QuantFormat format() {
        return QuantFormat.Q8_0;
    }

    @Override
    public void dequantize(MemorySegment source, long sourceOffset, float[] destination, int destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q8_0", BLOCK_SIZE, count);
        Objects.checkFromIndexSize(destinationOffset, count, destination.length);
        for (int block = 0; block < blocks; block++) {
            long at = sourceOffset + (long) block * BLOCK_BYTES;
            int out = destinationOffset + block * BLOCK_SIZE;
            float d = QuantBits.readFp16(source, at);
            for (int j = 0; j < BLOCK_SIZE; j++) {
                destination[out + j] = source.get(ValueLayout.JAVA_BYTE, at + QUANTS + j) * d;
            }
        }
    }

    @Override
    public void quantize(float[] source, int sourceOffset, MemorySegment destination, long destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("Q8_0", BLOCK_SIZE, count);
        Objects.checkFromIndexSize(sourceOffset, count, source.length);
        for (int block = 0; block < blocks; block++) {
            int in = sourceOffset + block * BLOCK_SIZE;
            long at = destinationOffset + (long) block * BLOCK_BYTES;
            float absoluteMax = 0.0f;
            for (int j = 0; j < BLOCK_SIZE; j++) {
                float magnitude = Math.abs(source[in + j]);
                absoluteMax = absoluteMax > magnitude ? absoluteMax : magnitude; // ggml's MAX macro, NaN included
            }
            float d = absoluteMax / 127;
            float inverse = d != 0 ? 1.0f / d : 0.0f;
            QuantBits.writeFp16(destination, at, d);
            for (int j = 0; j < BLOCK_SIZE; j++) {
                // roundf rounds halfway cases away from zero; the int8_t store keeps the low byte.
                float rounded = QuantBits.roundf(source[in + j] * inverse);
                destination.set(ValueLayout.JAVA_BYTE, at + QUANTS + j, (byte) QuantBits.truncateToInt(rounded));
            }
        }
    }
}
