package dev.caracal.engine.api;

import dev.caracal.api.kv.KvBlockStore;
import dev.caracal.api.tensor.QuantFormat;

/**
 * How to open a model on an engine ({@link LocalEngine#open}).
 *
 * @param backend          the backend's name, or {@code auto} for the best available ({@code caracal backends})
 * @param threads          the backend's worker threads; 0 for one per processor
 * @param contextLength    the most tokens one request holds (prompt and generated); 0 for the model's own
 * @param kvCacheBytes     bytes of KV cache; 0 for half the memory free at start (the Java heap on CPU backends)
 * @param maxSequences     the most requests running at once
 * @param maxBatchedTokens the token budget of one step (decodes and prefill chunks)
 * @param kvCacheType      F16 (llama.cpp's default) or F32
 * @param blockStore       a second tier of the prefix cache shared between instances (Redis, for one), or null; the
 *                         caller opens and closes it
 */
public record EngineOptions(String backend, int threads, int contextLength, long kvCacheBytes, int maxSequences,
        int maxBatchedTokens, QuantFormat kvCacheType, KvBlockStore blockStore) {

    public EngineOptions {
        backend = backend == null || backend.isBlank() ? "auto" : backend;
        if (threads < 0 || contextLength < 0 || kvCacheBytes < 0 || maxSequences < 1 || maxBatchedTokens < 1) {
            throw new IllegalArgumentException("engine options: threads, context length and KV bytes must be ≥ 0,"
                    + " max sequences and max batched tokens ≥ 1");
        }
    }

    /** The best available backend, its default threads, the model's context, half the free memory, 64 sequences. */
    public static EngineOptions defaults() {
        return new EngineOptions("auto", 0, 0, 0, 64, 512, QuantFormat.F16, null);
    }

    public EngineOptions withBackend(String value) {
        return new EngineOptions(value, threads, contextLength, kvCacheBytes, maxSequences, maxBatchedTokens,
                kvCacheType, blockStore);
    }

    public EngineOptions withThreads(int value) {
        return new EngineOptions(backend, value, contextLength, kvCacheBytes, maxSequences, maxBatchedTokens,
                kvCacheType, blockStore);
    }

    public EngineOptions withContextLength(int value) {
        return new EngineOptions(backend, threads, value, kvCacheBytes, maxSequences, maxBatchedTokens, kvCacheType,
                blockStore);
    }

    public EngineOptions withKvCacheBytes(long value) {
        return new EngineOptions(backend, threads, contextLength, value, maxSequences, maxBatchedTokens, kvCacheType,
                blockStore);
    }

    public EngineOptions withMaxSequences(int value) {
        return new EngineOptions(backend, threads, contextLength, kvCacheBytes, value, maxBatchedTokens, kvCacheType,
                blockStore);
    }

    public EngineOptions withMaxBatchedTokens(int value) {
        return new EngineOptions(backend, threads, contextLength, kvCacheBytes, maxSequences, value, kvCacheType,
                blockStore);
    }

    public EngineOptions withKvCacheType(QuantFormat value) {
        return new EngineOptions(backend, threads, contextLength, kvCacheBytes, maxSequences, maxBatchedTokens, value,
                blockStore);
    }

    public EngineOptions withBlockStore(KvBlockStore value) {
        return new EngineOptions(backend, threads, contextLength, kvCacheBytes, maxSequences, maxBatchedTokens,
                kvCacheType, value);
    }
}
