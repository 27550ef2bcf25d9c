package dev.caracal.formats.prune;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Magnitude and Wanda pruning of one matrix, and the choice of a row's lowest-scored weights that SparseGPT shares. A
 * matrix is {@code [rows][columns]} row-major, ggml's order: each row is {@code dims[0]} contiguous input columns, and
 * every row (output) gets its own exact count of zeros, as Wanda compares weights per output.
 */
public final class MatrixPruning {

    private MatrixPruning() {
    }

    /**
     * Zeroes in each row of {@code weights} the weights of lowest |W_ij| as {@code pattern} says.
     *
     * @return the weights zeroed
     */
    public static long magnitude(float[] weights, int rows, int columns, SparsityPattern pattern) {
        double[] ones = new double[columns];
        Arrays.fill(ones, 1);
        return scaled(weights, rows, columns, ones, pattern);
    }

    /**
     * Zeroes in each row of {@code weights} the weights of lowest |W_ij| · ‖X_j‖₂ as {@code pattern} says.
     *
     * @param columnNorms ‖X_j‖₂ per input column over the calibration tokens, {@code [columns]}
     * @return the weights zeroed
     */
    public static long wanda(float[] weights, int rows, int columns, double[] columnNorms, SparsityPattern pattern) {
        if (columnNorms.length != columns) {
            throw new IllegalArgumentException(columnNorms.length + " column norms for " + columns + " columns");
        }
        return scaled(weights, rows, columns, columnNorms, pattern);
    }

    private static long scaled(float[] weights, int rows, int columns, double[] scale, SparsityPattern pattern) {
        requireFits(rows, columns, pattern, weights.length);
        IntStream.range(0, rows).parallel().forEach(row -> {
            int offset = row * columns;
            double[] scores = new double[columns];
            for (int c = 0; c < columns; c++) {
                scores[c] = Math.abs(weights[offset + c]) * scale[c];
            }
            boolean[] zeroed = new boolean[columns];
            if (pattern.isStructured()) {
                for (int start = 0; start < columns; start += pattern.group()) {
                    markLowest(scores, start, start + pattern.group(), pattern.group() - pattern.kept(), zeroed);
                }
            } else {
                markLowest(scores, 0, columns, pattern.zeroedInRow(row, columns), zeroed);
            }
            for (int c = 0; c < columns; c++) {
                if (zeroed[c]) {
                    weights[offset + c] = 0;
                }
            }
        });
        return pattern.zeroedInMatrix(rows, columns);
    }

    /**
     * Marks in {@code marked} the {@code count} columns of [from, to) with the lowest {@code scores}; of equal scores,
     * the lower columns first.
     */
    static void markLowest(double[] scores, int from, int to, int count, boolean[] marked) {
        if (count <= 0) {
            return;
        }
        double[] sorted = Arrays.copyOfRange(scores, from, to);
        Arrays.sort(sorted);
        double threshold = sorted[count - 1];
        int left = count;
        for (int c = from; c < to; c++) {
            if (scores[c] < threshold) {
                marked[c] = true;
                left--;
            }
        }
        for (int c = from; c < to && left > 0; c++) {
            if (scores[c] == threshold) {
                marked[c] = true;
                left--;
            }
        }
    }

    /**
     * Checks that a matrix of {@code rows} × {@code columns} has {@code length} values and, for N:M, rows of whole
     * groups.
     */
    static void requireFits(int rows, int columns, SparsityPattern pattern, int length) {
        if ((long) rows * columns != length) {
            throw new IllegalArgumentException(length + " weights for " + rows + " x " + columns);
        }
        if (pattern.isStructured() && columns % pattern.group() != 0) {
            throw new IllegalArgumentException("rows of " + columns + " columns are not whole groups of "
                    + pattern.group() + " for " + pattern.describe());
        }
    }
}
