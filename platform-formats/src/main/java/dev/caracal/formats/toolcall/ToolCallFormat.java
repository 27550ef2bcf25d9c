package dev.caracal.formats.toolcall;

import java.util.List;
import java.util.regex.Pattern;

/** How a model family writes tool calls in its replies, as its chat template shows it was trained to. */
public enum ToolCallFormat {

    /** No tool calls are parsed: the reply is content (no tools were offered, or the template shows no format). */
    NONE(List.of()),
    /**
     * Qwen2.5, Qwen3, Hermes 2 Pro and 3: {@code <tool_call>\n{"name": …, "arguments": {…}}\n</tool_call>} blocks,
     * possibly after some text; several blocks are parallel calls.
     */
    HERMES(List.of(HermesBlock.OPEN, HermesBlock.CLOSE)),
    /**
     * Llama 3.1 to 3.3: the whole reply is {@code {"name": …, "parameters": {…}}} (or {@code "arguments"}), possibly
     * after {@code <|python_tag|>}; several calls are separated by {@code ;}.
     */
    LLAMA3_JSON(List.of(Llama3Block.PYTHON_TAG)),
    /** Mistral Nemo and v3: {@code [TOOL_CALLS]} then a JSON array of {@code {"name": …, "arguments": {…}}}. */
    MISTRAL(List.of(MistralBlock.OPEN));

    private static final Pattern TOOLS_WORD = Pattern.compile("\\btools\\b");

    private final List<String> markers;

    ToolCallFormat(List<String> markers) {
        this.markers = markers;
    }

    /**
     * The format a chat template's source shows: {@code <tool_call>} is {@link #HERMES}; {@code [TOOL_CALLS]}
     * {@link #MISTRAL}; {@code <|python_tag|>}, or {@code <|start_header_id|>} with the word {@code tools},
     * {@link #LLAMA3_JSON}; anything else (or no template) {@link #NONE}.
     */
    public static ToolCallFormat detect(String templateSource) {
        if (templateSource == null) {
            return NONE;
        }
        if (templateSource.contains(HermesBlock.OPEN)) {
            return HERMES;
        }
        if (templateSource.contains(MistralBlock.OPEN)) {
            return MISTRAL;
        }
        if (templateSource.contains(Llama3Block.PYTHON_TAG)
                || templateSource.contains("<|start_header_id|>") && TOOLS_WORD.matcher(templateSource).find()) {
            return LLAMA3_JSON;
        }
        return NONE;
    }

    /**
     * The texts of this format that tokenizers often hold as special tokens, which detokenization must write out as
     * text for the parser to see them.
     */
    public List<String> markers() {
        return markers;
    }
}
