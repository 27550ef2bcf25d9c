package dev.caracal.examples.stories;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Tells stories over HTTP ({@link StoryController}) through a LangChain4j AI service on Caracal's engine. */
@SpringBootApplication
public class StoriesApplication {

    public static void main(String[] args) {
        SpringApplication.run(StoriesApplication.class, args);
    }

    /** The AI service, on the chat model that Caracal's starter configures (the model of {@code caracal.models}). */
    @Bean
    StoryTeller storyTeller(ChatModel chatModel) {
        return AiServices.create(StoryTeller.class, chatModel);
    }
}
