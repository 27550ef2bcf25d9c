package dev.caracal.api.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A {@link WeightTensor} whose bytes are in host memory (usually a zero-copy view of a memory-mapped model file).
 *
 * @param name   the tensor's name
 * @param shape  outermost first
 * @param format how its elements are stored
 * @param bytes  exactly {@code format.bytesFor(elements)} bytes, rows contiguous
 */
public record HostWeight(String name, long[] shape, QuantFormat format, MemorySegment bytes) implements WeightTensor {

    public HostWeight {
        shape = shape.clone();
        long elements = 1;
        for (long dimension : shape) {
            elements = Math.multiplyExact(elements, dimension);
        }
        long expected = format.bytesFor(elements);
        if (bytes.byteSize() != expected) {
            throw new IllegalArgumentException(name + " " + Arrays.toString(shape) + " " + format + " needs " + expected
                    + " bytes, got " + bytes.byteSize());
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Rows of a matrix (1 for a vector), without copying the shape: kernels ask for it on every call. */
    @Override
    public int rows() {
        return shape.length == 1 ? 1 : Math.toIntExact(shape[0]);
    }

    /** Values per row, without copying the shape. */
    @Override
    public int columns() {
        return Math.toIntExact(shape[shape.length - 1]);
    }

    /** Bytes of one row. */
    public long rowBytes() {
        return format.bytesFor(columns());
    }

    /** The host weight behind {@code weight}, for backends that compute in host memory. */
    public static HostWeight of(WeightTensor weight) {
        if (weight instanceof HostWeight host) {
            return host;
        }
        throw new IllegalArgumentException("expected a host weight, got " + weight.getClass().getName());
    }
}
