package dev.caracal.api.kv;

import java.util.Objects;

/**
 * Per-step attention metadata, built once per step and shared by every layer (vLLM's attention metadata): which rows of
 * the step belong to which sequence, how long each sequence's context is, and where each token's K/V goes.
 *
 * <p>Sequence {@code s} owns rows {@code [queryStart[s], queryStart[s] + queryLength[s])} of the step's tensors. After
 * this step it has {@code contextLength[s]} tokens in the cache, the step's tokens being the last
 * {@code queryLength[s]} of them, so row {@code i} of the sequence is at position
 * {@code contextLength[s] - queryLength[s] + i} and attends causally to positions {@code 0..} that one. Token position
 * {@code p} of sequence {@code s} lives in block {@code blockTables[s][p / blockSize]} at slot {@code p % blockSize}.
 *
 * @param queryStart    first row of each sequence
 * @param queryLength   rows (new tokens) of each sequence
 * @param contextLength cached tokens of each sequence after this step
 * @param blockTables   block ids of each sequence, in position order
 * @param slots         for each row, where its K/V is written: {@code block * blockSize + offset}
 * @param rowPositions  for each row, its token position
 */
public record AttentionBatch(int[] queryStart, int[] queryLength, int[] contextLength, int[][] blockTables,
        int[] slots, int[] rowPositions) {

    public AttentionBatch {
        Objects.requireNonNull(queryStart);
        if (queryLength.length != queryStart.length || contextLength.length != queryStart.length
                || blockTables.length != queryStart.length) {
            throw new IllegalArgumentException("per-sequence arrays differ in length");
        }
        if (slots.length != rowPositions.length) {
            throw new IllegalArgumentException("per-row arrays differ in length");
        }
    }

    /** Sequences in the step. */
    public int sequenceCount() {
        return queryStart.length;
    }

    /** Rows (tokens) in the step. */
    public int rowCount() {
        return slots.length;
    }

    /**
     * The metadata of a step where each sequence's new tokens follow its cached ones, with slots computed from the
     * block tables.
     *
     * @param queryLength   new tokens per sequence, laid out one sequence after another
     * @param contextLength cached tokens per sequence after the step
     */
    public static AttentionBatch of(int[] queryLength, int[] contextLength, int[][] blockTables, int blockSize) {
        int sequences = queryLength.length;
        int[] queryStart = new int[sequences];
        int rows = 0;
        for (int s = 0; s < sequences; s++) {
            queryStart[s] = rows;
            rows += queryLength[s];
        }
        int[] slots = new int[rows];
        int[] positions = new int[rows];
        for (int s = 0; s < sequences; s++) {
            int first = contextLength[s] - queryLength[s];
            if (first < 0) {
                throw new IllegalArgumentException("sequence " + s + " has more new tokens than context");
            }
            for (int i = 0; i < queryLength[s]; i++) {
                int position = first + i;
                int blockIndex = position / blockSize;
                if (blockIndex >= blockTables[s].length) {
                    throw new IllegalArgumentException("sequence " + s + " position " + position + " has no block");
                }
                slots[queryStart[s] + i] = blockTables[s][blockIndex] * blockSize + position % blockSize;
                positions[queryStart[s] + i] = position;
            }
        }
        return new AttentionBatch(queryStart, queryLength, contextLength, blockTables, slots, positions);
    }
}
