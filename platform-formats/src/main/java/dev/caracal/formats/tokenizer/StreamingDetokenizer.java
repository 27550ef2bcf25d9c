package dev.caracal.formats.tokenizer;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Set;

/**
 * Decodes a stream of tokens into text piece by piece, never emitting half a UTF-8 character: bytes of an incomplete
 * character wait for the tokens that complete it. Invalid bytes become U+FFFD as Hugging Face tokenizers decode them
 * ({@link Utf8}).
 *
 * <p>A stream either starts a text or continues one. At the start of a text a SentencePiece tokenizer drops the space
 * it prefixed to the text ({@code ▁Once} decodes as {@code Once}); a continuation keeps it ({@code ▁play} after a
 * prompt is {@code " play"}, as llama.cpp's server and vLLM send it). Generated text always continues its prompt,
 * unless the prompt held no text at all (only control tokens such as BOS).
 */
public final class StreamingDetokenizer {

    private final Tokenizer tokenizer;
    private final boolean renderSpecial;
    private final Set<Integer> preserved;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean atStart;

    /** A detokenizer for a whole text, which starts with its first token. */
    public StreamingDetokenizer(Tokenizer tokenizer, boolean renderSpecial) {
        this(tokenizer, renderSpecial, false);
    }

    /**
     * @param continuing true when the tokens continue a text decoded before them (generated text after its prompt)
     */
    public StreamingDetokenizer(Tokenizer tokenizer, boolean renderSpecial, boolean continuing) {
        this(tokenizer, renderSpecial, continuing, Set.of());
    }

    /**
     * @param continuing true when the tokens continue a text decoded before them (generated text after its prompt)
     * @param preserved  control tokens rendered as their text even when {@code renderSpecial} is false (tool-call
     *                   markers a parser reads)
     */
    public StreamingDetokenizer(Tokenizer tokenizer, boolean renderSpecial, boolean continuing,
            Set<Integer> preserved) {
        this.tokenizer = tokenizer;
        this.renderSpecial = renderSpecial;
        this.preserved = preserved;
        this.atStart = !continuing;
    }

    /** Whether {@code prompt} holds text (a token that is not a control token), so that what follows continues it. */
    public static boolean holdsText(Tokenizer tokenizer, int[] prompt) {
        for (int token : prompt) {
            if (!tokenizer.isSpecial(token)) {
                return true;
            }
        }
        return false;
    }

    /** Adds one token and returns the text that is now complete (possibly empty). */
    public String push(int token) {
        byte[] bytes = tokenizer.tokenBytes(token, atStart, renderSpecial || preserved.contains(token));
        if (bytes.length > 0 || !tokenizer.isSpecial(token)) {
            atStart = false;
        }
        pending.write(bytes, 0, bytes.length);
        return drainComplete();
    }

    /** Returns whatever is still held at the end of the stream (an incomplete character becomes U+FFFD). */
    public String flush() {
        String rest = Utf8.decodeLossy(pending.toByteArray());
        pending.reset();
        return rest;
    }

    /** True when bytes of an incomplete character are waiting. */
    public boolean hasPendingBytes() {
        return pending.size() > 0;
    }

    private String drainComplete() {
        byte[] bytes = pending.toByteArray();
        int complete = completePrefixLength(bytes);
        if (complete == 0) {
            return "";
        }
        pending.reset();
        pending.write(bytes, complete, bytes.length - complete);
        return Utf8.decodeLossy(complete == bytes.length ? bytes : Arrays.copyOf(bytes, complete));
    }

    /**
     * The length of the longest prefix that does not end inside a UTF-8 sequence that could still be completed. A
     * trailing lead byte with too few continuation bytes is held back; anything invalid is released (to become
     * U+FFFD) rather than held forever.
     */
    static int completePrefixLength(byte[] bytes) {
        int length = bytes.length;
        // Look back at most 3 bytes for the start of the last character.
        for (int back = 1; back <= Math.min(3, length); back++) {
            int value = bytes[length - back] & 0xff;
            if ((value & 0xc0) == 0x80) {
                continue; // a continuation byte: keep looking for its lead byte
            }
            int needed = value >= 0xf0 && value <= 0xf4 ? 4 : value >= 0xe0 ? 3 : value >= 0xc2 && value < 0xe0 ? 2 : 1;
            if (value >= 0xf5 || value < 0xc2 && value >= 0x80) {
                needed = 1; // never a valid lead byte
            }
            return needed > back ? length - back : length;
        }
        return length;
    }
}
