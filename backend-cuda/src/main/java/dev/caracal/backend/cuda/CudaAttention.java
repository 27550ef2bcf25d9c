package dev.caracal.backend.cuda;

import static dev.caracal.backend.cuda.CudaKernels.ceilDiv;
import static dev.caracal.backend.cuda.CudaKernels.check;

import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.tensor.Tensor;

/**
 * Paged attention on the device: {@code kv_store} writes a step's keys and values into their slots; decode rows attend
 * by flash decoding ({@code attention_partial} over splits of 256 positions, then {@code attention_combine}) and
 * prefill rows by the tiled online-softmax kernel ({@code attention_prefill}), both reading the cache through the
 * block tables. The step's metadata goes to the device once per
 * {@link AttentionBatch}, which the engine shares between layers.
 */
final class CudaAttention implements AttentionKernel {

    /** Positions per split of the first pass, as {@code ATTENTION_SPLIT} in the source. */
    static final int SPLIT = 256;
    /** The largest head the kernels hold in shared memory, as {@code ATTENTION_MAX_HEAD}. */
    static final int MAX_HEAD_SIZE = 256;
    private static final int THREADS = 128;

    private final LaunchQueue queue;
    private final DeviceMemory memory;
    private AttentionBatch uploaded;
    private Metadata metadata;

    /** Query rows per tile of the prefill kernel, and the largest head it takes, as in the source. */
    static final int PREFILL_ROWS = 16;
    static final int PREFILL_MAX_HEAD_SIZE = 128;

    /**
     * Where a step's metadata is on the device. Rows of sequences with one new token (decode) go through flash
     * decoding ({@code splitRows} of them, listed at {@code splitList}, the longest context needing {@code splits});
     * rows of sequences with several (prefill) through the tiled kernel, in {@code tiles} tiles of up to
     * {@link #PREFILL_ROWS} rows, when the head fits it, else through flash decoding too.
     */
    private record Metadata(long slots, long rowSequence, long rowPosition, long tableStart, long tables,
            long splitList, int splitRows, int splits, long tileFirstRow, long tileRows, int tiles, int headSize) {
    }

    CudaAttention(LaunchQueue queue, DeviceMemory memory) {
        this.queue = queue;
        this.memory = memory;
    }

    @Override
    public void store(KvCache cache, int layer, Tensor keys, Tensor values, AttentionBatch batch) {
        DeviceKvCache kv = DeviceKvCache.of(cache);
        DeviceTensor k = DeviceTensor.of(keys); // [B, kvHeads * headSize]
        DeviceTensor v = DeviceTensor.of(values); // [B, kvHeads * headSize]
        int width = kv.spec().kvHeads() * kv.spec().headSize();
        check(k.columns() == width && v.columns() == width, "keys and values must be %d wide, not %d and %d", width,
                k.columns(), v.columns());
        check(k.rows() == batch.rowCount() && v.rows() == batch.rowCount(), "%d key rows for a step of %d rows",
                k.rows(), batch.rowCount());
        int slotCount = kv.blockCount() * kv.spec().blockSize();
        for (int slot : batch.slots()) {
            check(slot >= 0 && slot < slotCount, "slot %d outside the cache's %d slots", slot, slotCount);
        }
        if (batch.rowCount() == 0) {
            return;
        }
        Metadata step = metadata(batch, kv.spec().headSize());
        queue.launch("kv_store", batch.rowCount(), 1, 1, THREADS, kv.keys(layer), kv.values(layer),
                kv.half() ? 1 : 0, k.address(), v.address(), step.slots(), width);
    }

    @Override
    public void attend(KvCache cache, int layer, Tensor queries, AttentionBatch batch, int queryHeads, float scale,
            Tensor output) {
        DeviceKvCache kv = DeviceKvCache.of(cache);
        DeviceTensor q = DeviceTensor.of(queries); // [B, queryHeads * headSize]
        DeviceTensor y = DeviceTensor.of(output); // [B, queryHeads * headSize]
        int headSize = kv.spec().headSize();
        int kvHeads = kv.spec().kvHeads();
        check(queryHeads % kvHeads == 0, "%d query heads do not share %d KV heads evenly", queryHeads, kvHeads);
        check(q.columns() == queryHeads * headSize && y.columns() == q.columns(),
                "queries and output must be %d wide", queryHeads * headSize);
        check(q.rows() == batch.rowCount() && y.rows() == batch.rowCount(), "%d query rows for a step of %d rows",
                q.rows(), batch.rowCount());
        int rows = batch.rowCount();
        if (rows == 0) {
            return;
        }
        Metadata step = metadata(batch, headSize);
        if (step.splitRows() > 0) {
            long partial = memory.scratch("attention partials",
                    (long) step.splitRows() * queryHeads * step.splits() * (headSize + 2) * Float.BYTES);
            queue.launch("attention_partial", queryHeads, step.splitRows(), step.splits(), THREADS, q.address(),
                    kv.keys(layer), kv.values(layer), kv.half() ? 1 : 0, step.splitList(), step.rowSequence(),
                    step.rowPosition(), step.tableStart(), step.tables(), partial, queryHeads, kvHeads, headSize,
                    kv.spec().blockSize(), scale, step.splits());
            queue.launch("attention_combine", queryHeads, step.splitRows(), 1,
                    Math.min(THREADS, Math.max(32, headSize)), partial, step.splitList(), y.address(), queryHeads,
                    headSize, step.splits());
        }
        if (step.tiles() > 0) {
            queue.launch("attention_prefill", queryHeads, step.tiles(), 1, THREADS, q.address(), y.address(),
                    kv.keys(layer), kv.values(layer), kv.half() ? 1 : 0, step.tileFirstRow(), step.tileRows(),
                    step.rowSequence(), step.rowPosition(), step.tableStart(), step.tables(), queryHeads, kvHeads,
                    headSize, kv.spec().blockSize(), scale);
        }
    }

    /** The step's metadata on the device, uploaded when {@code batch} (or the head size) is not the last one's. */
    private synchronized Metadata metadata(AttentionBatch batch, int headSize) {
        if (batch == uploaded && metadata.headSize() == headSize) {
            return metadata;
        }
        int rows = batch.rowCount();
        int sequences = batch.sequenceCount();
        int[] rowSequence = new int[rows];
        int[] tableStart = new int[sequences];
        int[] splitList = new int[rows];
        int splitRows = 0;
        int[] tileFirstRow = new int[rows];
        int[] tileRows = new int[rows];
        int tiles = 0;
        int longestSplitContext = 1;
        int tableLength = 0;
        for (int s = 0; s < sequences; s++) {
            tableStart[s] = tableLength;
            tableLength += batch.blockTables()[s].length;
            int first = batch.queryStart()[s];
            int length = batch.queryLength()[s];
            for (int i = 0; i < length; i++) {
                int position = batch.rowPositions()[first + i];
                check(position >= 0, "row %d has position %d", first + i, position);
                rowSequence[first + i] = s;
            }
            if (length > 1 && headSize <= PREFILL_MAX_HEAD_SIZE) {
                for (int i = 0; i < length; i += PREFILL_ROWS) {
                    tileFirstRow[tiles] = first + i;
                    tileRows[tiles] = Math.min(PREFILL_ROWS, length - i);
                    tiles++;
                }
            } else {
                for (int i = 0; i < length; i++) {
                    splitList[splitRows++] = first + i;
                    longestSplitContext = Math.max(longestSplitContext, batch.rowPositions()[first + i] + 1);
                }
            }
        }
        int[] tables = new int[Math.max(tableLength, 1)];
        for (int s = 0; s < sequences; s++) {
            System.arraycopy(batch.blockTables()[s], 0, tables, tableStart[s], batch.blockTables()[s].length);
        }
        metadata = new Metadata(memory.ints("slots", batch.slots(), rows),
                memory.ints("row sequences", rowSequence, rows),
                memory.ints("row positions", batch.rowPositions(), rows),
                memory.ints("table starts", tableStart, sequences), memory.ints("block tables", tables, tables.length),
                memory.ints("split rows", splitList, splitRows), splitRows, ceilDiv(longestSplitContext, SPLIT),
                memory.ints("tile first rows", tileFirstRow, tiles), memory.ints("tile rows", tileRows, tiles), tiles,
                headSize);
        uploaded = batch;
        return metadata;
    }
}
