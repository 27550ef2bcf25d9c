package dev.caracal.formats.safetensors;

import dev.caracal.api.tensor.QuantFormat;
import java.util.Arrays;

/**
 * One tensor's entry in a safetensors file's JSON header.
 *
 * @param name         the tensor's name as the file spells it ({@code model.layers.0.self_attn.q_proj.weight})
 * @param shape        dimensions, outermost first (PyTorch order); the last is contiguous; empty for a scalar
 * @param format       how elements are stored (F32, F16 or BF16)
 * @param dataBegin    first byte, counted from the start of the data section (the byte after the header)
 * @param dataEnd      one past the last byte, counted the same way
 * @param headerOffset where the entry's name starts in the file, for messages
 */
public record SafetensorsTensorInfo(
        String name, long[] shape, QuantFormat format, long dataBegin, long dataEnd, long headerOffset) {

    public SafetensorsTensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements (the product of the shape; 1 for a scalar). */
    public long elementCount() {
        long count = 1;
        for (long dimension : shape) {
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    /** The bytes the tensor's data takes. */
    public long byteSize() {
        return dataEnd - dataBegin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SafetensorsTensorInfo that
                && name.equals(that.name)
                && Arrays.equals(shape, that.shape)
                && format == that.format
                && dataBegin == that.dataBegin
                && dataEnd == that.dataEnd
                && headerOffset == that.headerOffset;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + format + " @[" + dataBegin + ", " + dataEnd + ")";
    }
}
