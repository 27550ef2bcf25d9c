package dev.caracal.engine.api;

import dev.caracal.engine.api.Priority;
import dev.caracal.engine.api.SamplingParameters;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One generation request to an engine: prompt tokens and how to sample, with its priority class and prefix-cache
 * salt.
 *
 * @param requestId    unique among the engine's unfinished requests; chunks carry it and {@link EngineClient#cancel}
 *                     takes it
 * @param promptTokens the prompt, already tokenized (special tokens such as BOS included); not empty
 * @param sampling     sampling and stopping ({@link SamplingParameters#maxTokens()}, stop strings and tokens, seed,
 *                     logprobs)
 * @param priority     the priority class: {@link Priority#INTERACTIVE} before {@link Priority#BATCH}
 * @param cacheSalt    mixed into the hashes of the request's KV blocks, so that only requests with the same salt (for
 *                     example the same tenant) share cached prefixes; null for none
 * @param ignoreEos    true to keep generating past the model's end-of-generation tokens (benchmarks on random
 *                     weights); {@link SamplingParameters#stopTokenIds()} still stop
 */
public record EngineRequest(String requestId, int[] promptTokens, SamplingParameters sampling, Priority priority,
        String cacheSalt, boolean ignoreEos) {

    public EngineRequest {
        Objects.requireNonNull(requestId, "requestId");
        if (requestId.isBlank()) {
            throw new IllegalArgumentException("requestId must not be blank");
        }
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(priority, "priority");
        promptTokens = promptTokens.clone();
        if (promptTokens.length == 0) {
            throw new IllegalArgumentException("request " + requestId + " has an empty prompt");
        }
    }

    /** An interactive request with no cache salt that stops at end-of-generation tokens. */
    public static EngineRequest of(String requestId, int[] promptTokens, SamplingParameters sampling) {
        return new EngineRequest(requestId, promptTokens, sampling, Priority.INTERACTIVE, null, false);
    }

    /** A fresh random request id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public int[] promptTokens() {
        return promptTokens.clone();
    }

    public EngineRequest withPriority(Priority value) {
        return new EngineRequest(requestId, promptTokens, sampling, value, cacheSalt, ignoreEos);
    }

    public EngineRequest withCacheSalt(String value) {
        return new EngineRequest(requestId, promptTokens, sampling, priority, value, ignoreEos);
    }

    public EngineRequest withIgnoreEos(boolean value) {
        return new EngineRequest(requestId, promptTokens, sampling, priority, cacheSalt, value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EngineRequest that && requestId.equals(that.requestId)
                && Arrays.equals(promptTokens, that.promptTokens) && sampling.equals(that.sampling)
                && priority == that.priority && Objects.equals(cacheSalt, that.cacheSalt)
                && ignoreEos == that.ignoreEos;
    }

    @Override
    public int hashCode() {
        return requestId.hashCode() * 31 + Arrays.hashCode(promptTokens);
    }

    @Override
    public String toString() {
        return "EngineRequest[" + requestId + ", " + promptTokens.length + " prompt tokens, " + priority
                + (cacheSalt == null ? "" : ", salted") + (ignoreEos ? ", ignoring EOS" : "") + "]";
    }
}
