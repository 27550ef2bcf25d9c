package dev.caracal.api.tensor;

import java.util.Objects;

/**
 * A 2-D float32 activation tensor on a backend's device: one row per token of a step's batch, {@code columns} values
 * per row (for example {@code [tokens, embeddingLength]}).
 *
 * <p>Kernels work on whole tensors; {@link #slice} gives a view of the first rows when a step has fewer tokens than
 * the tensor was allocated for.
 */
public interface Tensor {

    /** Rows (tokens). */
    int rows();

    /** Values per row. */
    int columns();

    /** A view of rows {@code [firstRow, firstRow + rowCount)} sharing this tensor's storage. */
    Tensor slice(int firstRow, int rowCount);

    /** Copies {@code columns()} values from {@code source} (starting at {@code offset}) into row {@code row}. */
    void write(int row, float[] source, int offset);

    /** Copies row {@code row} into {@code destination} starting at {@code offset}. */
    void read(int row, float[] destination, int offset);

    /**
     * Copies rows {@code [firstRow, firstRow + count)} into {@code destinations[0, count)}, a row each from its index
     * 0: what {@link #read} does row by row, in one transfer where the backend's memory is a device's (a step's logits
     * rows come back together instead of one copy each).
     */
    default void readRows(int firstRow, int count, float[][] destinations) {
        Objects.checkFromIndexSize(firstRow, count, rows());
        Objects.checkFromIndexSize(0, count, destinations.length);
        for (int i = 0; i < count; i++) {
            read(firstRow + i, destinations[i], 0);
        }
    }
}
