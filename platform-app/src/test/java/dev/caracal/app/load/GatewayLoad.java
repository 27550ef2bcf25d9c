package dev.caracal.app.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The gateway's bounded load test (not part of {@code ./mvnw verify}; {@code bin/load-test} runs it). It starts
 * {@code caracal serve} on a free loopback port with one model (by default a 110M-shape random Q4_0 model), measures
 * the sustainable request rate with as many clients as the engine can run at once, then offers three times that rate
 * (Poisson arrivals, streamed completions) for two minutes, and stops by itself. It checks that no response is a
 * 5xx, that every request gets either its full stream or a 429, that the p99 time to first token of admitted
 * requests stays within the queue time-out plus twice the p99 measured at the sustainable rate, that the server's
 * resident memory stays within a quarter (plus 64 MB) above where it was when the load began, and that every KV block
 * is free again once the load has drained. It prints a summary and, with {@code --report FILE}, writes it as
 * Markdown. JDK only, so {@code java GatewayLoad.java} runs it without a build.
 *
 * <p>Options ({@code --name=value}): {@code model} (GGUF file), {@code duration} (seconds of overload, 120),
 * {@code factor} (3), {@code prompt-tokens} (64), {@code max-tokens} (64), {@code max-sequences} (16),
 * {@code kv-memory} (40MB), {@code context} (256), {@code queue-timeout} (seconds, 3), {@code calibration} (seconds,
 * 20), {@code heap} (1g), {@code report} (file), {@code seed} (1), {@code caracal} (the launcher, bin/caracal).
 */
public final class GatewayLoad {

    private static final String USER_KEY = "sk-load-" + Long.toHexString(new Random().nextLong());
    private static final String ADMIN_KEY = "sk-load-admin-" + Long.toHexString(new Random().nextLong());
    private static final int EOS = 2;
    private static final String DEFAULT_MODEL = "/tmp/models/random-110m-q4_0.gguf";

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random;
    private Process server;
    private String base;

    private GatewayLoad(Map<String, String> options) {
        this.options = options;
        this.random = new Random(Long.parseLong(option("seed", "1")));
    }

    /** One request's outcome. */
    private record Outcome(int status, boolean complete, String problem, double ttftSeconds, double seconds) {
    }

    /** Latencies in seconds, sorted on demand. */
    private static final class Latencies {
        private final List<Double> values = Collections.synchronizedList(new ArrayList<>());

        void add(double seconds) {
            values.add(seconds);
        }

        double percentile(double p) {
            List<Double> sorted;
            synchronized (values) {
                sorted = new ArrayList<>(values);
            }
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            Collections.sort(sorted);
            int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }

        int size() {
            return values.size();
        }
    }

    public static void main(String[] arguments) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String argument : arguments) {
            if (!argument.startsWith("--") || !argument.contains("=")) {
                System.err.println("usage: GatewayLoad [--name=value ...] (see the class comment)");
                System.exit(2);
            }
            options.put(argument.substring(2, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
        }
        GatewayLoad load = new GatewayLoad(options);
        int exit;
        try {
            exit = load.run();
        } finally {
            load.stopServer();
        }
        System.exit(exit);
    }

    private String option(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    private int run() throws Exception {
        Path model = Path.of(option("model", DEFAULT_MODEL));
        int promptTokens = Integer.parseInt(option("prompt-tokens", "64"));
        int maxTokens = Integer.parseInt(option("max-tokens", "64"));
        double factor = Double.parseDouble(option("factor", "3"));
        Duration duration = Duration.ofSeconds(Long.parseLong(option("duration", "120")));
        Duration calibration = Duration.ofSeconds(Long.parseLong(option("calibration", "20")));
        double queueTimeout = Double.parseDouble(option("queue-timeout", "3"));
        String loadAverageBefore = loadAverage();

        startServer(model, queueTimeout);
        String stats = get("/admin/stats", ADMIN_KEY);
        int blocksTotal = number(stats, "kv_blocks_total");
        int blockSize = number(stats, "block_size");
        int maxSequences = Integer.parseInt(option("max-sequences", "16"));
        int blocksPerRequest = (promptTokens + maxTokens - 1 + blockSize - 1) / blockSize;
        int capacity = Math.max(1, Math.min(maxSequences, blocksTotal / blocksPerRequest));
        System.out.printf(Locale.ROOT, "server up: %d KV blocks of %d tokens, %d per request: %d requests at once%n",
                blocksTotal, blockSize, blocksPerRequest, capacity);

        // Warm up, then the sustainable rate: as many clients as run at once, each sending the next when one ends.
        closedLoop(capacity, Duration.ofSeconds(8), promptTokens, maxTokens, new Latencies());
        Latencies calibrationTtft = new Latencies();
        long start = System.nanoTime();
        int completed = closedLoop(capacity, calibration, promptTokens, maxTokens, calibrationTtft);
        double sustainable = completed / ((System.nanoTime() - start) / 1e9);
        double offered = factor * sustainable;
        double ttftBound = queueTimeout + 2 * calibrationTtft.percentile(99);
        System.out.printf(Locale.ROOT, "sustainable: %.2f requests/s (p99 TTFT %.3f s); offering %.2f requests/s for"
                + " %d s%n", sustainable, calibrationTtft.percentile(99), offered, duration.toSeconds());

        // The overload: Poisson arrivals at the offered rate, each request on its own virtual thread.
        long pid = server.pid();
        long rssAtStart = rssKb(pid);
        AtomicLong rssPeak = new AtomicLong(rssAtStart);
        AtomicBoolean sampling = new AtomicBoolean(true);
        List<long[]> rssSamples = Collections.synchronizedList(new ArrayList<>());
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            long t0 = System.nanoTime();
            while (sampling.get()) {
                long rss = rssKb(pid);
                rssPeak.accumulateAndGet(rss, Math::max);
                rssSamples.add(new long[] {(System.nanoTime() - t0) / 1_000_000_000L, rss});
                sleep(1000);
            }
        });
        Outcomes outcomes = new Outcomes();
        Latencies ttft = new Latencies();
        Latencies refusalLatency = new Latencies();
        Latencies e2e = new Latencies();
        long loadStart = System.nanoTime();
        long end = loadStart + duration.toNanos();
        long next = loadStart;
        AtomicInteger inFlight = new AtomicInteger();
        int sent = 0;
        while (next < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String body = request(promptTokens, maxTokens);
            inFlight.incrementAndGet();
            sent++;
            Thread.ofVirtual().start(() -> {
                try {
                    Outcome outcome = stream(body);
                    outcomes.add(outcome);
                    if (outcome.status() == 200 && outcome.complete()) {
                        ttft.add(outcome.ttftSeconds());
                        e2e.add(outcome.seconds());
                    } else if (outcome.status() == 429) {
                        refusalLatency.add(outcome.seconds());
                    }
                } finally {
                    inFlight.decrementAndGet();
                }
            });
            next += (long) (-Math.log(1 - random.nextDouble()) / offered * 1e9);
        }
        double offeredSeconds = (System.nanoTime() - loadStart) / 1e9;
        long drainStart = System.nanoTime();
        while (inFlight.get() > 0 && System.nanoTime() - drainStart < Duration.ofMinutes(3).toNanos()) {
            Thread.sleep(50);
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        sampling.set(false);
        sampler.join();
        long rssAtEnd = rssKb(pid);

        // After the drain: every KV block free, nothing reserved, queued or running.
        String after = "";
        long freeDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        boolean allFree = false;
        while (!allFree && System.nanoTime() < freeDeadline) {
            after = get("/admin/stats", ADMIN_KEY);
            allFree = number(after, "kv_blocks_used") == 0 && number(after, "running_requests") == 0
                    && number(after, "reserved_blocks") == 0 && number(after, "running_sequences") == 0;
            if (!allFree) {
                Thread.sleep(100);
            }
        }
        String metrics = get("/actuator/prometheus", null);
        String loadAverageAfter = loadAverage();

        // The figures and the checks.
        Map<String, Long> byStatus = outcomes.all().stream().collect(Collectors.groupingBy(
                o -> o.status() == 200 ? (o.complete() ? "200 full" : "200 incomplete") : String.valueOf(o.status()),
                TreeMap::new, Collectors.counting()));
        long serverErrors = outcomes.all().stream().filter(o -> o.status() >= 500).count();
        long neither = outcomes.all().stream().filter(o -> !(o.status() == 200 && o.complete())
                && o.status() != 429).count();
        List<String> problems = outcomes.all().stream().filter(o -> o.problem() != null).map(Outcome::problem)
                .distinct().limit(5).toList();
        long rssBound = rssAtStart + rssAtStart / 4 + 64 * 1024;
        double ttftP99 = ttft.percentile(99);
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("no 5xx", serverErrors == 0);
        checks.put("every request got its full stream or a 429", neither == 0 && outcomes.all().size() == sent);
        checks.put(String.format(Locale.ROOT, "p99 TTFT of admitted requests ≤ %.2f s", ttftBound),
                ttftP99 <= ttftBound);
        checks.put(String.format(Locale.ROOT, "peak RSS ≤ %d MB", rssBound / 1024), rssPeak.get() <= rssBound);
        checks.put("every KV block free after the drain", allFree);
        boolean passed = checks.values().stream().allMatch(Boolean::booleanValue);

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, """
                | figure | value |
                |---|---|
                | machine | %s, %d processors, Java %s |
                | load average (1, 5, 15 min) before / after | %s / %s |
                | model | `%s`, context %s, max-sequences %d, kv-memory %s (%d blocks of %d tokens) |
                | request | %d prompt tokens (random ids), `max_tokens` %d, streamed, greedy, EOS banned |
                | requests the engine runs at once | %d (%d KV blocks each) |
                | sustainable rate (closed loop, %d clients, %d s) | %.2f requests/s, p99 TTFT %.3f s |
                | offered rate | %.2f requests/s (×%.1f) for %.0f s: %d requests, Poisson arrivals |
                | outcomes | %s |
                | admitted: TTFT p50 / p90 / p99 / max | %.3f / %.3f / %.3f / %.3f s \
                (bound %.2f s = queue time-out %.1f s + 2 × %.3f s) |
                | admitted: whole request p50 / p99 | %.2f / %.2f s |
                | refused: time to the 429 p50 / p99 | %.1f / %.1f ms |
                | refusals by reason | %s |
                | server RSS at start / peak / end of the load | %d / %d / %d MB (bound %d MB) |
                | drain after the last arrival | %.1f s |
                | KV blocks in use after the drain | %s |
                """,
                cpuModel(), Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAverageBefore,
                loadAverageAfter, model.getFileName(), option("context", "256"), maxSequences,
                option("kv-memory", "40MB"), blocksTotal, blockSize, promptTokens, maxTokens, capacity,
                blocksPerRequest, capacity, calibration.toSeconds(), sustainable, calibrationTtft.percentile(99),
                offered, factor, offeredSeconds, sent, byStatus, ttft.percentile(50), ttft.percentile(90), ttftP99,
                ttft.percentile(100), ttftBound, queueTimeout, calibrationTtft.percentile(99), e2e.percentile(50),
                e2e.percentile(99), refusalLatency.percentile(50) * 1000, refusalLatency.percentile(99) * 1000,
                rejections(metrics), rssAtStart / 1024, rssPeak.get() / 1024, rssAtEnd / 1024, rssBound / 1024,
                drainSeconds, allFree ? "0 of " + blocksTotal : "still " + number(after, "kv_blocks_used")));
        report.append("\nChecks:\n\n");
        checks.forEach((check, ok) -> report.append("- ").append(ok ? "pass" : "FAIL").append(": ").append(check)
                .append('\n'));
        if (!problems.isEmpty()) {
            report.append("\nProblems seen: ").append(problems).append('\n');
        }
        report.append("\nServer RSS every 10 s (s: MB): ").append(rssSamples.stream()
                .filter(sample -> sample[0] % 10 == 0)
                .map(sample -> sample[0] + ": " + sample[1] / 1024).collect(Collectors.joining(", "))).append('\n');
        System.out.println();
        System.out.println(report);
        System.out.println(passed ? "load test passed" : "load test FAILED");
        String reportFile = options.get("report");
        if (reportFile != null) {
            writeReport(Path.of(reportFile), report.toString());
        }
        return passed ? 0 : 1;
    }

    /** Outcomes of every request, in any order. */
    private static final class Outcomes {
        private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

        void add(Outcome outcome) {
            outcomes.add(outcome);
        }

        List<Outcome> all() {
            return List.copyOf(outcomes);
        }
    }

    /** {@code clients} clients, each sending its next request when the last ends, for {@code length}. */
    private int closedLoop(int clients, Duration length, int promptTokens, int maxTokens, Latencies ttft)
            throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        AtomicInteger completed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        Outcome outcome = stream(request(promptTokens, maxTokens));
                        if (outcome.status() == 200 && outcome.complete()) {
                            completed.incrementAndGet();
                            ttft.add(outcome.ttftSeconds());
                        } else {
                            System.err.println("calibration request: " + outcome);
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return completed.get();
    }

    /** A streamed completion of random prompt tokens (ids 3 and up: no control tokens), EOS banned. */
    private String request(int promptTokens, int maxTokens) {
        StringBuilder prompt = new StringBuilder("[1");
        synchronized (random) {
            for (int i = 1; i < promptTokens; i++) {
                prompt.append(',').append(3 + random.nextInt(31_997));
            }
        }
        prompt.append(']');
        return "{\"model\": \"load\", \"prompt\": " + prompt + ", \"max_tokens\": " + maxTokens
                + ", \"stream\": true, \"temperature\": 0, \"logit_bias\": {\"" + EOS + "\": -100}}";
    }

    /** Sends one streamed request and reads it to its end. */
    private Outcome stream(String body) {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/completions"))
                .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + USER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                String text = response.body().collect(Collectors.joining("\n"));
                boolean openAiError = text.contains("\"error\"") && text.contains("\"message\"");
                return new Outcome(response.statusCode(), false, openAiError ? null : "not an OpenAI error: "
                        + text, Double.NaN, (System.nanoTime() - start) / 1e9);
            }
            double firstToken = Double.NaN;
            boolean finished = false;
            boolean done = false;
            String problem = null;
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (!line.startsWith("data: ")) {
                    continue;
                }
                String data = line.substring(6);
                if (data.equals("[DONE]")) {
                    done = true;
                } else if (data.contains("\"error\"")) {
                    problem = "error event: " + data;
                } else {
                    if (Double.isNaN(firstToken)) {
                        firstToken = (System.nanoTime() - start) / 1e9;
                    }
                    finished |= data.contains("\"finish_reason\":\"length\"")
                            || data.contains("\"finish_reason\":\"stop\"");
                }
            }
            boolean complete = done && finished && problem == null;
            return new Outcome(200, complete, complete ? null : problem != null ? problem : "stream ended early",
                    firstToken, (System.nanoTime() - start) / 1e9);
        } catch (IOException | UncheckedIOException failure) {
            return new Outcome(-1, false, "I/O: " + failure, Double.NaN, (System.nanoTime() - start) / 1e9);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, false, "interrupted", Double.NaN, (System.nanoTime() - start) / 1e9);
        }
    }

    private void startServer(Path model, double queueTimeout) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        Path root = Path.of(option("root", ".")).toAbsolutePath().normalize();
        Path log = root.resolve("platform-app/target/load-test-server.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(option("caracal", root.resolve("bin/caracal").toString()),
                "serve", "--model", model.toString(), "--alias", "load", "--port", String.valueOf(port),
                "--context", option("context", "256"),
                "--server.address=127.0.0.1",
                "--caracal.models[0].max-sequences=" + option("max-sequences", "16"),
                "--caracal.models[0].kv-memory=" + option("kv-memory", "40MB"),
                "--caracal.admission.queue-timeout=" + Math.round(queueTimeout * 1000) + "ms",
                "--caracal.security.tenants[0].name=load",
                "--caracal.security.tenants[0].key-hashes[0]=" + hash(USER_KEY),
                "--caracal.security.tenants[1].name=operator",
                "--caracal.security.tenants[1].roles=admin",
                "--caracal.security.tenants[1].key-hashes[0]=" + hash(ADMIN_KEY)));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CARACAL_JAVA_OPTS", "-Xmx" + option("heap", "1g"));
        server = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopServer));
        System.out.println("starting " + String.join(" ", command.subList(0, 10)) + " ... (log: " + log + ")");
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server did not become healthy in 4 minutes; see " + log);
    }

    private void stopServer() {
        Process process = server;
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException interrupted) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private String get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":(-?\\d+)").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** {@code caracal_admission_rejected_total} by reason, from the Prometheus text. */
    private static String rejections(String metrics) {
        Map<String, Double> byReason = new ConcurrentHashMap<>();
        Matcher matcher = Pattern.compile(
                "caracal_admission_rejected_total\\{[^}]*reason=\"([a-z_]+)\"[^}]*} ([0-9.E]+)").matcher(metrics);
        while (matcher.find()) {
            byReason.merge(matcher.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
        }
        return byReason.isEmpty() ? "none" : new TreeMap<>(byReason).entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue().longValue()).collect(Collectors.joining(", "));
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return 0;
    }

    /** The 1, 5 and 15 minute load averages. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (IOException unreadable) {
            return "unknown CPU";
        }
    }

    private static String hash(String key) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the report between the markers of {@code file} (the rest of the file is kept), or a new file. */
    private void writeReport(Path file, String report) throws IOException {
        String begin = "<!-- load-test:begin -->";
        String finish = "<!-- load-test:end -->";
        String section = begin + "\n\nRun " + Instant.now().toString().substring(0, 10) + " with `bin/load-test"
                + options.entrySet().stream().filter(e -> !e.getKey().equals("report")
                        && !(e.getKey().equals("model") && e.getValue().equals(DEFAULT_MODEL)))
                        .map(e -> " --" + e.getKey() + "=" + e.getValue()).collect(Collectors.joining()) + "`:\n\n"
                + report + "\n" + finish;
        String text = Files.exists(file) ? Files.readString(file) : "";
        int from = text.indexOf(begin);
        int to = text.indexOf(finish);
        text = from >= 0 && to > from ? text.substring(0, from) + section + text.substring(to + finish.length())
                : text + (text.isEmpty() ? "" : "\n") + section + "\n";
        Files.writeString(file, text);
        System.out.println("wrote " + file);
    }
}
