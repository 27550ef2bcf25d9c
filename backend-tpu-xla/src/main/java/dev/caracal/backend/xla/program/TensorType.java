package dev.caracal.backend.xla.program;

import java.util.Arrays;

/** A ranked tensor type, {@code tensor<4x64xf32>} (a scalar is {@code tensor<f32>}): its element type and sizes. */
public final class TensorType {

    private static final TensorType[] SCALARS = Arrays.stream(ElementType.values()).map(TensorType::new)
            .toArray(TensorType[]::new);

    private final ElementType element;
    private final long[] dimensions;
    private final int hash;

    /** A tensor of {@code element}s whose sizes are {@code dimensions}, outermost first. */
    public TensorType(ElementType element, long... dimensions) {
        this(element, dimensions.clone(), true);
    }

    /** A tensor whose sizes are {@code dimensions}, an array no one else holds. */
    private TensorType(ElementType element, long[] dimensions, boolean owned) {
        this.element = element;
        this.dimensions = dimensions;
        for (long dimension : dimensions) {
            if (dimension < 0) {
                throw new IllegalArgumentException("a negative dimension in " + Arrays.toString(dimensions));
            }
        }
        this.hash = 31 * element.ordinal() + Arrays.hashCode(dimensions);
    }

    /** A tensor of {@code element}s whose sizes are {@code dimensions}, which the caller hands over (no copy). */
    static TensorType owning(ElementType element, long[] dimensions) {
        return new TensorType(element, dimensions, true);
    }

    /** The scalar type of {@code element} ({@code tensor<f32>}), one instance per element type. */
    public static TensorType scalar(ElementType element) {
        return SCALARS[element.ordinal()];
    }

    /** The element type. */
    public ElementType element() {
        return element;
    }

    /** The sizes, outermost first (a copy). */
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
        return other == element ? this : new TensorType(other, dimensions, true);
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof TensorType type && type.hash == hash && type.element == element
                && Arrays.equals(type.dimensions, dimensions);
    }

    @Override
    public int hashCode() {
        return hash;
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
