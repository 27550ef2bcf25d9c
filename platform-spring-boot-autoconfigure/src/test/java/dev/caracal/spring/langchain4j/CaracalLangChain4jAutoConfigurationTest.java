package dev.caracal.spring.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.spring.boot.CaracalAutoConfiguration;
import dev.caracal.spring.boot.chat.LocalChat;
import dev.caracal.spring.boot.engine.DemoModel;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The LangChain4j models appear with Caracal and LangChain4j, and not without either or beside the application's own.
 * Only the first test loads a model; the others run over a {@link LocalChat} without models.
 */
class CaracalLangChain4jAutoConfigurationTest {

    private final ApplicationContextRunner caracal = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(CaracalAutoConfiguration.class, CaracalLangChain4jAutoConfiguration.class));

    private final ApplicationContextRunner overLocalChat = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CaracalLangChain4jAutoConfiguration.class))
            .withBean(LocalChat.class, LangChain4jChatTest::withoutModels);

    @Test
    void bothModelsAnswerOnTheDemoModelAndTellTheApplicationsListeners() {
        ChatModelListener listener = new ChatModelListener() {
        };
        caracal.withBean(ChatModelListener.class, () -> listener).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ChatModel.class).hasSingleBean(StreamingChatModel.class);
            ChatModel chatModel = context.getBean(ChatModel.class);
            StreamingChatModel streamingModel = context.getBean(StreamingChatModel.class);
            assertThat(chatModel).isSameAs(context.getBean("caracalChatModel")).isInstanceOf(CaracalChatModel.class);
            assertThat(streamingModel).isSameAs(context.getBean("caracalStreamingChatModel"))
                    .isInstanceOf(CaracalStreamingChatModel.class);
            assertThat(chatModel.listeners()).containsExactly(listener);
            assertThat(streamingModel.listeners()).containsExactly(listener);

            ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Once upon a time"))
                    .temperature(0.0).maxOutputTokens(3).build();
            ChatResponse whole = chatModel.chat(request);
            assertThat(whole.modelName()).isEqualTo(DemoModel.NAME);
            assertThat(whole.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(whole.tokenUsage().outputTokenCount()).isEqualTo(3);
            assertThat(whole.aiMessage().text()).isNotBlank();

            CompletableFuture<ChatResponse> streamed = new CompletableFuture<>();
            streamingModel.chat(request, new StreamingChatResponseHandler() {
                @Override
                public void onCompleteResponse(ChatResponse response) {
                    streamed.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    streamed.completeExceptionally(error);
                }
            });
            assertThat(streamed.get(30, TimeUnit.SECONDS).aiMessage()).isEqualTo(whole.aiMessage());
        });
    }

    @Test
    void noneWithoutLangChain4j() {
        overLocalChat.withClassLoader(new FilteredClassLoader(ChatModel.class)).run(context -> assertThat(context)
                .hasNotFailed().hasSingleBean(LocalChat.class)
                .doesNotHaveBean("caracalChatModel").doesNotHaveBean("caracalStreamingChatModel"));
    }

    @Test
    void noneWhenCaracalIsDisabled() {
        caracal.withPropertyValues("caracal.enabled=false").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(LocalChat.class).doesNotHaveBean(ChatModel.class)
                .doesNotHaveBean(StreamingChatModel.class));
    }

    @Test
    void eachBacksOffBeforeTheApplicationsOwn() {
        ChatModel own = new ChatModel() {
        };
        StreamingChatModel ownStreaming = new StreamingChatModel() {
        };
        overLocalChat.withBean(ChatModel.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ChatModel.class).doesNotHaveBean("caracalChatModel");
            assertThat(context.getBean(ChatModel.class)).isSameAs(own);
            assertThat(context.getBean(StreamingChatModel.class)).isInstanceOf(CaracalStreamingChatModel.class);
        });
        overLocalChat.withBean(StreamingChatModel.class, () -> ownStreaming).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(StreamingChatModel.class)
                    .doesNotHaveBean("caracalStreamingChatModel");
            assertThat(context.getBean(StreamingChatModel.class)).isSameAs(ownStreaming);
            assertThat(context.getBean(ChatModel.class)).isInstanceOf(CaracalChatModel.class);
        });
    }

    @Test
    void theAutoConfigurationIsListedForSpringBoot() throws Exception {
        var imports = org.springframework.boot.context.annotation.ImportCandidates.load(
                org.springframework.boot.autoconfigure.AutoConfiguration.class, getClass().getClassLoader());
        assertThat(imports.getCandidates()).contains(CaracalAutoConfiguration.class.getName(),
                CaracalLangChain4jAutoConfiguration.class.getName());
    }
}
