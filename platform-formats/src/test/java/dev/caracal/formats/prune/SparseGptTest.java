package dev.caracal.formats.prune;

import static dev.caracal.formats.prune.MatrixPruningTest.randomWeights;
import static dev.caracal.formats.prune.MatrixPruningTest.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * SparseGPT against the least-squares problem it solves (‖W X − W' X‖ below magnitude's and Wanda's), against a direct
 * solve of every OBS step on a tiny case, and its exact counts per row and per N:M group.
 */
class SparseGptTest {

    @Test
    void reconstructsTheLayerOutputBetterThanMagnitudeAndWanda() {
        Random random = new Random(11);
        int rows = 32;
        int columns = 64;
        // inputs: [tokens][columns], correlated columns of unequal scales, as a transformer's activations are
        double[] inputs = correlatedInputs(random, 512, columns);
        double[] gram = gram(inputs, 512, columns);
        float[] weights = randomWeights(random, rows * columns);
        double[] norms = new double[columns];
        for (int c = 0; c < columns; c++) {
            norms[c] = Math.sqrt(gram[c * columns + c]);
        }
        for (SparsityPattern pattern : new SparsityPattern[] {SparsityPattern.unstructured(0.5),
            SparsityPattern.unstructured(0.2), SparsityPattern.nOfM(2, 4)}) {
            float[] magnitude = weights.clone();
            float[] wanda = weights.clone();
            float[] sparseGpt = weights.clone();
            MatrixPruning.magnitude(magnitude, rows, columns, pattern);
            MatrixPruning.wanda(wanda, rows, columns, norms, pattern);
            SparseGpt.prune(sparseGpt, rows, columns, gram, pattern, 16, SparseGpt.DEFAULT_DAMPENING);
            double magnitudeError = outputError(weights, magnitude, gram, columns);
            double wandaError = outputError(weights, wanda, gram, columns);
            double sparseGptError = outputError(weights, sparseGpt, gram, columns);
            assertThat(sparseGptError).as("%s: SparseGPT %.3f, Wanda %.3f, magnitude %.3f", pattern.describe(),
                    sparseGptError, wandaError, magnitudeError).isLessThan(0.9 * wandaError)
                    .isLessThan(0.9 * magnitudeError);
            assertThat(wandaError).as(pattern.describe()).isLessThan(magnitudeError);
        }
    }

    @Test
    void matchesADirectSolveOfEveryStepOnASingularGram() {
        Random random = new Random(12);
        int rows = 3;
        int columns = 10;
        // six tokens for ten columns: H = XᵀX is singular, only the dampening makes it invertible
        double[] inputs = correlatedInputs(random, 6, columns);
        double[] gram = gram(inputs, 6, columns);
        double[] damped = gram.clone();
        double trace = 0;
        for (int c = 0; c < columns; c++) {
            trace += gram[c * columns + c];
        }
        for (int c = 0; c < columns; c++) {
            damped[c * columns + c] += 0.01 * trace / columns;
        }
        // suffixInverses[j]: (H + λI) restricted to the columns j onward, inverted by Gauss-Jordan
        double[][] suffixInverses = new double[columns][];
        for (int j = 0; j < columns; j++) {
            suffixInverses[j] = invert(damped, columns, j);
        }
        double[] upper = SparseGpt.inverseCholeskyUpper(gram, columns, 0.01);
        for (int j = 0; j < columns; j++) {
            double[] inverse = suffixInverses[j];
            int size = columns - j;
            assertThat(upper[j * columns + j] * upper[j * columns + j])
                    .isCloseTo(inverse[0], within(1e-9 * inverse[0]));
            for (int k = 0; k < j; k++) {
                assertThat(upper[j * columns + k]).isZero();
            }
            for (int k = j; k < columns; k++) {
                assertThat(upper[j * columns + k] * upper[j * columns + j])
                        .isCloseTo(inverse[k - j], within(1e-9 * inverse[0]));
            }
            assertThat(size).isPositive();
        }
        for (SparsityPattern pattern : new SparsityPattern[] {SparsityPattern.unstructured(0.4),
            SparsityPattern.unstructured(0.75), SparsityPattern.nOfM(1, 2)}) {
            float[] weights = randomWeights(random, rows * columns);
            float[] pruned = weights.clone();
            SparseGpt.prune(pruned, rows, columns, gram, pattern, 4, 0.01);
            for (int row = 0; row < rows; row++) {
                double[] expected = directly(weights, row, columns, suffixInverses, pattern, 4);
                for (int c = 0; c < columns; c++) {
                    assertThat((double) pruned[row * columns + c]).as("%s row %d column %d", pattern.describe(),
                            row, c).isCloseTo(expected[c], within(1e-5 * (1 + Math.abs(expected[c]))));
                }
            }
        }
    }

    @Test
    void zeroesExactlyPerRowAndPerGroupAcrossBlocks() {
        Random random = new Random(13);
        int rows = 7;
        int columns = 200;
        double[] gram = gram(correlatedInputs(random, 300, columns), 300, columns);
        for (double fraction : new double[] {0.1, 0.33, 0.5, 0.9}) {
            float[] weights = randomWeights(random, rows * columns);
            long zeroed = SparseGpt.prune(weights, rows, columns, gram, SparsityPattern.unstructured(fraction),
                    SparseGpt.DEFAULT_BLOCK_SIZE, SparseGpt.DEFAULT_DAMPENING);
            SparsityPattern pattern = SparsityPattern.unstructured(fraction);
            assertThat(zeroed).isEqualTo(Math.round(fraction * rows * columns));
            assertThat(zeros(weights, 0, rows * columns)).isEqualTo(zeroed);
            for (int row = 0; row < rows; row++) {
                assertThat(zeros(weights, row * columns, columns)).as("%s row %d", fraction, row)
                        .isEqualTo(pattern.zeroedInRow(row, columns));
            }
        }
        for (SparsityPattern pattern : new SparsityPattern[] {SparsityPattern.nOfM(2, 4), SparsityPattern.nOfM(4, 8)}) {
            float[] weights = randomWeights(random, rows * columns);
            SparseGpt.prune(weights, rows, columns, gram, pattern, SparseGpt.DEFAULT_BLOCK_SIZE,
                    SparseGpt.DEFAULT_DAMPENING);
            for (int group = 0; group < rows * columns / pattern.group(); group++) {
                assertThat(pattern.group() - zeros(weights, group * pattern.group(), pattern.group()))
                        .as("%s group %d", pattern.describe(), group).isEqualTo(pattern.kept());
            }
        }
        assertThatThrownBy(() -> SparseGpt.prune(new float[8], 1, 8, new double[64], SparsityPattern.nOfM(2, 4), 6,
                0.01)).hasMessageContaining("a multiple of 4");
        assertThatThrownBy(() -> SparseGpt.inverseCholeskyUpper(new double[] {1, 2, 2, 1}, 2, 0))
                .hasMessageContaining("not positive definite");
    }

    /** One row pruned step by step: a mask per block of w²/[H_F⁻¹]_cc, each zeroed weight's OBS update. */
    private static double[] directly(float[] weights, int row, int columns, double[][] suffixInverses,
            SparsityPattern pattern, int blockSize) {
        double[] w = new double[columns];
        for (int c = 0; c < columns; c++) {
            w[c] = weights[row * columns + c];
        }
        boolean[] zeroed = new boolean[columns];
        int rowZeros = pattern.zeroedInRow(row, columns);
        for (int j = 0; j < columns; j++) {
            int width = pattern.isStructured() ? pattern.group() : blockSize;
            if (j % width == 0) {
                int end = Math.min(columns, j + width);
                int count = pattern.isStructured() ? pattern.group() - pattern.kept()
                        : (int) (Math.round(rowZeros * (double) end / columns)
                                - Math.round(rowZeros * (double) j / columns));
                double[] current = w;
                IntStream.range(j, end).boxed()
                        .sorted(Comparator.comparingDouble(c -> current[c] * current[c] / suffixInverses[c][0]))
                        .limit(count).forEach(c -> zeroed[c] = true);
            }
            if (zeroed[j]) {
                double[] inverse = suffixInverses[j];
                double factor = w[j] / inverse[0];
                for (int k = j; k < columns; k++) {
                    w[k] -= factor * inverse[k - j];
                }
                w[j] = 0;
            }
        }
        return w;
    }

    /** The first row of the inverse of {@code matrix} restricted to rows and columns {@code from} onward. */
    private static double[] invert(double[] matrix, int n, int from) {
        int size = n - from;
        double[][] augmented = new double[size][2 * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                augmented[i][j] = matrix[(from + i) * n + from + j];
            }
            augmented[i][size + i] = 1;
        }
        for (int pivot = 0; pivot < size; pivot++) {
            int best = pivot;
            for (int i = pivot + 1; i < size; i++) {
                if (Math.abs(augmented[i][pivot]) > Math.abs(augmented[best][pivot])) {
                    best = i;
                }
            }
            double[] swap = augmented[pivot];
            augmented[pivot] = augmented[best];
            augmented[best] = swap;
            double scale = augmented[pivot][pivot];
            for (int j = 0; j < 2 * size; j++) {
                augmented[pivot][j] /= scale;
            }
            for (int i = 0; i < size; i++) {
                if (i != pivot) {
                    double factor = augmented[i][pivot];
                    for (int j = 0; j < 2 * size; j++) {
                        augmented[i][j] -= factor * augmented[pivot][j];
                    }
                }
            }
        }
        double[] firstRow = new double[size];
        System.arraycopy(augmented[0], size, firstRow, 0, size);
        return firstRow;
    }

    /**
     * [tokens][columns]: independent Gaussian noise plus eight shared Gaussian factors of larger variance (activations
     * are far from independent), each column scaled by e^N(0,1).
     */
    private static double[] correlatedInputs(Random random, int tokens, int columns) {
        int factors = 8;
        // mixing: [columns + factors][columns], the identity over the noise, then each factor's loadings
        double[] mixing = new double[(columns + factors) * columns];
        for (int j = 0; j < columns; j++) {
            mixing[j * columns + j] = 1;
        }
        for (int i = columns; i < columns + factors; i++) {
            for (int j = 0; j < columns; j++) {
                mixing[i * columns + j] = 2 * random.nextGaussian();
            }
        }
        double[] scales = new double[columns];
        for (int c = 0; c < columns; c++) {
            scales[c] = Math.exp(random.nextGaussian());
        }
        double[] inputs = new double[tokens * columns];
        double[] z = new double[columns + factors];
        for (int t = 0; t < tokens; t++) {
            for (int c = 0; c < z.length; c++) {
                z[c] = random.nextGaussian();
            }
            for (int j = 0; j < columns; j++) {
                double sum = 0;
                for (int i = 0; i < z.length; i++) {
                    sum += z[i] * mixing[i * columns + j];
                }
                inputs[t * columns + j] = sum * scales[j];
            }
        }
        return inputs;
    }

    private static double[] gram(double[] inputs, int tokens, int columns) {
        double[] gram = new double[columns * columns];
        for (int t = 0; t < tokens; t++) {
            for (int i = 0; i < columns; i++) {
                double x = inputs[t * columns + i];
                for (int j = 0; j < columns; j++) {
                    gram[i * columns + j] += x * inputs[t * columns + j];
                }
            }
        }
        return gram;
    }

    /** ‖(W − W') Xᵀ‖_F = √(Σ_rows dᵀ H d), d a row of W − W'. */
    private static double outputError(float[] original, float[] pruned, double[] gram, int columns) {
        double total = 0;
        for (int offset = 0; offset < original.length; offset += columns) {
            for (int i = 0; i < columns; i++) {
                double di = (double) original[offset + i] - pruned[offset + i];
                for (int j = 0; j < columns; j++) {
                    total += di * gram[i * columns + j] * ((double) original[offset + j] - pruned[offset + j]);
                }
            }
        }
        return Math.sqrt(total);
    }
}
