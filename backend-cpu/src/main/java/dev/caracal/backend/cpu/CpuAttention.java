package dev.caracal.backend.cpu;

import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.tensor.HostTensor;
import dev.caracal.api.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Paged attention on a {@link CpuKvCache} with the Java Vector API, with an online softmax over tiles of
 * {@link #TILE} positions (scores of a tile, one rescale of the running sum per tile).
 *
 * <p>When the vectors have 8 or 16 lanes and the head size is a multiple of the lanes, (query row, KV head) pairs are
 * split across the {@link CpuThreadPool}: each tile's keys and values are converted to floats once for all the query
 * heads that share the KV head (grouped query attention), a vector's worth of positions' scores come from as many
 * accumulators reduced together by a tree of two-vector permutes (no per-position horizontal sum), and the weighted
 * values accumulate in registers across the tile. Other head sizes (and 4 lanes) take one (row, query head) pair at a
 * time. Either way a row's output depends only on its query, its
 * position and the cache, never on the rest of its batch. Allocates nothing once each thread's scratch has grown.
 */
public final class CpuAttention implements AttentionKernel {

    private static final VectorSpecies<Float> F = WeightRows.F;
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
            pool.parallelFor(batch.rowCount() * (task.grouped() ? kvHeads : queryHeads), task);
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
        private final float[][] keyTiles;   // per thread (grouped): [TILE][headSize] a tile's keys as floats
        private final float[][] valueTiles; // per thread (grouped): [TILE][headSize] its values as floats
        private final float[][] groupScores; // per thread (grouped): [group][TILE] scores, then weights
        private final float[][] groupSums;   // per thread (grouped): [group][headSize] running weighted sums
        private final float[][] groupMaxima; // per thread (grouped): [group] running maximum score
        private final float[][] groupTotals; // per thread (grouped): [group] running sum of weights
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
            keyTiles = new float[threads][0];
            valueTiles = new float[threads][0];
            groupScores = new float[threads][0];
            groupSums = new float[threads][0];
            groupMaxima = new float[threads][0];
            groupTotals = new float[threads][0];
        }

        /**
         * True when work items are (row, KV head) pairs: the head size is whole vectors of 8 or 16 lanes (AVX2,
         * AVX-512), for which the scores are reduced by a tree of permutes ({@link #scoreLanes}).
         */
        boolean grouped() {
            return (LANES == 8 || LANES == 16) && cache.spec().headSize() % LANES == 0;
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
            boolean grouped = grouped();
            int heads = grouped ? cache.spec().kvHeads() : queryHeads;
            if (sums[thread].length < headSize) {
                sums[thread] = new float[headSize];
                keys[thread] = new float[headSize];
            }
            int group = queryHeads / heads;
            if (grouped && (keyTiles[thread].length < TILE * headSize
                    || groupSums[thread].length < group * headSize || groupMaxima[thread].length < group)) {
                keyTiles[thread] = new float[TILE * headSize];
                valueTiles[thread] = new float[TILE * headSize];
                groupScores[thread] = new float[group * TILE];
                groupSums[thread] = new float[group * headSize];
                groupMaxima[thread] = new float[group];
                groupTotals[thread] = new float[group];
            }
            int sequence = 0;
            for (int item = start; item < end; item++) {
                int row = item / heads;
                int head = item - row * heads;
                while (row >= batch.queryStart()[sequence] + batch.queryLength()[sequence]
                        || row < batch.queryStart()[sequence]) {
                    sequence = row < batch.queryStart()[sequence] ? 0 : sequence + 1;
                }
                int position = batch.contextLength()[sequence] - batch.queryLength()[sequence]
                        + (row - batch.queryStart()[sequence]);
                if (grouped) {
                    attendGroup(thread, row, head, batch.blockTables()[sequence], position);
                } else {
                    attendOne(thread, row, head, batch.blockTables()[sequence], position);
                }
            }
        }

        /**
         * Every query head that reads KV head {@code kvHead}, for query row {@code row} at {@code position}: per tile,
         * the keys and values converted once, then for each head LANES scores at a time, the online-softmax rescale
         * and the weighted values. Positions past the end of the last tile are zero keys whose scores are ignored.
         */
        private void attendGroup(int thread, int row, int kvHead, int[] blockTable, int position) {
            int headSize = cache.spec().headSize();
            int blockSize = cache.spec().blockSize();
            int group = queryHeads / cache.spec().kvHeads();
            float[] keyTile = keyTiles[thread];
            float[] valueTile = valueTiles[thread];
            float[] tileScores = groupScores[thread];
            float[] sum = groupSums[thread];
            float[] maxima = groupMaxima[thread];
            float[] totals = groupTotals[thread];
            float[] laneSums = lanes[thread];
            java.util.Arrays.fill(sum, 0, group * headSize, 0f);
            java.util.Arrays.fill(maxima, 0, group, Float.NEGATIVE_INFINITY);
            java.util.Arrays.fill(totals, 0, group, 0f);
            float[] q = queries.data();
            for (int first = 0; first <= position; first += TILE) {
                int count = Math.min(TILE, position + 1 - first);
                for (int t = 0; t < count; t++) {
                    int p = first + t;
                    int at = cache.offset(blockTable[p / blockSize] * blockSize + p % blockSize, kvHead);
                    if (cache.half()) {
                        toFloats(cache.halfKeys(layer), at, keyTile, t * headSize, headSize);
                        toFloats(cache.halfValues(layer), at, valueTile, t * headSize, headSize);
                    } else {
                        System.arraycopy(cache.floatKeys(layer), at, keyTile, t * headSize, headSize);
                        System.arraycopy(cache.floatValues(layer), at, valueTile, t * headSize, headSize);
                    }
                }
                int padded = (count + LANES - 1) / LANES * LANES;
                java.util.Arrays.fill(keyTile, count * headSize, padded * headSize, 0f);
                for (int g = 0; g < group; g++) {
                    int qAt = queries.rowOffset(row) + (kvHead * group + g) * headSize;
                    int scoresAt = g * TILE;
                    for (int t = 0; t < padded; t += LANES) {
                        scoreLanes(q, qAt, keyTile, t * headSize, headSize, scale, tileScores, scoresAt + t);
                    }
                    float tileMax = Float.NEGATIVE_INFINITY;
                    for (int t = 0; t < count; t++) {
                        tileMax = Math.max(tileMax, tileScores[scoresAt + t]);
                    }
                    float newMax = Math.max(maxima[g], tileMax);
                    float correction = (float) Math.exp(maxima[g] - newMax);
                    totals[g] = totals[g] * correction
                            + VectorMath.exp(tileScores, scoresAt, tileScores, scoresAt, count, 1f, newMax, laneSums);
                    for (int d = 0; d < headSize; d += 4 * LANES) {
                        int width = Math.min(4 * LANES, headSize - d);
                        accumulateTile(sum, g * headSize + d, width, correction, tileScores, scoresAt, count,
                                valueTile, d, headSize);
                    }
                    maxima[g] = newMax;
                }
            }
            float[] y = output.data();
            for (int g = 0; g < group; g++) {
                int yAt = output.rowOffset(row) + (kvHead * group + g) * headSize;
                float inverse = 1 / totals[g];
                for (int d = 0; d < headSize; d++) {
                    y[yAt + d] = sum[g * headSize + d] * inverse;
                }
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
                        toFloats(cache.halfKeys(layer), at, decoded, 0, headSize);
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
                        toFloats(cache.halfValues(layer), at, decoded, 0, headSize);
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

    /** {@code out[outAt + i] = float(halves[at + i])} for {@code i < count}: a loop C2 vectorizes to vcvtph2ps. */
    private static void toFloats(short[] halves, int at, float[] out, int outAt, int count) {
        for (int i = 0; i < count; i++) {
            out[outAt + i] = Float.float16ToFloat(halves[at + i]);
        }
    }

    /**
     * Lane indexes (into two concatenated vectors) of the partial sums each reduction level adds: low, high; log2 of
     * the lanes levels (4 for 16 lanes, 3 for 8).
     */
    private static final FloatVector[] REDUCE_LOW = new FloatVector[Integer.numberOfTrailingZeros(LANES)];
    private static final FloatVector[] REDUCE_HIGH = new FloatVector[REDUCE_LOW.length];

    static {
        // Level L halves the partial sums of 2^L sources; a vector holds its sources one after another.
        for (int level = 0; level < REDUCE_LOW.length; level++) {
            int sources = 1 << level;
            int partials = LANES / sources;
            float[] low = new float[LANES];
            float[] high = new float[LANES];
            int lane = 0;
            for (int source = 0; source < 2 * sources; source++) {
                int base = (source < sources ? 0 : LANES) + (source % sources) * partials;
                for (int i = 0; i < partials / 2; i++, lane++) {
                    low[lane] = base + i;
                    high[lane] = base + partials / 2 + i;
                }
            }
            REDUCE_LOW[level] = FloatVector.fromArray(F, low, 0);
            REDUCE_HIGH[level] = FloatVector.fromArray(F, high, 0);
        }
    }

    /** One score per lane, for positions {@code t < LANES}: see {@link #scoreSixteen} and {@link #scoreEight}. */
    private static void scoreLanes(float[] q, int qAt, float[] keys, int keyAt, int headSize, float scale,
            float[] out, int outAt) {
        if (LANES == 16) {
            scoreSixteen(q, qAt, keys, keyAt, headSize, scale, out, outAt);
        } else {
            scoreEight(q, qAt, keys, keyAt, headSize, scale, out, outAt);
        }
    }

    /**
     * Eight scores with eight-lane vectors (AVX2), as {@link #scoreSixteen} does sixteen with sixteen lanes: each
     * position's eight lanes of partial sums are added by a three-level tree of two-vector permutes.
     */
    private static void scoreEight(float[] q, int qAt, float[] keys, int keyAt, int headSize, float scale,
            float[] out, int outAt) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        for (int d = 0; d < headSize; d += LANES) {
            FloatVector qd = FloatVector.fromArray(F, q, qAt + d);
            int k = keyAt + d;
            a0 = qd.fma(FloatVector.fromArray(F, keys, k), a0);
            a1 = qd.fma(FloatVector.fromArray(F, keys, k + headSize), a1);
            a2 = qd.fma(FloatVector.fromArray(F, keys, k + 2 * headSize), a2);
            a3 = qd.fma(FloatVector.fromArray(F, keys, k + 3 * headSize), a3);
            a4 = qd.fma(FloatVector.fromArray(F, keys, k + 4 * headSize), a4);
            a5 = qd.fma(FloatVector.fromArray(F, keys, k + 5 * headSize), a5);
            a6 = qd.fma(FloatVector.fromArray(F, keys, k + 6 * headSize), a6);
            a7 = qd.fma(FloatVector.fromArray(F, keys, k + 7 * headSize), a7);
        }
        FloatVector low = REDUCE_LOW[0];
        FloatVector high = REDUCE_HIGH[0];
        FloatVector b0 = low.selectFrom(a0, a1).add(high.selectFrom(a0, a1));
        FloatVector b1 = low.selectFrom(a2, a3).add(high.selectFrom(a2, a3));
        FloatVector b2 = low.selectFrom(a4, a5).add(high.selectFrom(a4, a5));
        FloatVector b3 = low.selectFrom(a6, a7).add(high.selectFrom(a6, a7));
        low = REDUCE_LOW[1];
        high = REDUCE_HIGH[1];
        FloatVector c0 = low.selectFrom(b0, b1).add(high.selectFrom(b0, b1));
        FloatVector c1 = low.selectFrom(b2, b3).add(high.selectFrom(b2, b3));
        FloatVector sums = REDUCE_LOW[2].selectFrom(c0, c1).add(REDUCE_HIGH[2].selectFrom(c0, c1));
        sums.mul(scale).intoArray(out, outAt);
    }

    /**
     * Sixteen scores: {@code out[outAt + t] = scale · Σ_d q[qAt + d] · keys[keyAt + t · headSize + d]} for
     * {@code t < 16}; each position's sixteen lanes of partial sums are added by a four-level tree of two-vector
     * permutes shared by all sixteen (the same additions for every position).
     */
    private static void scoreSixteen(float[] q, int qAt, float[] keys, int keyAt, int headSize, float scale,
            float[] out, int outAt) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        FloatVector a8 = a0;
        FloatVector a9 = a0;
        FloatVector a10 = a0;
        FloatVector a11 = a0;
        FloatVector a12 = a0;
        FloatVector a13 = a0;
        FloatVector a14 = a0;
        FloatVector a15 = a0;
        for (int d = 0; d < headSize; d += LANES) {
            FloatVector qd = FloatVector.fromArray(F, q, qAt + d);
            int k = keyAt + d;
            a0 = qd.fma(FloatVector.fromArray(F, keys, k), a0);
            a1 = qd.fma(FloatVector.fromArray(F, keys, k + headSize), a1);
            a2 = qd.fma(FloatVector.fromArray(F, keys, k + 2 * headSize), a2);
            a3 = qd.fma(FloatVector.fromArray(F, keys, k + 3 * headSize), a3);
            a4 = qd.fma(FloatVector.fromArray(F, keys, k + 4 * headSize), a4);
            a5 = qd.fma(FloatVector.fromArray(F, keys, k + 5 * headSize), a5);
            a6 = qd.fma(FloatVector.fromArray(F, keys, k + 6 * headSize), a6);
            a7 = qd.fma(FloatVector.fromArray(F, keys, k + 7 * headSize), a7);
            a8 = qd.fma(FloatVector.fromArray(F, keys, k + 8 * headSize), a8);
            a9 = qd.fma(FloatVector.fromArray(F, keys, k + 9 * headSize), a9);
            a10 = qd.fma(FloatVector.fromArray(F, keys, k + 10 * headSize), a10);
            a11 = qd.fma(FloatVector.fromArray(F, keys, k + 11 * headSize), a11);
            a12 = qd.fma(FloatVector.fromArray(F, keys, k + 12 * headSize), a12);
            a13 = qd.fma(FloatVector.fromArray(F, keys, k + 13 * headSize), a13);
            a14 = qd.fma(FloatVector.fromArray(F, keys, k + 14 * headSize), a14);
            a15 = qd.fma(FloatVector.fromArray(F, keys, k + 15 * headSize), a15);
        }
        FloatVector low = REDUCE_LOW[0];
        FloatVector high = REDUCE_HIGH[0];
        FloatVector b0 = low.selectFrom(a0, a1).add(high.selectFrom(a0, a1));
        FloatVector b1 = low.selectFrom(a2, a3).add(high.selectFrom(a2, a3));
        FloatVector b2 = low.selectFrom(a4, a5).add(high.selectFrom(a4, a5));
        FloatVector b3 = low.selectFrom(a6, a7).add(high.selectFrom(a6, a7));
        FloatVector b4 = low.selectFrom(a8, a9).add(high.selectFrom(a8, a9));
        FloatVector b5 = low.selectFrom(a10, a11).add(high.selectFrom(a10, a11));
        FloatVector b6 = low.selectFrom(a12, a13).add(high.selectFrom(a12, a13));
        FloatVector b7 = low.selectFrom(a14, a15).add(high.selectFrom(a14, a15));
        low = REDUCE_LOW[1];
        high = REDUCE_HIGH[1];
        FloatVector c0 = low.selectFrom(b0, b1).add(high.selectFrom(b0, b1));
        FloatVector c1 = low.selectFrom(b2, b3).add(high.selectFrom(b2, b3));
        FloatVector c2 = low.selectFrom(b4, b5).add(high.selectFrom(b4, b5));
        FloatVector c3 = low.selectFrom(b6, b7).add(high.selectFrom(b6, b7));
        low = REDUCE_LOW[2];
        high = REDUCE_HIGH[2];
        FloatVector d0 = low.selectFrom(c0, c1).add(high.selectFrom(c0, c1));
        FloatVector d1 = low.selectFrom(c2, c3).add(high.selectFrom(c2, c3));
        FloatVector sums = REDUCE_LOW[3].selectFrom(d0, d1).add(REDUCE_HIGH[3].selectFrom(d0, d1));
        sums.mul(scale).intoArray(out, outAt);
    }

    /**
     * {@code sum[sumAt + i] = sum[sumAt + i] · correction + Σ_t weights[weightAt + t] · values[t · headSize +
     * valueAt + i]} for {@code i < width} (at most four vectors, kept in registers across the tile).
     */
    private static void accumulateTile(float[] sum, int sumAt, int width, float correction, float[] weights,
            int weightAt, int count, float[] values, int valueAt, int headSize) {
        if (width == 4 * LANES) {
            FloatVector s0 = FloatVector.fromArray(F, sum, sumAt).mul(correction);
            FloatVector s1 = FloatVector.fromArray(F, sum, sumAt + LANES).mul(correction);
            FloatVector s2 = FloatVector.fromArray(F, sum, sumAt + 2 * LANES).mul(correction);
            FloatVector s3 = FloatVector.fromArray(F, sum, sumAt + 3 * LANES).mul(correction);
            for (int t = 0; t < count; t++) {
                FloatVector weight = FloatVector.broadcast(F, weights[weightAt + t]);
                int at = t * headSize + valueAt;
                s0 = FloatVector.fromArray(F, values, at).fma(weight, s0);
                s1 = FloatVector.fromArray(F, values, at + LANES).fma(weight, s1);
                s2 = FloatVector.fromArray(F, values, at + 2 * LANES).fma(weight, s2);
                s3 = FloatVector.fromArray(F, values, at + 3 * LANES).fma(weight, s3);
            }
            s0.intoArray(sum, sumAt);
            s1.intoArray(sum, sumAt + LANES);
            s2.intoArray(sum, sumAt + 2 * LANES);
            s3.intoArray(sum, sumAt + 3 * LANES);
            return;
        }
        for (int i = 0; i < width; i += LANES) {
            FloatVector s = FloatVector.fromArray(F, sum, sumAt + i).mul(correction);
            for (int t = 0; t < count; t++) {
                s = FloatVector.fromArray(F, values, t * headSize + valueAt + i)
                        .fma(FloatVector.broadcast(F, weights[weightAt + t]), s);
            }
            s.intoArray(sum, sumAt + i);
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
