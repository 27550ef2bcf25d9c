package dev.caracal.api.tensor;

/**
 * A read-only model weight on a backend's device, in one of the GGML {@link QuantFormat}s.
 *
 * <p>Shape is outermost first: a matrix is {@code [rows, columns]} with rows contiguous (ggml's {@code ne} reversed);
 * a vector (a norm weight, a bias) is {@code [length]}.
 */
public interface WeightTensor {

    String name();

    /** Dimensions, outermost first. */
    long[] shape();

    QuantFormat format();

    /** Rows of a matrix (1 for a vector). */
    default int rows() {
        long[] shape = shape();
        return shape.length == 1 ? 1 : Math.toIntExact(shape[0]);
    }

    /** Values per row (the length of a vector). */
    default int columns() {
        long[] shape = shape();
        return Math.toIntExact(shape[shape.length - 1]);
    }
}
