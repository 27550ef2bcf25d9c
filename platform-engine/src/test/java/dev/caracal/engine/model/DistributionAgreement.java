package dev.caracal.engine.model;

import static org.assertj.core.api.Assertions.fail;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.testing.NodeLlamaCppOracle;
import dev.caracal.formats.testing.NodeLlamaCppOracle.Distribution;
import dev.caracal.formats.testing.NodeLlamaCppOracle.Request;
import dev.caracal.formats.testing.NodeLlamaCppOracle.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Feeds Caracal and llama.cpp the same token sequences and compares their next-token distributions position by
 * position: total variation distance, the probability of llama.cpp's top token, and the top token itself where
 * llama.cpp's choice is clear.
 */
final class DistributionAgreement {

    /** Prompts per model. */
    static final int PROMPTS = 8;
    /** Tokens per compared sequence: a 4-token prompt and llama.cpp's greedy continuation. */
    static final int SEQUENCE_LENGTH = 64;
    private static final int PROMPT_LENGTH = 4;

    private DistributionAgreement() {
    }

    /**
     * How far Caracal may be from llama.cpp at any position.
     *
     * @param totalVariation  the largest total variation distance between the two distributions, measured on
     *                        llama.cpp's top-64 tokens plus one bucket for the remaining mass
     * @param topProbability  the largest difference in the probability of llama.cpp's top token
     * @param why             the reason for these numbers, for messages
     */
    record Bounds(double totalVariation, double topProbability, String why) {

        /**
         * Where llama.cpp's top token leads the second by more than this, Caracal must pick the same token. Two
         * distributions within total variation t can move the gap between two tokens by at most 2t, so a larger gap
         * cannot be reversed by a difference the TV bound allows.
         */
        double decisiveMargin() {
            return 2 * totalVariation;
        }
    }

    /**
     * What one comparison measured.
     *
     * @param model              the file
     * @param positions          positions compared
     * @param worstTotalVariation the largest total variation distance
     * @param worstTopProbability the largest difference in the probability of llama.cpp's top token
     * @param topAgreement       the fraction of positions where both engines have the same top token
     */
    record Measurement(String model, int positions, double worstTotalVariation, double worstTopProbability,
            double topAgreement) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d positions, worst TV %.2e, worst top-p diff %.2e, same top-1"
                    + " %.1f%%", model, positions, worstTotalVariation, worstTopProbability, 100 * topAgreement);
        }
    }

    /** The backend the agreement tests run on: the CPU backend, or the scalar reference where it is absent. */
    static Backend openBackend() {
        String requested = System.getProperty("caracal.test.backend");
        if (requested != null && !requested.isBlank()) {
            return BackendRegistry.open(requested, new BackendOptions(2));
        }
        try {
            return BackendRegistry.open("cpu", new BackendOptions(2));
        } catch (IllegalStateException cpuMissing) {
            return BackendRegistry.open("reference", new BackendOptions(2));
        }
    }

    /** Eight prompts of BOS and three tokens drawn (from a fixed seed) from the vocabulary past the control tokens. */
    static List<int[]> prompts(int vocabularySize, int bos) {
        SplittableRandom random = new SplittableRandom(20240601L);
        List<int[]> prompts = new ArrayList<>();
        for (int p = 0; p < PROMPTS; p++) {
            int[] prompt = new int[PROMPT_LENGTH];
            prompt[0] = bos;
            for (int i = 1; i < PROMPT_LENGTH; i++) {
                prompt[i] = random.nextInt(3, vocabularySize);
            }
            prompts.add(prompt);
        }
        return prompts;
    }

    /**
     * Compares Caracal with llama.cpp on {@code model}: llama.cpp continues eight prompts greedily to 64 tokens and
     * reports its distribution at each position; Caracal evaluates the same sequences with a KV cache of
     * {@code kvType} (llama.cpp's is the same type). Fails with the worst position and both top-5 lists when a bound
     * is exceeded.
     */
    static Measurement compare(Path model, Backend backend, QuantFormat kvType, Bounds bounds) throws Exception {
        return compare(model, model, backend, kvType, bounds);
    }

    /**
     * Like {@link #compare(Path, Backend, QuantFormat, Bounds)}, with Caracal running {@code model} and llama.cpp
     * {@code reference} (the same model in other bytes, such as its weights dequantized to F32).
     */
    static Measurement compare(Path model, Path reference, Backend backend, QuantFormat kvType, Bounds bounds)
            throws Exception {
        try (LanguageModel language = LanguageModel.open(model, backend, SEQUENCE_LENGTH)) {
            int vocabulary = language.config().vocabularySize();
            int bos = language.tokenizer().bosToken().orElse(1);
            Result oracle = NodeLlamaCppOracle.run(Request.on(reference)
                    .withGenerations(prompts(vocabulary, bos), SEQUENCE_LENGTH - PROMPT_LENGTH, true)
                    .withKvCacheType(kvType.name()));
            Worst worstTotalVariation = null;
            Worst worstTopProbability = null;
            Worst firstDecisiveDisagreement = null;
            int positions = 0;
            int sameTop = 0;
            for (int s = 0; s < oracle.sequences().size(); s++) {
                int[] tokens = oracle.sequences().get(s);
                float[][] logits;
                try (SequenceRunner sequence = language.newSequence(SEQUENCE_LENGTH, kvType)) {
                    logits = sequence.evaluateAll(tokens);
                }
                List<Distribution> expected = oracle.distributions().get(s);
                for (int i = 0; i < tokens.length; i++) {
                    for (int v = 0; v < logits[i].length; v++) {
                        if (!Float.isFinite(logits[i][v])) {
                            fail("Caracal's logit %d at sequence %d position %d of %s is %s", v, s, i, model,
                                    logits[i][v]);
                        }
                    }
                    double[] probabilities = softmax(logits[i]);
                    Distribution expectedHere = expected.get(i);
                    Worst here = new Worst(s, i, tokens, expectedHere, probabilities);
                    positions++;
                    if (argmax(probabilities) == expectedHere.top()) {
                        sameTop++;
                    } else if (here.margin() > bounds.decisiveMargin() && firstDecisiveDisagreement == null) {
                        firstDecisiveDisagreement = here;
                    }
                    if (worstTotalVariation == null || here.totalVariation() > worstTotalVariation.totalVariation()) {
                        worstTotalVariation = here;
                    }
                    if (worstTopProbability == null
                            || here.topProbabilityDifference() > worstTopProbability.topProbabilityDifference()) {
                        worstTopProbability = here;
                    }
                }
            }
            String name = model.equals(reference) ? model.getFileName().toString()
                    : model.getFileName() + " vs llama.cpp on " + reference.getFileName();
            Measurement measurement = new Measurement(name, positions,
                    worstTotalVariation.totalVariation(), worstTopProbability.topProbabilityDifference(),
                    (double) sameTop / positions);
            System.out.println("[llama.cpp agreement] " + measurement);
            if (worstTotalVariation.totalVariation() > bounds.totalVariation()) {
                fail("total variation distance %.3e exceeds %.3e (%s) on %s; worst %s", worstTotalVariation
                        .totalVariation(), bounds.totalVariation(), bounds.why(), name, worstTotalVariation);
            }
            if (worstTopProbability.topProbabilityDifference() > bounds.topProbability()) {
                fail("the probability of llama.cpp's top token differs by %.3e, more than %.3e (%s), on %s; worst %s",
                        worstTopProbability.topProbabilityDifference(), bounds.topProbability(), bounds.why(), name,
                        worstTopProbability);
            }
            if (firstDecisiveDisagreement != null) {
                fail("Caracal's top token differs from llama.cpp's although llama.cpp leads by %.3f (> %.3f) on %s: %s",
                        firstDecisiveDisagreement.margin(), bounds.decisiveMargin(), name,
                        firstDecisiveDisagreement);
            }
            return measurement;
        }
    }

    /** One compared position, with what a failure message needs. */
    private record Worst(int sequence, int position, int[] tokens, Distribution reference, double[] probabilities) {

        double totalVariation() {
            double distance = 0;
            double referenceRest = 1;
            double caracalRest = 1;
            for (int k = 0; k < reference.ids().length; k++) {
                double p = reference.probabilities()[k];
                double q = probabilities[reference.ids()[k]];
                distance += Math.abs(p - q);
                referenceRest -= p;
                caracalRest -= q;
            }
            distance += Math.abs(Math.max(0, referenceRest) - Math.max(0, caracalRest));
            return distance / 2;
        }

        double topProbabilityDifference() {
            return Math.abs(reference.probabilities()[0] - probabilities[reference.top()]);
        }

        double margin() {
            return reference.probabilities()[0] - reference.probabilities()[1];
        }

        @Override
        public String toString() {
            StringBuilder caracal = new StringBuilder("[");
            int[] order = topIndices(probabilities, 5);
            for (int k = 0; k < order.length; k++) {
                caracal.append(k == 0 ? "" : ", ").append(order[k])
                        .append(String.format(Locale.ROOT, "=%.4f", probabilities[order[k]]));
            }
            caracal.append("]");
            return String.format(Locale.ROOT, "sequence %d position %d (after token %d; TV %.3e, top-p diff %.3e):"
                    + " llama.cpp top-5 %s, Caracal top-5 %s", sequence, position, tokens[position],
                    totalVariation(), topProbabilityDifference(), reference.describeTop(5), caracal);
        }
    }

    static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double[] probabilities = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = Math.exp(logits[i] - max);
            sum += probabilities[i];
        }
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] /= sum;
        }
        return probabilities;
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int[] topIndices(double[] values, int count) {
        int[] top = new int[Math.min(count, values.length)];
        boolean[] taken = new boolean[values.length];
        for (int k = 0; k < top.length; k++) {
            int best = -1;
            for (int i = 0; i < values.length; i++) {
                if (!taken[i] && (best < 0 || values[i] > values[best])) {
                    best = i;
                }
            }
            taken[best] = true;
            top[k] = best;
        }
        return top;
    }
}
