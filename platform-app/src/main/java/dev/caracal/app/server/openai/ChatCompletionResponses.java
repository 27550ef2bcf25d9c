package dev.caracal.app.server.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What {@code POST /v1/chat/completions} returns: a whole completion, or the chunks of a stream. */
final class ChatCompletionResponses {

    private ChatCompletionResponses() {
    }

    /** A non-streamed chat completion ({@code object: chat.completion}). */
    record ChatCompletion(String id, String object, long created, String model, List<Choice> choices, Usage usage) {
    }

    record Choice(int index, Message message, Logprobs logprobs, String finishReason) {
    }

    record Message(String role, String content, String refusal) {
    }

    /** One streamed chunk ({@code object: chat.completion.chunk}); {@code usage} only on the last one when asked. */
    record ChatCompletionChunk(String id, String object, long created, String model, List<ChunkChoice> choices,
            @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage) {
    }

    record ChunkChoice(int index, Delta delta, Logprobs logprobs, String finishReason) {
    }

    /** The new part of the message: the role on the first chunk, then content; empty on the finishing chunk. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(String role, String content) {
    }

    /** Log-probabilities of the message's tokens. */
    record Logprobs(List<TokenLogprob> content, List<TokenLogprob> refusal) {
    }

    /**
     * One token: its text, log-probability and UTF-8 bytes, and the most likely alternatives at its position.
     *
     * @param topLogprobs null inside {@code top_logprobs} itself
     */
    record TokenLogprob(String token, double logprob, List<Integer> bytes,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<TokenLogprob> topLogprobs) {
    }
}
