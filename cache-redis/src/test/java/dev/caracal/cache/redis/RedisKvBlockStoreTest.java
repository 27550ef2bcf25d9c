package dev.caracal.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.kv.KvBlockNamespace;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.cache.redis.KvBlockFormat.Rejection;
import dev.caracal.cache.redis.testing.RedisServerProcess;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store against a real redis-server: what it writes, what it reads back, what it rejects and what it evicts. */
class RedisKvBlockStoreTest {

    private static RedisServerProcess redis;
    private static PrometheusMeterRegistry registry;
    private static RedisKvBlockStore store;

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.start();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        store = new RedisKvBlockStore(config(redis).build(), registry);
    }

    @AfterAll
    static void stop() {
        close(store, redis);
    }

    /** Closes the store, then stops the server; either may be null (a test skipped before it was made). */
    static void close(RedisKvBlockStore store, RedisServerProcess redis) {
        if (store != null) {
            store.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void blocksRoundTripBitForBitInF32AndF16() throws InterruptedException {
        for (KvCacheSpec spec : List.of(TestBlocks.SMALL_F32, new KvCacheSpec(3, 1, 4, 16, QuantFormat.F16),
                new KvCacheSpec(1, 4, 64, 16, QuantFormat.F16), new KvCacheSpec(4, 2, 32, 8, QuantFormat.F32))) {
            KvBlockNamespace model = TestBlocks.newModel(spec);
            List<byte[]> hashes = TestBlocks.hashes(5);
            List<byte[]> blocks = TestBlocks.blocks(spec, 5);
            KvBlockStoreStats before = store.stats();

            storeAll(store, model, hashes, blocks);
            List<byte[]> fetched = store.fetchPrefix(model, hashes);

            assertThat(fetched).as("blocks of %s", spec).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(fetched.get(i)).as("block %d of %s", i, spec).isEqualTo(blocks.get(i));
            }
            KvBlockStoreStats after = store.stats();
            assertThat(after.hits() - before.hits()).isEqualTo(5);
            assertThat(after.blocksWritten() - before.blocksWritten()).isEqualTo(5);
            long recordBytes = KvBlockFormat.recordBytes(spec);
            assertThat(after.bytesWritten() - before.bytesWritten()).isEqualTo(5 * recordBytes);
            assertThat(after.bytesRead() - before.bytesRead()).isEqualTo(5 * recordBytes);
        }
        assertThat(registry.get("caracal.kv.store.hits").counter().count()).isEqualTo(store.stats().hits());
        assertThat(registry.get("caracal.kv.store.circuit.state").tag("state", "closed").gauge().value())
                .isEqualTo(1);
        assertThat(registry.get("caracal.kv.store.lookup.latency").timer().count()).isPositive();
        assertThat(registry.scrape()).contains("caracal_kv_store_hits_total", "caracal_kv_store_misses_total",
                "caracal_kv_store_lookups_total{outcome=\"answered\"}",
                "caracal_kv_store_lookup_latency_seconds_bucket",
                "caracal_kv_store_read_bytes_total", "caracal_kv_store_written_bytes_total",
                "caracal_kv_store_written_total", "caracal_kv_store_rejected_total{reason=\"checksum\"}",
                "caracal_kv_store_dropped_total{reason=\"queue_full\"}", "caracal_kv_store_write_failures_total",
                "caracal_kv_store_evicted_total", "caracal_kv_store_circuit_state{state=\"closed\"} 1",
                "caracal_kv_store_write_queue_bytes");
    }

    @Test
    void aLookupReturnsTheLongestRunFromTheFirstBlock() throws InterruptedException {
        KvBlockNamespace model = TestBlocks.newModel(TestBlocks.SMALL_F32);
        List<byte[]> hashes = TestBlocks.hashes(5);
        List<byte[]> blocks = TestBlocks.blocks(TestBlocks.SMALL_F32, 5);
        storeAll(store, model, List.of(hashes.get(0), hashes.get(1), hashes.get(3), hashes.get(4)),
                List.of(blocks.get(0), blocks.get(1), blocks.get(3), blocks.get(4)));
        KvBlockStoreStats before = store.stats();

        assertThat(store.fetchPrefix(model, hashes)).containsExactly(blocks.get(0), blocks.get(1));
        assertThat(store.fetchPrefix(model, hashes.subList(2, 5))).isEmpty();
        assertThat(store.fetchPrefix(model, hashes.subList(3, 5))).containsExactly(blocks.get(3), blocks.get(4));
        assertThat(store.fetchPrefix(model, List.of())).isEmpty();

        KvBlockStoreStats after = store.stats();
        assertThat(after.hits() - before.hits()).isEqualTo(4);
        assertThat(after.misses() - before.misses()).isEqualTo(3 + 3);
        assertThat(after.lookups() - before.lookups()).isEqualTo(3);
    }

    @Test
    void blocksOfAnotherModelOrLayoutAreNotReturned() throws InterruptedException {
        KvBlockNamespace model = TestBlocks.newModel(TestBlocks.SMALL_F32);
        List<byte[]> hashes = TestBlocks.hashes(2);
        storeAll(store, model, hashes, TestBlocks.blocks(TestBlocks.SMALL_F32, 2));
        KvBlockNamespace otherModel = TestBlocks.newModel(TestBlocks.SMALL_F32);
        KvBlockNamespace otherLayout = new KvBlockNamespace(model.modelFingerprint(),
                new KvCacheSpec(2, 2, 8, 4, QuantFormat.F16));
        long rejectedBefore = store.stats().rejectedBlocks();

        assertThat(store.fetchPrefix(otherModel, hashes)).isEmpty();
        assertThat(store.fetchPrefix(otherLayout, hashes)).isEmpty();
        assertThat(store.stats().rejectedBlocks() - rejectedBefore).isEqualTo(1);
        assertThat(store.fetchPrefix(model, hashes)).hasSize(2);
    }

    /** Ways a stored value can be damaged, each applied through a raw connection to the second of three blocks. */
    enum Damage {
        FLIPPED_PAYLOAD_BIT(Rejection.CHECKSUM),
        TRUNCATED(Rejection.TRUNCATED),
        OTHER_HEAD_SIZE(Rejection.OTHER_LAYOUT),
        VALUE_OF_ANOTHER_BLOCK(Rejection.CHECKSUM),
        NOT_A_RECORD(Rejection.NOT_A_BLOCK);

        final Rejection rejection;

        Damage(Rejection rejection) {
            this.rejection = rejection;
        }
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedValueIsRejectedCountedAndEndsTheRun(Damage damage) throws Exception {
        KvBlockNamespace model = TestBlocks.newModel(TestBlocks.SMALL_F32);
        List<byte[]> hashes = TestBlocks.hashes(3);
        List<byte[]> blocks = TestBlocks.blocks(TestBlocks.SMALL_F32, 3);
        storeAll(store, model, hashes, blocks);
        KvBlockKeys keys = new KvBlockKeys(RedisKvBlockStoreConfig.DEFAULT_NAMESPACE);
        byte[] key = keys.blockKey(model, hashes.get(1));
        byte[] stored = redis.get(key);
        byte[] damaged = switch (damage) {
            case FLIPPED_PAYLOAD_BIT -> KvBlockFormatTest.flip(stored, stored.length - 100);
            case TRUNCATED -> Arrays.copyOf(stored, stored.length - 4);
            case OTHER_HEAD_SIZE -> KvBlockFormat.encode(new KvBlockNamespace(model.modelFingerprint(),
                    new KvCacheSpec(2, 2, 4, 8, QuantFormat.F32)), hashes.get(1), blocks.get(1));
            case VALUE_OF_ANOTHER_BLOCK -> redis.get(keys.blockKey(model, hashes.get(2)));
            case NOT_A_RECORD -> "a string that someone else stored under this key".getBytes(StandardCharsets.UTF_8);
        };
        redis.set(key, damaged);
        long rejectedBefore = store.stats().rejectedBlocks();

        assertThat(store.fetchPrefix(model, hashes)).containsExactly(blocks.get(0));

        assertThat(store.stats().rejectedBlocks() - rejectedBefore).isEqualTo(1);
        assertThat(registry.get("caracal.kv.store.rejected").tag("reason", damage.rejection.name().toLowerCase())
                .counter().count()).isPositive();
    }

    @Test
    void keysAreNamespaceFingerprintAndHashAndCarryTheTtl() throws Exception {
        try (RedisKvBlockStore shortLived = new RedisKvBlockStore(config(redis).namespace("test:ttl")
                .ttl(Duration.ofMinutes(10)).build())) {
            KvBlockNamespace model = TestBlocks.newModel(TestBlocks.SMALL_F32);
            List<byte[]> hashes = TestBlocks.hashes(1);
            storeAll(shortLived, model, hashes, TestBlocks.blocks(TestBlocks.SMALL_F32, 1));
            String key = "test:ttl:" + model.fingerprintHex() + ":" + HexFormat.of().formatHex(hashes.getFirst());

            assertThat(redis.call("EXISTS", key)).isEqualTo(1L);
            assertThat((Long) redis.call("PTTL", key)).isBetween(Duration.ofMinutes(9).toMillis(),
                    Duration.ofMinutes(10).toMillis());
            String index = "test:ttl:" + model.fingerprintHex() + ":index";
            assertThat((Long) redis.call("PTTL", index)).isBetween(Duration.ofMinutes(9).toMillis(),
                    Duration.ofMinutes(10).toMillis());
            assertThat(redis.call("ZCARD", index)).isEqualTo(1L);
        }
    }

    @Test
    void aModelOverItsBudgetLosesTheBlocksWrittenLongestAgo() throws Exception {
        KvCacheSpec spec = TestBlocks.SMALL_F32;
        long budget = 3 * KvBlockFormat.recordBytes(spec) + 10;
        try (RedisKvBlockStore budgeted = new RedisKvBlockStore(config(redis).namespace("test:budget")
                .budgetBytes(budget).build())) {
            KvBlockNamespace model = TestBlocks.newModel(spec);
            KvBlockNamespace neighbour = TestBlocks.newModel(spec);
            List<byte[]> hashes = TestBlocks.hashes(5);
            List<byte[]> blocks = TestBlocks.blocks(spec, 5);
            storeAll(budgeted, neighbour, hashes.subList(0, 2), blocks.subList(0, 2));
            for (int i = 0; i < 5; i++) {
                storeAll(budgeted, model, hashes.subList(i, i + 1), blocks.subList(i, i + 1));
                Thread.sleep(3); // distinct write times, so "longest ago" is well defined
            }

            assertThat(budgeted.fetchPrefix(model, hashes)).isEmpty();
            assertThat(budgeted.fetchPrefix(model, hashes.subList(2, 5))).containsExactlyElementsOf(
                    blocks.subList(2, 5));
            assertThat(budgeted.fetchPrefix(neighbour, hashes.subList(0, 2))).hasSize(2);
            assertThat(budgeted.stats().evictedBlocks()).isEqualTo(2);
            assertThat(redis.call("ZCARD", "test:budget:" + model.fingerprintHex() + ":index")).isEqualTo(3L);
            assertThat(redis.call("EXISTS", new KvBlockKeys("test:budget").blockKey(model, hashes.get(0))))
                    .isEqualTo(0L);
        }
    }

    @Test
    void blocksThatDoNotFitTheWriteQueueAreDropped() throws InterruptedException {
        KvCacheSpec spec = TestBlocks.SMALL_F32;
        try (RedisKvBlockStore tiny = new RedisKvBlockStore(config(redis)
                .writeQueueBytes(spec.bytesPerBlock() - 1).build())) {
            KvBlockNamespace model = TestBlocks.newModel(spec);
            List<byte[]> hashes = TestBlocks.hashes(3);
            storeAll(tiny, model, hashes, TestBlocks.blocks(spec, 3));

            assertThat(tiny.stats().droppedWrites()).isEqualTo(3);
            assertThat(tiny.fetchPrefix(model, hashes)).isEmpty();
        }
    }

    @Test
    void storeLaterRefusesBytesOfAnotherSize() {
        KvBlockNamespace model = TestBlocks.newModel(TestBlocks.SMALL_F32);
        assertThatThrownBy(() -> store.storeLater(model, TestBlocks.hashes(1).getFirst(), new byte[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024 bytes, not 3");
    }

    /**
     * A configuration for {@code redis} with a lookup time-out far above the default, so that a slow moment of a
     * shared machine fails no test that is not about time-outs.
     */
    static RedisKvBlockStoreConfig.Builder config(RedisServerProcess redis) {
        return RedisKvBlockStoreConfig.builder().uri(redis.uri()).fetchTimeout(Duration.ofSeconds(2));
    }

    static void storeAll(RedisKvBlockStore store, KvBlockNamespace model, List<byte[]> hashes, List<byte[]> blocks)
            throws InterruptedException {
        for (int i = 0; i < hashes.size(); i++) {
            store.storeLater(model, hashes.get(i), blocks.get(i));
        }
        assertThat(store.flush(Duration.ofSeconds(10))).as("writes settled").isTrue();
    }
}
