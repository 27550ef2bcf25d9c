package dev.caracal.app.server.clients;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The official OpenAI Java SDK ({@code com.openai:openai-java}) against the gateway. */
class OpenAiSdkClientTest extends ChatClientContract {

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        client = OpenAIOkHttpClient.builder().baseUrl(baseUrl()).apiKey("not-needed").maxRetries(0).build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @SuppressWarnings("deprecation") // seed: deprecated by OpenAI, still sent and honoured
    private static ChatCompletionCreateParams params(String userMessage, Options options) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage(userMessage)
                .maxCompletionTokens(options.maxTokens())
                .temperature(options.temperature());
        if (options.seed() != null) {
            params.seed(options.seed());
        }
        if (!options.stop().isEmpty()) {
            params.stopOfStrings(options.stop());
        }
        return params.build();
    }

    @Override
    Reply chat(String userMessage, Options options) {
        ChatCompletion completion = client.chat().completions().create(params(userMessage, options));
        ChatCompletion.Choice choice = completion.choices().getFirst();
        return new Reply(choice.message().content().orElse(""), choice.finishReason().asString());
    }

    @Override
    Reply streamChat(String userMessage, Options options) {
        ChatCompletionCreateParams params = params(userMessage, options).toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        StringBuilder text = new StringBuilder();
        String[] finish = new String[1];
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> {
                choice.delta().content().ifPresent(text::append);
                choice.finishReason().ifPresent(reason -> finish[0] = reason.asString());
            }));
        }
        return new Reply(text.toString(), finish[0]);
    }
}
