package dev.caracal.engine.core;

import dev.caracal.api.kv.KvBlockStore;
import dev.caracal.api.tensor.QuantFormat;

/**
 * How an {@link EngineCore} runs: KV block size and memory, the step's limits, prefix caching and its optional second
 * tier.
 *
 * @param blockSize             tokens per KV block; ≥ 1
 * @param maxBatchedTokens      the token budget of one step (decode tokens and prefill chunks together); ≥ 1
 * @param maxSequences          the most requests running at once; ≥ 1
 * @param kvCacheBytes          bytes of KV cache, or 0 to use {@code kvCacheMemoryFraction} of the free memory
 * @param kvCacheMemoryFraction in (0, 1]: with {@code kvCacheBytes} 0, the share of the memory free at start that the
 *                              KV cache takes; on host backends (cpu, reference) KV lives in Java heap arrays, so this
 *                              is a share of the free Java heap (see {@link dev.caracal.engine.kv.KvCacheSizing})
 * @param kvCacheType           F16 (llama.cpp's default) or F32
 * @param prefixCaching         whether full blocks are cached by content and reused by requests with the same prefix
 * @param blockStore            the second tier of the prefix cache, shared between instances (Redis, for one), or null
 *                              for none; used only with prefix caching. On a local prefix miss the engine loads the
 *                              blocks it holds instead of computing them, and it hands the store every block it
 *                              completes. The caller opens and closes the store (several engines may share one)
 */
public record EngineConfig(int blockSize, int maxBatchedTokens, int maxSequences, long kvCacheBytes,
        double kvCacheMemoryFraction, QuantFormat kvCacheType, boolean prefixCaching, KvBlockStore blockStore) {

    /** A configuration without a second cache tier. */
    public EngineConfig(int blockSize, int maxBatchedTokens, int maxSequences, long kvCacheBytes,
            double kvCacheMemoryFraction, QuantFormat kvCacheType, boolean prefixCaching) {
        this(blockSize, maxBatchedTokens, maxSequences, kvCacheBytes, kvCacheMemoryFraction, kvCacheType,
                prefixCaching, null);
    }

    public EngineConfig {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be ≥ 1, was " + blockSize);
        }
        if (maxBatchedTokens < 1) {
            throw new IllegalArgumentException("maxBatchedTokens must be ≥ 1, was " + maxBatchedTokens);
        }
        if (maxSequences < 1) {
            throw new IllegalArgumentException("maxSequences must be ≥ 1, was " + maxSequences);
        }
        if (kvCacheBytes < 0) {
            throw new IllegalArgumentException("kvCacheBytes must be ≥ 0 (0 = a fraction of free memory), was "
                    + kvCacheBytes);
        }
        if (!(kvCacheMemoryFraction > 0 && kvCacheMemoryFraction <= 1)) {
            throw new IllegalArgumentException("kvCacheMemoryFraction must be in (0, 1], was " + kvCacheMemoryFraction);
        }
        if (kvCacheType != QuantFormat.F16 && kvCacheType != QuantFormat.F32) {
            throw new IllegalArgumentException("kvCacheType must be F16 or F32, was " + kvCacheType);
        }
    }

    /** Blocks of 16 tokens, 512 tokens and 64 requests per step, half the free memory as F16 KV, prefix caching on. */
    public static EngineConfig defaults() {
        return new EngineConfig(16, 512, 64, 0, 0.5, QuantFormat.F16, true);
    }

    public EngineConfig withBlockSize(int value) {
        return new EngineConfig(value, maxBatchedTokens, maxSequences, kvCacheBytes, kvCacheMemoryFraction,
                kvCacheType, prefixCaching, blockStore);
    }

    public EngineConfig withMaxBatchedTokens(int value) {
        return new EngineConfig(blockSize, value, maxSequences, kvCacheBytes, kvCacheMemoryFraction, kvCacheType,
                prefixCaching, blockStore);
    }

    public EngineConfig withMaxSequences(int value) {
        return new EngineConfig(blockSize, maxBatchedTokens, value, kvCacheBytes, kvCacheMemoryFraction, kvCacheType,
                prefixCaching, blockStore);
    }

    /** A KV cache of exactly {@code bytes} (rounded down to whole blocks). */
    public EngineConfig withKvCacheBytes(long bytes) {
        return new EngineConfig(blockSize, maxBatchedTokens, maxSequences, bytes, kvCacheMemoryFraction, kvCacheType,
                prefixCaching, blockStore);
    }

    /** A KV cache of {@code fraction} of the free memory ({@code kvCacheBytes} back to 0). */
    public EngineConfig withKvCacheMemoryFraction(double fraction) {
        return new EngineConfig(blockSize, maxBatchedTokens, maxSequences, 0, fraction, kvCacheType, prefixCaching,
                blockStore);
    }

    public EngineConfig withKvCacheType(QuantFormat value) {
        return new EngineConfig(blockSize, maxBatchedTokens, maxSequences, kvCacheBytes, kvCacheMemoryFraction, value,
                prefixCaching, blockStore);
    }

    public EngineConfig withPrefixCaching(boolean value) {
        return new EngineConfig(blockSize, maxBatchedTokens, maxSequences, kvCacheBytes, kvCacheMemoryFraction,
                kvCacheType, value, blockStore);
    }

    /** The second tier of the prefix cache (null for none); see {@link #blockStore()}. */
    public EngineConfig withBlockStore(KvBlockStore store) {
        return new EngineConfig(blockSize, maxBatchedTokens, maxSequences, kvCacheBytes, kvCacheMemoryFraction,
                kvCacheType, prefixCaching, store);
    }
}
