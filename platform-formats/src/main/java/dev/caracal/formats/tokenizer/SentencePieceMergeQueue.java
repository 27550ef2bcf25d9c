package dev.caracal.formats.tokenizer;

import java.util.Arrays;

/**
 * The work queue of one BPE merge pass: candidate merges of two adjacent symbols, best priority first and, among equal
 * priorities, the leftmost first (llama.cpp's {@code llm_bigram_spm} order, and Hugging Face's for equal ranks).
 *
 * <p>A binary heap over parallel primitive arrays, so a pass allocates a handful of arrays rather than an object per
 * candidate.
 */
final class SentencePieceMergeQueue {

    private double[] priority;
    private int[] left;
    private int[] right;
    private int[] size;
    private int[] merged;
    private int count;

    SentencePieceMergeQueue(int expected) {
        int capacity = Math.max(16, expected);
        priority = new double[capacity];
        left = new int[capacity];
        right = new int[capacity];
        size = new int[capacity];
        merged = new int[capacity];
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Adds the candidate merge of symbols {@code leftSymbol} and {@code rightSymbol} into {@code mergedToken}. */
    void push(double candidatePriority, int leftSymbol, int rightSymbol, int candidateSize, int mergedToken) {
        if (count == priority.length) {
            int capacity = count * 2;
            priority = Arrays.copyOf(priority, capacity);
            left = Arrays.copyOf(left, capacity);
            right = Arrays.copyOf(right, capacity);
            size = Arrays.copyOf(size, capacity);
            merged = Arrays.copyOf(merged, capacity);
        }
        int at = count++;
        set(at, candidatePriority, leftSymbol, rightSymbol, candidateSize, mergedToken);
        siftUp(at);
    }

    /** The left symbol of the best candidate. */
    int topLeft() {
        return left[0];
    }

    int topRight() {
        return right[0];
    }

    /** The size the two symbols had together when the candidate was made (a stale candidate has another). */
    int topSize() {
        return size[0];
    }

    int topMerged() {
        return merged[0];
    }

    /** Removes the best candidate. */
    void pop() {
        count--;
        if (count > 0) {
            set(0, priority[count], left[count], right[count], size[count], merged[count]);
            siftDown(0);
        }
    }

    private void set(int at, double candidatePriority, int leftSymbol, int rightSymbol, int candidateSize,
            int mergedToken) {
        priority[at] = candidatePriority;
        left[at] = leftSymbol;
        right[at] = rightSymbol;
        size[at] = candidateSize;
        merged[at] = mergedToken;
    }

    /** True when entry {@code a} comes before entry {@code b}: higher priority, then the leftmost. */
    private boolean before(int a, int b) {
        return priority[a] > priority[b] || (priority[a] == priority[b] && left[a] < left[b]);
    }

    private void siftUp(int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(at, parent)) {
                return;
            }
            swap(at, parent);
            at = parent;
        }
    }

    private void siftDown(int at) {
        while (true) {
            int child = 2 * at + 1;
            if (child >= count) {
                return;
            }
            if (child + 1 < count && before(child + 1, child)) {
                child++;
            }
            if (!before(child, at)) {
                return;
            }
            swap(at, child);
            at = child;
        }
    }

    private void swap(int a, int b) {
        double p = priority[a];
        priority[a] = priority[b];
        priority[b] = p;
        int l = left[a];
        left[a] = left[b];
        left[b] = l;
        int r = right[a];
        right[a] = right[b];
        right[b] = r;
        int s = size[a];
        size[a] = size[b];
        size[b] = s;
        int m = merged[a];
        merged[a] = merged[b];
        merged[b] = m;
    }
}
