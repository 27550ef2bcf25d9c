package dev.caracal.api.tensor;

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
}
