package dev.caracal.formats.template;

import dev.caracal.formats.template.jinja.JinjaTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One turn of a conversation as a chat template sees it: a role, its text, and for tool use the calls an assistant
 * made or the call a tool message answers.
 *
 * @param role       {@code system}, {@code user}, {@code assistant}, {@code tool} (templates may accept others)
 * @param content    the text; {@code null} where there is none (an assistant turn that only calls tools)
 * @param toolCalls  the tools an assistant turn calls, empty for none
 * @param toolCallId the id of the call a {@code tool} message answers, or {@code null}
 * @param name       the tool's name on a {@code tool} message, or {@code null}
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId, String name) {

    public ChatMessage {
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("a chat message needs a role");
        }
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A message with a role and text only. */
    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, List.of(), null, null);
    }

    /** A system message. */
    public static ChatMessage system(String content) {
        return of("system", content);
    }

    /** A user message. */
    public static ChatMessage user(String content) {
        return of("user", content);
    }

    /** An assistant message with text only. */
    public static ChatMessage assistant(String content) {
        return of("assistant", content);
    }

    /** An assistant message that calls tools; {@code content} may be {@code null}. */
    public static ChatMessage assistantToolCalls(String content, List<ToolCall> toolCalls) {
        return new ChatMessage("assistant", content, toolCalls, null, null);
    }

    /** A tool's answer to the call {@code toolCallId}. */
    public static ChatMessage tool(String toolCallId, String name, String content) {
        return new ChatMessage("tool", content, List.of(), toolCallId, name);
    }

    /**
     * The message as the Python dictionary Hugging Face templates read: {@code role} and {@code content} always,
     * {@code tool_calls}, {@code tool_call_id} and {@code name} only where set (templates test {@code 'tool_calls' in
     * message} and {@code message.tool_calls is defined}).
     */
    Map<String, Object> toTemplateValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("role", role);
        value.put("content", content);
        if (!toolCalls.isEmpty()) {
            value.put("tool_calls", toolCalls.stream().map(ToolCall::toTemplateValue).toList());
        }
        if (toolCallId != null) {
            value.put("tool_call_id", toolCallId);
        }
        if (name != null) {
            value.put("name", name);
        }
        return value;
    }

    /**
     * A function call made by an assistant turn, as in the OpenAI API.
     *
     * @param id        the call's id (some templates require one: Mistral's must be 9 alphanumeric characters)
     * @param name      the function's name
     * @param arguments the arguments as a JSON object (its keys in the order given)
     */
    public record ToolCall(String id, String name, Map<String, Object> arguments) {

        public ToolCall {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a tool call needs a function name");
            }
            arguments = arguments == null ? Map.of() : arguments;
        }

        /**
         * {@code {id, type: "function", function: {name, arguments}}}; the arguments stay a dictionary (for
         * {@code | tojson}) that reads as its JSON text where a template joins it to a string.
         */
        Map<String, Object> toTemplateValue() {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", name);
            function.put("arguments", JinjaTemplate.jsonObject(arguments));
            Map<String, Object> value = new LinkedHashMap<>();
            if (id != null) {
                value.put("id", id);
            }
            value.put("type", "function");
            value.put("function", function);
            return value;
        }
    }
}
