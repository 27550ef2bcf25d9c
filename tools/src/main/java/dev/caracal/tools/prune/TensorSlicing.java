package dev.caracal.tools.prune;

import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.gguf.GgufTensorInfo;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Whole rows or columns of a GGUF tensor copied out into a new one. In ggml order a matrix is {@code [columns, rows]}
 * (row length first); a vector {@code [n]} is taken as {@code n} rows of one element.
 */
final class TensorSlicing {

    private TensorSlicing() {
    }

    /** The tensor's rows: {@code dimensions[1]} for a matrix, its elements for a vector. */
    static long rowCount(GgufTensorInfo tensor) {
        return tensor.dimensions().length == 1 ? tensor.dimensions()[0] : tensor.elementCount() / rowLength(tensor);
    }

    private static long rowLength(GgufTensorInfo tensor) {
        return tensor.dimensions().length == 1 ? 1 : tensor.dimensions()[0];
    }

    /** The dimensions after keeping {@code rows} rows. */
    static long[] keptRowsDimensions(GgufTensorInfo tensor, int rows) {
        long[] dimensions = tensor.dimensions();
        if (dimensions.length == 1) {
            return new long[] {rows};
        }
        requireMatrix(tensor);
        return new long[] {dimensions[0], rows};
    }

    /** The dimensions after keeping {@code columns} columns. */
    static long[] keptColumnsDimensions(GgufTensorInfo tensor, int columns) {
        requireMatrix(tensor);
        return new long[] {columns, tensor.dimensions()[1]};
    }

    /** Rows {@code rows} (ascending indices) of {@code data}, copied in that order into a segment of {@code arena}. */
    static MemorySegment rows(GgufTensorInfo tensor, MemorySegment data, int[] rows, Arena arena) {
        long rowBytes = tensor.format().bytesFor(rowLength(tensor));
        MemorySegment target = arena.allocate(rowBytes * rows.length, 64);
        for (int i = 0; i < rows.length; i++) {
            MemorySegment.copy(data, rows[i] * rowBytes, target, i * rowBytes, rowBytes);
        }
        return target;
    }

    /** Columns {@code columns} of every row of the floating-point matrix {@code data}, copied into {@code arena}. */
    static MemorySegment columns(GgufTensorInfo tensor, MemorySegment data, int[] columns, Arena arena) {
        requireMatrix(tensor);
        QuantFormat format = tensor.format();
        if (format.blockSize() != 1) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " is " + format
                    + "; only F32, F16 and BF16 matrices can lose columns");
        }
        long elementBytes = format.bytesPerBlock();
        long rowBytes = format.bytesFor(tensor.dimensions()[0]);
        long rows = tensor.dimensions()[1];
        long keptRowBytes = elementBytes * columns.length;
        MemorySegment target = arena.allocate(keptRowBytes * rows, 64);
        for (long row = 0; row < rows; row++) {
            for (int i = 0; i < columns.length; i++) {
                MemorySegment.copy(data, row * rowBytes + columns[i] * elementBytes, target,
                        row * keptRowBytes + i * elementBytes, elementBytes);
            }
        }
        return target;
    }

    /** Per column of the matrix {@code data}, the sum of its squared values over the rows. */
    static double[] columnSquaredNorms(GgufTensorInfo tensor, MemorySegment data) {
        requireMatrix(tensor);
        int columns = Math.toIntExact(tensor.dimensions()[0]);
        long rows = tensor.dimensions()[1];
        QuantCodec codec = QuantCodecs.of(tensor.format());
        long rowBytes = tensor.format().bytesFor(columns);
        float[] row = new float[columns];
        double[] norms = new double[columns];
        for (long r = 0; r < rows; r++) {
            codec.dequantize(data, r * rowBytes, row, 0, columns);
            for (int c = 0; c < columns; c++) {
                norms[c] += (double) row[c] * row[c];
            }
        }
        return norms;
    }

    private static void requireMatrix(GgufTensorInfo tensor) {
        if (tensor.dimensions().length != 2) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " has " + tensor.dimensions().length
                    + " dimensions; a matrix was expected");
        }
    }
}
