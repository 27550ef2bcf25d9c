package dev.caracal.app.server.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** What {@code POST /v1/completions} returns: a whole completion, or the chunks of a stream (the same shape). */
final class CompletionResponses {

    private CompletionResponses() {
    }

    /** A completion or one streamed chunk of it ({@code object: text_completion}). */
    record Completion(String id, String object, long created, String model, List<Choice> choices,
            @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage) {
    }

    record Choice(int index, String text, Logprobs logprobs, String finishReason) {
    }

    /** The legacy log-probability shape: parallel lists over the choice's tokens. */
    record Logprobs(List<String> tokens, List<Double> tokenLogprobs, List<Map<String, Double>> topLogprobs,
            List<Integer> textOffset) {
    }
}
