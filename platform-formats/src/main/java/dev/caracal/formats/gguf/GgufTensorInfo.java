package dev.caracal.formats.gguf;

import dev.caracal.api.tensor.QuantFormat;
import java.util.Arrays;

/**
 * One tensor's entry in a GGUF file's header.
 *
 * @param name           the tensor's name
 * @param dimensions     ggml's {@code ne}: innermost (contiguous) dimension first, so a matrix of R rows of C columns
 *                       is {@code [C, R]}
 * @param format         how elements are stored
 * @param relativeOffset the first byte, counted from the start of the file's tensor data section
 */
public record GgufTensorInfo(String name, long[] dimensions, QuantFormat format, long relativeOffset) {

    public GgufTensorInfo {
        dimensions = dimensions.clone();
    }

    @Override
    public long[] dimensions() {
        return dimensions.clone();
    }

    /** The shape outermost first (PyTorch order): {@code dimensions} reversed. */
    public long[] shape() {
        long[] shape = new long[dimensions.length];
        for (int i = 0; i < dimensions.length; i++) {
            shape[i] = dimensions[dimensions.length - 1 - i];
        }
        return shape;
    }

    /** The number of elements. */
    public long elementCount() {
        long count = 1;
        for (long dimension : dimensions) {
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    /** The bytes the tensor's data takes. */
    public long byteSize() {
        return format.bytesFor(elementCount());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GgufTensorInfo that
                && name.equals(that.name)
                && Arrays.equals(dimensions, that.dimensions)
                && format == that.format
                && relativeOffset == that.relativeOffset;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dimensions);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(dimensions) + " " + format + " @" + relativeOffset;
    }
}
