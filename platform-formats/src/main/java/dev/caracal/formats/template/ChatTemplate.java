package dev.caracal.formats.template;

import dev.caracal.formats.template.jinja.JinjaTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model's own Jinja chat template, parsed once, that turns a conversation into the prompt text the model was trained
 * on, rendered as Hugging Face transformers renders it (Jinja2 with {@code trim_blocks} and {@code lstrip_blocks}).
 *
 * <p>Thread-safe: a parsed template renders on any number of threads at once.
 */
public final class ChatTemplate {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final String source;
    private final JinjaTemplate template;
    private final ChatTemplateOptions defaultOptions;

    private ChatTemplate(String name, String source, JinjaTemplate template, ChatTemplateOptions defaultOptions) {
        this.name = name;
        this.source = source;
        this.template = template;
        this.defaultOptions = defaultOptions;
    }

    /**
     * Parses a template, for instance a GGUF file's {@code tokenizer.chat_template}.
     *
     * @param source the Jinja source
     * @param name   what error messages call the template, usually the file it came from
     * @throws ChatTemplateException if the template has a syntax error (the message names the template and the line)
     */
    public static ChatTemplate of(String source, String name) {
        return of(source, name, ChatTemplateOptions.defaults());
    }

    /**
     * Parses a template whose tokenizer names its special tokens, which become {@link #defaultOptions()}.
     *
     * @throws ChatTemplateException if the template has a syntax error (the message names the template and the line)
     */
    public static ChatTemplate of(String source, String name, ChatTemplateOptions defaultOptions) {
        if (source == null) {
            throw new IllegalArgumentException("no chat template source for " + name);
        }
        String label = name == null || name.isBlank() ? "(unnamed)" : name;
        try {
            return new ChatTemplate(label, source, JinjaTemplate.parse(source), defaultOptions);
        } catch (JinjaTemplate.SyntaxError e) {
            throw new ChatTemplateException("chat template " + label + " has a syntax error at line " + e.line() + ": "
                    + e.getMessage());
        }
    }

    /**
     * The template in a Hugging Face {@code tokenizer_config.json}: {@code chat_template} as a string, or as a list of
     * {@code {name, template}} of which the one named {@code default} is taken. Its {@code bos_token} and
     * {@code eos_token} (strings or {@code {content: …}} objects) become the template's {@link #defaultOptions()}.
     *
     * @return the template, or empty if the file has none
     * @throws ChatTemplateException if the file cannot be read or the template does not parse
     */
    public static Optional<ChatTemplate> fromTokenizerConfig(Path tokenizerConfigJson) {
        JsonNode config;
        try {
            config = JSON.readTree(Files.readString(tokenizerConfigJson));
        } catch (IOException | JacksonException e) {
            throw new ChatTemplateException("cannot read " + tokenizerConfigJson + ": " + e.getMessage(), e);
        }
        if (config == null || !config.isObject()) {
            throw new ChatTemplateException(tokenizerConfigJson + " is not a JSON object");
        }
        String source = null;
        JsonNode template = config.get("chat_template");
        if (template != null && template.isString()) {
            source = template.stringValue();
        } else if (template != null && template.isArray()) {
            for (JsonNode entry : template) {
                if (entry.isObject() && "default".equals(textOf(entry.get("name")))) {
                    source = textOf(entry.get("template"));
                }
            }
            if (source == null) {
                throw new ChatTemplateException(tokenizerConfigJson + " lists chat templates but none named 'default'");
            }
        }
        if (source == null) {
            return Optional.empty();
        }
        ChatTemplateOptions options = ChatTemplateOptions.defaults()
                .withSpecialTokens(specialToken(config.get("bos_token")), specialToken(config.get("eos_token")));
        return Optional.of(of(source, tokenizerConfigJson.toString(), options));
    }

    private static String specialToken(JsonNode token) {
        if (token == null || token.isNull()) {
            return null;
        }
        if (token.isString()) {
            return token.stringValue();
        }
        if (token.isObject()) {
            return textOf(token.get("content"));
        }
        return null;
    }

    private static String textOf(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    /** What error messages call this template. */
    public String name() {
        return name;
    }

    /** The Jinja source as given. */
    public String source() {
        return source;
    }

    /** Options with the special tokens the template's tokenizer configuration names (none for {@link #of}). */
    public ChatTemplateOptions defaultOptions() {
        return defaultOptions;
    }

    /**
     * The prompt text for a conversation.
     *
     * <p>One difference from transformers remains: Jinjava has a single null for Python's {@code None} and for an
     * undefined value, so a {@code None} (say an assistant turn's missing content) prints as nothing where Jinja2
     * would print {@code None}.
     *
     * @throws ChatTemplateException if the template raises an error ({@code raise_exception}, with the template's
     *                               message) or meets an expression it cannot evaluate
     */
    public String render(List<ChatMessage> messages, ChatTemplateOptions options) {
        Map<String, Object> variables = new LinkedHashMap<>();
        options.variables().forEach((key, value) -> variables.put(key, JinjaTemplate.value(value)));
        List<Object> conversation = new ArrayList<>(messages.size());
        messages.forEach(message -> conversation.add(message.toTemplateValue()));
        variables.put("messages", conversation);
        variables.put("add_generation_prompt", options.addGenerationPrompt());
        if (options.bosToken() != null) {
            variables.put("bos_token", options.bosToken());
        }
        if (options.eosToken() != null) {
            variables.put("eos_token", options.eosToken());
        }
        if (!options.tools().isEmpty()) {
            variables.put("tools", JinjaTemplate.value(options.tools()));
        }
        try {
            return template.render(variables);
        } catch (JinjaTemplate.RenderError e) {
            if (e.raisedByTemplate()) {
                throw new ChatTemplateException("chat template " + name + " raised an error: " + e.getMessage());
            }
            throw new ChatTemplateException("chat template " + name + " failed" + (e.line() > 0 ? " at line "
                    + e.line() : "") + ": " + e.getMessage(), e.getCause());
        }
    }

    @Override
    public String toString() {
        return "ChatTemplate[" + name + "]";
    }
}
