package dev.caracal.cache.redis;

import java.time.Duration;

/**
 * A snapshot of a {@link RedisKvBlockStore}'s counters since it was opened, for a gateway to publish or a test to
 * check. Blocks asked for split into {@code hits + misses}.
 *
 * @param lookups          lookups that asked Redis and got an answer in time
 * @param failedLookups    lookups that asked Redis and failed or timed out (answered empty)
 * @param skippedLookups   lookups answered empty at once because the circuit was open
 * @param hits             blocks returned
 * @param misses           blocks asked for and not returned (absent, after a gap, rejected, or not answered)
 * @param bytesRead        bytes of values received from Redis
 * @param rejectedBlocks   values received that were not used: bad header, other layout or checksum mismatch
 * @param blocksWritten    blocks written to Redis
 * @param bytesWritten     bytes of values written to Redis
 * @param droppedWrites    blocks handed over for writing and not written (queue full, circuit open, failed, closed)
 * @param failedWrites     write batches that failed or timed out
 * @param evictedBlocks    blocks evicted to keep a model within its size budget
 * @param lookupTime       the total time of the lookups that asked Redis
 * @param maxLookupTime    the longest of them (over the meter's recent window)
 * @param circuitState     the circuit breaker's state: CLOSED, OPEN or HALF_OPEN
 * @param queuedWriteBytes block bytes waiting to be written
 */
public record KvBlockStoreStats(long lookups, long failedLookups, long skippedLookups, long hits, long misses,
        long bytesRead, long rejectedBlocks, long blocksWritten, long bytesWritten, long droppedWrites,
        long failedWrites, long evictedBlocks, Duration lookupTime, Duration maxLookupTime, String circuitState,
        long queuedWriteBytes) {
}
