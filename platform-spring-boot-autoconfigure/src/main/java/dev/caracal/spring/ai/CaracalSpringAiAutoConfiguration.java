package dev.caracal.spring.ai;

import dev.caracal.spring.boot.CaracalAutoConfiguration;
import dev.caracal.spring.boot.chat.LocalChat;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Spring AI's {@link ChatModel} on Caracal's models in process ({@link CaracalSpringAiChatModel}), when Spring AI is on
 * the class path and the application defines no chat model of its own.
 */
@AutoConfiguration(after = CaracalAutoConfiguration.class)
@ConditionalOnClass(ChatModel.class)
@ConditionalOnBean(LocalChat.class)
public class CaracalSpringAiAutoConfiguration {

    /**
     * The chat model, with no options of its own (a request's options, then {@code caracal.chat.*}), and the
     * application's tool-calling manager, observation registry and observation convention where it has them.
     */
    @Bean
    @ConditionalOnMissingBean(ChatModel.class)
    public CaracalSpringAiChatModel caracalSpringAiChatModel(LocalChat chat,
            ObjectProvider<ToolCallingManager> toolCallingManager, ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<ChatModelObservationConvention> observationConvention) {
        ObservationRegistry registry = observations.getIfUnique(() -> ObservationRegistry.NOOP);
        ToolCallingManager tools = toolCallingManager.getIfUnique(
                () -> ToolCallingManager.builder().observationRegistry(registry).build());
        CaracalSpringAiChatModel model = new CaracalSpringAiChatModel(chat, CaracalChatOptions.builder().build(),
                tools, registry);
        observationConvention.ifUnique(model::setObservationConvention);
        return model;
    }
}
