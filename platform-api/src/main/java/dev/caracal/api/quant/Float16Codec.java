package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** Reference codec for {@link QuantFormat#F16}: IEEE half precision, rounded to nearest even as ggml does. */
public final class Float16Codec implements QuantCodec {

    // Layout: one 2-byte little-endian IEEE binary16 per element.

    @Override
    public QuantFormat format() {
        return QuantFormat.F16;
    }

    @Override
    public void dequantize(MemorySegment source, long sourceOffset, float[] destination, int destinationOffset, int count) {
        QuantBits.checkBlocks("F16", 1, count);
        Objects.checkFromIndexSize(destinationOffset, count, destination.length);
        for (int i = 0; i < count; i++) {
            destination[destinationOffset + i] = QuantBits.readFp16(source, sourceOffset + 2L * i);
        }
    }

    @Override
    public void quantize(float[] source, int sourceOffset, MemorySegment destination, long destinationOffset, int count) {
        QuantBits.checkBlocks("F16", 1, count);
        Objects.checkFromIndexSize(sourceOffset, count, source.length);
        for (int i = 0; i < count; i++) {
            QuantBits.writeFp16(destination, destinationOffset + 2L * i, source[sourceOffset + i]);
        }
    }
}
