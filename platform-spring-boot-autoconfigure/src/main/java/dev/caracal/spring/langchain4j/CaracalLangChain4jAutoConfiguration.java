package dev.caracal.spring.langchain4j;

import dev.caracal.spring.boot.CaracalAutoConfiguration;
import dev.caracal.spring.boot.chat.LocalChat;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * LangChain4j's {@link ChatModel} and {@link StreamingChatModel} on Caracal's models in process, when LangChain4j is on
 * the class path and the application defines neither itself: what a request leaves out comes from
 * {@code caracal.chat.*}, and the application's {@link ChatModelListener} beans observe every request.
 */
@AutoConfiguration(after = CaracalAutoConfiguration.class)
@ConditionalOnClass(ChatModel.class)
@ConditionalOnBean(LocalChat.class)
public class CaracalLangChain4jAutoConfiguration {

    /** The chat model that answers a request whole. */
    @Bean
    @ConditionalOnMissingBean(ChatModel.class)
    public CaracalChatModel caracalChatModel(LocalChat localChat, ObjectProvider<ChatModelListener> listeners) {
        return CaracalChatModel.builder().localChat(localChat).listeners(listeners.orderedStream().toList()).build();
    }

    /** The chat model that streams its replies. */
    @Bean
    @ConditionalOnMissingBean(StreamingChatModel.class)
    public CaracalStreamingChatModel caracalStreamingChatModel(LocalChat localChat,
            ObjectProvider<ChatModelListener> listeners) {
        return CaracalStreamingChatModel.builder().localChat(localChat).listeners(listeners.orderedStream().toList())
                .build();
    }
}
