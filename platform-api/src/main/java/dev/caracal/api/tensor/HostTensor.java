package dev.caracal.api.tensor;

import java.util.Objects;

/**
 * A {@link Tensor} in Java heap memory: row {@code r} occupies {@code data[offset + r * columns, … + columns)}. The CPU
 * and reference backends compute on it directly.
 */
public final class HostTensor implements Tensor {

    private final float[] data;
    private final int offset;
    private final int rows;
    private final int columns;

    public HostTensor(int rows, int columns) {
        this(new float[Math.multiplyExact(rows, columns)], 0, rows, columns);
    }

    public HostTensor(float[] data, int offset, int rows, int columns) {
        this.data = Objects.requireNonNull(data, "data");
        if (rows < 0 || columns < 0 || offset < 0 || (long) offset + (long) rows * columns > data.length) {
            throw new IllegalArgumentException(
                    "a " + rows + " x " + columns + " tensor at " + offset + " does not fit " + data.length + " floats");
        }
        this.offset = offset;
        this.rows = rows;
        this.columns = columns;
    }

    /** The backing array (shared with every slice). */
    public float[] data() {
        return data;
    }

    /** Index in {@link #data()} of row 0, column 0. */
    public int offset() {
        return offset;
    }

    /** Index in {@link #data()} of the first value of {@code row}. */
    public int rowOffset(int row) {
        return offset + row * columns;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public HostTensor slice(int firstRow, int rowCount) {
        Objects.checkFromIndexSize(firstRow, rowCount, rows);
        return new HostTensor(data, offset + firstRow * columns, rowCount, columns);
    }

    @Override
    public void write(int row, float[] source, int sourceOffset) {
        Objects.checkIndex(row, rows);
        System.arraycopy(source, sourceOffset, data, rowOffset(row), columns);
    }

    @Override
    public void read(int row, float[] destination, int destinationOffset) {
        Objects.checkIndex(row, rows);
        System.arraycopy(data, rowOffset(row), destination, destinationOffset, columns);
    }

    /** The host tensor behind {@code tensor}, for backends that compute in host memory. */
    public static HostTensor of(Tensor tensor) {
        if (tensor instanceof HostTensor host) {
            return host;
        }
        throw new IllegalArgumentException("expected a host tensor, got " + tensor.getClass().getName());
    }
}
