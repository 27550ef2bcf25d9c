package dev.caracal.formats.tokenizer;

import java.util.Arrays;

/**
 * BPE merge rules as a primitive open-addressing hash map from a pair of token ids (packed in a long) to the rule's
 * rank and the merged token, and the merge loop that applies them to one word.
 *
 * <p>The loop merges the pair of lowest rank first and, among equal ranks, the leftmost, as Hugging Face tokenizers
 * and llama.cpp do. Short words are merged by scanning an array; long ones through a binary heap.
 */
final class ByteLevelMergeTable {

    /** Returned by {@link #find} when no rule merges the pair. */
    static final long NONE = Long.MAX_VALUE;

    /** Words longer than this many symbols are merged through a heap. */
    static final int LINEAR_LIMIT = 96;

    private static final long EMPTY = -1;

    private final long[] keys;
    private final long[] values;
    private final int shift;
    private final int size;

    /**
     * @param left   left token of each rule, in rank order
     * @param right  right token of each rule
     * @param merged the token each rule makes
     */
    ByteLevelMergeTable(int[] left, int[] right, int[] merged) {
        int capacity = Integer.highestOneBit(Math.max(4, left.length * 3 / 2)) << 1;
        keys = new long[capacity];
        values = new long[capacity];
        Arrays.fill(keys, EMPTY);
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        int count = 0;
        for (int rank = 0; rank < left.length; rank++) {
            long key = key(left[rank], right[rank]);
            int slot = slot(key);
            while (keys[slot] != EMPTY && keys[slot] != key) {
                slot = (slot + 1) & (capacity - 1);
            }
            if (keys[slot] == EMPTY) { // a repeated rule keeps its first (lowest) rank
                keys[slot] = key;
                values[slot] = (long) rank << 32 | merged[rank];
                count++;
            }
        }
        size = count;
    }

    /** The number of distinct rules. */
    int size() {
        return size;
    }

    /** The rule for (left, right) as rank in the high 32 bits and merged token in the low, or {@link #NONE}. */
    long find(int left, int right) {
        long key = key(left, right);
        int mask = keys.length - 1;
        int slot = slot(key);
        while (true) {
            long found = keys[slot];
            if (found == key) {
                return values[slot];
            }
            if (found == EMPTY) {
                return NONE;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static long key(int left, int right) {
        return (long) left << 32 | (right & 0xffffffffL);
    }

    private int slot(long key) {
        return (int) ((key * 0x9e3779b97f4a7c15L) >>> shift);
    }

    /**
     * Merges the {@code count} symbols in {@code symbols} in place.
     *
     * @return the number of symbols left
     */
    int merge(int[] symbols, int count, ByteLevelScratch scratch) {
        return count > LINEAR_LIMIT ? mergeWithHeap(symbols, count, scratch) : mergeLinear(symbols, count, scratch);
    }

    /** The array version: find the lowest-ranked pair, merge it, repeat. */
    int mergeLinear(int[] symbols, int count, ByteLevelScratch scratch) {
        if (count < 2) {
            return count;
        }
        long[] pairs = scratch.pairs(count);
        for (int i = 0; i < count - 1; i++) {
            pairs[i] = find(symbols[i], symbols[i + 1]);
        }
        while (count > 1) {
            long best = NONE;
            int at = -1;
            for (int i = 0; i < count - 1; i++) {
                if (pairs[i] < best) {
                    best = pairs[i];
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            symbols[at] = (int) best;
            int tail = count - at - 2;
            System.arraycopy(symbols, at + 2, symbols, at + 1, tail);
            System.arraycopy(pairs, at + 2, pairs, at + 1, Math.max(0, tail - 1));
            count--;
            if (at < count - 1) {
                pairs[at] = find(symbols[at], symbols[at + 1]);
            }
            if (at > 0) {
                pairs[at - 1] = find(symbols[at - 1], symbols[at]);
            }
        }
        return count;
    }

    /** The heap version: a queue of (rank, position) with stale entries skipped, as Hugging Face's merge_word. */
    int mergeWithHeap(int[] symbols, int count, ByteLevelScratch scratch) {
        int[] next = scratch.next(count);
        int[] previous = scratch.previous(count);
        long[] heap = scratch.heap(count);
        int heapSize = 0;
        for (int i = 0; i < count; i++) {
            next[i] = i + 1 < count ? i + 1 : -1;
            previous[i] = i - 1;
        }
        for (int i = 0; i + 1 < count; i++) {
            long rule = find(symbols[i], symbols[i + 1]);
            if (rule != NONE) {
                heapSize = push(heap, heapSize, rule >>> 32 << 32 | i);
            }
        }
        while (heapSize > 0) {
            long top = heap[0];
            heapSize = pop(heap, heapSize);
            int at = (int) top;
            int rank = (int) (top >>> 32);
            int right = next[at];
            if (previous[at] == -2 || right < 0) {
                continue; // merged away, or the last symbol
            }
            long rule = find(symbols[at], symbols[right]);
            if (rule == NONE || (int) (rule >>> 32) != rank) {
                continue; // a stale entry: this pair changed since it was queued
            }
            symbols[at] = (int) rule;
            previous[right] = -2;
            next[at] = next[right];
            if (next[at] >= 0) {
                previous[next[at]] = at;
            }
            if (previous[at] >= 0) {
                long before = find(symbols[previous[at]], symbols[at]);
                if (before != NONE) {
                    heapSize = push(heap, heapSize, before >>> 32 << 32 | previous[at]);
                }
            }
            if (next[at] >= 0) {
                long after = find(symbols[at], symbols[next[at]]);
                if (after != NONE) {
                    heapSize = push(heap, heapSize, after >>> 32 << 32 | at);
                }
            }
        }
        int kept = 0;
        for (int i = 0; i >= 0; i = next[i]) {
            symbols[kept++] = symbols[i];
        }
        return kept;
    }

    private static int push(long[] heap, int size, long value) {
        int at = size;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (heap[parent] <= value) {
                break;
            }
            heap[at] = heap[parent];
            at = parent;
        }
        heap[at] = value;
        return size + 1;
    }

    private static int pop(long[] heap, int size) {
        size--;
        long last = heap[size];
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= last) {
                break;
            }
            heap[at] = heap[child];
            at = child;
        }
        if (size > 0) {
            heap[at] = last;
        }
        return size;
    }
}
