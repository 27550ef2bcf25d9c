package dev.caracal.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.engine.api.chat.ToolChoice;
import dev.caracal.spring.boot.CaracalAutoConfiguration;
import dev.caracal.spring.boot.chat.LocalChat;
import dev.caracal.spring.boot.engine.DemoModel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Spring AI chat model's auto-configuration: there on the default model with Spring AI on the class path, using the
 * application's tool-calling manager; absent without Spring AI or with Caracal off; backing off from the application's
 * own chat model.
 */
class CaracalSpringAiAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(CaracalAutoConfiguration.class, CaracalSpringAiAutoConfiguration.class));

    /** Spring AI's own manager, noting the options it resolves tools from. */
    static final class RecordingToolCallingManager implements ToolCallingManager {

        final List<ToolCallingChatOptions> resolved = new CopyOnWriteArrayList<>();
        private final ToolCallingManager manager = ToolCallingManager.builder().build();

        @Override
        public List<ToolDefinition> resolveToolDefinitions(ToolCallingChatOptions options) {
            resolved.add(options);
            return manager.resolveToolDefinitions(options);
        }

        @Override
        public ToolExecutionResult executeToolCalls(Prompt prompt, ChatResponse response) {
            return manager.executeToolCalls(prompt, response);
        }
    }

    @Test
    void theChatModelAnswersOnTheDefaultModelWithTheApplicationsToolCallingManager() {
        RecordingToolCallingManager manager = new RecordingToolCallingManager();
        runner.withBean(ToolCallingManager.class, () -> manager).run(context -> {
            assertThat(context).hasSingleBean(ChatModel.class).hasBean("caracalSpringAiChatModel");
            ChatModel model = context.getBean(ChatModel.class);
            assertThat(model).isInstanceOf(CaracalSpringAiChatModel.class);
            var weather = FunctionToolCallback.builder("weather", (String city) -> "Sunny")
                    .description("The weather in a city").inputType(String.class).build();

            ChatResponse response = model.call(new Prompt("Once upon a time", CaracalChatOptions.builder()
                    .maxTokens(2).toolCallbacks(weather).toolChoice(ToolChoice.NONE).build()));

            assertThat(response.getMetadata().getModel()).isEqualTo(DemoModel.NAME);
            assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(2);
            assertThat(manager.resolved).singleElement()
                    .satisfies(options -> assertThat(options.getToolCallbacks()).containsExactly(weather));
        });
    }

    @Test
    void withoutSpringAiThereIsNoChatModel() {
        runner.withClassLoader(new FilteredClassLoader(ChatModel.class)).run(context -> assertThat(context)
                .hasSingleBean(LocalChat.class).doesNotHaveBean("caracalSpringAiChatModel"));
    }

    @Test
    void theApplicationsOwnChatModelWins() {
        ChatModel own = prompt -> new ChatResponse(List.of());
        runner.withBean("ownChatModel", ChatModel.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(ChatModel.class).doesNotHaveBean(CaracalSpringAiChatModel.class);
            assertThat(context.getBean(ChatModel.class)).isSameAs(own);
        });
    }

    @Test
    void withCaracalOffThereIsNoChatModel() {
        runner.withPropertyValues("caracal.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(LocalChat.class).doesNotHaveBean(ChatModel.class));
    }
}
