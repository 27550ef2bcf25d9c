package dev.caracal.formats.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.formats.share.KMeans.Clusters;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link KMeans} on values whose clusters are known, and its fixed point on values that have none. */
class KMeansTest {

    private static final float[] CENTERS = {-1.5f, -0.7f, -0.2f, 0.1f, 0.4f, 0.9f, 1.3f, 2.0f};

    @Test
    void recoversWellSeparatedClustersWhateverTheSeed() {
        int perCenter = 500;
        float[] values = new float[CENTERS.length * perCenter];
        int[] truth = new int[values.length];
        Random random = new Random(1);
        for (int i = 0; i < values.length; i++) {
            // shuffled order: the cluster of value i is random, its spread ±0.02 around the center
            truth[i] = random.nextInt(CENTERS.length);
            values[i] = CENTERS[truth[i]] + (random.nextFloat() - 0.5f) * 0.04f;
        }
        for (long seed = 0; seed < 5; seed++) {
            Clusters clusters = KMeans.fit(values, 0, values.length, CENTERS.length, seed);
            assertThat(clusters.centroids()).hasSize(CENTERS.length);
            for (int c = 0; c < CENTERS.length; c++) {
                assertThat(clusters.centroids()[c]).as("seed %d centroid %d", seed, c).isCloseTo(CENTERS[c],
                        within(0.005f));
            }
            for (int i = 0; i < values.length; i++) {
                assertThat(clusters.nearest(values[i])).isEqualTo(truth[i]);
            }
            assertThat(clusters.relativeError()).isPositive().isLessThan(0.02);
        }
    }

    @Test
    void fewerDistinctValuesThanCentroidsAreKeptExactly() {
        float[] values = {0.5f, -1f, 0.5f, 3f, -1f, 3f, 3f};
        Clusters clusters = KMeans.fit(values, 0, values.length, 16, 9);
        assertThat(clusters.centroids()).containsExactly(-1f, 0.5f, 3f);
        assertThat(clusters.squaredError()).isZero();
        float[] replaced = values.clone();
        clusters.replace(replaced, 0, replaced.length);
        assertThat(replaced).isEqualTo(values);
    }

    @Test
    void lloydsFixedPointIsTheMeanOfEachClusterAndTheErrorIsExact() {
        Random random = new Random(3);
        float[] values = new float[4000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.02);
        }
        // only the middle 3000 values are clustered; the others must stay untouched
        Clusters clusters = KMeans.fit(values, 500, 3000, 16, 11);
        assertThat(clusters.iterations()).isLessThan(KMeans.MAX_ITERATIONS);
        double[] sums = new double[16];
        int[] counts = new int[16];
        double error = 0;
        double squares = 0;
        for (int i = 500; i < 3500; i++) {
            int c = clusters.nearest(values[i]);
            sums[c] += values[i];
            counts[c]++;
            double delta = values[i] - clusters.centroids()[c];
            error += delta * delta;
            squares += (double) values[i] * values[i];
        }
        for (int c = 0; c < 16; c++) {
            assertThat(counts[c]).as("cluster %d", c).isPositive();
            assertThat((double) clusters.centroids()[c]).isCloseTo(sums[c] / counts[c], within(1e-7));
        }
        assertThat(clusters.centroids()).isSorted();
        assertThat(clusters.squaredError()).isCloseTo(error, within(1e-9 * squares));
        assertThat(clusters.squaredValues()).isCloseTo(squares, within(1e-12 * squares));
        float[] replaced = values.clone();
        clusters.replace(replaced, 500, 3000);
        assertThat(Arrays.copyOfRange(replaced, 0, 500))
                .isEqualTo(Arrays.copyOfRange(values, 0, 500));
        for (int i = 500; i < 3500; i++) {
            assertThat(replaced[i]).isEqualTo(clusters.centroids()[clusters.nearest(values[i])]);
        }
    }

    @Test
    void theSameSeedGivesTheSameCentroids() {
        Random random = new Random(5);
        float[] values = new float[2000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        assertThat(KMeans.fit(values, 0, values.length, 8, 42))
                .usingRecursiveComparison().isEqualTo(KMeans.fit(values, 0, values.length, 8, 42));
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThatThrownBy(() -> KMeans.fit(new float[] {1f, Float.NaN}, 0, 2, 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> KMeans.fit(new float[] {1f}, 0, 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k ≥ 1");
    }
}
