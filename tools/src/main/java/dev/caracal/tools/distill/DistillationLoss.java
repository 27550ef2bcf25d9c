package dev.caracal.tools.distill;

/**
 * The training loss of one sequence, averaged over its positions {@code 0 … length − 2} (each predicting the next
 * token): {@code (1 − A) · T² · KL(p_T ‖ q_T) + A · CE}, with {@code p_T} the teacher's and {@code q_T} the student's
 * softmax at temperature {@code T}, and {@code CE = −log q_1(next token)}. {@code A = 1} is cross-entropy alone.
 */
public final class DistillationLoss {

    private final double temperature;
    private final double crossEntropyWeight;

    /**
     * @throws IllegalArgumentException when the temperature is not positive or the weight is not in [0, 1]
     */
    public DistillationLoss(double temperature, double crossEntropyWeight) {
        if (!(temperature > 0) || !(crossEntropyWeight >= 0 && crossEntropyWeight <= 1)) {
            throw new IllegalArgumentException("the temperature must be > 0 and the cross-entropy weight 0 to 1, not "
                    + temperature + " and " + crossEntropyWeight);
        }
        this.temperature = temperature;
        this.crossEntropyWeight = crossEntropyWeight;
    }

    public double temperature() {
        return temperature;
    }

    public double crossEntropyWeight() {
        return crossEntropyWeight;
    }

    /**
     * What one sequence is trained towards.
     *
     * @param tokens                  the sequence ({@code [length]}); position t's target is {@code tokens[t + 1]}
     * @param teacherLogProbabilities {@code [length, vocabulary]}: the teacher's log-softmax at the temperature as
     *                                IEEE half-precision bits (a quarter of the memory of float64; ample for a target
     *                                whose smallest probabilities hardly weigh), or null when only cross-entropy is
     *                                trained
     */
    public record Targets(int[] tokens, short[] teacherLogProbabilities) {

        /** Targets from the teacher's logits ({@code [length][vocabulary]}) at {@code temperature}. */
        public static Targets of(float[][] teacherLogits, int[] tokens, double temperature) {
            int vocabulary = teacherLogits[0].length;
            short[] logProbabilities = new short[tokens.length * vocabulary];
            for (int t = 0; t < tokens.length; t++) {
                double max = Double.NEGATIVE_INFINITY;
                for (float logit : teacherLogits[t]) {
                    max = Math.max(max, logit / temperature);
                }
                double total = 0;
                for (float logit : teacherLogits[t]) {
                    total += Math.exp(logit / temperature - max);
                }
                double logTotal = max + Math.log(total);
                for (int v = 0; v < vocabulary; v++) {
                    logProbabilities[t * vocabulary + v] =
                            Float.floatToFloat16((float) (teacherLogits[t][v] / temperature - logTotal));
                }
            }
            return new Targets(tokens.clone(), logProbabilities);
        }
    }

    /**
     * A sequence's loss and its parts, each averaged over the positions.
     *
     * @param loss         the trained objective
     * @param kl           {@code T² · KL(p_T ‖ q_T)} (NaN without a teacher)
     * @param crossEntropy {@code −log q_1(next token)}
     */
    public record Value(double loss, double kl, double crossEntropy) {
    }

    /**
     * The loss of {@code logits} ({@code [length, vocabulary]}); when {@code logitGradient} is not null,
     * {@code scale · ∂loss/∂logits} is added to it.
     */
    public Value evaluate(double[] logits, Targets targets, double scale, double[] logitGradient) {
        int length = targets.tokens().length;
        int vocabulary = logits.length / length;
        int positions = length - 1;
        boolean distilling = crossEntropyWeight < 1;
        if (distilling && targets.teacherLogProbabilities() == null) {
            throw new IllegalArgumentException("distillation needs the teacher's log-probabilities");
        }
        double klSum = 0;
        double crossEntropySum = 0;
        double[] student = new double[vocabulary];
        for (int t = 0; t < positions; t++) {
            int row = t * vocabulary;
            int next = targets.tokens()[t + 1];
            // Cross-entropy at temperature 1: ∂/∂z = q_1 − onehot(next).
            double logTotal = logSumExp(logits, row, vocabulary, 1, student);
            crossEntropySum += logTotal - logits[row + next];
            if (logitGradient != null && crossEntropyWeight > 0) {
                double factor = scale * crossEntropyWeight / positions;
                for (int v = 0; v < vocabulary; v++) {
                    logitGradient[row + v] += factor * (student[v] - (v == next ? 1 : 0));
                }
            }
            if (!distilling) {
                continue;
            }
            // T² · KL(p_T ‖ q_T) = T² Σ p (log p − log q_T): ∂/∂z = T (q_T − p).
            double logTotalT = logSumExp(logits, row, vocabulary, temperature, student);
            double kl = 0;
            for (int v = 0; v < vocabulary; v++) {
                double logP = Float.float16ToFloat(targets.teacherLogProbabilities()[row + v]);
                double p = Math.exp(logP);
                if (p > 0) {
                    kl += p * (logP - (logits[row + v] / temperature - logTotalT));
                }
                if (logitGradient != null) {
                    logitGradient[row + v] += scale * (1 - crossEntropyWeight) / positions * temperature
                            * (student[v] - p);
                }
            }
            klSum += temperature * temperature * kl;
        }
        double kl = distilling ? klSum / positions : Double.NaN;
        double crossEntropy = crossEntropySum / positions;
        double loss = (distilling ? (1 - crossEntropyWeight) * kl : 0) + crossEntropyWeight * crossEntropy;
        return new Value(loss, kl, crossEntropy);
    }

    /** {@code log Σ exp(z / T)} over one row; {@code probabilities} gets {@code softmax(z / T)}. */
    private static double logSumExp(double[] logits, int row, int vocabulary, double temperature,
            double[] probabilities) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocabulary; v++) {
            max = Math.max(max, logits[row + v] / temperature);
        }
        double total = 0;
        for (int v = 0; v < vocabulary; v++) {
            double e = Math.exp(logits[row + v] / temperature - max);
            probabilities[v] = e;
            total += e;
        }
        for (int v = 0; v < vocabulary; v++) {
            probabilities[v] /= total;
        }
        return max + Math.log(total);
    }
}
