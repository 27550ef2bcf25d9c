package dev.caracal.cache.redis.bench;

import static dev.caracal.cache.redis.testing.EngineInstances.concat;
import static dev.caracal.cache.redis.testing.EngineInstances.randomPrompt;
import static dev.caracal.cache.redis.testing.EngineInstances.randomTokens;
import static dev.caracal.cache.redis.testing.EngineInstances.run;

import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.cache.redis.KvBlockStoreStats;
import dev.caracal.cache.redis.RedisKvBlockStore;
import dev.caracal.cache.redis.RedisKvBlockStoreConfig;
import dev.caracal.cache.redis.testing.EngineInstances;
import dev.caracal.cache.redis.testing.EngineInstances.Run;
import dev.caracal.cache.redis.testing.RedisServerProcess;
import dev.caracal.engine.core.EngineConfig;
import dev.caracal.engine.core.EngineCore;
import dev.caracal.engine.model.LanguageModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two engine instances sharing one Redis: instance A computes a long prefix and writes its KV blocks behind; instance B
 * (its own model instance and CPU backend, as a second process would have) measures its time to first token for a
 * prompt of the same length it has never seen (cold: prefill of every token, after a lookup that finds nothing), then
 * for A's prefix followed by new tokens (warm: the prefix's blocks loaded from Redis, only the new tokens computed),
 * once the blocks of its cold prompt are written (so that the lookup does not queue behind them in Redis). Prints the medians over the rounds and their ratio, the store's lookup latency and bytes read, and what moving one
 * block between the KV cache and a byte array costs the engine thread.
 *
 * <p>Run: {@code bin/bench-redis-tier [--threads 2] [--prefix 1024] [--new 16] [--rounds 3] [--redis URI]
 * [--fetch-timeout-ms 25] [FILE]} (default file {@code /tmp/models/random-110m-q4_0.gguf}; without {@code --redis} it
 * starts a redis-server; the store runs with its defaults otherwise).
 */
public final class TwoInstanceBenchmark {

    private TwoInstanceBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        int threads = 2;
        int prefixTokens = 1024;
        int newTokens = 16;
        int rounds = 3;
        String uri = null;
        Duration fetchTimeout = null;
        Path file = Path.of("/tmp/models/random-110m-q4_0.gguf");
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case "--threads" -> threads = Integer.parseInt(arguments[++i]);
                case "--prefix" -> prefixTokens = Integer.parseInt(arguments[++i]);
                case "--new" -> newTokens = Integer.parseInt(arguments[++i]);
                case "--rounds" -> rounds = Integer.parseInt(arguments[++i]);
                case "--redis" -> uri = arguments[++i];
                case "--fetch-timeout-ms" -> fetchTimeout = Duration.ofMillis(Long.parseLong(arguments[++i]));
                default -> file = Path.of(arguments[i]);
            }
        }
        if (!Files.isRegularFile(file)) {
            System.err.println(file + " does not exist; write it with: bin/caracal random-model --shape 110m"
                    + " --type Q4_0 -o " + file);
            System.exit(2);
        }
        System.out.printf("load average at start: %s%n", loadAverage());
        RedisServerProcess server = uri == null ? RedisServerProcess.start() : null;
        RedisKvBlockStoreConfig config = RedisKvBlockStoreConfig.builder()
                .uri(uri == null ? server.uri() : uri).fetchTimeout(fetchTimeout).build();
        try (EngineInstances instances = new EngineInstances();
                RedisKvBlockStore store = new RedisKvBlockStore(config)) {
            measure(file, instances, store, threads, prefixTokens, newTokens, rounds);
        } finally {
            if (server != null) {
                server.close();
            }
        }
        System.out.printf("load average at end: %s%n", loadAverage());
    }

    private static void measure(Path file, EngineInstances instances, RedisKvBlockStore store, int threads,
            int prefixTokens, int newTokens, int rounds) throws InterruptedException {
        int context = prefixTokens + 2 * newTokens + 16;
        LanguageModel instanceA = instances.open(file, threads, context);
        LanguageModel instanceB = instances.open(file, threads, context);
        int vocabulary = instanceA.config().vocabularySize();
        KvCacheSpec spec = instanceA.transformer().kvCacheSpec(16, QuantFormat.F16);
        EngineConfig engineConfig = EngineConfig.defaults().withKvCacheBytes(spec.bytesPerBlock()
                * (2L * context / 16 + 4)).withBlockStore(store);
        System.out.printf("model %s, %d threads per instance, KV %s: %,d bytes a block of 16 tokens%n",
                file.getFileName(), threads, spec, spec.bytesPerBlock());

        Instances both = new Instances(instanceA, instanceB, engineConfig, store, vocabulary, newTokens);
        Round warmUp = both.round(0, Math.max(16, prefixTokens / 4));
        System.out.printf("warm-up round (%d-token prefix, not counted): cold %.1f ms, warm %.1f ms%n",
                Math.max(16, prefixTokens / 4), warmUp.coldMillis(), warmUp.warmMillis());
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        List<Double> lookups = new ArrayList<>();
        long bytesRead = 0;
        for (int round = 1; round <= rounds; round++) {
            Round result = both.round(round, prefixTokens);
            cold.add(result.coldMillis());
            warm.add(result.warmMillis());
            lookups.add(result.lookupMillis());
            bytesRead = result.bytesRead();
            System.out.printf("round %d: cold TTFT %.1f ms, warm TTFT %.1f ms (%d of %d prompt tokens cached,"
                    + " %d blocks loaded; lookup %.1f ms, %,d bytes read)%n", round, result.coldMillis(),
                    result.warmMillis(), result.cachedTokens(), prefixTokens + newTokens, result.blocksLoaded(),
                    result.lookupMillis(), result.bytesRead());
            if (result.lookupFailed()) {
                System.out.printf("  the warm lookup failed: it took longer than its deadline, fetch-timeout %d ms plus"
                        + " its bytes at fetch-bandwidth %,d bytes/s (see --fetch-timeout-ms)%n",
                        store.config().fetchTimeout().toMillis(), store.config().fetchBandwidth());
            }
        }
        double coldMedian = median(cold);
        double warmMedian = median(warm);
        System.out.printf("%nmedians of %d rounds: cold TTFT %.1f ms, warm TTFT %.1f ms, warm/cold %.1f%%"
                + " (target <= 10%%); store lookup %.1f ms for %,d bytes%n", rounds, coldMedian, warmMedian,
                100 * warmMedian / coldMedian, median(lookups), bytesRead);
        KvBlockStoreStats stats = store.stats();
        System.out.printf("store: %d lookups, %d hits, %d misses, %,d bytes read, %d blocks (%,d bytes) written,"
                + " %d rejected, %d dropped, circuit %s%n", stats.lookups(), stats.hits(), stats.misses(),
                stats.bytesRead(), stats.blocksWritten(), stats.bytesWritten(), stats.rejectedBlocks(),
                stats.droppedWrites(), stats.circuitState());
        blockCopyCost(instanceB, spec);
    }

    /** What one round measured on instance B. */
    private record Round(double coldMillis, double warmMillis, int cachedTokens, long blocksLoaded,
            double lookupMillis, long bytesRead, boolean lookupFailed) {
    }

    /** The two instances over one store. */
    private record Instances(LanguageModel instanceA, LanguageModel instanceB, EngineConfig config,
            RedisKvBlockStore store, int vocabulary, int newTokens) {

        /**
         * A computes a {@code prefixTokens}-token prefix and new tokens; B's time to first token for an unseen prompt
         * of the same length, then for A's prefix and other new tokens.
         */
        Round round(int seed, int prefixTokens) throws InterruptedException {
            int[] prefix = randomPrompt(1000 + seed, prefixTokens, vocabulary);
            try (EngineCore engineA = EngineCore.start(instanceA, config)) {
                run(engineA, "a" + seed, concat(prefix, randomTokens(2000 + seed, newTokens, vocabulary)), 1);
            }
            if (!store.flush(Duration.ofSeconds(60))) {
                throw new IllegalStateException("instance A's blocks were not written within 60 s");
            }
            try (EngineCore engineB = EngineCore.start(instanceB, config)) {
                int[] unseen = randomPrompt(3000 + seed, prefixTokens + newTokens, vocabulary);
                Run cold = run(engineB, "cold" + seed, unseen, 1);
                // B's own blocks from the cold prompt are written before the warm lookup, not during it.
                store.flush(Duration.ofSeconds(60));
                KvBlockStoreStats before = store.stats();
                Run warm = run(engineB, "warm" + seed, concat(prefix, randomTokens(4000 + seed, newTokens,
                        vocabulary)), 1);
                KvBlockStoreStats after = store.stats();
                double lookup = (after.lookupTime().toNanos() - before.lookupTime().toNanos()) / 1e6
                        / Math.max(1, after.lookups() + after.failedLookups() - before.lookups()
                        - before.failedLookups());
                return new Round(millis(cold), millis(warm), warm.metrics().cachedTokens(),
                        engineB.stats().tier().blocksLoaded(), lookup, after.bytesRead() - before.bytesRead(),
                        after.failedLookups() > before.failedLookups());
            }
        }
    }

    /** What one block's copy out of the KV cache (write-behind) and into it (load) costs the engine thread. */
    private static void blockCopyCost(LanguageModel model, KvCacheSpec spec) {
        int blocks = 64;
        try (KvCache cache = model.transformer().backend().allocateKvCache(spec, blocks)) {
            byte[] bytes = new byte[Math.toIntExact(spec.bytesPerBlock())];
            long[] read = new long[5];
            long[] write = new long[5];
            for (int repeat = 0; repeat < read.length; repeat++) {
                long start = System.nanoTime();
                for (int block = 0; block < blocks; block++) {
                    cache.readBlock(block, new byte[bytes.length], 0);
                }
                read[repeat] = System.nanoTime() - start;
                start = System.nanoTime();
                for (int block = 0; block < blocks; block++) {
                    cache.writeBlock(block, bytes, 0);
                }
                write[repeat] = System.nanoTime() - start;
            }
            System.out.printf("engine thread per block of %,d bytes (best of %d passes over %d blocks): copy out for"
                    + " write-behind %.0f µs, load %.0f µs%n", bytes.length, read.length, blocks,
                    best(read) / 1e3 / blocks, best(write) / 1e3 / blocks);
        }
    }

    private static double millis(Run run) {
        return run.metrics().timeToFirstToken().orElseThrow().toNanos() / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long best(long[] values) {
        long best = Long.MAX_VALUE;
        for (long value : values) {
            best = Math.min(best, value);
        }
        return best;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException unreadable) {
            return "unknown";
        }
    }
}
