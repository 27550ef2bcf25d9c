package dev.caracal.backend.xla;

import static dev.caracal.backend.xla.XlaKernels.check;

import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.backend.xla.program.ElementType;
import dev.caracal.backend.xla.program.ProgramBuilder;
import dev.caracal.backend.xla.program.ProgramBuilder.Direction;
import dev.caracal.backend.xla.program.TensorType;
import dev.caracal.backend.xla.program.Value;

/**
 * Paged attention as StableHLO: {@code store} scatters the step's keys and values into the donated pools through the
 * slot mapping; {@code attend} gathers each row's blocks through its sequence's block table (padded to the longest
 * table), masks the positions after the row's own, and takes the softmax-weighted sum of the values with two
 * {@code dot_general}s batched over rows and KV heads (grouped-query heads share their KV head).
 */
final class XlaAttention implements AttentionKernel {

    private final XlaBackend backend;

    XlaAttention(XlaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void store(KvCache cache, int layer, Tensor keys, Tensor values, AttentionBatch batch) {
        XlaKvCache kv = XlaKvCache.of(cache);
        XlaTensor k = XlaTensor.of(keys); // [B, kvHeads * headSize]
        XlaTensor v = XlaTensor.of(values); // [B, kvHeads * headSize]
        int width = kv.spec().kvHeads() * kv.spec().headSize();
        int rows = batch.rowCount();
        check(k.columns() == width && v.columns() == width, "keys and values must be %d wide", width);
        check(k.rows() == rows && v.rows() == rows, "%d key rows for a step of %d rows", k.rows(), rows);
        int slotCount = kv.blockCount() * kv.spec().blockSize();
        for (int slot : batch.slots()) {
            check(slot >= 0 && slot < slotCount, "slot %d outside the cache's %d slots", slot, slotCount);
        }
        if (rows == 0) {
            return;
        }
        StepTrace run = backend.trace();
        ProgramBuilder b = run.builder();
        TensorType pool = kv.poolType();
        // padded rows write to a slot past the pool, which scatter skips
        int padded = run.paddedRows(k, v);
        Value slots = run.ints(StepTrace.padded(batch.slots(), rows, padded, slotCount), padded, padded, 1);
        run.pool(kv, layer, 0, scatter(b, run.pool(kv, layer, 0), slots, run.read(k, padded), pool));
        run.pool(kv, layer, 1, scatter(b, run.pool(kv, layer, 1), slots, run.read(v, padded), pool));
    }

    private static Value scatter(ProgramBuilder b, Value pool, Value slots, Value rows, TensorType poolType) {
        long slotCount = poolType.dimension(0) * poolType.dimension(1);
        long width = poolType.dimension(2);
        Value flat = b.reshape(pool, slotCount, width);
        Value updates = poolType.element() == ElementType.F32 ? rows : b.convert(rows, poolType.element());
        return b.reshape(b.scatterRows(flat, slots, updates), poolType.dimensions());
    }

    @Override
    public void attend(KvCache cache, int layer, Tensor queries, AttentionBatch batch, int queryHeads, float scale,
            Tensor output) {
        XlaKvCache kv = XlaKvCache.of(cache);
        XlaTensor q = XlaTensor.of(queries); // [B, queryHeads * headSize]
        XlaTensor y = XlaTensor.of(output); // [B, queryHeads * headSize]
        int headSize = kv.spec().headSize();
        int kvHeads = kv.spec().kvHeads();
        int rows = batch.rowCount();
        check(queryHeads % kvHeads == 0, "%d query heads do not share %d KV heads evenly", queryHeads, kvHeads);
        check(q.columns() == queryHeads * headSize && y.columns() == q.columns(), "queries and output must be %d"
                + " wide", queryHeads * headSize);
        check(q.rows() == rows && y.rows() == rows, "%d query rows for a step of %d rows", q.rows(), rows);
        if (rows == 0) {
            return;
        }
        int group = queryHeads / kvHeads;
        int blockSize = kv.spec().blockSize();
        // Each row's sequence's block table, padded with block 0 to the longest rounded up to a power of two (a
        // ladder of context lengths, so a step program is compiled again only when the context doubles; the mask
        // hides the padding).
        int longest = 1;
        int[] rowSequence = new int[rows];
        for (int s = 0; s < batch.sequenceCount(); s++) {
            longest = Math.max(longest, batch.blockTables()[s].length);
            for (int i = 0; i < batch.queryLength()[s]; i++) {
                rowSequence[batch.queryStart()[s] + i] = s;
            }
        }
        longest = Integer.highestOneBit(longest) == longest ? longest : Integer.highestOneBit(longest) << 1;
        StepTrace run = backend.trace();
        ProgramBuilder b = run.builder();
        int padded = run.paddedRows(q, y); // padded rows attend to block 0 at position 0, and are not written back
        int[] tables = new int[padded * longest];
        for (int r = 0; r < rows; r++) {
            int[] table = batch.blockTables()[rowSequence[r]];
            System.arraycopy(table, 0, tables, r * longest, table.length);
        }
        long context = (long) longest * blockSize;
        run.context(context);
        Value blockIndexes = run.ints(tables, tables.length, tables.length, 1);
        Value positions = run.ints(StepTrace.padded(batch.rowPositions(), rows, padded, 0), padded, padded);
        Value keys = contextOf(b, run.pool(kv, layer, 0), blockIndexes, padded, context, kvHeads, headSize);
        Value values = contextOf(b, run.pool(kv, layer, 1), blockIndexes, padded, context, kvHeads, headSize);
        Value query = b.reshape(run.read(q, padded), padded, kvHeads, group, headSize);
        // scores [B, kvHeads, group, T] = q · kᵀ over the head's dimensions, batched over rows and KV heads
        Value scores = b.dotGeneral(query, keys, new int[] {0, 1}, new int[] {0, 2}, new int[] {3}, new int[] {3},
                ElementType.F32);
        TensorType scoreType = scores.type();
        scores = b.multiply(scores, b.constant(scale, scoreType));
        Value position = b.broadcastInDim(positions, scoreType.dimensions(), 0);
        Value visible = b.compare(b.iota(scoreType.withElement(ElementType.I32), 3), position, Direction.LE);
        scores = b.select(visible, scores, b.constant(Float.NEGATIVE_INFINITY, scoreType));
        Value weights = XlaKernels.softmax(b, scores, 3);
        // output [B, kvHeads, group, headSize] = weights · v over the positions
        Value attended = b.dotGeneral(weights, values, new int[] {0, 1}, new int[] {0, 2}, new int[] {3},
                new int[] {1}, ElementType.F32);
        run.write(y, b.reshape(attended, padded, (long) queryHeads * headSize));
    }

    /** The pool's blocks of each row's table, as f32 {@code [rows, context, kvHeads, headSize]}. */
    private static Value contextOf(ProgramBuilder b, Value pool, Value blockIndexes, int rows, long context,
            int kvHeads, int headSize) {
        Value blocks = b.gatherRows(pool, blockIndexes); // [rows * longest, blockSize, width]
        Value floats = blocks.type().element() == ElementType.F32 ? blocks : b.convert(blocks, ElementType.F32);
        return b.reshape(floats, rows, context, kvHeads, headSize);
    }
}
