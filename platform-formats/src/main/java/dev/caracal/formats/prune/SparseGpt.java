package dev.caracal.formats.prune;

import java.util.stream.IntStream;

/**
 * SparseGPT (Frantar and Alistarh 2023) on one matrix: the weights of each row are visited column by column in blocks
 * of 128; at the start of a block (or of each N:M group) the weights of lowest w²/[H⁻¹]_jj are chosen for zeroing,
 * and each zeroed weight's error is spread over the row's later columns by the optimal-brain-surgeon update
 * δ = −(w_j / [H⁻¹]_jj) · H⁻¹_{j,·}, with H⁻¹ of the columns not yet visited read from the upper Cholesky factor of
 * H⁻¹. H = XᵀX over the calibration tokens, damped by a fraction of its mean diagonal. All in double precision; the
 * per-row count of zeros is exact (unstructured: each block zeroes its share of round(fraction × columns)), which the
 * paper's per-block threshold over all rows is not.
 */
public final class SparseGpt {

    /** Columns per block: the mask is chosen afresh for each block, and errors reach later blocks in one batch. */
    public static final int DEFAULT_BLOCK_SIZE = 128;

    /** λ = 0.01 · mean(diag H), added to H's diagonal, as in the paper. */
    public static final double DEFAULT_DAMPENING = 0.01;

    private SparseGpt() {
    }

    /**
     * Prunes {@code weights} in place as {@code pattern} says.
     *
     * @param weights    {@code [rows][columns]} row-major, each row one output's input columns
     * @param gram       XᵀX {@code [columns][columns]} over the calibration tokens
     * @param blockSize  columns per block (for N:M, a multiple of M)
     * @param dampening  λ as a fraction of H's mean diagonal
     * @return the weights zeroed
     * @throws IllegalArgumentException when the damped H is not positive definite, or the shapes do not fit
     */
    public static long prune(float[] weights, int rows, int columns, double[] gram, SparsityPattern pattern,
            int blockSize, double dampening) {
        MatrixPruning.requireFits(rows, columns, pattern, weights.length);
        if (gram.length != (long) columns * columns) {
            throw new IllegalArgumentException("a Gram matrix of " + gram.length + " values for " + columns
                    + " columns");
        }
        if (blockSize < 1 || (pattern.isStructured() && blockSize % pattern.group() != 0)) {
            throw new IllegalArgumentException("block size " + blockSize + " must be positive and, for "
                    + pattern.describe() + ", a multiple of " + pattern.group());
        }
        double[] upper = inverseCholeskyUpper(gram, columns, dampening);
        IntStream.range(0, rows).parallel()
                .forEach(row -> pruneRow(weights, row * columns, columns, upper, pattern, blockSize,
                        pattern.zeroedInRow(row, columns)));
        return pattern.zeroedInMatrix(rows, columns);
    }

    /** One row: mask per block (or group), OBS error of each zeroed weight into the later columns. */
    private static void pruneRow(float[] weights, int offset, int columns, double[] upper, SparsityPattern pattern,
            int blockSize, int rowZeros) {
        // w: [columns], the row being updated
        double[] w = new double[columns];
        for (int c = 0; c < columns; c++) {
            w[c] = weights[offset + c];
        }
        boolean[] zeroed = new boolean[columns];
        double[] scores = new double[columns];
        // errors: [blockSize], w_j / U_jj of the block's zeroed weights (0 for the kept ones)
        double[] errors = new double[blockSize];
        for (int start = 0; start < columns; start += blockSize) {
            int end = Math.min(columns, start + blockSize);
            if (!pattern.isStructured()) {
                score(w, upper, columns, start, end, scores);
                MatrixPruning.markLowest(scores, start, end,
                        SparsityPattern.zeroedBefore(rowZeros, end, columns)
                                - SparsityPattern.zeroedBefore(rowZeros, start, columns), zeroed);
            }
            for (int j = start; j < end; j++) {
                if (pattern.isStructured() && j % pattern.group() == 0) {
                    score(w, upper, columns, j, j + pattern.group(), scores);
                    MatrixPruning.markLowest(scores, j, j + pattern.group(), pattern.group() - pattern.kept(),
                            zeroed);
                }
                if (!zeroed[j]) {
                    errors[j - start] = 0;
                    continue;
                }
                int diagonal = j * columns + j;
                double error = w[j] / upper[diagonal];
                errors[j - start] = error;
                w[j] = 0;
                for (int k = j + 1; k < end; k++) {
                    w[k] -= error * upper[diagonal - j + k];
                }
            }
            // the block's errors reach the later blocks at once (the paper's lazy batch update)
            for (int j = start; j < end; j++) {
                double error = errors[j - start];
                if (error != 0) {
                    int base = j * columns;
                    for (int k = end; k < columns; k++) {
                        w[k] -= error * upper[base + k];
                    }
                }
            }
        }
        for (int c = 0; c < columns; c++) {
            weights[offset + c] = zeroed[c] ? 0f : (float) w[c];
        }
    }

    /** scores[c] = w_c² / U_cc², the increase of the layer's squared error when w_c alone is zeroed. */
    private static void score(double[] w, double[] upper, int columns, int from, int to, double[] scores) {
        for (int c = from; c < to; c++) {
            double d = upper[c * columns + c];
            scores[c] = w[c] * w[c] / (d * d);
        }
    }

    /**
     * The upper Cholesky factor U of (H + λI)⁻¹, UᵀU = (H + λI)⁻¹, λ = {@code dampening} · mean(diag H): row j of U,
     * scaled by U_jj, is row j of the inverse of H restricted to the columns j onward, which is what the OBS update of
     * column j needs once the columns before it are fixed. An input column that was never activated (H_jj = 0) gets
     * H_jj = 1 first, so that H stays invertible.
     *
     * @param gram H, {@code [n][n]} row-major
     * @return U, {@code [n][n]} row-major, zero below the diagonal
     * @throws IllegalArgumentException when H + λI is not positive definite
     */
    public static double[] inverseCholeskyUpper(double[] gram, int n, double dampening) {
        double[] h = gram.clone();
        double trace = 0;
        for (int j = 0; j < n; j++) {
            if (h[j * n + j] == 0) {
                h[j * n + j] = 1;
            }
            trace += h[j * n + j];
        }
        double lambda = dampening * trace / n;
        for (int j = 0; j < n; j++) {
            h[j * n + j] += lambda;
        }
        double[] lower = cholesky(h, n, lambda);
        // inverse: [n][n], L⁻¹, lower triangular, by forward substitution column by column
        double[] inverse = new double[n * n];
        for (int column = 0; column < n; column++) {
            inverse[column * n + column] = 1 / lower[column * n + column];
            for (int i = column + 1; i < n; i++) {
                double sum = 0;
                for (int k = column; k < i; k++) {
                    sum += lower[i * n + k] * inverse[k * n + column];
                }
                inverse[i * n + column] = -sum / lower[i * n + i];
            }
        }
        // hInverse: [n][n], (H + λI)⁻¹ = L⁻ᵀ L⁻¹
        double[] hInverse = new double[n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = i; j < n; j++) {
                double sum = 0;
                for (int k = j; k < n; k++) {
                    sum += inverse[k * n + i] * inverse[k * n + j];
                }
                hInverse[i * n + j] = sum;
                hInverse[j * n + i] = sum;
            }
        });
        double[] lowerOfInverse = cholesky(hInverse, n, lambda);
        double[] upper = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                upper[i * n + j] = lowerOfInverse[j * n + i];
            }
        }
        return upper;
    }

    /** The lower Cholesky factor L of a symmetric {@code [n][n]} matrix, LLᵀ = A. */
    private static double[] cholesky(double[] a, int n, double lambda) {
        double[] lower = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    sum -= lower[i * n + k] * lower[j * n + k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalArgumentException("the input Gram matrix damped by λ = " + lambda
                                + " is not positive definite (pivot " + sum + " at column " + i
                                + "); more dampening is needed");
                    }
                    lower[i * n + i] = Math.sqrt(sum);
                } else {
                    lower[i * n + j] = sum / lower[j * n + j];
                }
            }
        }
        return lower;
    }
}
