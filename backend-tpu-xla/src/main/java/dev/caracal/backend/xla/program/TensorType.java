package dev.caracal.backend.xla.program;

import java.util.Arrays;

/**
 * A ranked tensor type, {@code tensor<4x64xf32>} (a scalar is {@code tensor<f32>}).
 *
 * @param element    the element type
 * @param dimensions sizes, outermost first
 */
public record TensorType(ElementType element, long... dimensions) {

    public TensorType {
        dimensions = dimensions.clone();
        for (long dimension : dimensions) {
            if (dimension < 0) {
                throw new IllegalArgumentException("a negative dimension in " + Arrays.toString(dimensions));
            }
        }
    }

    @Override
    public long[] dimensions() {
        return dimensions.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return dimensions.length;
    }

    /** Size of dimension {@code index}. */
    public long dimension(int index) {
        return dimensions[index];
    }

    /** The number of elements. */
    public long elementCount() {
        long count = 1;
        for (long dimension : dimensions) {
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    /** The same shape with another element type. */
    public TensorType withElement(ElementType other) {
        return new TensorType(other, dimensions);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorType type && type.element == element
                && Arrays.equals(type.dimensions, dimensions);
    }

    @Override
    public int hashCode() {
        return 31 * element.hashCode() + Arrays.hashCode(dimensions);
    }

    /** MLIR's spelling: {@code tensor<4x64xf32>}. */
    @Override
    public String toString() {
        return appendTo(new StringBuilder(24)).toString();
    }

    /** Appends MLIR's spelling to {@code text} (a program's text is mostly types: no intermediate strings). */
    public StringBuilder appendTo(StringBuilder text) {
        text.append("tensor<");
        for (long dimension : dimensions) {
            text.append(dimension).append('x');
        }
        return text.append(element.mlir()).append('>');
    }
}
