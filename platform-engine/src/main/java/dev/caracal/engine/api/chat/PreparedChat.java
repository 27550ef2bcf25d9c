package dev.caracal.engine.api.chat;

import dev.caracal.engine.api.OutputConstraint;
import dev.caracal.engine.api.Prompts;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.template.ChatTemplateException;
import dev.caracal.formats.toolcall.ReasoningFormat;
import dev.caracal.formats.toolcall.ToolCallFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A conversation made ready for the engine with its {@link ChatOptions}, validated for one model: the prompt (rendered
 * through the model's chat template with the tools and variables, and tokenized), the {@link OutputConstraint} that
 * enforces the tool choice and response format, the control tokens the reply keeps, and how the reply is read
 * ({@link ChatReading}). The one place where a chat's tools and formats become prompts and constraints, for the gateway
 * and for in-process models alike.
 */
public final class PreparedChat {

    /** The most calls one reply may make when parallel calls are allowed and decoding is constrained. */
    public static final int MAX_PARALLEL_CALLS = 8;
    /** The most bytes of reasoning before the answer when decoding is constrained. */
    public static final int MAX_REASONING_BYTES = 32_768;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String renderedPrompt;
    private final int[] prompt;
    private final ChatReading reading;
    private final OutputConstraint constraint;
    private final Set<Integer> preservedTokens;

    private PreparedChat(String renderedPrompt, int[] prompt, ChatReading reading, OutputConstraint constraint,
            Set<Integer> preservedTokens) {
        this.renderedPrompt = renderedPrompt;
        this.prompt = prompt;
        this.reading = reading;
        this.constraint = constraint;
        this.preservedTokens = preservedTokens;
    }

    /**
     * Renders and tokenizes {@code messages} for {@code prompts}' model with {@code options}, compiling what decoding
     * will enforce so that an unsupported schema is refused before anything runs.
     *
     * @throws InvalidChatException naming the part at fault: two tools of one name, a tool choice naming no tool or
     *     given without tools, an unsupported schema, a template that refuses the messages
     */
    public static PreparedChat prepare(Prompts prompts, List<ChatMessage> messages, ChatOptions options) {
        Setup setup = new Setup(prompts, options);
        String rendered;
        try {
            rendered = prompts.renderChat(messages, setup.templateTools(), setup.variables);
        } catch (ChatTemplateException template) {
            throw new InvalidChatException("messages", template.getMessage());
        }
        ReasoningFormat reasoning = prompts.reasoningFormat();
        ChatReading reading = new ChatReading(setup.choice.mode() == ToolChoice.Mode.NONE ? ToolCallFormat.NONE
                : prompts.toolFormat(), reasoning, reasoning.startsInsideReasoning(rendered));
        return new PreparedChat(rendered, prompts.rendered(rendered), reading, setup.constraint(reading),
                setup.preservedTokens());
    }

    /**
     * Checks a response format for {@code prompts}' model.
     *
     * @throws InvalidChatException when its schema uses what constrained decoding does not support (naming it)
     */
    public static void checkResponseFormat(Prompts prompts, OutputConstraint responseFormat) {
        if (responseFormat == null) {
            return;
        }
        try {
            prompts.checkConstraint(responseFormat);
        } catch (IllegalArgumentException unsupported) {
            throw new InvalidChatException("response_format.json_schema.schema", "response_format: "
                    + unsupported.getMessage());
        }
    }

    /** The conversation as the chat template wrote it, with the generation prompt. */
    public String renderedPrompt() {
        return renderedPrompt;
    }

    /** The prompt's token ids (BOS added unless the template wrote it). */
    public int[] prompt() {
        return prompt.clone();
    }

    /** How the reply is read: tool calls in the model's format when tools are on offer, reasoning when it thinks. */
    public ChatReading reading() {
        return reading;
    }

    /** What decoding enforces, or null for free text. */
    public OutputConstraint constraint() {
        return constraint;
    }

    /** Control tokens the reply keeps as text for {@link #reading}: the tool and reasoning formats' markers. */
    public Set<Integer> preservedTokens() {
        return preservedTokens;
    }

    /** {@code sampling} with this chat's constraint and preserved tokens. */
    public SamplingParameters apply(SamplingParameters sampling) {
        return sampling.toBuilder().constraint(constraint).preservedTokens(preservedTokens).build();
    }

    /** The options checked against one model, and what they make of its reply. */
    private static final class Setup {
        private final Prompts prompts;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final List<Map<String, Object>> tools = new ArrayList<>();
        private final ToolChoice choice;
        private final boolean parallel;
        private final OutputConstraint responseFormat;
        private final Map<String, Object> variables;
        private final Boolean enableThinking;
        /** Whether a call the model starts under {@code auto} is constrained (every tool's parameters compile). */
        private boolean constrainStartedCalls = true;

        Setup(Prompts prompts, ChatOptions options) {
            this.prompts = prompts;
            for (int i = 0; i < options.tools().size(); i++) {
                ToolDefinition tool = options.tools().get(i);
                if (parameters.putIfAbsent(tool.name(), tool.parametersSchema()) != null) {
                    throw new InvalidChatException("tools[" + i + "].function.name", "two tools are named '"
                            + tool.name() + "'");
                }
                tools.add(tool.asTemplateTool());
            }
            ToolChoice asked = options.toolChoice();
            if (asked != null && asked.mode() == ToolChoice.Mode.NAMED && !parameters.containsKey(asked.function())) {
                throw new InvalidChatException("tool_choice", "tool_choice names the function '" + asked.function()
                        + "', which is not among the tools");
            }
            if (asked != null && asked.mode() != ToolChoice.Mode.NONE && tools.isEmpty()) {
                throw new InvalidChatException("tool_choice", "tool_choice '" + asked.mode().name().toLowerCase()
                        + "' needs tools");
            }
            choice = asked != null ? asked : tools.isEmpty() ? ToolChoice.NONE : ToolChoice.AUTO;
            parallel = options.parallelToolCalls() == null || options.parallelToolCalls();
            responseFormat = options.responseFormat();
            checkResponseFormat(prompts, responseFormat);
            variables = new LinkedHashMap<>(options.templateVariables());
            Boolean thinking = options.enableThinking();
            if (thinking == null && variables.get("enable_thinking") instanceof Boolean fromVariables) {
                thinking = fromVariables;
            }
            if (thinking != null) {
                variables.put("enable_thinking", thinking);
            }
            enableThinking = thinking;
            checkTools();
        }

        /**
         * Compiles the tools' schemas that will be enforced, so an unsupported one is refused, naming it. Under
         * {@code auto} without a response format nothing is forced: tools whose parameters fall outside the supported
         * subset are accepted, and the calls the model starts are then parsed but not constrained.
         */
        private void checkTools() {
            ToolChoice.Mode mode = choice.mode();
            boolean enforced = mode == ToolChoice.Mode.REQUIRED || mode == ToolChoice.Mode.NAMED
                    || mode == ToolChoice.Mode.AUTO && responseFormat != null;
            int i = 0;
            for (Map.Entry<String, String> function : parameters.entrySet()) {
                try {
                    if (enforced && (mode != ToolChoice.Mode.NAMED || function.getKey().equals(choice.function()))
                            || mode == ToolChoice.Mode.AUTO && responseFormat == null) {
                        prompts.checkConstraint(OutputConstraint.jsonSchema(function.getValue()));
                    }
                } catch (IllegalArgumentException unsupported) {
                    if (enforced) {
                        throw new InvalidChatException("tools[" + i + "].function.parameters", "tools[" + i
                                + "].function.parameters (" + function.getKey() + "): " + unsupported.getMessage());
                    }
                    constrainStartedCalls = false;
                }
                i++;
            }
        }

        /** The tools the template is rendered with (none when the choice is none). */
        List<Map<String, Object>> templateTools() {
            return choice.mode() == ToolChoice.Mode.NONE ? List.of() : tools;
        }

        /** Control tokens the reply keeps as text: the tool format's markers, the reasoning format's. */
        Set<Integer> preservedTokens() {
            Set<Integer> preserved = new HashSet<>();
            if (choice.mode() != ToolChoice.Mode.NONE) {
                for (String marker : prompts.toolFormat().markers()) {
                    prompts.specialToken(marker).ifPresent(preserved::add);
                }
            }
            if (prompts.reasoningFormat() != ReasoningFormat.NONE) {
                for (String marker : prompts.reasoningFormat().markers()) {
                    prompts.specialToken(marker).ifPresent(preserved::add);
                }
            }
            return Set.copyOf(preserved);
        }

        /**
         * What decoding enforces, or null for free text: a call of the tools ({@code required}), of the named one, or,
         * under {@code auto} with a response format, either a call or an answer in that format; an answer in the
         * response format otherwise. A model that reasons first writes its reasoning, then that. Under {@code auto}
         * without a response format the reply is free text until the model starts a call (its format's marker, or for
         * Llama 3 a reply that begins with a brace): from there the call is constrained, so that a call a model starts
         * is valid.
         */
        OutputConstraint constraint(ChatReading reading) {
            ToolCallFormat format = prompts.toolFormat();
            OutputConstraint body = switch (choice.mode()) {
                case REQUIRED, NAMED -> toolCalls(format);
                case AUTO -> responseFormat == null
                        ? !constrainStartedCalls ? null : new OutputConstraint.Triggered(trigger(format),
                                format == ToolCallFormat.LLAMA3_JSON, toolCalls(format))
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
                if (choice.mode() != ToolChoice.Mode.NAMED || name.equals(choice.function())) {
                    ObjectNode call = JSON.createObjectNode();
                    call.put("type", "object");
                    ObjectNode properties = call.putObject("properties");
                    properties.putObject("name").put("const", name);
                    properties.set(argumentsKey, JSON.readTree(schema));
                    call.putArray("required").add("name").add(argumentsKey);
                    call.put("additionalProperties", false);
                    calls.add(call.toString());
                }
            });
            String anyCall = calls.size() == 1 ? calls.getFirst() : "{\"anyOf\": [" + String.join(", ", calls) + "]}";
            int most = parallel ? MAX_PARALLEL_CALLS : 1;
            return switch (format) {
                case MISTRAL -> OutputConstraint.sequence(OutputConstraint.literal("[TOOL_CALLS]"),
                        OutputConstraint.jsonSchema("{\"type\": \"array\", \"items\": " + anyCall
                                + ", \"minItems\": 1, \"maxItems\": " + most + "}"));
                case LLAMA3_JSON -> new OutputConstraint.Repeat(OutputConstraint.jsonSchema(anyCall), "; ", 1, most);
                default -> new OutputConstraint.Repeat(OutputConstraint.sequence(
                        OutputConstraint.literal("<tool_call>\n"), OutputConstraint.jsonSchema(anyCall),
                        OutputConstraint.literal("\n</tool_call>")), "\n", 1, most);
            };
        }
    }
}
