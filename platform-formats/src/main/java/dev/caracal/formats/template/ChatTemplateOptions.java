package dev.caracal.formats.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a chat template is rendered with besides the messages: the generation prompt switch, the model's special
 * tokens, the tools on offer and any further variables a template reads (such as {@code enable_thinking} or
 * {@code date_string}).
 *
 * @param addGenerationPrompt end with the header that starts the assistant's reply ({@code add_generation_prompt})
 * @param bosToken            the beginning-of-sequence token's text ({@code bos_token}), or {@code null} for none
 * @param eosToken            the end-of-sequence token's text ({@code eos_token}), or {@code null} for none
 * @param tools               the tools as JSON-like maps, usually {@code {type: "function", function: {name,
 *                            description, parameters}}}; empty for none (the template then sees {@code tools} as
 *                            {@code None})
 * @param variables           further template variables by name, as JSON-like values (maps, lists, strings, numbers,
 *                            booleans)
 */
public record ChatTemplateOptions(boolean addGenerationPrompt, String bosToken, String eosToken,
        List<Map<String, Object>> tools, Map<String, Object> variables) {

    public ChatTemplateOptions {
        tools = tools == null ? List.of() : List.copyOf(tools);
        variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** No generation prompt, no special tokens, no tools, no further variables. */
    public static ChatTemplateOptions defaults() {
        return new ChatTemplateOptions(false, null, null, List.of(), Map.of());
    }

    /** These options with the generation prompt switched on or off. */
    public ChatTemplateOptions withAddGenerationPrompt(boolean add) {
        return new ChatTemplateOptions(add, bosToken, eosToken, tools, variables);
    }

    /** These options with the given beginning- and end-of-sequence token texts ({@code null} for none). */
    public ChatTemplateOptions withSpecialTokens(String bos, String eos) {
        return new ChatTemplateOptions(addGenerationPrompt, bos, eos, tools, variables);
    }

    /** These options with the given tools. */
    public ChatTemplateOptions withTools(List<Map<String, Object>> newTools) {
        return new ChatTemplateOptions(addGenerationPrompt, bosToken, eosToken, newTools, variables);
    }

    /** These options with one more template variable (replacing one of the same name). */
    public ChatTemplateOptions withVariable(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(variables);
        more.put(name, value);
        return new ChatTemplateOptions(addGenerationPrompt, bosToken, eosToken, tools, more);
    }
}
