package dev.caracal.engine.sampling;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** A plain, full-sort reference of the sampler's filters, in double precision, to check the fast one against. */
final class SamplerReference {

    private SamplerReference() {
    }

    /** Log-softmax of {@code logits}. */
    static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : logits) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (float x : logits) {
            sum += Math.exp(x - max);
        }
        double logSumExp = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - logSumExp;
        }
        return out;
    }

    /** The distribution after top-k, temperature, softmax, min-p and top-p, in that order (0 or 1 = off). */
    static double[] distribution(float[] logits, double temperature, int topK, double topP, double minP) {
        int v = logits.length;
        Integer[] order = IntStream.range(0, v).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -logits[i]).thenComparing(i -> i))
                .toArray(Integer[]::new);
        int n = topK > 0 && topK < v ? topK : v;
        double max = logits[order[0]];
        double[] p = new double[v];
        double total = 0;
        for (int j = 0; j < n; j++) {
            int id = order[j];
            p[id] = Math.exp((logits[id] - max) / temperature);
            total += p[id];
        }
        for (int j = 0; j < n; j++) {
            p[order[j]] /= total;
        }
        if (minP > 0) {
            double threshold = minP * p[order[0]];
            double kept = 0;
            for (int j = 0; j < n; j++) {
                if (p[order[j]] < threshold) {
                    p[order[j]] = 0;
                }
                kept += p[order[j]];
            }
            for (int j = 0; j < n; j++) {
                p[order[j]] /= kept;
            }
        }
        if (topP < 1) {
            double cumulative = 0;
            boolean reached = false;
            for (int j = 0; j < n; j++) {
                if (reached) {
                    p[order[j]] = 0;
                } else {
                    cumulative += p[order[j]];
                    reached = cumulative >= topP;
                }
            }
            for (int j = 0; j < n; j++) {
                p[order[j]] /= cumulative;
            }
        }
        return p;
    }

    /** {@code counts} as frequencies. */
    static double[] frequencies(int[] counts) {
        double total = Arrays.stream(counts).sum();
        return Arrays.stream(counts).mapToDouble(c -> c / total).toArray();
    }
}
