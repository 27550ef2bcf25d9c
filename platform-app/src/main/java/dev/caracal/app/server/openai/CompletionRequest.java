package dev.caracal.app.server.openai;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/completions} (the parameters Caracal supports; the ones it does not are refused by
 * {@link UnsupportedParameters} before binding).
 *
 * @param prompt   a string, a list of strings, a list of token ids, or a list of lists of token ids (a batch: each
 *                 prompt gets {@code n} choices)
 * @param logprobs the number of most likely alternatives to return with each token's log-probability, 0 to 5
 * @param responseFormat {@code json_object} or {@code json_schema}, enforced as for chat (vLLM accepts it here too)
 */
record CompletionRequest(
        String model,
        JsonNode prompt,
        Integer maxTokens,
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
        Integer logprobs,
        String user,
        Integer topK,
        Double minP,
        Double repetitionPenalty,
        Boolean ignoreEos,
        JsonNode responseFormat) implements SamplingFields {
}
