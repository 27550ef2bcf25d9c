package dev.caracal.tools.quality;

import java.util.Arrays;

/**
 * Accumulates llama.cpp's {@code --kl-divergence} statistics over scored positions: at each one the next-token
 * distributions of a base and a candidate model and the token that came next. Log-softmax is taken in double
 * precision over the full logits; or, against a {@link KlDivergenceBaseFile}, from the base's stored 16-bit
 * log-probabilities in llama.cpp's float arithmetic. Not thread-safe.
 */
public final class KlDivergenceStatistics {

    /** A mean and its standard error. */
    public record Estimate(double value, double error) {
    }

    /**
     * A sorted sample's extremes and percentiles (linear interpolation between ranks, as llama.cpp's).
     */
    public record Percentiles(double maximum, double p99_9, double p99, double p95, double p90, double p75,
            double median, double p25, double p10, double p5, double p1, double p0_1, double minimum) {

        static Percentiles of(double[] sorted) {
            return new Percentiles(sorted[sorted.length - 1], at(sorted, 0.999), at(sorted, 0.99), at(sorted, 0.95),
                    at(sorted, 0.90), at(sorted, 0.75), median(sorted), at(sorted, 0.25), at(sorted, 0.10),
                    at(sorted, 0.05), at(sorted, 0.01), at(sorted, 0.001), sorted[0]);
        }

        private static double at(double[] sorted, double fraction) {
            double rank = fraction * (sorted.length - 1);
            int below = (int) rank;
            double above = rank - below;
            return (1 - above) * sorted[below] + above * sorted[Math.min(below + 1, sorted.length - 1)];
        }

        private static double median(double[] sorted) {
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
        }
    }

    /**
     * The statistics over every scored position.
     *
     * @param positions            scored positions
     * @param perplexityCandidate  exp(mean NLL) of the candidate, error propagated from the mean's
     * @param perplexityBase       the same for the base
     * @param logPerplexityCorrelation correlation of the two mean NLLs
     * @param logPerplexityRatio   ln(PPL(candidate)/PPL(base)) = mean NLL difference
     * @param perplexityRatio      PPL(candidate)/PPL(base)
     * @param perplexityDifference PPL(candidate) − PPL(base)
     * @param kld                  mean KL(base ‖ candidate) in nats
     * @param kldPercentiles       its distribution over positions
     * @param deltaP               mean of p_candidate(next) − p_base(next)
     * @param deltaPPercentiles    its distribution over positions
     * @param deltaPRms            root mean square of Δp
     * @param sameTop              fraction of positions where both models' most likely token is the same
     */
    public record Summary(long positions, Estimate perplexityCandidate, Estimate perplexityBase,
            double logPerplexityCorrelation, Estimate logPerplexityRatio, Estimate perplexityRatio,
            Estimate perplexityDifference, Estimate kld, Percentiles kldPercentiles, Estimate deltaP,
            Percentiles deltaPPercentiles, Estimate deltaPRms, Estimate sameTop) {
    }

    private double sumNll;
    private double sumNll2;
    private double sumNllBase;
    private double sumNllBase2;
    private double sumNllNllBase;
    private double sumKld;
    private double sumKld2;
    private double sumDeltaP;
    private double sumDeltaP2;
    private double sumDeltaP4;
    private long sameTop;
    private int count;
    private double[] kldValues = new double[256];
    private double[] deltaPValues = new double[256];

    /** Scores one position: both models' logits for the token after it, and that token. */
    public void add(float[] baseLogits, float[] candidateLogits, int next) {
        if (baseLogits.length != candidateLogits.length) {
            throw new IllegalArgumentException("logits of " + baseLogits.length + " and " + candidateLogits.length
                    + " tokens");
        }
        int baseTop = argmax(baseLogits);
        int candidateTop = argmax(candidateLogits);
        double baseNorm = baseLogits[baseTop] + logSumExp(baseLogits, baseLogits[baseTop]);
        double candidateNorm = candidateLogits[candidateTop] + logSumExp(candidateLogits, candidateLogits[candidateTop]);
        // KL(base ‖ candidate) = Σ p_base (log p_base − log p_candidate)
        double kld = 0;
        for (int i = 0; i < baseLogits.length; i++) {
            double logBase = baseLogits[i] - baseNorm;
            double logCandidate = candidateLogits[i] - candidateNorm;
            kld += Math.exp(logBase) * (logBase - logCandidate);
        }
        double nllBase = baseNorm - baseLogits[next];
        double nll = candidateNorm - candidateLogits[next];
        double deltaP = Math.exp(-nll) - Math.exp(-nllBase);
        accumulate(nll, nllBase, kld, deltaP, baseTop == candidateTop);
    }

    /**
     * Scores one position against the base's log-probabilities as a {@link KlDivergenceBaseFile} stores them, the way
     * llama.cpp's {@code --kl-divergence} does: in float arithmetic, the base's NLL and top token taken from the
     * stored values, and the KL divergence summed over the tokens whose stored log-probability exceeds −16.
     */
    public void add(KlDivergenceBaseFile.StoredLogProbabilities base, float[] candidateLogits, int next) {
        if (base.codes().length != candidateLogits.length) {
            throw new IllegalArgumentException("log-probabilities of " + base.codes().length + " and logits of "
                    + candidateLogits.length + " tokens");
        }
        int candidateTop = argmax(candidateLogits);
        float max = candidateLogits[candidateTop];
        float logSumExp = KlDivergenceBaseFile.logSumExp(candidateLogits, max);
        float nll = max + logSumExp - candidateLogits[next];
        float nllBase = -base.logProbability(next);
        float norm = max + logSumExp;
        double kld = 0;
        int baseTop = 0;
        float baseTopLogProbability = 0;
        for (int i = 0; i < candidateLogits.length; i++) {
            float logBase = base.logProbability(i);
            if (i == 0 || logBase > baseTopLogProbability) {
                baseTopLogProbability = logBase;
                baseTop = i;
            }
            if (logBase > -KlDivergenceBaseFile.RANGE) {
                kld += (float) Math.exp(logBase) * (logBase - candidateLogits[i] + norm);
            }
        }
        float deltaP = (float) Math.exp(-nll) - (float) Math.exp(-nllBase);
        accumulate(nll, nllBase, kld, deltaP, baseTop == candidateTop);
    }

    private void accumulate(double nll, double nllBase, double kld, double deltaP, boolean sameTopToken) {
        sumNll += nll;
        sumNll2 += nll * nll;
        sumNllBase += nllBase;
        sumNllBase2 += nllBase * nllBase;
        sumNllNllBase += nll * nllBase;
        sumKld += kld;
        sumKld2 += kld * kld;
        sumDeltaP += deltaP;
        sumDeltaP2 += deltaP * deltaP;
        sumDeltaP4 += deltaP * deltaP * deltaP * deltaP;
        if (sameTopToken) {
            sameTop++;
        }
        if (count == kldValues.length) {
            kldValues = Arrays.copyOf(kldValues, 2 * count);
            deltaPValues = Arrays.copyOf(deltaPValues, 2 * count);
        }
        kldValues[count] = kld;
        deltaPValues[count] = deltaP;
        count++;
    }

    /** Positions scored so far. */
    public int count() {
        return count;
    }

    /**
     * The statistics, with llama.cpp's formulas for the errors (standard error of a mean, zero with 10 positions or
     * fewer; errors of derived values by first-order propagation with the covariance of the two NLL means).
     *
     * @throws IllegalStateException when nothing was scored
     */
    public Summary summary() {
        if (count == 0) {
            throw new IllegalStateException("no position was scored");
        }
        Estimate logPpl = meanAndError(sumNll, sumNll2);
        Estimate logPplBase = meanAndError(sumNllBase, sumNllBase2);
        double covariance = count < 10 ? 0
                : (sumNllNllBase / count - (sumNll / count) * (sumNllBase / count)) / (count - 1);
        double errors = logPpl.error() * logPplBase.error();
        double correlation = errors > 0 ? covariance / errors : Double.NaN;
        double ppl = Math.exp(logPpl.value());
        double pplBase = Math.exp(logPplBase.value());
        double ratio = logPpl.value() - logPplBase.value();
        double ratioError = Math.sqrt(Math.max(0, logPpl.error() * logPpl.error()
                + logPplBase.error() * logPplBase.error() - 2 * covariance));
        double pplError = ppl * logPpl.error();
        double pplBaseError = pplBase * logPplBase.error();
        double differenceError = Math.sqrt(Math.max(0, pplError * pplError + pplBaseError * pplBaseError
                - 2 * ppl * pplBase * covariance));
        Estimate meanSquare = meanAndError(sumDeltaP2, sumDeltaP4);
        double rms = Math.sqrt(meanSquare.value());
        double rmsError = rms > 0 ? 0.5 / rms * meanSquare.error() : 0;
        double same = (double) sameTop / count;
        double sameError = count > 1 ? Math.sqrt(same * (1 - same) / (count - 1)) : 0;
        double[] kld = Arrays.copyOf(kldValues, count);
        double[] deltaP = Arrays.copyOf(deltaPValues, count);
        Arrays.sort(kld);
        Arrays.sort(deltaP);
        return new Summary(count, new Estimate(ppl, pplError), new Estimate(pplBase, pplBaseError), correlation,
                new Estimate(ratio, ratioError), new Estimate(Math.exp(ratio), Math.exp(ratio) * ratioError),
                new Estimate(ppl - pplBase, differenceError), meanAndError(sumKld, sumKld2), Percentiles.of(kld),
                meanAndError(sumDeltaP, sumDeltaP2), Percentiles.of(deltaP), new Estimate(rms, rmsError),
                new Estimate(same, sameError));
    }

    private Estimate meanAndError(double sum, double sumOfSquares) {
        double mean = sum / count;
        double variance = sumOfSquares / count - mean * mean;
        return new Estimate(mean, variance > 0 && count > 10 ? Math.sqrt(variance / (count - 1)) : 0);
    }

    /** The first index of the largest logit. */
    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** ln Σ exp(logit − max). */
    static double logSumExp(float[] logits, float max) {
        double sum = 0;
        for (float logit : logits) {
            sum += Math.exp((double) logit - max);
        }
        return Math.log(sum);
    }
}
