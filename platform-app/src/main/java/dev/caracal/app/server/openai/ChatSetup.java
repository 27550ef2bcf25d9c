package dev.caracal.app.server.openai;

import dev.caracal.app.server.error.OpenAiException;
import dev.caracal.engine.api.OutputConstraint;
import dev.caracal.engine.api.Prompts;
import dev.caracal.formats.toolcall.ReasoningFormat;
import dev.caracal.formats.toolcall.ToolCallFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a chat request asks of its output besides sampling, validated: the tools on offer and {@code tool_choice},
 * {@code parallel_tool_calls}, {@code response_format}, and reasoning ({@code enable_thinking}, at the top level or in
 * {@code chat_template_kwargs}); turned into the template's inputs, the {@link OutputConstraint} that enforces them, and
 * the {@link ChatReading} that splits the reply into content, reasoning and tool calls.
 */
final class ChatSetup {

    /** The most calls one reply may make when parallel calls are allowed and decoding is constrained. */
    static final int MAX_PARALLEL_CALLS = 8;
    /** The most bytes of reasoning before the answer when decoding is constrained. */
    static final int MAX_REASONING_BYTES = 32_768;

    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    /** {@code tool_choice}. */
    enum ToolChoice { NONE, AUTO, REQUIRED, NAMED }

    private final List<Map<String, Object>> tools;
    private final Map<String, JsonNode> parameters;
    private final ToolChoice choice;
    private final String namedFunction;
    private final boolean parallel;
    private final OutputConstraint responseFormat;
    private final Map<String, Object> templateVariables;
    private final Boolean enableThinking;
    /** Whether a call the model starts under {@code auto} is constrained (every tool's parameters compile). */
    private boolean constrainStartedCalls = true;

    private ChatSetup(List<Map<String, Object>> tools, Map<String, JsonNode> parameters, ToolChoice choice,
            String namedFunction, boolean parallel, OutputConstraint responseFormat,
            Map<String, Object> templateVariables, Boolean enableThinking) {
        this.tools = tools;
        this.parameters = parameters;
        this.choice = choice;
        this.namedFunction = namedFunction;
        this.parallel = parallel;
        this.responseFormat = responseFormat;
        this.templateVariables = templateVariables;
        this.enableThinking = enableThinking;
    }

    /** Validates the request's tools, tool choice, response format and template variables for {@code prompts}' model. */
    static ChatSetup of(ChatCompletionRequest request, Prompts prompts) {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        List<Map<String, Object>> tools = tools(request.tools(), parameters);
        ToolChoice choice;
        String named = null;
        JsonNode toolChoice = request.toolChoice();
        if (toolChoice == null || toolChoice.isNull()) {
            choice = tools.isEmpty() ? ToolChoice.NONE : ToolChoice.AUTO;
        } else if (toolChoice.isString()) {
            choice = switch (toolChoice.stringValue()) {
                case "none" -> ToolChoice.NONE;
                case "auto" -> ToolChoice.AUTO;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw OpenAiException.invalid("tool_choice", "Invalid value for 'tool_choice': '"
                        + toolChoice.stringValue() + "'; use 'none', 'auto', 'required' or"
                        + " {\"type\": \"function\", \"function\": {\"name\": ...}}");
            };
        } else if (toolChoice.isObject() && toolChoice.path("function").path("name").isString()) {
            choice = ToolChoice.NAMED;
            named = toolChoice.path("function").path("name").stringValue();
            if (!parameters.containsKey(named)) {
                throw OpenAiException.invalid("tool_choice", "tool_choice names the function '" + named
                        + "', which is not among the tools");
            }
        } else {
            throw OpenAiException.invalid("tool_choice", "tool_choice must be 'none', 'auto', 'required' or"
                    + " {\"type\": \"function\", \"function\": {\"name\": ...}}");
        }
        if (tools.isEmpty() && choice != ToolChoice.NONE && toolChoice != null) {
            throw OpenAiException.invalid("tool_choice", "tool_choice '" + toolChoice.asString()
                    + "' needs tools");
        }
        OutputConstraint responseFormat = responseFormat(request.responseFormat(), prompts);
        Map<String, Object> variables = new LinkedHashMap<>();
        if (request.chatTemplateKwargs() != null) {
            request.chatTemplateKwargs().forEach((name, value) -> variables.put(name,
                    OpenAiJson.MAPPER.convertValue(value, Object.class)));
        }
        Boolean thinking = request.enableThinking();
        if (thinking == null && variables.get("enable_thinking") instanceof Boolean fromKwargs) {
            thinking = fromKwargs;
        }
        if (thinking != null) {
            variables.put("enable_thinking", thinking);
        }
        ChatSetup setup = new ChatSetup(tools, parameters, choice, named,
                request.parallelToolCalls() == null || request.parallelToolCalls(), responseFormat, variables, thinking);
        setup.check(prompts);
        return setup;
    }

    private static List<Map<String, Object>> tools(JsonNode tools, Map<String, JsonNode> parameters) {
        if (tools == null || tools.isNull()) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw OpenAiException.invalid("tools", "tools must be a list of {\"type\": \"function\", \"function\":"
                    + " {...}}");
        }
        List<Map<String, Object>> converted = new ArrayList<>();
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
            if (name == null || !name.isString() || !FUNCTION_NAME.matcher(name.stringValue()).matches()) {
                throw OpenAiException.invalid(at + ".function.name", at + ".function.name must be 1 to 64 letters,"
                        + " digits, underscores or dashes");
            }
            if (parameters.containsKey(name.stringValue())) {
                throw OpenAiException.invalid(at + ".function.name", "two tools are named '" + name.stringValue()
                        + "'");
            }
            JsonNode schema = function.get("parameters");
            if (schema != null && !schema.isNull() && !schema.isObject()) {
                throw OpenAiException.invalid(at + ".function.parameters", at + ".function.parameters must be a JSON"
                        + " schema object");
            }
            if (schema == null || schema.isNull()) {
                ObjectNode none = OpenAiJson.MAPPER.createObjectNode();
                none.put("type", "object");
                none.putObject("properties");
                none.put("additionalProperties", false);
                schema = none;
            }
            parameters.put(name.stringValue(), schema);
            @SuppressWarnings("unchecked")
            Map<String, Object> asMap = OpenAiJson.MAPPER.convertValue(tool, Map.class);
            converted.add(asMap);
        }
        return List.copyOf(converted);
    }

    /**
     * The constraint of a {@code response_format}, checked for {@code prompts}' model (a 400 naming what is not
     * supported); null for text.
     */
    static OutputConstraint responseFormat(JsonNode format, Prompts prompts) {
        OutputConstraint constraint = responseFormat(format);
        if (constraint != null) {
            try {
                prompts.checkConstraint(constraint);
            } catch (IllegalArgumentException unsupported) {
                throw OpenAiException.invalid("response_format.json_schema.schema", "response_format: "
                        + unsupported.getMessage());
            }
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

    /**
     * Compiles what will be enforced, so an unsupported schema is a 400 that names it before anything runs. Under
     * {@code auto} without a response format nothing is forced: tools whose parameters fall outside the supported
     * subset are accepted, and the calls the model starts are then parsed but not constrained.
     */
    private void check(Prompts prompts) {
        if (choice == ToolChoice.REQUIRED || choice == ToolChoice.NAMED || choice == ToolChoice.AUTO
                && responseFormat != null) {
            int i = 0;
            for (Map.Entry<String, JsonNode> function : parameters.entrySet()) {
                if (choice != ToolChoice.NAMED || function.getKey().equals(namedFunction)) {
                    try {
                        prompts.checkConstraint(OutputConstraint.jsonSchema(function.getValue().toString()));
                    } catch (IllegalArgumentException unsupported) {
                        throw OpenAiException.invalid("tools[" + i + "].function.parameters", "tools[" + i
                                + "].function.parameters (" + function.getKey() + "): " + unsupported.getMessage());
                    }
                }
                i++;
            }
        }
        if (choice == ToolChoice.AUTO && responseFormat == null) {
            for (JsonNode schema : parameters.values()) {
                try {
                    prompts.checkConstraint(OutputConstraint.jsonSchema(schema.toString()));
                } catch (IllegalArgumentException unsupported) {
                    constrainStartedCalls = false;
                }
            }
        }
    }

    /** The tools the template is rendered with (none when {@code tool_choice} is none). */
    List<Map<String, Object>> templateTools() {
        return choice == ToolChoice.NONE ? List.of() : tools;
    }

    /** Further template variables ({@code chat_template_kwargs}, {@code enable_thinking}). */
    Map<String, Object> templateVariables() {
        return templateVariables;
    }

    /** How the reply is read: tool calls in the model's format when tools are on offer, reasoning when it thinks. */
    ChatReading reading(Prompts prompts, String renderedPrompt) {
        ReasoningFormat reasoning = prompts.reasoningFormat();
        return new ChatReading(choice == ToolChoice.NONE ? ToolCallFormat.NONE : prompts.toolFormat(), reasoning,
                reasoning.startsInsideReasoning(renderedPrompt));
    }

    /** Control tokens the reply keeps as text for {@link #reading}: the tool format's markers. */
    Set<Integer> preservedTokens(Prompts prompts) {
        Set<Integer> preserved = new HashSet<>();
        if (choice != ToolChoice.NONE) {
            for (String marker : prompts.toolFormat().markers()) {
                prompts.specialToken(marker).ifPresent(preserved::add);
            }
        }
        if (prompts.reasoningFormat() != ReasoningFormat.NONE) {
            for (String marker : prompts.reasoningFormat().markers()) {
                prompts.specialToken(marker).ifPresent(preserved::add);
            }
        }
        return preserved;
    }

    /**
     * What decoding enforces, or null for free text: a call of the tools ({@code required}), of the named one, or,
     * under {@code auto} with a response format, either a call or an answer in that format; an answer in the response
     * format otherwise. A model that reasons first writes its reasoning, then that. Under {@code auto} without a
     * response format the reply is free text until the model starts a call (its format's marker, or for Llama 3 a
     * reply that begins with a brace): from there the call is constrained, so that a call a model starts is valid.
     */
    OutputConstraint constraint(Prompts prompts, ChatReading reading) {
        ToolCallFormat format = prompts.toolFormat();
        OutputConstraint body = switch (choice) {
            case REQUIRED, NAMED -> toolCalls(format);
            case AUTO -> responseFormat == null
                    ? !constrainStartedCalls ? null : new OutputConstraint.Triggered(trigger(format), format == ToolCallFormat.LLAMA3_JSON,
                            toolCalls(format))
                    : new OutputConstraint.AnyOf(List.of(toolCalls(format), responseFormat));
            case NONE -> responseFormat;
        };
        if (body == null || body instanceof OutputConstraint.Triggered
                || reading.reasoning() == ReasoningFormat.NONE || Boolean.FALSE.equals(enableThinking)) {
            return body;
        }
        OutputConstraint reasoning = new OutputConstraint.TextUntil("</think>", MAX_REASONING_BYTES);
        return reading.startsInReasoning()
                ? OutputConstraint.sequence(reasoning, OutputConstraint.literal("\n\n"), body)
                : OutputConstraint.sequence(OutputConstraint.literal("<think>\n"), reasoning,
                        OutputConstraint.literal("\n\n"), body);
    }

    /** The text that starts a call in {@code format} (the first bytes of {@link #toolCalls}). */
    private static String trigger(ToolCallFormat format) {
        return switch (format) {
            case MISTRAL -> "[TOOL_CALLS]";
            case LLAMA3_JSON -> "{";
            default -> "<tool_call>";
        };
    }

    /** One or more calls (of the named function, or of any tool) as the model's format writes them. */
    private OutputConstraint toolCalls(ToolCallFormat format) {
        String argumentsKey = format == ToolCallFormat.LLAMA3_JSON ? "parameters" : "arguments";
        List<String> calls = new ArrayList<>();
        parameters.forEach((name, schema) -> {
            if (choice != ToolChoice.NAMED || name.equals(namedFunction)) {
                ObjectNode call = OpenAiJson.MAPPER.createObjectNode();
                call.put("type", "object");
                ObjectNode properties = call.putObject("properties");
                properties.putObject("name").put("const", name);
                properties.set(argumentsKey, schema);
                call.putArray("required").add("name").add(argumentsKey);
                call.put("additionalProperties", false);
                calls.add(call.toString());
            }
        });
        String anyCall = calls.size() == 1 ? calls.getFirst() : "{\"anyOf\": [" + String.join(", ", calls) + "]}";
        int most = parallel ? MAX_PARALLEL_CALLS : 1;
        return switch (format) {
            case MISTRAL -> OutputConstraint.sequence(OutputConstraint.literal("[TOOL_CALLS]"),
                    OutputConstraint.jsonSchema("{\"type\": \"array\", \"items\": " + anyCall + ", \"minItems\": 1,"
                            + " \"maxItems\": " + most + "}"));
            case LLAMA3_JSON -> new OutputConstraint.Repeat(OutputConstraint.jsonSchema(anyCall), "; ", 1, most);
            default -> new OutputConstraint.Repeat(OutputConstraint.sequence(
                    OutputConstraint.literal("<tool_call>\n"), OutputConstraint.jsonSchema(anyCall),
                    OutputConstraint.literal("\n</tool_call>")), "\n", 1, most);
        };
    }
}
