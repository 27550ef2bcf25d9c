package dev.caracal.app.server.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Token counts of a request ({@code usage}).
 *
 * @param promptTokensDetails {@code cached_tokens}: prompt tokens served from the prefix cache
 */
record Usage(int promptTokens, int completionTokens, int totalTokens, PromptTokensDetails promptTokensDetails,
        @JsonInclude(JsonInclude.Include.NON_NULL) CompletionTokensDetails completionTokensDetails) {

    static Usage of(int promptTokens, int completionTokens, int cachedTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens,
                new PromptTokensDetails(cachedTokens), null);
    }

    /** A chat completion's usage: {@code completion_tokens_details.reasoning_tokens} too. */
    static Usage of(int promptTokens, int completionTokens, int cachedTokens, int reasoningTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens,
                new PromptTokensDetails(cachedTokens), new CompletionTokensDetails(reasoningTokens));
    }

    record PromptTokensDetails(int cachedTokens) {
    }

    /** @param reasoningTokens tokens the model spent reasoning ({@code <think>…</think>}) */
    record CompletionTokensDetails(int reasoningTokens) {
    }
}
