package dev.caracal.formats.tokenizer;

/**
 * A token matched as a whole in the text before the model's own splitting, such as {@code <|eot_id|>} or {@code <s>}
 * (Hugging Face {@code added_tokens}; GGUF control and user-defined tokens).
 *
 * @param id         the token id
 * @param content    the text that is the token
 * @param special    a control token, recognised only when special tokens are parsed
 * @param leftStrip  whitespace before a match belongs to the token (Hugging Face {@code lstrip})
 * @param rightStrip whitespace after a match belongs to the token ({@code rstrip})
 * @param singleWord matches only as a whole word ({@code single_word})
 */
public record AddedToken(int id, String content, boolean special, boolean leftStrip, boolean rightStrip,
        boolean singleWord) {

    public AddedToken {
        if (content == null || content.isEmpty()) {
            throw new IllegalArgumentException("added token " + id + " has no content");
        }
    }

    /** A token with no stripping and no whole-word rule. */
    public static AddedToken of(int id, String content, boolean special) {
        return new AddedToken(id, content, special, false, false, false);
    }
}
