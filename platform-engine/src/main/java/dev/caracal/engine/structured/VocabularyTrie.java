package dev.caracal.engine.structured;

import dev.caracal.formats.tokenizer.Tokenizer;
import java.util.Arrays;

/**
 * Every token's bytes (as generated text shows them, control tokens as their own text) in one trie, so that the tokens
 * a grammar state allows are found in one walk that drops a whole subtree at the first byte the state refuses.
 *
 * <p>Nodes are array entries: a node's children are a sibling list (first child, next sibling), each with the byte
 * that leads to it; the tokens whose bytes end at a node are listed from {@code tokensStart[node]}. Immutable after
 * construction; shared by every request on the tokenizer.
 */
final class VocabularyTrie {

    private static final int NONE = -1;

    private int[] firstChild;
    private int[] nextSibling;
    private byte[] label;
    private int[] tokensStart;
    private int[] tokensEnd;
    private int[] tokens;
    private int nodes;
    private final boolean[] special;
    private final int vocabularySize;
    private final int[] singleByteTokens;

    /** The trie of {@code tokenizer}'s vocabulary; tokens with no bytes are left out (they are never allowed). */
    VocabularyTrie(Tokenizer tokenizer) {
        this(tokenizer, token -> true);
    }

    /** The trie of the tokens of {@code tokenizer}'s vocabulary that {@code included} accepts. */
    VocabularyTrie(Tokenizer tokenizer, java.util.function.IntPredicate included) {
        vocabularySize = tokenizer.vocabularySize();
        special = new boolean[vocabularySize];
        byte[][] bytes = new byte[vocabularySize][];
        long totalBytes = 0;
        for (int id = 0; id < vocabularySize; id++) {
            special[id] = tokenizer.isSpecial(id);
            bytes[id] = included.test(id) ? tokenizer.tokenBytes(id, false, true) : new byte[0];
            totalBytes += bytes[id].length;
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, totalBytes + 1);
        firstChild = new int[Math.min(capacity, 1 << 16)];
        nextSibling = new int[firstChild.length];
        label = new byte[firstChild.length];
        int[] endNode = new int[vocabularySize];
        newNode((byte) 0);
        singleByteTokens = new int[256];
        Arrays.fill(singleByteTokens, NONE);
        for (int id = 0; id < vocabularySize; id++) {
            int node = 0;
            for (byte b : bytes[id]) {
                node = child(node, b);
            }
            endNode[id] = bytes[id].length == 0 ? NONE : node;
            if (bytes[id].length == 1 && !special[id] && singleByteTokens[bytes[id][0] & 0xFF] == NONE) {
                singleByteTokens[bytes[id][0] & 0xFF] = id;
            }
        }
        // Tokens grouped by their end node (a counting sort).
        tokensStart = new int[nodes + 1];
        for (int id = 0; id < vocabularySize; id++) {
            if (endNode[id] != NONE) {
                tokensStart[endNode[id] + 1]++;
            }
        }
        for (int n = 0; n < nodes; n++) {
            tokensStart[n + 1] += tokensStart[n];
        }
        tokensEnd = Arrays.copyOf(tokensStart, nodes + 1);
        tokens = new int[tokensStart[nodes]];
        for (int id = 0; id < vocabularySize; id++) {
            if (endNode[id] != NONE) {
                tokens[tokensEnd[endNode[id]]++] = id;
            }
        }
        firstChild = Arrays.copyOf(firstChild, nodes);
        nextSibling = Arrays.copyOf(nextSibling, nodes);
        label = Arrays.copyOf(label, nodes);
    }

    private int newNode(byte b) {
        if (nodes == firstChild.length) {
            int grown = firstChild.length * 2;
            firstChild = Arrays.copyOf(firstChild, grown);
            nextSibling = Arrays.copyOf(nextSibling, grown);
            label = Arrays.copyOf(label, grown);
        }
        firstChild[nodes] = NONE;
        nextSibling[nodes] = NONE;
        label[nodes] = b;
        return nodes++;
    }

    private int child(int node, byte b) {
        int last = NONE;
        for (int c = firstChild[node]; c != NONE; c = nextSibling[c]) {
            if (label[c] == b) {
                return c;
            }
            last = c;
        }
        int created = newNode(b);
        if (last == NONE) {
            firstChild[node] = created;
        } else {
            nextSibling[last] = created;
        }
        return created;
    }

    /** The number of token ids. */
    int vocabularySize() {
        return vocabularySize;
    }

    /** Whether {@code token} is a control token (allowed under a constraint only when the request preserves it). */
    boolean isSpecial(int token) {
        return special[token];
    }

    /** Whether every byte value is a token by itself (then any completion of n bytes takes at most n tokens). */
    boolean hasEverySingleByte() {
        for (int token : singleByteTokens) {
            if (token == NONE) {
                return false;
            }
        }
        return true;
    }

    /** The number of nodes, the root included. */
    int nodeCount() {
        return nodes;
    }

    int root() {
        return 0;
    }

    int firstChild(int node) {
        return firstChild[node];
    }

    int nextSibling(int node) {
        return nextSibling[node];
    }

    /** The byte (0..255) on the edge into {@code node}. */
    int label(int node) {
        return label[node] & 0xFF;
    }

    /** The first index in {@link #token(int)} of the tokens that end at {@code node}. */
    int tokensStart(int node) {
        return tokensStart[node];
    }

    /** One past the last index in {@link #token(int)} of the tokens that end at {@code node}. */
    int tokensEnd(int node) {
        return tokensEnd[node];
    }

    int token(int index) {
        return tokens[index];
    }

    static boolean isNone(int node) {
        return node == NONE;
    }
}
