package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** Reference codec for {@link QuantFormat#BF16}: the top 16 bits of a float, rounded to nearest even as ggml does. */
public final class BFloat16Codec implements QuantCodec {

    // Layout: one 2-byte little-endian bfloat16 (sign, 8 exponent bits, 7 mantissa bits) per element.

    @Override
    public QuantFormat format() {
        return QuantFormat.BF16;
    }

    @Override
    public void dequantize(MemorySegment source, long sourceOffset, float[] destination, int destinationOffset, int count) {
        QuantBits.checkBlocks("BF16", 1, count);
        Objects.checkFromIndexSize(destinationOffset, count, destination.length);
        for (int i = 0; i < count; i++) {
            destination[destinationOffset + i] =
                    QuantBits.bf16ToFloat(source.get(QuantBits.LE_SHORT, sourceOffset + 2L * i));
        }
    }

    @Override
    public void quantize(float[] source, int sourceOffset, MemorySegment destination, long destinationOffset, int count) {
        QuantBits.checkBlocks("BF16", 1, count);
        Objects.checkFromIndexSize(sourceOffset, count, source.length);
        for (int i = 0; i < count; i++) {
            destination.set(QuantBits.LE_SHORT, destinationOffset + 2L * i,
                    QuantBits.floatToBf16(source[sourceOffset + i]));
        }
    }
}
