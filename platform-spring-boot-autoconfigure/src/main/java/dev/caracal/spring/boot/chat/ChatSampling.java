package dev.caracal.spring.boot.chat;

import java.util.List;

/**
 * The sampling a chat request asks for; null (or empty) where it says nothing, which leaves the choice to
 * {@code caracal.chat.*} and then to the engine's defaults.
 *
 * @param temperature      0 for greedy
 * @param topP             nucleus sampling's probability mass
 * @param topK             sample among this many most likely tokens
 * @param maxTokens        the most tokens of the reply; up to the context when null
 * @param stop             strings that end the reply (not included in it)
 * @param seed             the random seed of sampling
 * @param presencePenalty  OpenAI's presence penalty
 * @param frequencyPenalty OpenAI's frequency penalty
 */
public record ChatSampling(Double temperature, Double topP, Integer topK, Integer maxTokens, List<String> stop,
        Long seed, Double presencePenalty, Double frequencyPenalty) {

    /** Nothing asked: the defaults. */
    public static final ChatSampling DEFAULTS = new ChatSampling(null, null, null, null, List.of(), null, null, null);

    public ChatSampling {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }
}
