package dev.caracal.formats;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A named weight tensor: its shape, its format and a read-only view of its bytes (zero-copy over the mapped file where
 * the file's layout is the one Caracal uses).
 *
 * @param name  canonical tensor name, in llama.cpp's GGUF naming ({@code blk.0.attn_q.weight})
 * @param shape dimensions, outermost first as in PyTorch ({@code [rows, columns]} for a matrix); the last dimension
 *              is contiguous in memory
 * @param format how the elements are stored
 * @param data  the tensor's bytes, exactly {@code format.bytesFor(elementCount())} long
 */
public record TensorView(String name, long[] shape, QuantFormat format, MemorySegment data) {

    public TensorView {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements (the product of the shape). */
    public long elementCount() {
        long count = 1;
        for (long dimension : shape) {
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorView that
                && name.equals(that.name)
                && Arrays.equals(shape, that.shape)
                && format == that.format
                && data.equals(that.data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + format;
    }
}
