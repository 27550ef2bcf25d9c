package dev.caracal.app.server.clients;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** LangChain4j's {@code OpenAiChatModel} and {@code OpenAiStreamingChatModel} against the gateway. */
class LangChain4jClientTest extends ChatClientContract {

    @Override
    Reply chat(String userMessage, Options options) {
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(baseUrl()).apiKey("not-needed").modelName(MODEL).maxRetries(0)
                .maxTokens(options.maxTokens()).temperature(options.temperature()).seed(options.seed())
                .stop(options.stop())
                .build();
        return reply(model.chat(ChatRequest.builder().messages(UserMessage.from(userMessage)).build()));
    }

    @Override
    Reply streamChat(String userMessage, Options options) throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl()).apiKey("not-needed").modelName(MODEL)
                .maxTokens(options.maxTokens()).temperature(options.temperature()).seed(options.seed())
                .stop(options.stop())
                .build();
        StringBuilder streamed = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(ChatRequest.builder().messages(UserMessage.from(userMessage)).build(),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partial) {
                        streamed.append(partial);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
        Reply complete = reply(done.get(60, TimeUnit.SECONDS));
        return new Reply(streamed.toString(), complete.finishReason());
    }

    private static Reply reply(ChatResponse response) {
        String text = response.aiMessage().text();
        return new Reply(text == null ? "" : text, response.finishReason().name().toLowerCase());
    }
}
