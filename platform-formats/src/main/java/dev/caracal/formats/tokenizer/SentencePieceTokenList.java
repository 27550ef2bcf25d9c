package dev.caracal.formats.tokenizer;

import java.util.Arrays;

/** A growable list of token ids, without boxing. */
final class SentencePieceTokenList {

    private int[] tokens;
    private int size;

    SentencePieceTokenList(int capacity) {
        tokens = new int[Math.max(4, capacity)];
    }

    void add(int token) {
        if (size == tokens.length) {
            tokens = Arrays.copyOf(tokens, size * 2);
        }
        tokens[size++] = token;
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(tokens, size);
    }
}
