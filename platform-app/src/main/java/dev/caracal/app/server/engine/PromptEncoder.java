package dev.caracal.app.server.engine;

import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.template.ChatTemplate;
import dev.caracal.formats.tokenizer.StreamingDetokenizer;
import dev.caracal.formats.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Turns what a client sends into prompt tokens, and token ids back into text, with a model's tokenizer and chat
 * template.
 *
 * <p>A model without a chat template of its own (a base model such as stories260K) gets {@link #FALLBACK_TEMPLATE}:
 * the messages' contents joined by blank lines, so that a chat is a plain continuation of the text, which is what a
 * base model can do.
 */
public final class PromptEncoder {

    /** The chat template of models that have none: each message's content, separated by a blank line. */
    public static final String FALLBACK_TEMPLATE =
            "{% for message in messages %}{% if not loop.first %}\n\n{% endif %}{{ message['content'] }}{% endfor %}";

    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final boolean fallback;

    public PromptEncoder(Tokenizer tokenizer, Optional<ChatTemplate> modelTemplate) {
        this.tokenizer = tokenizer;
        this.fallback = modelTemplate.isEmpty();
        this.template = modelTemplate.orElseGet(() -> ChatTemplate.of(FALLBACK_TEMPLATE, "caracal fallback template"));
    }

    /** Whether the model has no chat template and chats go through {@link #FALLBACK_TEMPLATE}. */
    public boolean usesFallbackTemplate() {
        return fallback;
    }

    /** The number of token ids. */
    public int vocabularySize() {
        return tokenizer.vocabularySize();
    }

    /** A completion prompt: BOS (where the model has one) and the text. */
    public int[] encodeText(String text) {
        return tokenizer.encode(text, true, true);
    }

    /** The conversation rendered through the chat template, with the generation prompt, and tokenized. */
    public int[] encodeChat(List<ChatMessage> messages) {
        return encodeRendered(renderChat(messages));
    }

    /** The conversation rendered through the chat template, with the generation prompt. */
    public String renderChat(List<ChatMessage> messages) {
        return template.render(messages, template.defaultOptions().withAddGenerationPrompt(true));
    }

    /** Tokenizes a rendered chat: BOS is added unless the template wrote it itself. */
    public int[] encodeRendered(String rendered) {
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

    /** Whether every id is a token of the vocabulary. */
    public boolean isVocabulary(int token) {
        return token >= 0 && token < tokenizer.vocabularySize();
    }
}
