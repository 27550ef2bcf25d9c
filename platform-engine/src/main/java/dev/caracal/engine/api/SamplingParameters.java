package dev.caracal.engine.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one request's sampling and stopping, validated on construction.
 *
 * <p>Every field has an "off" value, and {@link #defaults()} turns everything off except plain sampling at temperature
 * 1 (the OpenAI and vLLM defaults). Invalid values fail with an {@link IllegalArgumentException} whose message names the
 * parameter and its allowed range; checks that need the vocabulary size are in {@link #validateFor(int)}.
 *
 * @param temperature divides the logits before the softmax; 0 means greedy (argmax, ties to the lowest id); {@code ≥ 0}
 * @param topK keeps the {@code topK} most likely tokens; 0 (or any value {@code ≥} the vocabulary size) is off
 * @param topP keeps the smallest set of most likely tokens whose probability sums to at least {@code topP}; in
 *     {@code (0, 1]}, 1 is off
 * @param minP drops the tokens whose probability is below {@code minP} times the most likely token's; in {@code [0, 1]},
 *     0 is off
 * @param repetitionPenalty llama.cpp / Hugging Face style: the logit of each token seen in the penalty window (prompt
 *     and generated tokens alike, as vLLM) is divided by it when positive and multiplied by it otherwise; {@code > 0},
 *     1 is off
 * @param presencePenalty OpenAI style: subtracted once from the logit of each token that the request has generated
 *     inside the penalty window (generated tokens only, not the prompt, as vLLM); in {@code [-2, 2]}, 0 is off
 * @param frequencyPenalty OpenAI style: subtracted from a token's logit once per time the request has generated it
 *     inside the penalty window (generated tokens only, not the prompt, as vLLM); in {@code [-2, 2]}, 0 is off
 * @param penaltyWindow the penalties look at the last {@code penaltyWindow} tokens of prompt plus output; 0 means all
 *     of them; {@code ≥ 0}
 * @param logitBias values added to the logits of the given token ids before anything else; values in
 *     {@code [-100, 100]} (OpenAI's range; -100 effectively bans a token), ids {@code ≥ 0} and below the vocabulary size
 * @param seed seeds the request's random generator; {@code null} draws a random seed
 * @param stop stop strings: generation ends when the text contains one, and neither it nor anything after it is emitted;
 *     each non-empty
 * @param stopTokenIds token ids that end generation (EOS, EOT, ...) and are not emitted as text; ids {@code ≥ 0}
 * @param logprobs whether each sampled token carries its log-probability
 * @param topLogprobs how many most likely alternatives each sampled token carries; in {@code [0, 20]}, more than 0 needs
 *     {@code logprobs}
 * @param maxTokens the most tokens to generate; {@code ≥ 1}; {@link Integer#MAX_VALUE} means only the context window
 *     limits it
 * @param constraint what the output must be (JSON valid against a schema, a tool call), enforced at every step; null
 *     for free text
 * @param preservedTokens control tokens written into the text as their own text rather than left out (tool-call
 *     markers such as {@code <|python_tag|>} or {@code [TOOL_CALLS]}, which a parser then reads); ids {@code ≥ 0}
 */
public record SamplingParameters(
        double temperature,
        int topK,
        double topP,
        double minP,
        double repetitionPenalty,
        double presencePenalty,
        double frequencyPenalty,
        int penaltyWindow,
        Map<Integer, Float> logitBias,
        Long seed,
        List<String> stop,
        Set<Integer> stopTokenIds,
        boolean logprobs,
        int topLogprobs,
        int maxTokens,
        OutputConstraint constraint,
        Set<Integer> preservedTokens) {

    /** The most alternatives {@link #topLogprobs()} may ask for (OpenAI's limit). */
    public static final int MAX_TOP_LOGPROBS = 20;

    /** The largest magnitude of a {@link #logitBias()} value (OpenAI's limit). */
    public static final float MAX_LOGIT_BIAS = 100f;

    /** The largest magnitude of {@link #presencePenalty()} and {@link #frequencyPenalty()} (OpenAI's limit). */
    public static final double MAX_OPENAI_PENALTY = 2.0;

    private static final SamplingParameters DEFAULTS = new Builder().build();

    /** Validates every parameter and copies the collections into unmodifiable ones. */
    public SamplingParameters {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw invalid("temperature", "a finite number ≥ 0 (0 = greedy)", temperature);
        }
        if (topK < 0) {
            throw invalid("topK", "≥ 0 (0 = off)", topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw invalid("topP", "in (0, 1] (1 = off)", topP);
        }
        if (!(minP >= 0 && minP <= 1)) {
            throw invalid("minP", "in [0, 1] (0 = off)", minP);
        }
        if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
            throw invalid("repetitionPenalty", "a finite number > 0 (1 = off)", repetitionPenalty);
        }
        if (!(Math.abs(presencePenalty) <= MAX_OPENAI_PENALTY)) {
            throw invalid("presencePenalty", "in [-2, 2] (0 = off)", presencePenalty);
        }
        if (!(Math.abs(frequencyPenalty) <= MAX_OPENAI_PENALTY)) {
            throw invalid("frequencyPenalty", "in [-2, 2] (0 = off)", frequencyPenalty);
        }
        if (penaltyWindow < 0) {
            throw invalid("penaltyWindow", "≥ 0 (0 = the whole sequence)", penaltyWindow);
        }
        logitBias = copyLogitBias(logitBias);
        stop = copyStop(stop);
        stopTokenIds = copyTokenIds("stopTokenIds", stopTokenIds);
        preservedTokens = copyTokenIds("preservedTokens", preservedTokens);
        if (topLogprobs < 0 || topLogprobs > MAX_TOP_LOGPROBS) {
            throw invalid("topLogprobs", "in [0, " + MAX_TOP_LOGPROBS + "]", topLogprobs);
        }
        if (topLogprobs > 0 && !logprobs) {
            throw new IllegalArgumentException("topLogprobs must be 0 unless logprobs is true, was " + topLogprobs);
        }
        if (maxTokens < 1) {
            throw invalid("maxTokens", "≥ 1", maxTokens);
        }
    }

    /** Plain sampling at temperature 1 with every filter, penalty and bias off (the OpenAI and vLLM defaults). */
    public static SamplingParameters defaults() {
        return DEFAULTS;
    }

    /** Greedy decoding (temperature 0), everything else as in {@link #defaults()}. */
    public static SamplingParameters greedy() {
        return builder().temperature(0).build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these parameters. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Checks what needs the vocabulary size: every {@link #logitBias()} and {@link #stopTokenIds()} id must be below it.
     *
     * @throws IllegalArgumentException naming the parameter and the allowed range
     */
    public SamplingParameters validateFor(int vocabularySize) {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("vocabularySize must be ≥ 1, was " + vocabularySize);
        }
        for (int id : logitBias.keySet()) {
            if (id >= vocabularySize) {
                throw new IllegalArgumentException("logitBias token id must be in [0, " + vocabularySize + "), was " + id);
            }
        }
        for (int id : stopTokenIds) {
            if (id >= vocabularySize) {
                throw new IllegalArgumentException(
                        "stopTokenIds token id must be in [0, " + vocabularySize + "), was " + id);
            }
        }
        for (int id : preservedTokens) {
            if (id >= vocabularySize) {
                throw new IllegalArgumentException(
                        "preservedTokens token id must be in [0, " + vocabularySize + "), was " + id);
            }
        }
        return this;
    }

    /** Whether sampling is greedy (temperature 0). */
    public boolean isGreedy() {
        return temperature == 0;
    }

    /** Whether {@code tokenId} ends generation. */
    public boolean isStopToken(int tokenId) {
        return stopTokenIds.contains(tokenId);
    }

    /** Whether any penalty is on. */
    public boolean hasPenalties() {
        return repetitionPenalty != 1 || presencePenalty != 0 || frequencyPenalty != 0;
    }

    private static IllegalArgumentException invalid(String name, String range, Object value) {
        return new IllegalArgumentException(name + " must be " + range + ", was " + value);
    }

    private static Map<Integer, Float> copyLogitBias(Map<Integer, Float> logitBias) {
        if (logitBias == null) {
            throw new IllegalArgumentException("logitBias must be a map (empty = off), was null");
        }
        Map<Integer, Float> copy = new LinkedHashMap<>();
        for (Map.Entry<Integer, Float> entry : logitBias.entrySet()) {
            Integer id = entry.getKey();
            Float bias = entry.getValue();
            if (id == null || id < 0) {
                throw new IllegalArgumentException("logitBias token id must be ≥ 0 and below the vocabulary size, was "
                        + id);
            }
            if (bias == null || !(Math.abs(bias) <= MAX_LOGIT_BIAS)) {
                throw new IllegalArgumentException("logitBias value for token " + id + " must be in [-100, 100], was "
                        + bias);
            }
            copy.put(id, bias);
        }
        return Map.copyOf(copy);
    }

    private static List<String> copyStop(List<String> stop) {
        if (stop == null) {
            throw new IllegalArgumentException("stop must be a list of strings (empty = none), was null");
        }
        List<String> copy = new ArrayList<>(stop.size());
        for (String s : stop) {
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException("stop strings must be non-empty, was " + (s == null ? "null" : "\"\""));
            }
            copy.add(s);
        }
        return List.copyOf(copy);
    }

    private static Set<Integer> copyTokenIds(String name, Set<Integer> ids) {
        if (ids == null) {
            throw new IllegalArgumentException(name + " must be a set of token ids (empty = none), was null");
        }
        Set<Integer> copy = new HashSet<>();
        for (Integer id : ids) {
            if (id == null || id < 0) {
                throw new IllegalArgumentException(name + " token id must be ≥ 0 and below the vocabulary size, was "
                        + id);
            }
            copy.add(id);
        }
        return Set.copyOf(copy);
    }

    /** Builds {@link SamplingParameters}; starts from {@link #defaults()}, validates in {@link #build()}. */
    public static final class Builder {
        private double temperature = 1.0;
        private int topK;
        private double topP = 1.0;
        private double minP;
        private double repetitionPenalty = 1.0;
        private double presencePenalty;
        private double frequencyPenalty;
        private int penaltyWindow;
        private Map<Integer, Float> logitBias = Map.of();
        private Long seed;
        private List<String> stop = List.of();
        private Set<Integer> stopTokenIds = Set.of();
        private boolean logprobs;
        private int topLogprobs;
        private int maxTokens = Integer.MAX_VALUE;
        private OutputConstraint constraint;
        private Set<Integer> preservedTokens = Set.of();

        private Builder() {
        }

        private Builder(SamplingParameters p) {
            temperature = p.temperature;
            topK = p.topK;
            topP = p.topP;
            minP = p.minP;
            repetitionPenalty = p.repetitionPenalty;
            presencePenalty = p.presencePenalty;
            frequencyPenalty = p.frequencyPenalty;
            penaltyWindow = p.penaltyWindow;
            logitBias = p.logitBias;
            seed = p.seed;
            stop = p.stop;
            stopTokenIds = p.stopTokenIds;
            logprobs = p.logprobs;
            topLogprobs = p.topLogprobs;
            maxTokens = p.maxTokens;
            constraint = p.constraint;
            preservedTokens = p.preservedTokens;
        }

        /** See {@link SamplingParameters#temperature()}. */
        public Builder temperature(double value) {
            temperature = value;
            return this;
        }

        /** See {@link SamplingParameters#topK()}. */
        public Builder topK(int value) {
            topK = value;
            return this;
        }

        /** See {@link SamplingParameters#topP()}. */
        public Builder topP(double value) {
            topP = value;
            return this;
        }

        /** See {@link SamplingParameters#minP()}. */
        public Builder minP(double value) {
            minP = value;
            return this;
        }

        /** See {@link SamplingParameters#repetitionPenalty()}. */
        public Builder repetitionPenalty(double value) {
            repetitionPenalty = value;
            return this;
        }

        /** See {@link SamplingParameters#presencePenalty()}. */
        public Builder presencePenalty(double value) {
            presencePenalty = value;
            return this;
        }

        /** See {@link SamplingParameters#frequencyPenalty()}. */
        public Builder frequencyPenalty(double value) {
            frequencyPenalty = value;
            return this;
        }

        /** See {@link SamplingParameters#penaltyWindow()}. */
        public Builder penaltyWindow(int value) {
            penaltyWindow = value;
            return this;
        }

        /** See {@link SamplingParameters#logitBias()}. */
        public Builder logitBias(Map<Integer, Float> value) {
            logitBias = value;
            return this;
        }

        /** See {@link SamplingParameters#seed()}. */
        public Builder seed(Long value) {
            seed = value;
            return this;
        }

        /** See {@link SamplingParameters#stop()}. */
        public Builder stop(List<String> value) {
            stop = value;
            return this;
        }

        /** See {@link SamplingParameters#stopTokenIds()}. */
        public Builder stopTokenIds(Set<Integer> value) {
            stopTokenIds = value;
            return this;
        }

        /** See {@link SamplingParameters#logprobs()}. */
        public Builder logprobs(boolean value) {
            logprobs = value;
            return this;
        }

        /** See {@link SamplingParameters#topLogprobs()}; a value above 0 also turns {@code logprobs} on. */
        public Builder topLogprobs(int value) {
            topLogprobs = value;
            if (value > 0) {
                logprobs = true;
            }
            return this;
        }

        /** See {@link SamplingParameters#maxTokens()}. */
        public Builder maxTokens(int value) {
            maxTokens = value;
            return this;
        }

        /** See {@link SamplingParameters#constraint()}. */
        public Builder constraint(OutputConstraint value) {
            constraint = value;
            return this;
        }

        /** See {@link SamplingParameters#preservedTokens()}. */
        public Builder preservedTokens(Set<Integer> value) {
            preservedTokens = value;
            return this;
        }

        /** The parameters, validated. */
        public SamplingParameters build() {
            return new SamplingParameters(temperature, topK, topP, minP, repetitionPenalty, presencePenalty,
                    frequencyPenalty, penaltyWindow, logitBias, seed, stop, stopTokenIds, logprobs, topLogprobs,
                    maxTokens, constraint, preservedTokens);
        }
    }
}
