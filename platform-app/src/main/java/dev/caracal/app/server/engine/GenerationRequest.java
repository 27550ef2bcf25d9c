package dev.caracal.app.server.engine;

import dev.caracal.engine.sampling.SamplingParameters;
import dev.caracal.engine.scheduler.Priority;
import java.util.Objects;

/**
 * One generation the gateway asks of a deployment: a tokenized prompt and how to sample it.
 *
 * @param requestId    unique among the deployment's unfinished requests (OpenAI's response id plus the choice index)
 * @param promptTokens the prompt, special tokens included; not empty
 * @param sampling     sampling and stopping, {@link SamplingParameters#maxTokens()} already fitted to the context
 * @param priority     the engine's priority class of the request
 * @param cacheSalt    mixed into the request's prefix-cache keys, so that only requests with the same salt (the same
 *                     tenant) share cached blocks; null for none
 * @param ignoreEos    keep generating past the model's end-of-generation tokens (benchmarks)
 */
public record GenerationRequest(String requestId, int[] promptTokens, SamplingParameters sampling, Priority priority,
        String cacheSalt, boolean ignoreEos) {

    /** An interactive request without a cache salt. */
    public GenerationRequest(String requestId, int[] promptTokens, SamplingParameters sampling) {
        this(requestId, promptTokens, sampling, Priority.INTERACTIVE, null, false);
    }

    public GenerationRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(priority, "priority");
        if (promptTokens.length == 0) {
            throw new IllegalArgumentException("request " + requestId + " has an empty prompt");
        }
    }
}
