package dev.caracal.engine.sampling;

import java.util.Arrays;

/**
 * The token ids of one sequence, prompt first and then generated output, that the {@link Sampler}'s penalties look at.
 *
 * <p>The caller appends each accepted token with {@link #add(int)}; the sampler never changes the history. Not
 * thread-safe.
 */
public final class TokenHistory {

    private int[] tokens;
    private int size;
    private final int promptLength;

    private TokenHistory(int[] prompt) {
        this.tokens = Arrays.copyOf(prompt, Math.max(16, prompt.length + 16));
        this.size = prompt.length;
        this.promptLength = prompt.length;
    }

    /** A history with no prompt and no output. */
    public static TokenHistory empty() {
        return new TokenHistory(new int[0]);
    }

    /** A history holding {@code promptTokens} as the prompt, and no output yet. */
    public static TokenHistory ofPrompt(int... promptTokens) {
        for (int i = 0; i < promptTokens.length; i++) {
            requireId(promptTokens[i]);
        }
        return new TokenHistory(promptTokens);
    }

    /** Appends a generated token. */
    public TokenHistory add(int tokenId) {
        requireId(tokenId);
        if (size == tokens.length) {
            tokens = Arrays.copyOf(tokens, tokens.length * 2);
        }
        tokens[size++] = tokenId;
        return this;
    }

    /** The number of tokens, prompt and output. */
    public int size() {
        return size;
    }

    /** The number of prompt tokens. */
    public int promptLength() {
        return promptLength;
    }

    /** The number of generated tokens. */
    public int outputLength() {
        return size - promptLength;
    }

    /** The token at {@code index}, counting from the first prompt token. */
    public int get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is outside [0, " + size + ")");
        }
        return tokens[index];
    }

    /** The generated tokens, a copy. */
    public int[] outputTokens() {
        return Arrays.copyOfRange(tokens, promptLength, size);
    }

    /** The backing array, valid in {@code [0, size())}; for the sampler's loops only. */
    int[] tokensView() {
        return tokens;
    }

    private static void requireId(int tokenId) {
        if (tokenId < 0) {
            throw new IllegalArgumentException("token id must be ≥ 0, was " + tokenId);
        }
    }
}
