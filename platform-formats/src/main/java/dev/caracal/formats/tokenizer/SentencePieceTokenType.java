package dev.caracal.formats.tokenizer;

/**
 * The kind of a SentencePiece vocabulary entry, numbered as in SentencePiece's {@code ModelProto} and GGUF's
 * {@code tokenizer.ggml.token_type}.
 */
enum SentencePieceTokenType {
    /** A number the format does not define; llama.cpp decodes such a token to nothing. */
    UNDEFINED,
    NORMAL,
    UNKNOWN,
    CONTROL,
    USER_DEFINED,
    UNUSED,
    BYTE;

    private static final SentencePieceTokenType[] BY_CODE = values();

    /** The type numbered {@code code}, or {@link #UNDEFINED}. */
    static SentencePieceTokenType ofCode(long code) {
        return code >= 1 && code < BY_CODE.length ? BY_CODE[(int) code] : UNDEFINED;
    }

    /** Control and unknown tokens: not text, rendered only on request (llama.cpp's {@code attr_special}). */
    boolean isSpecial() {
        return this == CONTROL || this == UNKNOWN;
    }

    /** Tokens cut out of the text before the merges (llama.cpp's special-token cache). */
    boolean isMatchedWhole() {
        return this == CONTROL || this == UNKNOWN || this == USER_DEFINED;
    }
}
