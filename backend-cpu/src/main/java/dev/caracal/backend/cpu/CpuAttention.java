package dev.caracal.backend.cpu;

import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.tensor.HostTensor;
import dev.caracal.api.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Paged attention on a {@link CpuKvCache} with the Java Vector API: (query row, query head) pairs are split across
 * the {@link CpuThreadPool}, and each walks its sequence's context in tiles of {@link #TILE} positions with an online
 * softmax (scores of a tile, one rescale of the running sum per tile), reading KV head {@code h / (queryHeads /
 * kvHeads)}. Allocates nothing once each thread's scratch has grown to the head size.
 */
public final class CpuAttention implements AttentionKernel {

    private static final VectorSpecies<Float> F = WeightRows.F;
    private static final VectorSpecies<Short> S = WeightRows.S;
    private static final int LANES = WeightRows.LANES;

    /** Positions scored together between rescalings. */
    static final int TILE = 64;

    private final CpuThreadPool pool;
    private final AttendTask task;

    CpuAttention(CpuThreadPool pool) {
        this.pool = pool;
        this.task = new AttendTask(pool.threads());
    }

    @Override
    public void store(KvCache cache, int layer, Tensor keys, Tensor values, AttentionBatch batch) {
        CpuKvCache kv = cpuCache(cache);
        HostTensor k = HostTensor.of(keys); // [B, kvHeads * headSize]
        HostTensor v = HostTensor.of(values); // [B, kvHeads * headSize]
        int kvHeads = kv.spec().kvHeads();
        int headSize = kv.spec().headSize();
        checkColumns("keys", k, kvHeads * headSize);
        checkColumns("values", v, kvHeads * headSize);
        int slots = kv.blockCount() * kv.spec().blockSize();
        for (int row = 0; row < batch.rowCount(); row++) {
            int slot = batch.slots()[row];
            if (slot < 0 || slot >= slots) {
                throw new IllegalArgumentException("slot " + slot + " outside the cache's " + slots + " slots");
            }
            for (int head = 0; head < kvHeads; head++) {
                int from = head * headSize;
                int to = kv.offset(slot, head);
                if (kv.half()) {
                    short[] keyHalves = kv.halfKeys(layer);
                    short[] valueHalves = kv.halfValues(layer);
                    for (int d = 0; d < headSize; d++) {
                        keyHalves[to + d] = Float.floatToFloat16(k.data()[k.rowOffset(row) + from + d]);
                        valueHalves[to + d] = Float.floatToFloat16(v.data()[v.rowOffset(row) + from + d]);
                    }
                } else {
                    System.arraycopy(k.data(), k.rowOffset(row) + from, kv.floatKeys(layer), to, headSize);
                    System.arraycopy(v.data(), v.rowOffset(row) + from, kv.floatValues(layer), to, headSize);
                }
            }
        }
    }

    @Override
    public synchronized void attend(KvCache cache, int layer, Tensor queries, AttentionBatch batch, int queryHeads,
            float scale, Tensor output) {
        CpuKvCache kv = cpuCache(cache);
        HostTensor q = HostTensor.of(queries); // [B, queryHeads * headSize]
        HostTensor out = HostTensor.of(output); // [B, queryHeads * headSize]
        int kvHeads = kv.spec().kvHeads();
        int headSize = kv.spec().headSize();
        if (queryHeads % kvHeads != 0) {
            throw new IllegalArgumentException(queryHeads + " query heads do not share " + kvHeads + " KV heads evenly");
        }
        checkColumns("queries", q, queryHeads * headSize);
        checkColumns("output", out, queryHeads * headSize);
        task.set(kv, layer, q, batch, queryHeads, scale, out);
        try {
            pool.parallelFor(batch.rowCount() * queryHeads, task);
        } finally {
            task.clear();
        }
    }

    /** One attend call's operands; {@link #run} handles (row, head) items {@code row * queryHeads + head}. */
    private static final class AttendTask implements CpuThreadPool.RangeTask {

        private final float[][] scores; // per thread: [TILE] scores, then weights, of one tile
        private final float[][] sums;   // per thread: [headSize] running weighted sum of values
        private final float[][] keys;   // per thread: [headSize] one F16 key or value, as floats
        private final float[][] lanes;  // per thread: [LANES] a vector's lanes being summed (WeightRows.sumLanes)
        private CpuKvCache cache;
        private int layer;
        private HostTensor queries;
        private AttentionBatch batch;
        private int queryHeads;
        private float scale;
        private HostTensor output;

        AttendTask(int threads) {
            scores = new float[threads][TILE];
            sums = new float[threads][0];
            keys = new float[threads][0];
            lanes = new float[threads][LANES];
        }

        void set(CpuKvCache cache, int layer, HostTensor queries, AttentionBatch batch, int queryHeads, float scale,
                HostTensor output) {
            this.cache = cache;
            this.layer = layer;
            this.queries = queries;
            this.batch = batch;
            this.queryHeads = queryHeads;
            this.scale = scale;
            this.output = output;
        }

        void clear() {
            cache = null;
            queries = null;
            batch = null;
            output = null;
        }

        @Override
        public void run(int thread, int start, int end) {
            int headSize = cache.spec().headSize();
            if (sums[thread].length < headSize) {
                sums[thread] = new float[headSize];
                keys[thread] = new float[headSize];
            }
            int sequence = 0;
            for (int item = start; item < end; item++) {
                int row = item / queryHeads;
                int head = item - row * queryHeads;
                while (row >= batch.queryStart()[sequence] + batch.queryLength()[sequence]
                        || row < batch.queryStart()[sequence]) {
                    sequence = row < batch.queryStart()[sequence] ? 0 : sequence + 1;
                }
                int position = batch.contextLength()[sequence] - batch.queryLength()[sequence]
                        + (row - batch.queryStart()[sequence]);
                attendOne(thread, row, head, batch.blockTables()[sequence], position);
            }
        }

        private void attendOne(int thread, int row, int head, int[] blockTable, int position) {
            int headSize = cache.spec().headSize();
            int blockSize = cache.spec().blockSize();
            int kvHead = head / (queryHeads / cache.spec().kvHeads());
            float[] q = queries.data();
            int qAt = queries.rowOffset(row) + head * headSize;
            float[] tile = scores[thread];
            float[] sum = sums[thread];
            float[] decoded = keys[thread];
            float[] laneSums = lanes[thread];
            java.util.Arrays.fill(sum, 0, headSize, 0f);
            float runningMax = Float.NEGATIVE_INFINITY;
            float runningTotal = 0;
            boolean half = cache.half();
            for (int first = 0; first <= position; first += TILE) {
                int count = Math.min(TILE, position + 1 - first);
                // Scores of this tile.
                float tileMax = Float.NEGATIVE_INFINITY;
                for (int t = 0; t < count; t++) {
                    int p = first + t;
                    int at = cache.offset(blockTable[p / blockSize] * blockSize + p % blockSize, kvHead);
                    float dot;
                    if (half) {
                        decode(cache.halfKeys(layer), at, decoded, headSize);
                        dot = WeightRows.dot(q, qAt, decoded, 0, headSize, laneSums);
                    } else {
                        dot = WeightRows.dot(q, qAt, cache.floatKeys(layer), at, headSize, laneSums);
                    }
                    tile[t] = dot * scale;
                    tileMax = Math.max(tileMax, tile[t]);
                }
                // Rescale what came before to the new maximum, then add this tile's weighted values.
                float newMax = Math.max(runningMax, tileMax);
                float correction = (float) Math.exp(runningMax - newMax);
                runningTotal *= correction;
                scaleInPlace(sum, headSize, correction);
                runningTotal += VectorMath.exp(tile, 0, tile, 0, count, 1f, newMax, laneSums);
                for (int t = 0; t < count; t++) {
                    int p = first + t;
                    int at = cache.offset(blockTable[p / blockSize] * blockSize + p % blockSize, kvHead);
                    if (half) {
                        decode(cache.halfValues(layer), at, decoded, headSize);
                        accumulate(sum, decoded, 0, tile[t], headSize);
                    } else {
                        accumulate(sum, cache.floatValues(layer), at, tile[t], headSize);
                    }
                }
                runningMax = newMax;
            }
            float[] y = output.data();
            int yAt = output.rowOffset(row) + head * headSize;
            float inverse = 1 / runningTotal;
            for (int d = 0; d < headSize; d++) {
                y[yAt + d] = sum[d] * inverse;
            }
        }
    }

    private static void scaleInPlace(float[] values, int count, float factor) {
        int i = 0;
        for (int bound = count - LANES; i <= bound; i += LANES) {
            FloatVector.fromArray(F, values, i).mul(factor).intoArray(values, i);
        }
        for (; i < count; i++) {
            values[i] *= factor;
        }
    }

    /** {@code sum += weight · source[at ..]}. */
    private static void accumulate(float[] sum, float[] source, int at, float weight, int count) {
        int i = 0;
        for (int bound = count - LANES; i <= bound; i += LANES) {
            FloatVector.fromArray(F, source, at + i).fma(FloatVector.broadcast(F, weight),
                    FloatVector.fromArray(F, sum, i)).intoArray(sum, i);
        }
        for (; i < count; i++) {
            sum[i] += weight * source[at + i];
        }
    }

    /** F16 bits {@code halves[at .. at + count)} to floats in {@code out}. */
    private static void decode(short[] halves, int at, float[] out, int count) {
        int i = 0;
        for (int bound = count - LANES; i <= bound; i += LANES) {
            WeightRows.halvesToFloats(ShortVector.fromArray(S, halves, at + i)).intoArray(out, i);
        }
        for (; i < count; i++) {
            out[i] = Float.float16ToFloat(halves[at + i]);
        }
    }

    private static CpuKvCache cpuCache(KvCache cache) {
        if (cache instanceof CpuKvCache cpu) {
            return cpu;
        }
        throw new IllegalArgumentException("expected a CPU KV cache, got " + cache.getClass().getName());
    }

    private static void checkColumns(String what, HostTensor tensor, int columns) {
        if (tensor.columns() != columns) {
            throw new IllegalArgumentException(what + " has " + tensor.columns() + " columns, expected " + columns);
        }
    }
}
