package dev.caracal.api.reference;

import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.tensor.HostTensor;
import dev.caracal.api.tensor.Tensor;

/**
 * Scalar paged attention on a {@link HostKvCache}: for each query row and head, every score, then a softmax in double
 * (two passes, not online), then the weighted sum of values in double.
 */
public final class ReferenceAttention implements AttentionKernel {

    @Override
    public void store(KvCache cache, int layer, Tensor keys, Tensor values, AttentionBatch batch) {
        HostKvCache host = hostCache(cache);
        HostTensor k = HostTensor.of(keys); // [B, kvHeads * headSize]
        HostTensor v = HostTensor.of(values); // [B, kvHeads * headSize]
        int width = host.spec().kvHeads() * host.spec().headSize();
        checkColumns("keys", k, width);
        checkColumns("values", v, width);
        for (int row = 0; row < batch.rowCount(); row++) {
            host.write(layer, batch.slots()[row], k.data(), k.rowOffset(row), v.data(), v.rowOffset(row));
        }
    }

    @Override
    public void attend(KvCache cache, int layer, Tensor queries, AttentionBatch batch, int queryHeads, float scale,
            Tensor output) {
        HostKvCache host = hostCache(cache);
        HostTensor q = HostTensor.of(queries); // [B, queryHeads * headSize]
        HostTensor out = HostTensor.of(output); // [B, queryHeads * headSize]
        int kvHeads = host.spec().kvHeads();
        int headSize = host.spec().headSize();
        int blockSize = host.spec().blockSize();
        if (queryHeads % kvHeads != 0) {
            throw new IllegalArgumentException(queryHeads + " query heads do not share " + kvHeads + " KV heads evenly");
        }
        checkColumns("queries", q, queryHeads * headSize);
        checkColumns("output", out, queryHeads * headSize);
        int group = queryHeads / kvHeads;
        for (int s = 0; s < batch.sequenceCount(); s++) {
            int[] blockTable = batch.blockTables()[s];
            int firstPosition = batch.contextLength()[s] - batch.queryLength()[s];
            for (int i = 0; i < batch.queryLength()[s]; i++) {
                int row = batch.queryStart()[s] + i;
                int position = firstPosition + i; // attends to positions 0..position
                int[] slots = new int[position + 1];
                for (int t = 0; t <= position; t++) {
                    slots[t] = blockTable[t / blockSize] * blockSize + t % blockSize;
                }
                for (int h = 0; h < queryHeads; h++) {
                    int kvHead = h / group;
                    int qAt = q.rowOffset(row) + h * headSize;
                    double[] scores = new double[position + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int t = 0; t <= position; t++) {
                        double dot = 0;
                        for (int d = 0; d < headSize; d++) {
                            dot += (double) q.data()[qAt + d] * host.key(layer, slots[t], kvHead, d);
                        }
                        scores[t] = dot * scale;
                        max = Math.max(max, scores[t]);
                    }
                    double sum = 0;
                    for (int t = 0; t <= position; t++) {
                        scores[t] = Math.exp(scores[t] - max);
                        sum += scores[t];
                    }
                    int outAt = out.rowOffset(row) + h * headSize;
                    for (int d = 0; d < headSize; d++) {
                        double weighted = 0;
                        for (int t = 0; t <= position; t++) {
                            weighted += scores[t] * host.value(layer, slots[t], kvHead, d);
                        }
                        out.data()[outAt + d] = (float) (weighted / sum);
                    }
                }
            }
        }
    }

    private static HostKvCache hostCache(KvCache cache) {
        if (cache instanceof HostKvCache host) {
            return host;
        }
        throw new IllegalArgumentException("expected a host KV cache, got " + cache.getClass().getName());
    }

    private static void checkColumns(String what, HostTensor tensor, int columns) {
        if (tensor.columns() != columns) {
            throw new IllegalArgumentException(what + " has " + tensor.columns() + " columns, expected " + columns);
        }
    }
}
