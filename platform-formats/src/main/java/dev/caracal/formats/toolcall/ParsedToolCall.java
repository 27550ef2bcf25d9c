package dev.caracal.formats.toolcall;

import dev.caracal.formats.template.ChatMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tool call read from a reply, as the OpenAI API returns it.
 *
 * @param id            the call's id
 * @param name          the function's name
 * @param argumentsJson the JSON text of the arguments object, as the model wrote it
 */
public record ParsedToolCall(String id, String name, String argumentsJson) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The call as a conversation's assistant message holds it, for the next turn's prompt. */
    public ChatMessage.ToolCall toChatToolCall() {
        Map<String, Object> arguments = JSON.readValue(argumentsJson, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        return new ChatMessage.ToolCall(id, name, arguments);
    }
}
