package dev.caracal.engine.api;

import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.template.ChatTemplate;
import dev.caracal.formats.tokenizer.StreamingDetokenizer;
import dev.caracal.formats.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

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

    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final boolean fallback;

    public Prompts(Tokenizer tokenizer, Optional<ChatTemplate> modelTemplate) {
        this.tokenizer = tokenizer;
        this.fallback = modelTemplate.isEmpty();
        this.template = modelTemplate.orElseGet(() -> ChatTemplate.of(FALLBACK_TEMPLATE, "caracal fallback template"));
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
