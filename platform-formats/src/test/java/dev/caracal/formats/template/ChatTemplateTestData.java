package dev.caracal.formats.template;

import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversations, tools and shared template files the chat template tests use. */
final class ChatTemplateTestData {

    static final String SYSTEM = "You are a helpful assistant.";
    static final String FIRST_QUESTION = "What is the capital of France?";
    static final String ANSWER = "The capital of France is Paris.";
    static final String SECOND_QUESTION = "And of Italy?";

    private ChatTemplateTestData() {
    }

    /** System, user, assistant, user. */
    static List<ChatMessage> conversation() {
        return List.of(ChatMessage.system(SYSTEM), ChatMessage.user(FIRST_QUESTION), ChatMessage.assistant(ANSWER),
                ChatMessage.user(SECOND_QUESTION));
    }

    /** User, assistant, user. */
    static List<ChatMessage> conversationWithoutSystem() {
        return conversation().subList(1, 4);
    }

    /** A map whose keys keep the order given (JSON objects in templates keep theirs). */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The OpenAI-style definition of a {@code get_weather(city)} function. */
    static Map<String, Object> weatherTool() {
        return ordered("type", "function", "function", ordered(
                "name", "get_weather",
                "description", "Get the weather for a city.",
                "parameters", ordered(
                        "type", "object",
                        "properties", ordered("city", ordered("type", "string", "description", "The city")),
                        "required", List.of("city"))));
    }

    /** System, a user question, the assistant calling {@code get_weather}, and the tool's answer. */
    static List<ChatMessage> toolConversation() {
        return List.of(
                ChatMessage.system(SYSTEM),
                ChatMessage.user("What is the weather in Paris?"),
                ChatMessage.assistantToolCalls(null,
                        List.of(new ChatMessage.ToolCall("call12345", "get_weather", ordered("city", "Paris")))),
                ChatMessage.tool("call12345", "get_weather", "22 degrees and sunny"));
    }

    /** A file in the shared chat templates folder (the test is skipped where the shared data is missing). */
    static Path sharedTemplate(String fileName) {
        return SharedData.require("chat-templates/" + fileName);
    }

    /** A shared chat template, parsed. */
    static ChatTemplate template(String fileName) {
        Path file = sharedTemplate(fileName);
        try {
            return ChatTemplate.of(Files.readString(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
