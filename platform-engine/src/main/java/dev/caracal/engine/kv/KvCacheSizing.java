package dev.caracal.engine.kv;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.DeviceInfo;
import dev.caracal.api.kv.KvCacheSpec;

/**
 * How many KV blocks an engine gets: a configured number of bytes, or a fraction of the memory the backend keeps KV in
 * that is free when the engine starts.
 *
 * <p>Which memory: host backends ({@code cpu}, {@code reference}; device kind {@code cpu}) keep KV in Java heap arrays,
 * so the fraction is of the heap not yet used ({@code maxMemory - (totalMemory - freeMemory)}), model weights being
 * memory-mapped outside it; a device backend's fraction is of its first device's {@code memoryBytes}, which a device
 * backend reports as the memory free on it (its weights already loaded).
 *
 * @param bytes       the bytes the blocks take
 * @param blocks      the number of blocks
 * @param memory      which memory the bytes came from, for people
 */
public record KvCacheSizing(long bytes, int blocks, String memory) {

    /** The bytes of KV cache that one request of {@code contextLength} tokens needs (whole blocks of {@code spec}). */
    public static long bytesForOneRequest(KvCacheSpec spec, int contextLength) {
        long blocks = (contextLength + spec.blockSize() - 1) / spec.blockSize();
        return blocks * spec.bytesPerBlock();
    }

    /**
     * Sizes the KV cache of {@code spec} blocks.
     *
     * @param configuredBytes bytes to use, or 0 to use {@code fraction} of the free memory
     * @param fraction        in (0, 1]: the share of free memory when {@code configuredBytes} is 0
     * @param contextLength   the most tokens one request may hold: the cache must fit at least one such request
     * @throws IllegalArgumentException when the memory holds fewer blocks than one request of {@code contextLength}
     *                                  tokens needs, naming both numbers
     */
    public static KvCacheSizing resolve(long configuredBytes, double fraction, KvCacheSpec spec, Backend backend,
            int contextLength) {
        long bytes;
        String memory;
        if (configuredBytes > 0) {
            bytes = configuredBytes;
            memory = "configured";
        } else {
            DeviceInfo device = backend.devices().getFirst();
            long free;
            long cap = Long.MAX_VALUE;
            if ("cpu".equals(device.kind()) || device.memoryBytes() < 0) {
                Runtime runtime = Runtime.getRuntime();
                free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
                // Host caches keep each layer's keys (and values) in one array of at most 2^31 values.
                long valuesPerBlock = (long) spec.blockSize() * spec.kvHeads() * spec.headSize();
                cap = (Integer.MAX_VALUE - 16) / valuesPerBlock * spec.bytesPerBlock();
                memory = String.format("%.0f%% of %,d free Java heap bytes", fraction * 100, free);
            } else {
                free = device.memoryBytes();
                memory = String.format("%.0f%% of %,d bytes of %s memory", fraction * 100, free, device.name());
            }
            bytes = Math.min(cap, (long) (free * fraction));
        }
        long perBlock = spec.bytesPerBlock();
        long blocks = Math.min(Integer.MAX_VALUE, bytes / perBlock);
        int needed = (contextLength + spec.blockSize() - 1) / spec.blockSize();
        if (blocks < needed) {
            throw new IllegalArgumentException(String.format(
                    "the KV cache (%s: %,d bytes) holds %,d blocks of %d tokens, but one request of the %,d-token "
                            + "context needs %,d blocks (%,d bytes of %s KV); give the engine more KV memory or a "
                            + "shorter context",
                    memory, bytes, blocks, spec.blockSize(), contextLength, needed, needed * perBlock, spec.dtype()));
        }
        return new KvCacheSizing(blocks * perBlock, (int) blocks, memory);
    }
}
