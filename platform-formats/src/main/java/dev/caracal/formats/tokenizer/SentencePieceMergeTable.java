package dev.caracal.formats.tokenizer;

/**
 * The ranked merges of a Hugging Face BPE model: (left token, right token) to rank and merged token, in an
 * open-addressing table keyed by the pair packed into a {@code long}.
 */
final class SentencePieceMergeTable {

    private static final long EMPTY = -1L;

    private final long[] keys;
    private final int[] ranks;
    private final int[] mergedTokens;
    private final int mask;
    private final int size;

    /**
     * Builds the table; merge {@code i} (rank {@code i}) joins {@code left[i]} and {@code right[i]} into
     * {@code merged[i]}. A pair listed twice keeps its last rank, as Hugging Face tokenizers' map does.
     */
    SentencePieceMergeTable(int[] left, int[] right, int[] merged) {
        int capacity = Integer.highestOneBit(Math.max(16, left.length * 2 + 1)) << 1;
        keys = new long[capacity];
        java.util.Arrays.fill(keys, EMPTY);
        ranks = new int[capacity];
        mergedTokens = new int[capacity];
        mask = capacity - 1;
        int distinct = 0;
        for (int rank = 0; rank < left.length; rank++) {
            long key = key(left[rank], right[rank]);
            int slot = slot(key);
            if (keys[slot] == EMPTY) {
                distinct++;
            }
            keys[slot] = key;
            ranks[slot] = rank;
            mergedTokens[slot] = merged[rank];
        }
        size = distinct;
    }

    /** The number of distinct pairs. */
    int size() {
        return size;
    }

    /** The slot of the pair, or -1 when the two tokens never merge. */
    int find(int leftToken, int rightToken) {
        int slot = slot(key(leftToken, rightToken));
        return keys[slot] == EMPTY ? -1 : slot;
    }

    int rank(int slot) {
        return ranks[slot];
    }

    int mergedToken(int slot) {
        return mergedTokens[slot];
    }

    private int slot(long key) {
        int slot = (int) mix(key) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long key(int leftToken, int rightToken) {
        return ((long) leftToken << 32) | (rightToken & 0xffffffffL);
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
