package dev.caracal.formats.tokenizer;

import java.util.Arrays;

/**
 * Finds the token whose bytes are exactly a given byte sequence (the whole-word look-up of tokenizers that skip
 * merges for words already in the vocabulary), without building strings.
 */
final class ByteLevelTokenIndex {

    private final byte[][] tokenBytes;
    private final int[] slots; // token id + 1, 0 for empty
    private final int mask;

    /**
     * @param tokenBytes each token's bytes; null entries are not indexed
     */
    ByteLevelTokenIndex(byte[][] tokenBytes) {
        this.tokenBytes = tokenBytes;
        int capacity = Integer.highestOneBit(Math.max(4, tokenBytes.length * 3 / 2)) << 1;
        slots = new int[capacity];
        mask = capacity - 1;
        for (int id = 0; id < tokenBytes.length; id++) {
            byte[] bytes = tokenBytes[id];
            if (bytes == null || bytes.length == 0) {
                continue;
            }
            int slot = spread(hash(bytes, bytes.length)) & mask;
            boolean duplicate = false;
            while (slots[slot] != 0) {
                if (Arrays.equals(tokenBytes[slots[slot] - 1], bytes)) {
                    duplicate = true; // the first token with these bytes wins
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (!duplicate) {
                slots[slot] = id + 1;
            }
        }
    }

    /** The token whose bytes are {@code bytes[0, length)} (their {@link #hash} given), or -1. */
    int find(byte[] bytes, int length, int hash) {
        int slot = spread(hash) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            byte[] candidate = tokenBytes[entry - 1];
            if (candidate.length == length && Arrays.equals(candidate, 0, length, bytes, 0, length)) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The hash of {@code bytes[0, length)} that {@link #find} and the word cache use. */
    static int hash(byte[] bytes, int length) {
        int hash = length;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }

    private static int spread(int hash) {
        return hash * 0x9e3779b9 ^ (hash >>> 16);
    }
}
