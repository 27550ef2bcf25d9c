package dev.caracal.app.server.engine;

import dev.caracal.engine.sampling.SamplingParameters;
import java.util.Objects;

/**
 * One generation the gateway asks of a deployment: a tokenized prompt and how to sample it.
 *
 * @param requestId    unique among the deployment's unfinished requests (OpenAI's response id plus the choice index)
 * @param promptTokens the prompt, special tokens included; not empty
 * @param sampling     sampling and stopping, {@link SamplingParameters#maxTokens()} already fitted to the context
 */
public record GenerationRequest(String requestId, int[] promptTokens, SamplingParameters sampling) {

    public GenerationRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(sampling, "sampling");
        if (promptTokens.length == 0) {
            throw new IllegalArgumentException("request " + requestId + " has an empty prompt");
        }
    }
}
