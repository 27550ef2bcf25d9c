package dev.caracal.app.server.openai;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/chat/completions} (the parameters Caracal supports; the ones it does not are refused by
 * {@link UnsupportedParameters} before binding).
 */
record ChatCompletionRequest(
        String model,
        List<Message> messages,
        Integer maxTokens,
        Integer maxCompletionTokens,
        Double temperature,
        Double topP,
        Integer n,
        Boolean stream,
        StreamOptions streamOptions,
        JsonNode stop,
        Long seed,
        Double presencePenalty,
        Double frequencyPenalty,
        Map<String, Double> logitBias,
        Boolean logprobs,
        Integer topLogprobs,
        String user,
        Integer topK,
        Double minP,
        Double repetitionPenalty,
        Boolean ignoreEos,
        JsonNode tools,
        JsonNode toolChoice,
        Boolean parallelToolCalls,
        JsonNode responseFormat,
        Map<String, JsonNode> chatTemplateKwargs,
        Boolean enableThinking) implements SamplingFields {

    /**
     * One message of the conversation.
     *
     * @param role       {@code system}, {@code developer} (as system), {@code user}, {@code assistant} or {@code tool}
     * @param content    a string, a list of {@code {"type": "text", "text": …}} parts, or null (an assistant turn)
     * @param name       the participant's name (accepted, not used)
     * @param toolCalls  an assistant turn's calls: {@code [{id, type: "function", function: {name, arguments}}]}
     * @param toolCallId the call a {@code tool} message answers
     */
    record Message(String role, JsonNode content, String name, JsonNode toolCalls, String toolCallId) {
    }
}
