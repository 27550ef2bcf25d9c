package dev.caracal.engine.model;

import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import java.util.Arrays;

/**
 * One sequence run alone on a model with a KV cache of its own: append tokens, get next-token logits. The simple path
 * for the command line and for oracle tests; the engine's scheduler batches many sequences instead.
 */
public final class SequenceRunner implements AutoCloseable {

    /** Tokens per KV block. */
    static final int BLOCK_SIZE = 16;

    private final TransformerModel model;
    private final int capacity;
    private final int chunk;
    private final KvCache cache;
    private final StepBuffers buffers;
    private final int[][] blockTable;   // [1][blocks]: this sequence owns blocks 0..n-1 in order
    private final int[] lastRow = new int[1];
    private int length;

    SequenceRunner(TransformerModel model, int capacity, int chunk, QuantFormat kvType) {
        this.model = model;
        this.capacity = capacity;
        this.chunk = chunk;
        int blocks = (capacity + BLOCK_SIZE - 1) / BLOCK_SIZE;
        this.cache = model.backend().allocateKvCache(model.kvCacheSpec(BLOCK_SIZE, kvType), blocks);
        this.buffers = model.newStepBuffers(chunk, chunk);
        int[] table = new int[blocks];
        for (int i = 0; i < blocks; i++) {
            table[i] = i;
        }
        this.blockTable = new int[][] {table};
    }

    /** Tokens in the sequence so far. */
    public int length() {
        return length;
    }

    /** The most tokens the sequence can hold. */
    public int capacity() {
        return capacity;
    }

    /** Forgets every token (the cache is overwritten from position 0). */
    public void reset() {
        length = 0;
    }

    /** Keeps the first {@code newLength} tokens and forgets the rest (a conversation's reused prefix). */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate " + length + " tokens to " + newLength);
        }
        length = newLength;
    }

    /**
     * Appends {@code tokens} (prefill in chunks) and returns the next-token logits after the last one.
     *
     * @throws IllegalStateException when the sequence would exceed its capacity
     */
    public float[] append(int[] tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("nothing to append");
        }
        checkRoom(tokens.length);
        float[] logits = new float[model.config().vocabularySize()];
        for (int start = 0; start < tokens.length; start += chunk) {
            int rows = Math.min(chunk, tokens.length - start);
            lastRow[0] = rows - 1;
            Tensor result = step(Arrays.copyOfRange(tokens, start, start + rows), lastRow);
            if (start + rows == tokens.length) {
                result.read(0, logits, 0);
            }
        }
        return logits;
    }

    /** Appends {@code tokens} and returns the next-token logits after each of them ({@code [tokens, vocabulary]}). */
    public float[][] evaluateAll(int[] tokens) {
        checkRoom(tokens.length);
        float[][] all = new float[tokens.length][model.config().vocabularySize()];
        for (int start = 0; start < tokens.length; start += chunk) {
            int rows = Math.min(chunk, tokens.length - start);
            int[] rowsWanted = new int[rows];
            for (int i = 0; i < rows; i++) {
                rowsWanted[i] = i;
            }
            Tensor result = step(Arrays.copyOfRange(tokens, start, start + rows), rowsWanted);
            for (int i = 0; i < rows; i++) {
                result.read(i, all[start + i], 0);
            }
        }
        return all;
    }

    private Tensor step(int[] tokens, int[] logitRows) {
        int after = length + tokens.length;
        AttentionBatch batch = AttentionBatch.of(new int[] {tokens.length}, new int[] {after}, blockTable, BLOCK_SIZE);
        Tensor logits = model.forward(buffers, tokens, batch, cache, logitRows);
        length = after;
        return logits;
    }

    private void checkRoom(int more) {
        if (length + more > capacity) {
            throw new IllegalStateException("the sequence holds " + length + " tokens; " + more + " more exceed its "
                    + capacity + "-token context");
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
