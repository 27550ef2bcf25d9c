package dev.caracal.cache.redis;

import static dev.caracal.cache.redis.testing.EngineInstances.concat;
import static dev.caracal.cache.redis.testing.EngineInstances.randomPrompt;
import static dev.caracal.cache.redis.testing.EngineInstances.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.cache.redis.testing.EngineInstances;
import dev.caracal.cache.redis.testing.EngineInstances.Run;
import dev.caracal.cache.redis.testing.RedisServerProcess;
import dev.caracal.engine.core.EngineConfig;
import dev.caracal.engine.core.EngineCore;
import dev.caracal.engine.api.EngineStats;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.api.FinishReason;
import dev.caracal.formats.testing.RandomModels;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.formats.random.RandomModelWriter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

/**
 * Engines sharing KV blocks through a real redis-server: engine B loads the blocks engine A computed (each on a model
 * instance and CPU backend of its own) and its greedy output is exactly, logprobs included, what a fresh engine
 * without the store computes; killing Redis while requests run fails none of them, and the tier resumes when Redis is
 * back.
 */
class RedisTierEngineTest {

    private static final int CONTEXT = 256;
    private static final int VOCABULARY = 512;

    private RedisServerProcess redis;
    private RedisKvBlockStore store;
    private final EngineInstances instances = new EngineInstances();

    static Stream<Path> models() {
        return Stream.of(SharedData.require("models/stories260K.gguf"), RandomModels.file(RandomModelWriter.Spec
                .small().withFormats(QuantFormat.Q4_0, Optional.empty()).withName("engine-small-q4_0")));
    }

    @BeforeEach
    void start() {
        redis = RedisServerProcess.start();
        // Generous time-outs: on a busy shared machine a lookup must not miss for being slow.
        store = new RedisKvBlockStore(RedisKvBlockStoreConfig.builder().uri(redis.uri())
                .fetchTimeout(Duration.ofSeconds(2)).commandTimeout(Duration.ofSeconds(5))
                .circuitOpenWait(Duration.ofMillis(300)).build());
    }

    @AfterEach
    void stop() {
        instances.close();
        RedisKvBlockStoreTest.close(store, redis);
    }

    private EngineCore engine(LanguageModel model, boolean withStore) {
        EngineConfig config = EngineConfig.defaults().withKvCacheBytes(16L << 20);
        return EngineCore.start(model, withStore ? config.withBlockStore(store) : config);
    }

    /** Runs {@code prompt} greedily on a new engine over the store, then waits until its blocks are written. */
    private Run computeAndWriteBehind(LanguageModel model, int[] prompt) throws InterruptedException {
        try (EngineCore engine = engine(model, true)) {
            Run run = run(engine, "computed", prompt, 16);
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
            return run;
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void blocksLoadedFromRedisGiveExactlyTheOutputOfComputingThem(Path file) throws Exception {
        int[] prefix = randomPrompt(7, 100, VOCABULARY);
        int[] first = concat(prefix, 300, 301, 302);
        int[] second = concat(prefix, 310, 311);

        computeAndWriteBehind(instances.open(file, 2, CONTEXT), first);
        KvBlockStoreStats written = store.stats();
        assertThat(written.blocksWritten()).as("the full blocks of prompt and output").isEqualTo((103 + 15) / 16);

        LanguageModel instanceB = instances.open(file, 2, CONTEXT);
        Run loaded;
        try (EngineCore engine = engine(instanceB, true)) {
            loaded = run(engine, "loaded", second, 24);
            assertThat(engine.stats().tier().blocksLoaded()).as("the 6 blocks of the shared prefix").isEqualTo(6);
        }
        assertThat(store.stats().hits() - written.hits()).isEqualTo(6);
        assertThat(loaded.metrics().cachedTokens()).isEqualTo(96);
        Run computed;
        try (EngineCore engine = engine(instanceB, false)) {
            computed = run(engine, "computed", second, 24);
        }
        assertThat(computed.metrics().cachedTokens()).isZero();
        assertThat(loaded.tokens()).as("tokens and logprobs").hasSize(24).isEqualTo(computed.tokens());
    }

    @Test
    void killingRedisWhileRequestsRunFailsNoneAndTheTierResumesWhenItIsBack() throws Exception {
        Path file = SharedData.require("models/stories260K.gguf");
        LanguageModel instanceA = instances.open(file, 2, CONTEXT);
        LanguageModel instanceB = instances.open(file, 2, CONTEXT);
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            prompts.add(randomPrompt(100 + i, 40 + 9 * i, VOCABULARY));
        }
        try (EngineCore engine = engine(instanceA, true)) {
            for (int i = 0; i < 6; i++) {
                run(engine, "a" + i, prompts.get(i), 8);
            }
        }
        assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
        List<Run> expected = new ArrayList<>();
        try (EngineCore engine = engine(instanceB, false)) {
            for (int i = 0; i < prompts.size(); i++) {
                expected.add(run(engine, "expected" + i, concat(prompts.get(i), 400 + i), 32));
            }
        }

        List<Run> outcomes = new ArrayList<>();
        try (EngineCore engine = engine(instanceB, true)) {
            List<Flux<TokenChunk>> streams = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                streams.add(EngineInstances.submit(engine, "b" + i, concat(prompts.get(i), 400 + i), 32));
                if (i == 5) {
                    redis.kill(); // half of the requests asked a live Redis, the other half ask a dead one
                }
            }
            streams.forEach(stream -> outcomes.add(EngineInstances.collect(stream)));
            EngineStats stats = engine.stats();
            assertThat(stats.tier().lookups()).isEqualTo(prompts.size());
            assertThat(stats.work().failedSteps()).isZero();
        }
        for (int i = 0; i < outcomes.size(); i++) {
            assertThat(outcomes.get(i).finish()).as("request %d: %s", i, outcomes.get(i).error())
                    .isEqualTo(FinishReason.LENGTH);
            assertThat(outcomes.get(i).tokens()).as("request %d", i).isEqualTo(expected.get(i).tokens());
        }
        KvBlockStoreStats outage = store.stats();
        assertThat(outage.failedLookups() + outage.skippedLookups() + outage.droppedWrites())
                .as("Redis was asked while dead: %s", outage).isPositive();

        redis.restart(); // empty: nothing was saved
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int attempt = 0;
        long loaded = 0;
        while (loaded == 0 && System.nanoTime() < deadline) {
            int[] prompt = randomPrompt(1000 + attempt++, 60, VOCABULARY);
            computeAndWriteBehind(instanceA, prompt);
            try (EngineCore engine = engine(instanceB, true)) {
                run(engine, "resumed", concat(prompt, 5), 4);
                loaded = engine.stats().tier().blocksLoaded();
            }
            Thread.sleep(50);
        }
        assertThat(loaded).as("blocks loaded after Redis came back (%d attempts)", attempt).isEqualTo(3);
        assertThat(store.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
