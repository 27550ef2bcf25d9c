package dev.caracal.tools.distill;

import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): per value, {@code m = β1 m + (1 − β1) g},
 * {@code v = β2 v + (1 − β2) g²}, {@code w −= lr · (m̂ / (√v̂ + ε) + λ w)} with the bias-corrected moments
 * {@code m̂ = m / (1 − β1^t)}, {@code v̂ = v / (1 − β2^t)}. Norm weights (vectors) are not decayed.
 */
public final class AdamW {

    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double weightDecay;
    private final LlamaTensors firstMoment;
    private final LlamaTensors secondMoment;
    private long steps;

    public AdamW(LlamaShape shape, double learningRate, double weightDecay) {
        if (!(learningRate > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("the learning rate must be > 0 and the weight decay ≥ 0, not "
                    + learningRate + " and " + weightDecay);
        }
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.firstMoment = new LlamaTensors(shape);
        this.secondMoment = new LlamaTensors(shape);
    }

    /** Steps taken. */
    public long steps() {
        return steps;
    }

    /**
     * One update of {@code parameters} by {@code gradient} (same shape), with the learning rate times
     * {@code learningRateFactor} (a schedule's).
     */
    public void step(LlamaTensors parameters, LlamaTensors gradient, double learningRateFactor) {
        double rate = learningRate * learningRateFactor;
        steps++;
        double firstCorrection = 1 - Math.pow(BETA1, steps);
        double secondCorrection = 1 - Math.pow(BETA2, steps);
        List<LlamaTensors.Named> weights = parameters.named();
        for (int tensor = 0; tensor < weights.size(); tensor++) {
            double[] w = weights.get(tensor).values();
            double[] g = gradient.named().get(tensor).values();
            double[] m = firstMoment.named().get(tensor).values();
            double[] v = secondMoment.named().get(tensor).values();
            double decay = weights.get(tensor).dimensions().length == 1 ? 0 : weightDecay;
            for (int i = 0; i < w.length; i++) {
                m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
                double update = m[i] / firstCorrection / (Math.sqrt(v[i] / secondCorrection) + EPSILON);
                w[i] -= rate * (update + decay * w[i]);
            }
        }
    }
}
