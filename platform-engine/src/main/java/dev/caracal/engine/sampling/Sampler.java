package dev.caracal.engine.sampling;

import dev.caracal.engine.api.SampledToken;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenLogprob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks one request's next token from the model's logits, applying its {@link SamplingParameters}.
 *
 * <p>One sampler per request: it holds the request's random generator, seeded by {@link SamplingParameters#seed()} (or
 * a random seed, see {@link #seed()}), so the same seed and the same logits give the same tokens; there is no global
 * state. Each {@link #sample} applies, in order:
 * <ol>
 *   <li>logit bias;</li>
 *   <li>penalties over the {@link TokenHistory} (repetition, then presence and frequency; see
 *       {@link SamplingParameters} for which tokens each one counts);</li>
 *   <li>top-k (a partial selection, {@code O(V log k)}, no full sort);</li>
 *   <li>temperature, then softmax;</li>
 *   <li>min-p: keep tokens with {@code p ≥ minP · pmax};</li>
 *   <li>top-p: keep the smallest most-likely-first prefix whose probability (renormalized over what min-p kept) sums to
 *       at least {@code topP} (a quickselect of the boundary, expected {@code O(V)}, when top-k has not already
 *       sorted the candidates);</li>
 *   <li>the draw, by inverse CDF with one {@code nextDouble()} per sampled token.</li>
 * </ol>
 * Temperature 0 is greedy: the argmax of the biased and penalized logits, ties to the lowest id, and no random number
 * is drawn. Temperature here comes before min-p and top-p, as in vLLM and Hugging Face; llama.cpp's current default
 * chain applies it last, so with both temperature ≠ 1 and min-p/top-p the two truncate differently.
 *
 * <p>Log-probabilities ({@link SamplingParameters#logprobs()}) are those of the model's distribution after bias and
 * penalties but before temperature and any truncation, like vLLM's default "raw" logprobs: a token that top-k removed
 * still has its true log-probability, and greedy decoding reports real numbers rather than 0.
 *
 * <p>After the first call no vocabulary-sized array is allocated: the buffers live in a {@link SamplingWorkspace}.
 * The caller's logits array is never modified. Not thread-safe.
 */
public final class Sampler {

    private final SamplingParameters parameters;
    private final int vocabularySize;
    private final SamplingWorkspace workspace;
    private final long seed;
    private final SplittableRandom random;
    private final int[] biasIds;
    private final float[] biasValues;
    private final int[] topLogprobIds;

    /** The candidates left by {@link #truncate}: ids in {@code keptIds[0, keptCount)}, weights in the workspace. */
    private int[] keptIds;
    private int keptCount;
    private double keptTotal;

    /**
     * A sampler for one request over a vocabulary of {@code vocabularySize} tokens, with its own workspace.
     *
     * @throws IllegalArgumentException when a parameter does not fit the vocabulary (see
     *     {@link SamplingParameters#validateFor(int)})
     */
    public Sampler(SamplingParameters parameters, int vocabularySize) {
        this(parameters, vocabularySize, new SamplingWorkspace());
    }

    /**
     * A sampler for one request that borrows {@code workspace}'s buffers, which it may share with other samplers run by
     * the same thread.
     *
     * @throws IllegalArgumentException when a parameter does not fit the vocabulary (see
     *     {@link SamplingParameters#validateFor(int)})
     */
    public Sampler(SamplingParameters parameters, int vocabularySize, SamplingWorkspace workspace) {
        this.parameters = parameters.validateFor(vocabularySize);
        this.vocabularySize = vocabularySize;
        this.workspace = workspace;
        this.seed = parameters.seed() != null ? parameters.seed() : ThreadLocalRandom.current().nextLong();
        this.random = new SplittableRandom(seed);
        Map<Integer, Float> bias = parameters.logitBias();
        this.biasIds = new int[bias.size()];
        this.biasValues = new float[bias.size()];
        int i = 0;
        for (Map.Entry<Integer, Float> entry : bias.entrySet()) {
            biasIds[i] = entry.getKey();
            biasValues[i] = entry.getValue();
            i++;
        }
        this.topLogprobIds = new int[parameters.topLogprobs()];
    }

    /** The parameters this sampler applies. */
    public SamplingParameters parameters() {
        return parameters;
    }

    /** The vocabulary size it was made for; every logits array must have this length. */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** The seed of its random generator: the request's, or the random one drawn for it (to reproduce the request). */
    public long seed() {
        return seed;
    }

    /**
     * Picks the next token from {@code logits} (one per vocabulary entry, not modified), with penalties over
     * {@code history}; the caller then appends the accepted token to the history.
     *
     * @throws IllegalArgumentException when {@code logits} has the wrong length or holds NaN or +infinity, when a history
     *     token is outside the vocabulary, or when every token's logit is -infinity
     */
    public SampledToken sample(float[] logits, TokenHistory history) {
        return sample(logits, history, null);
    }

    /**
     * Picks the next token as {@link #sample(float[], TokenHistory)} does, among the tokens {@code allowed} sets (a bit
     * per token id; null allows all): the others get a logit of -infinity after bias and penalties, so they are never
     * drawn and the log-probabilities are those of the constrained distribution.
     *
     * @throws IllegalArgumentException as {@link #sample(float[], TokenHistory)}, or when {@code allowed} allows nothing
     */
    public SampledToken sample(float[] logits, TokenHistory history, long[] allowed) {
        float[] adjusted = adjustLogits(logits, history);
        if (allowed != null) {
            mask(adjusted, allowed);
        }
        int id;
        if (parameters.isGreedy()) {
            id = argmax(adjusted);
        } else {
            truncate(adjusted);
            id = draw();
        }
        return withLogprobs(id, adjusted);
    }

    /** The logits after bias and penalties, a copy; for tests. */
    float[] adjustedLogits(float[] logits, TokenHistory history) {
        return Arrays.copyOf(adjustLogits(logits, history), vocabularySize);
    }

    /** The normalized distribution the draw uses, one probability per token (0 where filtered out); for tests. */
    double[] distribution(float[] logits, TokenHistory history) {
        float[] adjusted = adjustLogits(logits, history);
        double[] p = new double[vocabularySize];
        if (parameters.isGreedy()) {
            p[argmax(adjusted)] = 1;
            return p;
        }
        truncate(adjusted);
        float[] weights = workspace.weights(vocabularySize);
        for (int j = 0; j < keptCount; j++) {
            p[keptIds[j]] = weights[keptIds[j]] / keptTotal;
        }
        return p;
    }

    /** Copies the logits into the workspace and applies logit bias, then penalties. */
    private float[] adjustLogits(float[] logits, TokenHistory history) {
        int v = vocabularySize;
        if (logits.length != v) {
            throw new IllegalArgumentException("logits must have one entry per vocabulary token (" + v + "), had "
                    + logits.length);
        }
        float[] adjusted = workspace.adjustedLogits(v);
        System.arraycopy(logits, 0, adjusted, 0, v);
        if (!finiteOrNegativeInfinity(adjusted, v)) {
            for (int i = 0; i < v; i++) {
                float x = logits[i];
                if (Float.isNaN(x) || x == Float.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("logits must be finite or -infinity, token " + i + " was "
                            + x);
                }
            }
        }
        for (int i = 0; i < biasIds.length; i++) {
            adjusted[biasIds[i]] += biasValues[i];
        }
        if (parameters.hasPenalties()) {
            applyPenalties(adjusted, history);
        }
        return adjusted;
    }

    /**
     * Whether none of {@code values[0, count)} is NaN or +infinity: a branch-free pass over the bits (exponent all ones
     * is an infinity or a NaN; of those only -infinity is allowed), which C2 compiles to vector code, where testing
     * each value with a branch while copying it took twice as long (20 against 9 µs for 32,000 logits).
     */
    private static boolean finiteOrNegativeInfinity(float[] values, int count) {
        int bad = 0;
        for (int i = 0; i < count; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            bad |= (bits & 0x7fffffff) >= 0x7f800000 && bits != 0xff800000 ? 1 : 0;
        }
        return bad == 0;
    }

    /**
     * Repetition penalty on every token seen in the window, then presence and frequency penalties on the generated ones,
     * each distinct token once; two passes over the window with a reused count array, no sort.
     */
    private void applyPenalties(float[] adjusted, TokenHistory history) {
        int[] tokens = history.tokensView();
        int size = history.size();
        int promptLength = history.promptLength();
        int window = parameters.penaltyWindow();
        int start = window == 0 ? 0 : Math.max(0, size - window);
        for (int i = start; i < size; i++) {
            if (tokens[i] >= vocabularySize) {
                throw new IllegalArgumentException("history token " + tokens[i] + " at position " + i
                        + " is outside the vocabulary [0, " + vocabularySize + ")");
            }
        }
        // counts[id] = (times generated in the window << 1) | (seen in the window at all).
        int[] counts = workspace.counts(vocabularySize);
        for (int i = start; i < size; i++) {
            int id = tokens[i];
            counts[id] = (counts[id] | 1) + (i >= promptLength ? 2 : 0);
        }
        double repetition = parameters.repetitionPenalty();
        double presence = parameters.presencePenalty();
        double frequency = parameters.frequencyPenalty();
        for (int i = start; i < size; i++) {
            int id = tokens[i];
            int count = counts[id];
            if (count == 0) {
                continue; // already applied
            }
            counts[id] = 0;
            double logit = adjusted[id];
            if (repetition != 1) {
                logit = logit > 0 ? logit / repetition : logit * repetition;
            }
            int generated = count >>> 1;
            if (generated > 0) {
                logit -= presence + frequency * generated;
            }
            adjusted[id] = (float) logit;
        }
    }

    /** Sets the logit of every token {@code allowed} does not allow to -infinity. */
    private void mask(float[] adjusted, long[] allowed) {
        boolean any = false;
        for (int word = 0; word < allowed.length; word++) {
            long bits = allowed[word];
            int base = word << 6;
            if (bits == -1L) {
                any = true;
            } else if (bits == 0) {
                Arrays.fill(adjusted, base, Math.min(base + 64, vocabularySize), Float.NEGATIVE_INFINITY);
            } else {
                any = true;
                for (long refused = ~bits; refused != 0; refused &= refused - 1) {
                    int token = base + Long.numberOfTrailingZeros(refused);
                    if (token < vocabularySize) {
                        adjusted[token] = Float.NEGATIVE_INFINITY;
                    }
                }
            }
        }
        if (!any) {
            throw new IllegalArgumentException("the output constraint allows no token here");
        }
    }

    /** The index of the largest logit, ties to the lowest. */
    private int argmax(float[] adjusted) {
        int best = 0;
        float bestValue = adjusted[0];
        for (int i = 1; i < vocabularySize; i++) {
            if (adjusted[i] > bestValue) {
                bestValue = adjusted[i];
                best = i;
            }
        }
        if (bestValue == Float.NEGATIVE_INFINITY) {
            throw noCandidates();
        }
        return best;
    }

    /** Top-k, temperature, softmax, min-p and top-p; leaves the candidates in {@code keptIds}, {@code keptCount}. */
    private void truncate(float[] adjusted) {
        int v = vocabularySize;
        float[] weights = workspace.weights(v);
        int[] ids = workspace.candidates(v);
        int n;
        boolean sorted;

        // Top-k: a partial selection, best first.
        int topK = parameters.topK();
        if (topK > 0 && topK < v) {
            TopSelection.selectTop(adjusted, null, v, topK, ids);
            n = topK;
            sorted = true;
        } else {
            for (int i = 0; i < v; i++) {
                ids[i] = i;
            }
            n = v;
            sorted = false;
        }

        // Temperature and softmax, unnormalized: the most likely token's weight is exactly 1.
        float max = Float.NEGATIVE_INFINITY;
        if (sorted) {
            max = adjusted[ids[0]];
        } else {
            for (int j = 0; j < n; j++) {
                max = Math.max(max, adjusted[ids[j]]);
            }
        }
        if (max == Float.NEGATIVE_INFINITY) {
            throw noCandidates();
        }
        double inverseTemperature = 1.0 / parameters.temperature();
        double total = 0;
        for (int j = 0; j < n; j++) {
            int id = ids[j];
            float w = (float) Math.exp((adjusted[id] - max) * inverseTemperature);
            weights[id] = w;
            total += w;
        }

        // Min-p: p ≥ minP · pmax, that is weight ≥ minP since pmax's weight is 1; keeps the order.
        double minP = parameters.minP();
        if (minP > 0) {
            int kept = 0;
            total = 0;
            for (int j = 0; j < n; j++) {
                int id = ids[j];
                if (weights[id] >= minP) {
                    ids[kept++] = id;
                    total += weights[id];
                }
            }
            n = kept;
        }

        // Top-p: the smallest most-likely-first prefix reaching topP of what is left.
        double topP = parameters.topP();
        if (topP < 1) {
            double target = topP * total;
            if (sorted) {
                double cumulative = 0;
                for (int j = 0; j < n; j++) {
                    cumulative += weights[ids[j]];
                    if (cumulative >= target) {
                        n = j + 1;
                        break;
                    }
                }
                total = cumulative;
            } else {
                // Quickselect the nucleus boundary: expected O(n), no sort; the nucleus stays unordered.
                n = TopSelection.nucleus(weights, ids, n, target);
                total = 0;
                for (int j = 0; j < n; j++) {
                    total += weights[ids[j]];
                }
            }
        }
        keptIds = ids;
        keptCount = n;
        keptTotal = total;
    }

    /** Draws one of the kept candidates with probability proportional to its weight. */
    private int draw() {
        float[] weights = workspace.weights(vocabularySize);
        double u = random.nextDouble() * keptTotal;
        double cumulative = 0;
        for (int j = 0; j < keptCount; j++) {
            cumulative += weights[keptIds[j]];
            if (u < cumulative) {
                return keptIds[j];
            }
        }
        // Rounding left u at the very top: the last candidate with any weight.
        for (int j = keptCount - 1; j > 0; j--) {
            if (weights[keptIds[j]] > 0) {
                return keptIds[j];
            }
        }
        return keptIds[0];
    }

    /** The sampled token with its log-probability and the top alternatives, all from log-softmax of the adjusted logits. */
    private SampledToken withLogprobs(int id, float[] adjusted) {
        if (!parameters.logprobs()) {
            return new SampledToken(id, Double.NaN, List.of());
        }
        int v = vocabularySize;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) {
            max = Math.max(max, adjusted[i]);
        }
        double sum = 0;
        for (int i = 0; i < v; i++) {
            sum += Math.exp(adjusted[i] - max);
        }
        double logSumExp = max + Math.log(sum);
        int n = Math.min(topLogprobIds.length, v);
        TopSelection.selectTop(adjusted, null, v, n, topLogprobIds);
        List<TokenLogprob> top = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            int alternative = topLogprobIds[j];
            top.add(new TokenLogprob(alternative, adjusted[alternative] - logSumExp));
        }
        return new SampledToken(id, adjusted[id] - logSumExp, top);
    }

    private static IllegalArgumentException noCandidates() {
        return new IllegalArgumentException(
                "every token's logit is -infinity after logit bias and penalties: there is nothing to sample");
    }
}
