package dev.caracal.examples.stories;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.service.UserMessage;

/** A LangChain4j AI service that continues a story. */
public interface StoryTeller {

    /**
     * Continues a story.
     *
     * @param beginning  the story so far (the whole prompt: the demo model has no chat template)
     * @param parameters this call's sampling (temperature, maximum tokens, ...)
     * @return the continuation, without the beginning
     */
    String continueStory(@UserMessage String beginning, ChatRequestParameters parameters);
}
