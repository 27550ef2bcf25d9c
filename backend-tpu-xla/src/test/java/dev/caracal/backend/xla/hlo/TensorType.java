package dev.caracal.backend.xla.hlo;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A ranked tensor type, {@code tensor<4x64xf32>} or the scalar {@code tensor<f32>}; elements are row-major. */
public record TensorType(ElementType elementType, List<Integer> shape) {

    public TensorType {
        shape = List.copyOf(shape);
        for (int dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in " + shape);
            }
        }
    }

    public static TensorType of(ElementType elementType, int... dims) {
        return new TensorType(elementType, Arrays.stream(dims).boxed().toList());
    }

    /** Parses the MLIR spelling, {@code tensor<2x3xbf16>}. */
    public static TensorType of(String mlir) {
        Cursor cursor = new Cursor(mlir, 0);
        TensorType type = cursor.tensorType();
        cursor.expectEnd("after the tensor type");
        return type;
    }

    public int rank() {
        return shape.size();
    }

    public int dim(int axis) {
        return shape.get(axis);
    }

    public int[] dims() {
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The number of elements. */
    public int size() {
        long size = 1;
        for (int dim : shape) {
            size *= dim;
        }
        return Math.toIntExact(size);
    }

    /** Row-major strides: the flat distance between neighbours along each axis. */
    public int[] strides() {
        int[] strides = new int[rank()];
        int stride = 1;
        for (int axis = rank() - 1; axis >= 0; axis--) {
            strides[axis] = stride;
            stride *= shape.get(axis);
        }
        return strides;
    }

    public TensorType withElementType(ElementType newElementType) {
        return new TensorType(newElementType, shape);
    }

    @Override
    public String toString() {
        String dims = shape.stream().map(dim -> dim + "x").collect(Collectors.joining());
        return "tensor<" + dims + elementType.mlirName() + ">";
    }
}
