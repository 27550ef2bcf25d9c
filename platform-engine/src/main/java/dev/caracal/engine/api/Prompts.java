package dev.caracal.engine.api;

import dev.caracal.engine.structured.StructuredOutput;
import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.template.ChatTemplate;
import dev.caracal.formats.template.ChatTemplateOptions;
import dev.caracal.formats.tokenizer.StreamingDetokenizer;
import dev.caracal.formats.tokenizer.Tokenizer;
import dev.caracal.formats.toolcall.ReasoningFormat;
import dev.caracal.formats.toolcall.ToolCallFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model's prompts and texts, written once for every caller: a completion prompt (BOS where the model has one, then
 * the text), a conversation (the model's own chat template with the generation prompt; BOS added unless the template
 * wrote it), and token ids back to text as generation decodes it.
 *
 * <p>A model without a chat template of its own (a base model such as stories260K) gets {@link #FALLBACK_TEMPLATE}: the
 * messages' contents, one line break between two, so that a chat is a plain continuation of the text, which is what a base
 * model can do.
 */
public final class Prompts {

    /**
     * The chat template of models that have none: each message's content, a line break between two (the template
     * writes two, and chat templates are rendered with {@code trim_blocks}, as Hugging Face renders them, which takes
     * the first newline after a tag).
     */
    public static final String FALLBACK_TEMPLATE =
            "{% for message in messages %}{% if not loop.first %}\n\n{% endif %}{{ message['content'] }}{% endfor %}";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final boolean fallback;
    private final ToolCallFormat templateToolFormat;
    private final ReasoningFormat reasoningFormat;

    public Prompts(Tokenizer tokenizer, Optional<ChatTemplate> modelTemplate) {
        this.tokenizer = tokenizer;
        this.fallback = modelTemplate.isEmpty();
        this.template = modelTemplate.orElseGet(() -> ChatTemplate.of(FALLBACK_TEMPLATE, "caracal fallback template"));
        this.templateToolFormat = fallback ? ToolCallFormat.NONE : ToolCallFormat.detect(template.source());
        this.reasoningFormat = fallback ? ReasoningFormat.NONE : ReasoningFormat.detect(template.source());
    }

    /** Whether the model has no chat template and chats go through {@link #FALLBACK_TEMPLATE}. */
    public boolean usesFallbackTemplate() {
        return fallback;
    }

    /** The model's own chat template, if it has one. */
    public Optional<ChatTemplate> modelTemplate() {
        return fallback ? Optional.empty() : Optional.of(template);
    }

    /** The number of token ids. */
    public int vocabularySize() {
        return tokenizer.vocabularySize();
    }

    /** A completion prompt: BOS (where the model has one) and the text, special tokens in it parsed. */
    public int[] text(String text) {
        return tokenizer.encode(text, true, true);
    }

    /** The conversation rendered through the chat template, with the generation prompt, and tokenized. */
    public int[] chat(List<ChatMessage> messages) {
        return rendered(renderChat(messages));
    }

    /** The conversation rendered through the chat template, with the generation prompt. */
    public String renderChat(List<ChatMessage> messages) {
        return template.render(messages, template.defaultOptions().withAddGenerationPrompt(true));
    }

    /**
     * The format the model writes tool calls in: its template's, or {@link ToolCallFormat#HERMES} when its template has
     * none (the tools are then described in a system message Caracal writes, see {@link #renderChat(List, List, Map)}).
     */
    public ToolCallFormat toolFormat() {
        return templateToolFormat == ToolCallFormat.NONE ? ToolCallFormat.HERMES : templateToolFormat;
    }

    /** Whether the model's template writes reasoning between {@code <think>} tags (Qwen3, DeepSeek R1). */
    public ReasoningFormat reasoningFormat() {
        return reasoningFormat;
    }

    /**
     * The conversation rendered with the tools on offer and further template variables (such as
     * {@code enable_thinking}), with the generation prompt. A template that knows tools renders them, the assistant's
     * calls and the tools' answers itself; for one that does not (and the fallback template) the tools are described
     * in a system message, earlier calls are written as {@code <tool_call>} blocks and answers as
     * {@code <tool_response>} blocks in user turns, so that the model can still call them.
     *
     * @param tools     OpenAI tool definitions as JSON-like maps ({@code {type: "function", function: {...}}})
     * @param variables further template variables by name
     */
    public String renderChat(List<ChatMessage> messages, List<Map<String, Object>> tools,
            Map<String, Object> variables) {
        ChatTemplateOptions options = template.defaultOptions().withAddGenerationPrompt(true);
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            options = options.withVariable(variable.getKey(), variable.getValue());
        }
        if (templateToolFormat == ToolCallFormat.MISTRAL) {
            return template.render(withNineCharacterIds(messages), options.withTools(tools));
        }
        if (templateToolFormat != ToolCallFormat.NONE) {
            return template.render(messages, options.withTools(tools));
        }
        return template.render(withToolsWritten(messages, tools), options);
    }

    /**
     * The messages with every tool call id that is not 9 letters and digits (OpenAI's {@code call_...}) replaced by
     * one that is, derived from it, in the calls and in the tool answers alike: Mistral's templates refuse others.
     */
    private static List<ChatMessage> withNineCharacterIds(List<ChatMessage> messages) {
        List<ChatMessage> mapped = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            List<ChatMessage.ToolCall> calls = message.toolCalls().stream().map(call -> new ChatMessage.ToolCall(
                    nineCharacterId(call.id()), call.name(), call.arguments())).toList();
            mapped.add(new ChatMessage(message.role(), message.content(), calls, nineCharacterId(message.toolCallId()),
                    message.name()));
        }
        return mapped;
    }

    private static String nineCharacterId(String id) {
        if (id == null || id.matches("[a-zA-Z0-9]{9}")) {
            return id;
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        StringBuilder nine = new StringBuilder(9);
        for (int i = 0; i < 9; i++) {
            nine.append(alphabet.charAt((digest[i] & 0xFF) % alphabet.length()));
        }
        return nine.toString();
    }

    private static List<ChatMessage> withToolsWritten(List<ChatMessage> messages, List<Map<String, Object>> tools) {
        List<ChatMessage> written = new ArrayList<>(messages.size() + 1);
        if (!tools.isEmpty()) {
            String description = toolsDescription(tools);
            if (!messages.isEmpty() && messages.getFirst().role().equals("system")) {
                written.add(ChatMessage.system(messages.getFirst().content() + "\n\n" + description));
                messages = messages.subList(1, messages.size());
            } else {
                written.add(ChatMessage.system(description));
            }
        }
        for (ChatMessage message : messages) {
            if (message.role().equals("tool")) {
                written.add(ChatMessage.user("<tool_response>\n" + message.content() + "\n</tool_response>"));
            } else if (!message.toolCalls().isEmpty()) {
                StringBuilder text = new StringBuilder(message.content() == null ? "" : message.content());
                for (ChatMessage.ToolCall call : message.toolCalls()) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("name", call.name());
                    json.put("arguments", call.arguments());
                    text.append(text.isEmpty() ? "" : "\n").append("<tool_call>\n").append(JSON.writeValueAsString(json))
                            .append("\n</tool_call>");
                }
                written.add(ChatMessage.assistant(text.toString()));
            } else {
                written.add(message);
            }
        }
        return written;
    }

    private static String toolsDescription(List<Map<String, Object>> tools) {
        StringBuilder text = new StringBuilder("You can call these functions, described as JSON:\n<tools>\n");
        for (Map<String, Object> tool : tools) {
            text.append(JSON.writeValueAsString(tool)).append('\n');
        }
        return text.append("</tools>\n\nTo call a function, write its name and arguments as one JSON object between")
                .append(" <tool_call> and </tool_call>, one call per block:\n<tool_call>\n")
                .append("{\"name\": \"the function's name\", \"arguments\": {\"an argument\": \"its value\"}}\n")
                .append("</tool_call>").toString();
    }

    /**
     * Compiles {@code constraint} for this model (once; requests with it then start at once), so that a request with
     * an unsupported or invalid schema is refused before it is queued.
     *
     * @throws IllegalArgumentException naming what is wrong (an unsupported schema keyword and where it is)
     */
    public void checkConstraint(OutputConstraint constraint) {
        StructuredOutput.of(tokenizer).compile(constraint);
    }

    /** The control token written as {@code text} (such as {@code [TOOL_CALLS]}), if the vocabulary has one. */
    public OptionalInt specialToken(String text) {
        int[] ids = tokenizer.encode(text, false, true);
        return ids.length == 1 && tokenizer.isSpecial(ids[0]) ? OptionalInt.of(ids[0]) : OptionalInt.empty();
    }

    /** Tokenizes a rendered chat: BOS is added unless the template wrote it itself (no second BOS). */
    public int[] rendered(String rendered) {
        var bos = tokenizer.bosToken();
        boolean templateWroteBos = bos.isPresent() && rendered.startsWith(tokenizer.piece(bos.getAsInt()));
        return tokenizer.encode(rendered, !templateWroteBos, true);
    }

    /**
     * A detokenizer for text generated after {@code prompt}, as the engine decodes it: a continuation of the prompt's
     * text (unless the prompt holds no text), control tokens left out.
     */
    public StreamingDetokenizer continuation(int[] prompt) {
        return new StreamingDetokenizer(tokenizer, false, StreamingDetokenizer.holdsText(tokenizer, prompt));
    }

    /** The bytes of one token as it appears in generated text (control tokens as their text). */
    public byte[] tokenBytes(int token) {
        return tokenizer.tokenBytes(token, false, true);
    }

    /** {@link #tokenBytes} decoded as UTF-8 (a token that is part of a character gives U+FFFD). */
    public String tokenText(int token) {
        return new String(tokenBytes(token), StandardCharsets.UTF_8);
    }

    /** Whether {@code token} is an id of the vocabulary. */
    public boolean isVocabulary(int token) {
        return token >= 0 && token < tokenizer.vocabularySize();
    }

    /** Whether {@code token} ends generation by itself (EOS, an end-of-turn marker). */
    public boolean endsGeneration(int token) {
        return tokenizer.endOfGenerationTokens().contains(token);
    }
}
