package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;

/** Reference codec for {@link QuantFormat#F32}: little-endian IEEE floats copied bit for bit. */
public final class Float32Codec implements QuantCodec {

    // Layout: one 4-byte little-endian float per element.

    @Override
    public QuantFormat format() {
        return QuantFormat.F32;
    }

    @Override
    public void dequantize(MemorySegment source, long sourceOffset, float[] destination, int destinationOffset, int count) {
        QuantBits.checkBlocks("F32", 1, count);
        MemorySegment.copy(source, QuantBits.LE_FLOAT, sourceOffset, destination, destinationOffset, count);
    }

    @Override
    public void quantize(float[] source, int sourceOffset, MemorySegment destination, long destinationOffset, int count) {
        QuantBits.checkBlocks("F32", 1, count);
        MemorySegment.copy(source, sourceOffset, destination, QuantBits.LE_FLOAT, destinationOffset, count);
    }
}
