package dev.caracal.cache.redis;

import dev.caracal.cache.redis.KvBlockFormat.Rejection;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RedisKvBlockStore}'s Micrometer meters, named {@code caracal.kv.store.*} (in Prometheus
 * {@code caracal_kv_store_hits_total}, {@code caracal_kv_store_lookup_latency_seconds}, ...). Counters count blocks
 * unless their name says bytes; {@code lookups}, {@code rejected} and {@code dropped} carry the reason as a tag.
 */
final class KvBlockStoreMetrics {

    /** Why a block handed over for writing was not written. */
    enum Drop {
        /** The write queue had no room for it. */
        QUEUE_FULL,
        /** The circuit was open. */
        CIRCUIT_OPEN,
        /** Its batch failed or timed out. */
        FAILED,
        /** The store was closed before it was written. */
        CLOSED
    }

    /** Latency buckets of lookups, in milliseconds. */
    private static final double[] LOOKUP_BUCKETS_MILLIS = {0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000};

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final Counter lookups;
    private final Counter failedLookups;
    private final Counter skippedLookups;
    private final Counter hits;
    private final Counter misses;
    private final Counter bytesRead;
    private final Map<Rejection, Counter> rejected = new EnumMap<>(Rejection.class);
    private final Counter blocksWritten;
    private final Counter bytesWritten;
    private final Map<Drop, Counter> dropped = new EnumMap<>(Drop.class);
    private final Counter failedWrites;
    private final Counter evicted;
    private final Timer lookupLatency;

    KvBlockStoreMetrics(MeterRegistry registry, CircuitBreaker breaker, AtomicLong queuedBytes) {
        this.registry = registry;
        lookups = lookupCounter("answered");
        failedLookups = lookupCounter("failed");
        skippedLookups = lookupCounter("circuit_open");
        hits = counter("caracal.kv.store.hits", "Blocks found in the store and returned");
        misses = counter("caracal.kv.store.misses", "Blocks looked up and not returned");
        bytesRead = counter("caracal.kv.store.read.bytes", "Bytes of values read from the store");
        for (Rejection reason : Rejection.values()) {
            rejected.put(reason, register(Counter.builder("caracal.kv.store.rejected")
                    .description("Stored blocks not used: bad header, other layout or checksum mismatch")
                    .tag("reason", tagValue(reason)).register(registry)));
        }
        blocksWritten = counter("caracal.kv.store.written", "Blocks written to the store");
        bytesWritten = counter("caracal.kv.store.written.bytes", "Bytes of values written to the store");
        for (Drop reason : Drop.values()) {
            dropped.put(reason, register(Counter.builder("caracal.kv.store.dropped")
                    .description("Blocks handed over for writing and not written").tag("reason", tagValue(reason))
                    .register(registry)));
        }
        failedWrites = counter("caracal.kv.store.write.failures", "Write batches that failed or timed out");
        evicted = counter("caracal.kv.store.evicted", "Blocks evicted to keep a model within its size budget");
        Duration[] buckets = new Duration[LOOKUP_BUCKETS_MILLIS.length];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = Duration.ofNanos((long) (LOOKUP_BUCKETS_MILLIS[i] * 1e6));
        }
        lookupLatency = register(Timer.builder("caracal.kv.store.lookup.latency")
                .description("Time of lookups that asked the store, answered or not").serviceLevelObjectives(buckets)
                .register(registry));
        for (CircuitBreaker.State state : List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN,
                CircuitBreaker.State.HALF_OPEN)) {
            register(Gauge.builder("caracal.kv.store.circuit.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .description("1 for the circuit breaker's current state").tag("state", tagValue(state))
                    .register(registry));
        }
        register(Gauge.builder("caracal.kv.store.write.queue.bytes", queuedBytes, AtomicLong::get)
                .description("Block bytes waiting to be written").baseUnit("bytes").register(registry));
    }

    private Counter lookupCounter(String outcome) {
        return register(Counter.builder("caracal.kv.store.lookups")
                .description("Lookups by outcome: answered, failed (error or time-out), circuit_open (not asked)")
                .tag("outcome", outcome).register(registry));
    }

    private Counter counter(String name, String description) {
        return register(Counter.builder(name).description(description).register(registry));
    }

    private <M extends Meter> M register(M meter) {
        meters.add(meter);
        return meter;
    }

    private static String tagValue(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    void answered(long nanos, int hitCount, int missCount, long bytes) {
        lookups.increment();
        lookupLatency.record(nanos, TimeUnit.NANOSECONDS);
        hits.increment(hitCount);
        misses.increment(missCount);
        bytesRead.increment(bytes);
    }

    void failed(long nanos, int missCount) {
        failedLookups.increment();
        lookupLatency.record(nanos, TimeUnit.NANOSECONDS);
        misses.increment(missCount);
    }

    void skipped(int missCount) {
        skippedLookups.increment();
        misses.increment(missCount);
    }

    void rejected(Rejection reason) {
        rejected.get(reason).increment();
    }

    void written(int blocks, long bytes, long evictedBlocks) {
        blocksWritten.increment(blocks);
        bytesWritten.increment(bytes);
        evicted.increment(evictedBlocks);
    }

    void writeFailed() {
        failedWrites.increment();
    }

    void dropped(Drop reason, int blocks) {
        dropped.get(reason).increment(blocks);
    }

    KvBlockStoreStats stats(String circuitState, long queuedWriteBytes) {
        return new KvBlockStoreStats(count(lookups), count(failedLookups), count(skippedLookups), count(hits),
                count(misses), count(bytesRead), sum(rejected), count(blocksWritten), count(bytesWritten),
                sum(dropped), count(failedWrites), count(evicted),
                Duration.ofNanos((long) lookupLatency.totalTime(TimeUnit.NANOSECONDS)),
                Duration.ofNanos((long) lookupLatency.max(TimeUnit.NANOSECONDS)), circuitState, queuedWriteBytes);
    }

    private static long count(Counter counter) {
        return (long) counter.count();
    }

    private static long sum(Map<?, Counter> counters) {
        return counters.values().stream().mapToLong(KvBlockStoreMetrics::count).sum();
    }

    /** Removes the meters from the registry (a closed store's counters stop being published). */
    void remove() {
        meters.forEach(registry::remove);
    }
}
