package dev.caracal.formats.tokenizer;

import java.util.Arrays;

/** Working arrays for one encode call of the byte-level tokenizer, grown as needed and reused within the call. */
final class ByteLevelScratch {

    int[] codePoints = new int[64];
    byte[] classes = new byte[64];
    int[] pieceEnds = new int[64];
    byte[] bytes = new byte[256];
    int[] symbols = new int[256];

    private long[] pairs = new long[256];
    private int[] next = new int[0];
    private int[] previous = new int[0];
    private long[] heap = new long[0];

    private int[] output = new int[64];
    private int outputSize;

    /** Makes room for the pre-tokenizer's arrays of {@code count} code points. */
    void ensureCodePoints(int count) {
        if (codePoints.length < count) {
            int capacity = Math.max(count, codePoints.length * 2);
            codePoints = new int[capacity];
            classes = new byte[capacity];
            pieceEnds = new int[capacity];
        }
    }

    /** Makes room for a word of {@code count} bytes. */
    void ensureWord(int count) {
        if (bytes.length < count) {
            int capacity = Math.max(count, bytes.length * 2);
            bytes = new byte[capacity];
            symbols = new int[capacity];
        }
    }

    long[] pairs(int count) {
        if (pairs.length < count) {
            pairs = new long[Math.max(count, pairs.length * 2)];
        }
        return pairs;
    }

    int[] next(int count) {
        if (next.length < count) {
            next = new int[count];
        }
        return next;
    }

    int[] previous(int count) {
        if (previous.length < count) {
            previous = new int[count];
        }
        return previous;
    }

    long[] heap(int count) {
        if (heap.length < 3 * count) {
            heap = new long[3 * count];
        }
        return heap;
    }

    void add(int token) {
        if (outputSize == output.length) {
            output = Arrays.copyOf(output, outputSize * 2);
        }
        output[outputSize++] = token;
    }

    void addAll(int[] tokens, int count) {
        if (outputSize + count > output.length) {
            output = Arrays.copyOf(output, Math.max(outputSize + count, outputSize * 2));
        }
        System.arraycopy(tokens, 0, output, outputSize, count);
        outputSize += count;
    }

    int[] result() {
        return Arrays.copyOf(output, outputSize);
    }
}
