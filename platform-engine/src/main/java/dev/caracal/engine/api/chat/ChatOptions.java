package dev.caracal.engine.api.chat;

import dev.caracal.engine.api.OutputConstraint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a chat asks of its reply besides sampling: the tools on offer and whether to call them, whether calls may come
 * several at once, a response format, and further chat template variables ({@code enable_thinking}).
 *
 * @param tools             the functions the model may call, in order; names unique
 * @param toolChoice        whether to call them; null for the default ({@link ToolChoice#AUTO} with tools,
 *                          {@link ToolChoice#NONE} without)
 * @param parallelToolCalls whether one reply may make several calls (null: yes)
 * @param responseFormat    what the answer must be (a JSON object, a schema), or null for free text
 * @param templateVariables further variables of the chat template by name
 * @param enableThinking    whether a model that reasons first may (null: its template's default); also read from
 *                          {@code templateVariables.enable_thinking} when null
 */
public record ChatOptions(List<ToolDefinition> tools, ToolChoice toolChoice, Boolean parallelToolCalls,
        OutputConstraint responseFormat, Map<String, Object> templateVariables, Boolean enableThinking) {

    /** Free text, no tools, the template's defaults. */
    public static final ChatOptions NONE = new ChatOptions(List.of(), null, null, null, Map.of(), null);

    public ChatOptions {
        tools = tools == null ? List.of() : List.copyOf(tools);
        templateVariables = templateVariables == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(templateVariables));
    }

    /** These options with {@code value} as the tools on offer. */
    public ChatOptions withTools(List<ToolDefinition> value) {
        return new ChatOptions(value, toolChoice, parallelToolCalls, responseFormat, templateVariables, enableThinking);
    }

    /** These options with {@code value} as the tool choice. */
    public ChatOptions withToolChoice(ToolChoice value) {
        return new ChatOptions(tools, value, parallelToolCalls, responseFormat, templateVariables, enableThinking);
    }

    /** These options with {@code value} as whether calls may come several at once. */
    public ChatOptions withParallelToolCalls(Boolean value) {
        return new ChatOptions(tools, toolChoice, value, responseFormat, templateVariables, enableThinking);
    }

    /** These options with {@code value} as the response format. */
    public ChatOptions withResponseFormat(OutputConstraint value) {
        return new ChatOptions(tools, toolChoice, parallelToolCalls, value, templateVariables, enableThinking);
    }

    /** These options with {@code value} as the further template variables. */
    public ChatOptions withTemplateVariables(Map<String, Object> value) {
        return new ChatOptions(tools, toolChoice, parallelToolCalls, responseFormat, value, enableThinking);
    }

    /** These options with {@code value} as whether the model may reason first. */
    public ChatOptions withEnableThinking(Boolean value) {
        return new ChatOptions(tools, toolChoice, parallelToolCalls, responseFormat, templateVariables, value);
    }
}
