package dev.caracal.app.server.openai;

import dev.caracal.app.server.error.OpenAiException;
import dev.caracal.engine.api.OutputConstraint;
import dev.caracal.engine.api.Prompts;
import dev.caracal.engine.api.chat.ChatOptions;
import dev.caracal.engine.api.chat.InvalidChatException;
import dev.caracal.engine.api.chat.PreparedChat;
import dev.caracal.engine.api.chat.ToolChoice;
import dev.caracal.engine.api.chat.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads what an OpenAI chat request asks of its output besides sampling into the engine's {@link ChatOptions}: the
 * tools on offer and {@code tool_choice}, {@code parallel_tool_calls}, {@code response_format}, and reasoning
 * ({@code enable_thinking}, at the top level or in {@code chat_template_kwargs}). The engine's {@link PreparedChat}
 * turns them into the prompt, the constraint and the reading of the reply.
 */
final class ChatSetup {

    private ChatSetup() {
    }

    /** The request's chat options, its JSON shapes checked (a 400 naming the field otherwise). */
    static ChatOptions of(ChatCompletionRequest request) {
        List<ToolDefinition> tools = tools(request.tools());
        Map<String, Object> variables = new LinkedHashMap<>();
        if (request.chatTemplateKwargs() != null) {
            request.chatTemplateKwargs().forEach((name, value) -> variables.put(name,
                    OpenAiJson.MAPPER.convertValue(value, Object.class)));
        }
        return new ChatOptions(tools, toolChoice(request.toolChoice()), request.parallelToolCalls(),
                responseFormat(request.responseFormat()), variables, request.enableThinking());
    }

    /** The engine's reading of an invalid chat, as a 400 naming the request's field. */
    static OpenAiException invalid(InvalidChatException invalid) {
        return OpenAiException.invalid(invalid.parameter(), invalid.getMessage());
    }

    private static ToolChoice toolChoice(JsonNode toolChoice) {
        if (toolChoice == null || toolChoice.isNull()) {
            return null;
        }
        if (toolChoice.isString()) {
            return switch (toolChoice.stringValue()) {
                case "none" -> ToolChoice.NONE;
                case "auto" -> ToolChoice.AUTO;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw OpenAiException.invalid("tool_choice", "Invalid value for 'tool_choice': '"
                        + toolChoice.stringValue() + "'; use 'none', 'auto', 'required' or"
                        + " {\"type\": \"function\", \"function\": {\"name\": ...}}");
            };
        }
        if (toolChoice.isObject() && toolChoice.path("function").path("name").isString()) {
            return ToolChoice.named(toolChoice.path("function").path("name").stringValue());
        }
        throw OpenAiException.invalid("tool_choice", "tool_choice must be 'none', 'auto', 'required' or"
                + " {\"type\": \"function\", \"function\": {\"name\": ...}}");
    }

    private static List<ToolDefinition> tools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw OpenAiException.invalid("tools", "tools must be a list of {\"type\": \"function\", \"function\":"
                    + " {...}}");
        }
        List<ToolDefinition> converted = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String at = "tools[" + i + "]";
            if (!tool.isObject() || !"function".equals(tool.path("type").asString(null))) {
                throw OpenAiException.invalid(at + ".type", at + " must be {\"type\": \"function\", \"function\":"
                        + " {...}}");
            }
            JsonNode function = tool.get("function");
            if (function == null || !function.isObject()) {
                throw OpenAiException.invalid(at + ".function", at + ".function must be an object");
            }
            JsonNode name = function.get("name");
            if (name == null || !name.isString()) {
                throw OpenAiException.invalid(at + ".function.name", at + ".function.name must be 1 to 64 letters,"
                        + " digits, underscores or dashes");
            }
            JsonNode schema = function.get("parameters");
            if (schema != null && !schema.isNull() && !schema.isObject()) {
                throw OpenAiException.invalid(at + ".function.parameters", at + ".function.parameters must be a JSON"
                        + " schema object");
            }
            JsonNode description = function.get("description");
            try {
                converted.add(new ToolDefinition(name.stringValue(),
                        description != null && description.isString() ? description.stringValue() : null,
                        schema == null || schema.isNull() ? null : schema.toString()));
            } catch (IllegalArgumentException invalid) {
                throw OpenAiException.invalid(at + ".function.name", at + ".function.name must be 1 to 64 letters,"
                        + " digits, underscores or dashes");
            }
        }
        return converted;
    }

    /**
     * The constraint of a {@code response_format}, checked for {@code prompts}' model (a 400 naming what is not
     * supported); null for text.
     */
    static OutputConstraint responseFormat(JsonNode format, Prompts prompts) {
        OutputConstraint constraint = responseFormat(format);
        try {
            PreparedChat.checkResponseFormat(prompts, constraint);
        } catch (InvalidChatException unsupported) {
            throw invalid(unsupported);
        }
        return constraint;
    }

    private static OutputConstraint responseFormat(JsonNode format) {
        if (format == null || format.isNull()) {
            return null;
        }
        String type = format.isObject() ? format.path("type").asString(null) : null;
        if (type == null) {
            throw OpenAiException.invalid("response_format.type", "response_format must be {\"type\": \"text\"},"
                    + " {\"type\": \"json_object\"} or {\"type\": \"json_schema\", \"json_schema\": {...}}");
        }
        return switch (type) {
            case "text" -> null;
            case "json_object" -> OutputConstraint.jsonObject();
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").get("schema");
                if (!format.path("json_schema").isObject()) {
                    throw OpenAiException.invalid("response_format.json_schema", "response_format of type"
                            + " json_schema needs a json_schema object with a schema");
                }
                if (schema == null || !(schema.isObject() || schema.isBoolean())) {
                    throw OpenAiException.invalid("response_format.json_schema.schema", "response_format.json_schema"
                            + ".schema must be a JSON schema object");
                }
                yield OutputConstraint.jsonSchema(schema.toString());
            }
            default -> throw OpenAiException.invalid("response_format.type", "Invalid value for"
                    + " 'response_format.type': '" + type + "'; supported are 'text', 'json_object' and 'json_schema'");
        };
    }
}
