package dev.caracal.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.kv.KvBlockNamespace;
import dev.caracal.cache.redis.testing.RedisServerProcess;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis that dies or stalls costs a bounded wait and no error, and the store resumes by itself when Redis is back.
 * The time bounds are generous: these machines are shared, and what matters is that nothing waits for long.
 */
class RedisKvBlockStoreOutageTest {

    /**
     * The most one call may take while Redis is dead or stalled: the fetch timeout is 25 ms, the command timeout that a
     * lookup without its own deadline would wait for is 1 s, and a shared machine adds its moments.
     */
    private static final Duration CALL_BOUND = Duration.ofMillis(500);
    /** The most the median call may take while Redis is dead: once the circuit is open calls do not ask Redis. */
    private static final Duration MEDIAN_BOUND = Duration.ofMillis(25);

    private RedisServerProcess redis;
    private RedisKvBlockStore store;
    private final KvBlockNamespace model = TestBlocks.newModel(TestBlocks.SMALL_F32);
    private final List<byte[]> hashes = TestBlocks.hashes(4);
    private final List<byte[]> blocks = TestBlocks.blocks(TestBlocks.SMALL_F32, 4);

    @BeforeEach
    void start() {
        redis = RedisServerProcess.start();
        store = new RedisKvBlockStore(RedisKvBlockStoreConfig.builder().uri(redis.uri())
                .circuitOpenWait(Duration.ofMillis(500)).build());
    }

    @AfterEach
    void stop() {
        RedisKvBlockStoreTest.close(store, redis);
    }

    @Test
    void aKilledRedisCostsABoundedWaitOpensTheCircuitAndTheStoreResumesWhenItIsBack() throws Exception {
        assertThat(writeAndReadBack(Duration.ofSeconds(10))).as("blocks written and read before the outage")
                .containsExactlyElementsOf(blocks);

        redis.kill();
        List<Duration> lookups = new ArrayList<>();
        List<Duration> handOvers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lookups.add(timed(() -> assertThat(store.fetchPrefix(model, hashes)).isEmpty()));
            int block = i % 4;
            handOvers.add(timed(() -> store.storeLater(model, hashes.get(block), blocks.get(block))));
        }
        for (List<Duration> calls : List.of(lookups, handOvers)) {
            assertThat(calls).allSatisfy(call -> assertThat(call).isLessThan(CALL_BOUND));
            assertThat(calls.stream().sorted().toList().get(calls.size() / 2)).isLessThan(MEDIAN_BOUND);
        }
        assertThat(store.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        KvBlockStoreStats dead = store.stats();
        assertThat(dead.failedLookups()).isPositive();
        assertThat(dead.skippedLookups()).isPositive();
        assertThat(dead.droppedWrites()).isPositive();

        redis.restart(); // empty: nothing was saved
        assertThat(writeAndReadBack(Duration.ofSeconds(15))).as("blocks written and read after Redis came back")
                .containsExactlyElementsOf(blocks);
        assertThat(store.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aStalledRedisCostsAtMostTheFetchTimeout() throws Exception {
        assertThat(writeAndReadBack(Duration.ofSeconds(10))).hasSize(4);
        KvBlockStoreStats before = store.stats();
        redis.call("CLIENT", "PAUSE", "1500", "ALL");
        for (int i = 0; i < 3; i++) {
            assertThat(timed(() -> assertThat(store.fetchPrefix(model, hashes)).isEmpty()))
                    .as("lookup %d while Redis is paused", i).isLessThan(CALL_BOUND);
        }
        KvBlockStoreStats paused = store.stats();
        assertThat(paused.failedLookups() - before.failedLookups()).isPositive();
        assertThat(paused.failedLookups() + paused.skippedLookups() - before.failedLookups()
                - before.skippedLookups()).isEqualTo(3);

        assertThat(writeAndReadBack(Duration.ofSeconds(10))).as("blocks written and read after the pause")
                .containsExactlyElementsOf(blocks);
    }

    /**
     * Writes the blocks and reads them back until all four come back or {@code patience} has passed (a lookup may miss
     * its 25 ms on a busy machine, and a store coming back from an outage needs a moment), returning the last read.
     */
    private List<byte[]> writeAndReadBack(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        List<byte[]> fetched = List.of();
        while (fetched.size() < blocks.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            for (int i = 0; i < blocks.size(); i++) {
                store.storeLater(model, hashes.get(i), blocks.get(i));
            }
            store.flush(Duration.ofSeconds(5));
            fetched = store.fetchPrefix(model, hashes);
        }
        return fetched;
    }

    private static Duration timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
