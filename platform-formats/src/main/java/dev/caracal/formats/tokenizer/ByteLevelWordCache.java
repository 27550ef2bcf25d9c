package dev.caracal.formats.tokenizer;

import java.util.Arrays;

/**
 * A bounded, direct-mapped cache from a word's bytes to its tokens, safe to share between threads: entries are
 * immutable and a slot simply holds the latest word that hashed to it.
 */
final class ByteLevelWordCache {

    /** Words longer than this are not cached. */
    static final int MAX_WORD_BYTES = 64;

    private record Entry(byte[] word, int hash, int[] tokens) {
    }

    private final Entry[] slots;
    private final int mask;

    ByteLevelWordCache(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityPowerOfTwo);
        }
        slots = new Entry[capacityPowerOfTwo];
        mask = capacityPowerOfTwo - 1;
    }

    /** The cached tokens of {@code word[0, length)}, or null. */
    int[] get(byte[] word, int length, int hash) {
        Entry entry = slots[slot(hash)];
        if (entry != null && entry.hash == hash && entry.word.length == length
                && Arrays.equals(entry.word, 0, length, word, 0, length)) {
            return entry.tokens;
        }
        return null;
    }

    /** Remembers the tokens of {@code word[0, length)}. */
    void put(byte[] word, int length, int hash, int[] tokens, int tokenCount) {
        if (length <= MAX_WORD_BYTES) {
            slots[slot(hash)] = new Entry(Arrays.copyOf(word, length), hash, Arrays.copyOf(tokens, tokenCount));
        }
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 15) ^ (hash >>> 7)) & mask;
    }
}
