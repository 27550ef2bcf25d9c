package dev.caracal.formats.tokenizer;

import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns text into token ids and back, as the model's own tokenizer does (llama.cpp and Hugging Face tokenizers are the
 * references).
 *
 * <p>Decoding goes through {@link StreamingDetokenizer}, so decoding a whole sequence and streaming it token by token
 * give the same text.
 */
public interface Tokenizer {

    /** The number of token ids, added tokens included. */
    int vocabularySize();

    /**
     * Encodes {@code text}.
     *
     * @param addSpecial   add the model's BOS (and EOS, where the model asks for it) around the text
     * @param parseSpecial recognise special (control) tokens written in the text, such as {@code <|eot_id|>}; when
     *                     false they are encoded as plain text. Non-special added tokens are always recognised.
     */
    int[] encode(String text, boolean addSpecial, boolean parseSpecial);

    /** Encodes {@code text} as a prompt: special tokens added and parsed. */
    default int[] encode(String text) {
        return encode(text, true, true);
    }

    /**
     * The bytes {@code token} contributes to decoded text.
     *
     * @param atStart       true for the first token of a decoded sequence (SentencePiece tokenizers drop the space
     *                      they prefixed to the text there)
     * @param renderSpecial render control tokens as their text ({@code <|eot_id|>}); when false they contribute nothing
     */
    byte[] tokenBytes(int token, boolean atStart, boolean renderSpecial);

    /** The token's entry in the vocabulary, as stored (for example {@code ▁the} or {@code Ġthe}). */
    String piece(int token);

    /** True for control tokens (BOS, EOS, chat markers) that are not text. */
    boolean isSpecial(int token);

    /** The beginning-of-sequence token, if the model has one. */
    OptionalInt bosToken();

    /** The end-of-sequence token, if the model has one. */
    OptionalInt eosToken();

    /** Every token that ends generation (EOS, and end-of-turn markers such as {@code <|eot_id|>}). */
    Set<Integer> endOfGenerationTokens();

    /** Decodes {@code tokens} to text; control tokens are rendered only when {@code renderSpecial}. */
    default String decode(int[] tokens, boolean renderSpecial) {
        StreamingDetokenizer detokenizer = new StreamingDetokenizer(this, renderSpecial);
        StringBuilder text = new StringBuilder();
        for (int token : tokens) {
            text.append(detokenizer.push(token));
        }
        return text.append(detokenizer.flush()).toString();
    }

    /** Decodes {@code tokens} to text without control tokens. */
    default String decode(int[] tokens) {
        return decode(tokens, false);
    }
}
