package dev.caracal.formats.share;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One-dimensional k-means over a run of float values: k-means++ seeding from a seed, then Lloyd iterations until no
 * value changes cluster or a cap is reached. The values are sorted once, so each cluster is a range between two
 * midpoints and each iteration costs O(k log n) through prefix sums. The same values, k and seed give the same
 * centroids.
 */
public final class KMeans {

    /** Lloyd iterations at most; 1-D runs converge in far fewer. */
    public static final int MAX_ITERATIONS = 300;

    /**
     * A clustering.
     *
     * @param centroids     ascending, at most k (fewer when the values have fewer distinct values)
     * @param iterations    Lloyd iterations run
     * @param squaredError  Σ (value − its centroid)²
     * @param squaredValues Σ value², to put the error in proportion
     */
    public record Clusters(float[] centroids, int iterations, double squaredError, double squaredValues) {

        /**
         * The index of the centroid nearest to {@code value} (a value halfway between two goes to the upper one).
         */
        public int nearest(float value) {
            int low = 0;
            int high = centroids.length - 1;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (value >= midpoint(centroids[middle], centroids[middle + 1])) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** Replaces each of {@code count} values from {@code offset} with its nearest centroid. */
        public void replace(float[] values, int offset, int count) {
            for (int i = offset; i < offset + count; i++) {
                values[i] = centroids[nearest(values[i])];
            }
        }

        /** √(squared error / Σ value²): 0 for an exact clustering. */
        public double relativeError() {
            return squaredValues == 0 ? 0 : Math.sqrt(squaredError / squaredValues);
        }
    }

    private KMeans() {
    }

    /**
     * Clusters {@code count} values of {@code values} from {@code offset} into at most {@code k} centroids.
     *
     * @throws IllegalArgumentException when {@code k} or {@code count} is below 1 or a value is not finite
     */
    public static Clusters fit(float[] values, int offset, int count, int k, long seed) {
        if (k < 1 || count < 1) {
            throw new IllegalArgumentException("k-means needs k ≥ 1 and at least one value, got k " + k + " and "
                    + count + " values");
        }
        float[] sorted = Arrays.copyOfRange(values, offset, offset + count);
        Arrays.sort(sorted);
        if (!Float.isFinite(sorted[0]) || !Float.isFinite(sorted[count - 1])) {
            throw new IllegalArgumentException("k-means needs finite values; these range from " + sorted[0] + " to "
                    + sorted[count - 1]);
        }
        // prefix[i] = Σ sorted[0..i), squares[i] = Σ sorted[0..i)²
        double[] prefix = new double[count + 1];
        double[] squares = new double[count + 1];
        for (int i = 0; i < count; i++) {
            prefix[i + 1] = prefix[i] + sorted[i];
            squares[i + 1] = squares[i] + (double) sorted[i] * sorted[i];
        }
        float[] distinct = distinct(sorted, k);
        if (distinct != null) {
            return new Clusters(distinct, 0, 0, squares[count]);
        }
        float[] centroids = seed(sorted, k, seed);
        int[] bounds = bounds(sorted, centroids);
        int iterations = 0;
        while (iterations < MAX_ITERATIONS) {
            iterations++;
            // Each centroid moves to the mean of its range; an empty range keeps its centroid.
            for (int c = 0; c < k; c++) {
                int from = bounds[c];
                int to = bounds[c + 1];
                if (to > from) {
                    centroids[c] = (float) ((prefix[to] - prefix[from]) / (to - from));
                }
            }
            Arrays.sort(centroids);
            int[] next = bounds(sorted, centroids);
            if (Arrays.equals(next, bounds)) {
                break;
            }
            bounds = next;
        }
        double error = 0;
        for (int c = 0; c < k; c++) {
            int from = bounds[c];
            int to = bounds[c + 1];
            double centroid = centroids[c];
            error += squares[to] - squares[from] - 2 * centroid * (prefix[to] - prefix[from])
                    + (to - from) * centroid * centroid;
        }
        return new Clusters(centroids, iterations, Math.max(0, error), squares[count]);
    }

    /** The distinct values of {@code sorted} when there are at most {@code k}, else null. */
    private static float[] distinct(float[] sorted, int k) {
        float[] distinct = new float[k];
        int found = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                if (found == k) {
                    return null;
                }
                distinct[found++] = sorted[i];
            }
        }
        return Arrays.copyOf(distinct, found);
    }

    /**
     * k-means++: the first centroid uniformly from the values, each next one with probability proportional to the
     * squared distance to the nearest chosen one. Chosen values are distinct (a chosen value's distance is 0), and
     * there are more than k distinct values, so every draw finds one.
     */
    private static float[] seed(float[] sorted, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = sorted.length;
        float[] centroids = new float[k];
        centroids[0] = sorted[random.nextInt(n)];
        double[] distances = new double[n];
        for (int i = 0; i < n; i++) {
            double difference = sorted[i] - centroids[0];
            distances[i] = difference * difference;
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double distance : distances) {
                total += distance;
            }
            double target = random.nextDouble() * total;
            int chosen = -1;
            double running = 0;
            for (int i = 0; i < n; i++) {
                if (distances[i] > 0) {
                    chosen = i;
                    running += distances[i];
                    if (running > target) {
                        break;
                    }
                }
            }
            centroids[c] = sorted[chosen];
            for (int i = 0; i < n; i++) {
                double difference = sorted[i] - centroids[c];
                distances[i] = Math.min(distances[i], difference * difference);
            }
        }
        Arrays.sort(centroids);
        return centroids;
    }

    /**
     * Where each cluster's range starts in {@code sorted}, for ascending centroids: {@code bounds[c]} is the first
     * value at or above the midpoint between centroids c − 1 and c ({@code bounds[0] = 0}, {@code bounds[k] = n}).
     */
    private static int[] bounds(float[] sorted, float[] centroids) {
        int k = centroids.length;
        int[] bounds = new int[k + 1];
        bounds[k] = sorted.length;
        for (int c = 1; c < k; c++) {
            bounds[c] = firstAtLeast(sorted, midpoint(centroids[c - 1], centroids[c]));
        }
        return bounds;
    }

    private static int firstAtLeast(float[] sorted, float value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static float midpoint(float low, float high) {
        return (float) (((double) low + high) / 2);
    }
}
