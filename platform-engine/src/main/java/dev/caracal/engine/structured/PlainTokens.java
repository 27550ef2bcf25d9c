package dev.caracal.engine.structured;

import dev.caracal.formats.tokenizer.Tokenizer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The tokens of a vocabulary that are plain text inside a JSON string (whole UTF-8 characters from U+0020 up, no quote,
 * no backslash), by length: a state inside a string that accepts a run of n such characters allows every plain token
 * of at most n code points at once, and only the other tokens (a few percent of the vocabulary) need a trie walk.
 */
final class PlainTokens {

    /** Plain tokens longer than this (in code points) are walked with the others. */
    private static final int LONGEST_COUNTED = 256;

    private final VocabularyTrie others;
    /** {@code upTo[n]}: the plain tokens of at most {@code n} code points. */
    private final long[][] upTo;

    PlainTokens(Tokenizer tokenizer) {
        int size = tokenizer.vocabularySize();
        int[] codePoints = new int[size];
        int longest = 0;
        for (int token = 0; token < size; token++) {
            int length = tokenizer.isSpecial(token) ? -1 : plainCodePoints(tokenizer.tokenBytes(token, false, true));
            codePoints[token] = length > LONGEST_COUNTED ? -1 : length;
            longest = Math.max(longest, codePoints[token]);
        }
        upTo = new long[longest + 1][];
        upTo[0] = new long[(size + 63) >>> 6];
        for (int n = 1; n <= longest; n++) {
            upTo[n] = upTo[n - 1].clone();
        }
        for (int token = 0; token < size; token++) {
            for (int n = Math.max(codePoints[token], 1); codePoints[token] > 0 && n <= longest; n++) {
                upTo[n][token >>> 6] |= 1L << token;
            }
        }
        others = new VocabularyTrie(tokenizer, token -> codePoints[token] < 0);
    }

    /** The code points of {@code bytes} when they are plain string text, else -1. */
    private static int plainCodePoints(byte[] bytes) {
        if (bytes.length == 0) {
            return -1;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notWholeCharacters) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return -1;
            }
        }
        return text.codePointCount(0, text.length());
    }

    /** The plain tokens of at most {@code codePoints} code points (shared: do not modify). */
    long[] atMost(int codePoints) {
        return upTo[Math.min(codePoints, upTo.length - 1)];
    }

    /** The trie of every other token. */
    VocabularyTrie others() {
        return others;
    }
}
