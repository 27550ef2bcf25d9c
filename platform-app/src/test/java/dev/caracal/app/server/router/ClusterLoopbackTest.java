package dev.caracal.app.server.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.cache.redis.testing.RedisServerProcess;
import dev.caracal.formats.random.RandomModelWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real cluster on loopback: three workers (each its own JVM, one thread, a KV cache that holds about three of the
 * workload's prefixes) sharing one redis-server, and two routers over them, one routing by prefix and one at random.
 * On a workload of 8 long shared prefixes, asked in rounds, routing by prefix must find at least 3 times the random
 * router's prefix-cache hit rate in the workers' own memory (over two runs, with and without the Redis tier) and,
 * without the Redis tier, halve the median time to first token; a worker killed mid-run must lose no request that had
 * not started streaming; a fourth worker must take load within 10 s of joining.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLoopbackTest {

    private static final Path DIRECTORY = Path.of("target", "cluster-test");
    private static final String MODEL = "cluster-medium";
    private static final int PREFIXES = 8;
    private static final int ROUNDS = 10;
    private static final int PREFIX_TOKENS = 512;
    private static final int SUFFIX_TOKENS = 16;
    private static final Pattern WORKER = Pattern.compile("X-Caracal-Worker");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(25);
    private RedisServerProcess redis;
    private final List<CaracalProcess> workers = new ArrayList<>();
    private CaracalProcess prefixRouter;
    private CaracalProcess randomRouter;
    private Path model;

    @BeforeAll
    void startCluster() throws Exception {
        redis = RedisServerProcess.start();
        Files.createDirectories(DIRECTORY);
        model = DIRECTORY.resolve(MODEL + ".gguf");
        if (!Files.exists(model)) {
            RandomModelWriter.write(RandomModelWriter.Spec.medium(), model);
        }
        for (int i = 1; i <= 3; i++) {
            workers.add(worker("worker-" + i));
        }
        String list = String.join(",", workers.stream().map(CaracalProcess::base).toList());
        prefixRouter = router("router-prefix", list, "prefix");
        randomRouter = router("router-random", list, "random");
        for (CaracalProcess process : workers) {
            process.awaitReady(Duration.ofMinutes(3));
        }
        prefixRouter.awaitReady(Duration.ofMinutes(2));
        randomRouter.awaitReady(Duration.ofMinutes(2));
    }

    private CaracalProcess worker(String name) {
        return CaracalProcess.start(name, DIRECTORY, "--model", model.toAbsolutePath().toString(),
                "--alias", MODEL,
                "--caracal.models[0].threads=1",
                "--caracal.models[0].kv-memory=3200KB",
                "--caracal.models[0].max-sequences=4",
                "--caracal.cache.redis.enabled=true", "--caracal.cache.redis.uri=" + redis.uri(),
                "--caracal.cache.redis.fetch-timeout=2s");
    }

    private CaracalProcess router(String name, String workerList, String policy) {
        return CaracalProcess.start(name, DIRECTORY, "--role", "router", "--workers", workerList,
                "--caracal.router.policy=" + policy, "--caracal.router.poll-interval=200ms",
                "--caracal.router.expose-worker=true");
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (CaracalProcess process : new CaracalProcess[] {prefixRouter, randomRouter}) {
            if (process != null) {
                process.close();
            }
        }
        for (CaracalProcess process : workers) {
            process.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** What one streamed request saw. */
    record Outcome(int status, String worker, double timeToFirstToken, boolean startedStreaming, boolean completed,
            String text, String error) {
    }

    @Test
    @Order(1)
    void prefixRoutingFindsThreeTimesTheHitsOfRandomRoutingAndHalvesTimeToFirstToken() throws Exception {
        // Both routers and the workers' code paths compiled first, on short prompts of their own.
        Random warmUp = new Random(7);
        for (int i = 0; i < 24; i++) {
            for (CaracalProcess router : List.of(randomRouter, prefixRouter)) {
                assertThat(stream(router, tokens(warmUp, 40), 2, null).completed()).isTrue();
            }
        }
        // With the Redis tier, a block missing at a worker is loaded from Redis rather than computed: routing decides
        // where the hits are, not how many, and a miss costs a load instead of a prefill.
        Phase random = phase(randomRouter, prompts(new Random(1)));
        Phase prefix = phase(prefixRouter, prompts(new Random(2)));
        // Without it (Redis down, or not deployed), every miss at a worker is a prefill.
        redis.stop();
        Phase randomAlone;
        Phase prefixAlone;
        try {
            randomAlone = phase(randomRouter, prompts(new Random(11)));
            prefixAlone = phase(prefixRouter, prompts(new Random(12)));
        } finally {
            redis.restart();
        }
        String report = "with the Redis tier:\n" + compare(random, prefix) + "\nwithout it (redis-server stopped):\n"
                + compare(randomAlone, prefixAlone) + String.format("%nboth: prefix ÷ random, workers' own hit rate:"
                        + " %.2f", (prefix.localHitRate() + prefixAlone.localHitRate())
                                / (random.localHitRate() + randomAlone.localHitRate()));
        System.out.println(report);
        Files.writeString(DIRECTORY.resolve("routing-report.txt"), report + "\n");
        for (Phase phase : List.of(random, prefix, randomAlone, prefixAlone)) {
            assertThat(phase.failures()).as(report).isZero();
        }
        // Each phase's random hit rate is a count of 80 requests, so the target is held over both (160 each way).
        assertThat(prefix.localHitRate() + prefixAlone.localHitRate()).as(report)
                .isGreaterThanOrEqualTo(3 * (random.localHitRate() + randomAlone.localHitRate()));
        assertThat(prefixAlone.medianTimeToFirstToken()).as(report)
                .isLessThanOrEqualTo(randomAlone.medianTimeToFirstToken() / 2);
        assertThat(prefix.medianTimeToFirstToken()).as(report)
                .isLessThanOrEqualTo(random.medianTimeToFirstToken() * 1.1);
    }

    private static String compare(Phase random, Phase prefix) {
        return "  random: " + random + "\n  prefix: " + prefix + "\n  prefix ÷ random, workers' own hit rate: "
                + String.format("%.2f", prefix.localHitRate() / random.localHitRate()) + "; random ÷ prefix, median"
                + " time to first token: " + String.format("%.2f", random.medianTimeToFirstToken()
                        / prefix.medianTimeToFirstToken());
    }

    @Test
    @Order(2)
    void aWorkerKilledMidRunLosesNoRequestThatHadNotStartedStreaming() throws Exception {
        int[] prefix = tokens(new Random(3), PREFIX_TOKENS);
        Outcome warm = stream(prefixRouter, prompt(prefix, new Random(4)), 1, null);
        assertThat(warm.completed()).as(warm.toString()).isTrue();
        CaracalProcess victim = workers.stream().filter(worker -> worker.base().equals(warm.worker())).findFirst()
                .orElseThrow();
        double retriedBefore = sum(metrics(prefixRouter), "caracal_router_requests_total", "outcome=\"retried\"");
        Map<Integer, Long> firstTokenAt = new java.util.concurrent.ConcurrentHashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        long killedAt;
        try (ExecutorService clients = Executors.newFixedThreadPool(12)) {
            List<Future<Outcome>> pending = new ArrayList<>();
            Random suffixes = new Random(5);
            for (int i = 0; i < 12; i++) {
                int index = i;
                int[] prompt = prompt(prefix, suffixes);
                pending.add(clients.submit(() -> stream(prefixRouter, prompt, 48,
                        worker -> firstTokenAt.put(index, System.nanoTime()))));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (firstTokenAt.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            victim.kill();
            killedAt = System.nanoTime();
            for (Future<Outcome> outcome : pending) {
                outcomes.add(outcome.get());
            }
        }
        double retried = sum(metrics(prefixRouter), "caracal_router_requests_total", "outcome=\"retried\"")
                - retriedBefore;
        String report = "killed " + victim.name() + " (" + victim.base() + "); retried " + retried + "; outcomes:\n"
                + String.join("\n", outcomes.stream().map(Outcome::toString).toList());
        System.out.println(report);
        int lost = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            Long first = firstTokenAt.get(i);
            boolean streamingBeforeKill = first != null && first < killedAt;
            if (!streamingBeforeKill) {
                assertThat(outcome.completed()).as("request %d had not started streaming when the worker was killed,"
                        + " so it must complete elsewhere\n%s", i, report).isTrue();
                assertThat(outcome.worker()).isNotEqualTo(victim.base());
            } else if (!outcome.completed()) {
                lost++;
            }
        }
        assertThat(retried).as("requests waiting at the killed worker were retried elsewhere\n" + report)
                .isGreaterThan(0);
        System.out.println("lost (had started streaming on the killed worker): " + lost);
    }

    @Test
    @Order(3)
    void aJoiningWorkerTakesLoadWithinTenSeconds() throws Exception {
        CaracalProcess joining = worker("worker-4").awaitReady(Duration.ofMinutes(3));
        workers.add(joining);
        long joinedAt = System.nanoTime();
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(prefixRouter.url("/admin/workers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + joining.base() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(added.body()).contains(joining.base());
        Random seed = new Random(6);
        double tookLoadAfter = -1;
        int toJoiner = 0;
        int sent = 0;
        while ((System.nanoTime() - joinedAt) < Duration.ofSeconds(20).toNanos() && toJoiner < 3) {
            List<Future<Outcome>> pending = new ArrayList<>();
            long sentAt = System.nanoTime();
            try (ExecutorService clients = Executors.newFixedThreadPool(2)) {
                for (int i = 0; i < 2; i++) {
                    int[] prompt = prompt(tokens(seed, PREFIX_TOKENS), seed);
                    pending.add(clients.submit(() -> stream(prefixRouter, prompt, 2, null)));
                }
                for (Future<Outcome> future : pending) {
                    Outcome outcome = future.get();
                    sent++;
                    assertThat(outcome.completed()).as(outcome.toString()).isTrue();
                    if (joining.base().equals(outcome.worker())) {
                        toJoiner++;
                        if (tookLoadAfter < 0) { // when the request it took was sent
                            tookLoadAfter = (sentAt - joinedAt) / 1e9;
                        }
                    }
                }
            }
        }
        System.out.printf("the joining worker was sent its first request %.2f s after joining; %d of %d requests%n",
                tookLoadAfter, toJoiner, sent);
        assertThat(tookLoadAfter).as("seconds until the joining worker took a request").isBetween(0.0, 10.0);
        assertThat(toJoiner).isGreaterThanOrEqualTo(3);
    }

    private static int[] prompt(int[] prefix, Random seed) {
        int[] prompt = Arrays.copyOf(prefix, PREFIX_TOKENS + SUFFIX_TOKENS);
        System.arraycopy(tokens(seed, SUFFIX_TOKENS), 0, prompt, PREFIX_TOKENS, SUFFIX_TOKENS);
        return prompt;
    }

    private String metrics(CaracalProcess process) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(process.url("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * The prompts of one phase, in rounds: each round asks every prefix once, in a shuffled order, each time with a
     * suffix of its own.
     */
    private List<int[]> prompts(Random seed) {
        List<int[]> prefixes = new ArrayList<>();
        for (int i = 0; i < PREFIXES; i++) {
            prefixes.add(tokens(seed, PREFIX_TOKENS));
        }
        List<int[]> prompts = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<Integer> order = new ArrayList<>(IntStream.range(0, PREFIXES).boxed().toList());
            Collections.shuffle(order, seed);
            for (int index : order) {
                prompts.add(prompt(prefixes.get(index), seed));
            }
        }
        return prompts;
    }

    private static int[] tokens(Random seed, int count) {
        return seed.ints(count, 10, 500).toArray();
    }

    /** One policy's run: its requests' outcomes and the workers' prefix-cache counters over it. */
    record Phase(List<Outcome> outcomes, double localHitRate, double hitRate) {

        double medianTimeToFirstToken() {
            double[] times = outcomes.stream().filter(Outcome::completed).mapToDouble(Outcome::timeToFirstToken)
                    .sorted().toArray();
            return times[times.length / 2];
        }

        long failures() {
            return outcomes.stream().filter(outcome -> !outcome.completed()).count();
        }

        @Override
        public String toString() {
            Map<String, Integer> perWorker = new HashMap<>();
            outcomes.forEach(outcome -> perWorker.merge(String.valueOf(outcome.worker()), 1, Integer::sum));
            return String.format("%d requests, %d failed, local hit rate %.3f (both tiers %.3f), median TTFT %.1f ms,"
                    + " per worker %s", outcomes.size(), failures(), localHitRate, hitRate,
                    medianTimeToFirstToken() * 1000, perWorker);
        }
    }

    private Phase phase(CaracalProcess router, List<int[]> prompts) throws Exception {
        Counters before = counters();
        List<Outcome> outcomes = new ArrayList<>();
        // One request at a time: its time to first token is its own service time, not a wait behind another's prefill.
        for (int[] prompt : prompts) {
            outcomes.add(stream(router, prompt, 2, null));
        }
        Counters after = counters();
        double queries = after.queryTokens() - before.queryTokens();
        double hits = after.hitTokens() - before.hitTokens();
        double loaded = (after.storeHitBlocks() - before.storeHitBlocks()) * 16;
        return new Phase(outcomes, (hits - loaded) / queries, hits / queries);
    }

    /** The workers' prefix-cache counters summed: tokens looked up, found, and blocks found in Redis. */
    record Counters(double queryTokens, double hitTokens, double storeHitBlocks) {
    }

    private Counters counters() throws IOException, InterruptedException {
        double queries = 0;
        double hits = 0;
        double store = 0;
        for (CaracalProcess worker : workers) {
            if (!worker.isAlive()) {
                continue;
            }
            String metrics = metrics(worker);
            queries += sum(metrics, "caracal_prefix_cache_queries_total");
            hits += sum(metrics, "caracal_prefix_cache_hits_total");
            store += sum(metrics, "caracal_kv_store_hits_total");
        }
        return new Counters(queries, hits, store);
    }

    private static double sum(String metrics, String name) {
        return sum(metrics, name, "");
    }

    /** The sum of the samples of {@code name} whose labels contain {@code label}. */
    private static double sum(String metrics, String name, String label) {
        double total = 0;
        Matcher matcher = Pattern.compile("^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(metrics);
        while (matcher.find()) {
            if (matcher.group(1) == null ? label.isEmpty() : matcher.group(1).contains(label)) {
                total += Double.parseDouble(matcher.group(2));
            }
        }
        return total;
    }

    /** Streams a completion of {@code prompt} through {@code router}; times its first token. */
    private Outcome stream(CaracalProcess router, int[] prompt, int maxTokens,
            java.util.function.Consumer<String> onFirstToken) {
        String body = "{\"model\":\"" + MODEL + "\",\"stream\":true,\"temperature\":0,\"max_tokens\":" + maxTokens
                + ",\"ignore_eos\":true,\"prompt\":" + Arrays.toString(prompt) + "}";
        long start = System.nanoTime();
        try {
            HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(
                            router.url("/v1/completions")).header("Content-Type", "application/json")
                    .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String worker = response.headers().firstValue(WORKER.pattern()).orElse(null);
            double first = -1;
            StringBuilder text = new StringBuilder();
            boolean done = false;
            String error = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!line.startsWith("data: ")) {
                        continue;
                    }
                    if (first < 0) {
                        first = (System.nanoTime() - start) / 1e9;
                        if (onFirstToken != null) {
                            onFirstToken.accept(worker);
                        }
                    }
                    if (line.equals("data: [DONE]")) {
                        done = true;
                    } else if (line.contains("\"error\"")) {
                        error = line;
                    } else {
                        text.append(line);
                    }
                }
            } catch (IOException broken) {
                error = "broken stream: " + broken.getMessage();
            }
            return new Outcome(response.statusCode(), worker, first, first >= 0, done && error == null
                    && response.statusCode() == 200, text.toString(), error);
        } catch (IOException | InterruptedException failure) {
            return new Outcome(-1, null, -1, false, false, "", failure.toString());
        }
    }
}
