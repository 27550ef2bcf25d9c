package dev.caracal.formats.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Magnitude and Wanda pruning: which weights go, and exactly how many per row and per N:M group. */
class MatrixPruningTest {

    @Test
    void magnitudeZeroesTheSmallestOfEachRow() {
        float[] weights = {
            0.5f, -0.1f, 0.3f, -0.7f, 0.2f,
            -0.05f, 0.9f, -0.8f, 0.01f, 0.4f};
        long zeroed = MatrixPruning.magnitude(weights, 2, 5, SparsityPattern.unstructured(0.4));
        assertThat(zeroed).isEqualTo(4);
        assertThat(weights).containsExactly(
                0.5f, 0, 0.3f, -0.7f, 0,
                0, 0.9f, -0.8f, 0, 0.4f);
    }

    @Test
    void wandaFollowsActivationNormsWhereTheyReverseTheMagnitudeOrder() {
        float[] row = {1.0f, 0.5f, -2.0f, 0.1f};
        // |W| · ‖X‖ = 0.1, 0.5, 0.02, 1.0: the two largest weights have the lowest scores
        double[] norms = {0.1, 1, 0.01, 10};
        float[] byMagnitude = row.clone();
        MatrixPruning.magnitude(byMagnitude, 1, 4, SparsityPattern.unstructured(0.5));
        assertThat(byMagnitude).containsExactly(1.0f, 0, -2.0f, 0);
        float[] byWanda = row.clone();
        MatrixPruning.wanda(byWanda, 1, 4, norms, SparsityPattern.unstructured(0.5));
        assertThat(byWanda).containsExactly(0, 0.5f, 0, 0.1f);
    }

    @Test
    void everyMatrixLosesExactlyItsFractionSpreadEvenlyOverTheRows() {
        Random random = new Random(7);
        int rows = 13;
        int columns = 37;
        for (double fraction : new double[] {0.1, 0.25, 0.5, 0.77, 0.99}) {
            SparsityPattern pattern = SparsityPattern.unstructured(fraction);
            long total = Math.round(fraction * rows * columns);
            float[] magnitude = randomWeights(random, rows * columns);
            float[] wanda = magnitude.clone();
            assertThat(MatrixPruning.magnitude(magnitude, rows, columns, pattern)).isEqualTo(total);
            assertThat(MatrixPruning.wanda(wanda, rows, columns, randomNorms(random, columns), pattern))
                    .isEqualTo(total);
            assertThat(zeros(magnitude, 0, rows * columns)).isEqualTo(total);
            for (int row = 0; row < rows; row++) {
                int perRow = pattern.zeroedInRow(row, columns);
                assertThat(perRow).as("%s row %d", fraction, row)
                        .isBetween((int) Math.floor(fraction * columns), (int) Math.ceil(fraction * columns));
                assertThat(zeros(magnitude, row * columns, columns)).as("magnitude %s row %d", fraction, row)
                        .isEqualTo(perRow);
                assertThat(zeros(wanda, row * columns, columns)).as("wanda %s row %d", fraction, row)
                        .isEqualTo(perRow);
            }
        }
    }

    @Test
    void nOfMKeepsExactlyNInEveryGroupOfM() {
        Random random = new Random(8);
        int rows = 5;
        int columns = 48;
        for (SparsityPattern pattern : new SparsityPattern[] {SparsityPattern.nOfM(2, 4), SparsityPattern.nOfM(4, 8),
            SparsityPattern.nOfM(1, 4)}) {
            float[] magnitude = randomWeights(random, rows * columns);
            float[] wanda = magnitude.clone();
            MatrixPruning.magnitude(magnitude, rows, columns, pattern);
            MatrixPruning.wanda(wanda, rows, columns, randomNorms(random, columns), pattern);
            for (int group = 0; group < rows * columns / pattern.group(); group++) {
                int offset = group * pattern.group();
                assertThat(pattern.group() - zeros(magnitude, offset, pattern.group())).isEqualTo(pattern.kept());
                assertThat(pattern.group() - zeros(wanda, offset, pattern.group())).isEqualTo(pattern.kept());
            }
        }
        assertThat(SparsityPattern.nOfM(1, 4).sparsity()).isEqualTo(0.75);
        assertThatThrownBy(() -> MatrixPruning.magnitude(new float[10], 1, 10, SparsityPattern.nOfM(2, 4)))
                .hasMessage("rows of 10 columns are not whole groups of 4 for 2:4");
    }

    @Test
    void patternsParseAndDescribeThemselves() {
        assertThat(SparsityPattern.parseNOfM("2:4")).isEqualTo(SparsityPattern.nOfM(2, 4));
        assertThat(SparsityPattern.parseNOfM("2:4").sparsity()).isEqualTo(0.5);
        assertThat(SparsityPattern.parseNOfM("4:8").describe()).isEqualTo("4:8");
        assertThat(SparsityPattern.unstructured(0.125).describe()).isEqualTo("12.5%");
        assertThat(SparsityPattern.unstructured(0.5).describe()).isEqualTo("50%");
        assertThatThrownBy(() -> SparsityPattern.parseNOfM("4:2")).hasMessageContaining("1 ≤ N < M");
        assertThatThrownBy(() -> SparsityPattern.parseNOfM("2-4")).hasMessageContaining("is not N:M");
        assertThatThrownBy(() -> SparsityPattern.unstructured(1)).hasMessageContaining("below 1");
    }

    static float[] randomWeights(Random random, int count) {
        float[] weights = new float[count];
        for (int i = 0; i < count; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        return weights;
    }

    private static double[] randomNorms(Random random, int columns) {
        double[] norms = new double[columns];
        for (int c = 0; c < columns; c++) {
            norms[c] = 0.1 + 3 * random.nextDouble();
        }
        return norms;
    }

    static int zeros(float[] values, int offset, int length) {
        int zeros = 0;
        for (int i = offset; i < offset + length; i++) {
            zeros += values[i] == 0 ? 1 : 0;
        }
        return zeros;
    }
}
