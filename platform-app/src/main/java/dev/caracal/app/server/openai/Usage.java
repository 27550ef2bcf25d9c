package dev.caracal.app.server.openai;

/**
 * Token counts of a request ({@code usage}).
 *
 * @param promptTokensDetails {@code cached_tokens}: prompt tokens served from the prefix cache
 */
record Usage(int promptTokens, int completionTokens, int totalTokens, PromptTokensDetails promptTokensDetails) {

    static Usage of(int promptTokens, int completionTokens, int cachedTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens,
                new PromptTokensDetails(cachedTokens));
    }

    record PromptTokensDetails(int cachedTokens) {
    }
}
