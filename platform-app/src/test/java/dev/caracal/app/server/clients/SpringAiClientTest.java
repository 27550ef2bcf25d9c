package dev.caracal.app.server.clients;

import java.util.List;
import java.util.Objects;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** Spring AI's {@code OpenAiChatModel} (built by hand: no Spring AI auto-configuration) against the gateway. */
class SpringAiClientTest extends ChatClientContract {

    private OpenAiChatModel model(Options options) {
        OpenAiChatOptions.Builder builder = OpenAiChatOptions.builder()
                .baseUrl(baseUrl()).apiKey("not-needed").maxRetries(0);
        builder.model(MODEL);
        builder.maxTokens(options.maxTokens());
        builder.temperature(options.temperature());
        builder.seed(options.seed());
        if (!options.stop().isEmpty()) {
            builder.stop(options.stop());
        }
        return OpenAiChatModel.builder().options(builder.build()).build();
    }

    @Override
    Reply chat(String userMessage, Options options) {
        ChatResponse response = model(options).call(new Prompt(userMessage));
        Generation generation = response.getResult();
        return new Reply(Objects.requireNonNullElse(generation.getOutput().getText(), ""),
                generation.getMetadata().getFinishReason().toLowerCase());
    }

    @Override
    Reply streamChat(String userMessage, Options options) {
        List<ChatResponse> responses = model(options).stream(new Prompt(userMessage)).collectList().block();
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (ChatResponse response : Objects.requireNonNull(responses)) {
            for (Generation generation : response.getResults()) {
                String part = generation.getOutput().getText();
                text.append(part == null ? "" : part);
                String reason = generation.getMetadata().getFinishReason();
                finish = reason == null || reason.isEmpty() ? finish : reason.toLowerCase();
            }
        }
        return new Reply(text.toString(), finish);
    }
}
