package dev.caracal.tools.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A closed-loop serving benchmark, in the manner of vLLM's {@code benchmark_serving.py} with a maximum concurrency:
 * {@code concurrency} clients each send one streaming request at a time until {@code requests} have been sent; every
 * request has a prompt of distinct random token ids (so nothing is served from the prefix cache) and generates exactly
 * its number of tokens (greedy, end-of-generation ignored), drawn for request {@code i} from
 * {@code maxTokens × [1 - rangeRatio, 1 + rangeRatio]} the same way for every target (vLLM's
 * {@code --random-range-ratio}: with equal lengths the clients would start and finish in waves, and every new request
 * would wait for the prefill of all the others). Latencies are those of the steady state: each client's first request,
 * sent together with every other client's, is left out of the time to first token and reported apart (all of them
 * arrive at once, so the last waits for the prefill of every other prompt, however the engine schedules). Per request
 * it records the time to first token, the time per output token after the first
 * ({@code (e2e - ttft) / (tokens - 1)}), the gaps between streamed chunks and the end-to-end latency; per run the output
 * throughput. The same workload runs against any {@link Target}: the engine in process, or the HTTP API.
 */
public final class ServingBenchmark {

    /** Where requests go. */
    public interface Target {

        /** A short name for tables: {@code engine}, {@code http}. */
        String name();

        /** Runs one request to its end (blocking) and says when its chunks arrived. */
        RequestTimes run(int[] prompt, int maxTokens) throws Exception;
    }

    /**
     * One request's timings, in nanoseconds from when it was sent.
     *
     * @param firstTokenNanos when the first generated token arrived
     * @param endNanos        when the last one arrived (the request was done)
     * @param tokens          tokens generated
     * @param chunkNanos      when each streamed chunk with tokens arrived, in order
     */
    public record RequestTimes(long firstTokenNanos, long endNanos, int tokens, long[] chunkNanos) {
    }

    /**
     * Mean and percentiles of a latency, in seconds.
     */
    public record Latencies(double mean, double p50, double p90, double p99) {

        static Latencies of(List<Double> seconds) {
            if (seconds.isEmpty()) {
                return new Latencies(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Latencies(Arrays.stream(sorted).average().orElseThrow(), percentile(sorted, 50),
                    percentile(sorted, 90), percentile(sorted, 99));
        }

        /** The {@code p}-th percentile by linear interpolation between closest ranks (numpy's default). */
        static double percentile(double[] sorted, double p) {
            double rank = p / 100 * (sorted.length - 1);
            int low = (int) Math.floor(rank);
            int high = (int) Math.ceil(rank);
            return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
        }
    }

    /**
     * The outcome of one target at one concurrency.
     *
     * @param target                 the target's name
     * @param concurrency            clients at once
     * @param requests               requests completed
     * @param outputTokens           tokens generated in all
     * @param seconds                from the first request sent to the last finished
     * @param outputTokensPerSecond  {@code outputTokens / seconds}
     * @param timeToFirstToken       per request, each client's first request left out (the ramp)
 * @param timeToFirstTokenAtRamp each client's first request, all sent at once
     * @param timePerOutputToken     per request, after its first token
     * @param interChunkLatency      between consecutive chunks of a request
     * @param endToEnd               per request
     */
    public record Level(String target, int concurrency, int requests, long outputTokens, double seconds,
            double outputTokensPerSecond, Latencies timeToFirstToken, Latencies timeToFirstTokenAtRamp,
            Latencies timePerOutputToken, Latencies interChunkLatency, Latencies endToEnd) {
    }

    /** Rounds of the same level reduced to one: every figure is the median of the rounds' figures. */
    public static Level median(List<Level> rounds) {
        Level first = rounds.getFirst();
        return new Level(first.target(), first.concurrency(), first.requests(),
                (long) medianOf(rounds, level -> level.outputTokens()), medianOf(rounds, Level::seconds),
                medianOf(rounds, Level::outputTokensPerSecond), latencies(rounds, Level::timeToFirstToken),
                latencies(rounds, Level::timeToFirstTokenAtRamp), latencies(rounds, Level::timePerOutputToken),
                latencies(rounds, Level::interChunkLatency), latencies(rounds, Level::endToEnd));
    }

    private static Latencies latencies(List<Level> rounds, Function<Level, Latencies> latency) {
        return new Latencies(medianOf(rounds, level -> latency.apply(level).mean()),
                medianOf(rounds, level -> latency.apply(level).p50()),
                medianOf(rounds, level -> latency.apply(level).p90()),
                medianOf(rounds, level -> latency.apply(level).p99()));
    }

    private static double medianOf(List<Level> rounds, ToDoubleFunction<Level> figure) {
        return Latencies.percentile(rounds.stream().mapToDouble(figure).sorted().toArray(), 50);
    }

    private final int vocabularyBound;
    private final double rangeRatio;
    private final SplittableRandom random = new SplittableRandom(2026);

    /**
     * @param vocabularyBound prompt token ids are drawn from {@code [3, vocabularyBound)}
     * @param rangeRatio      in [0, 1): how far output lengths spread around {@code maxTokens}
     */
    public ServingBenchmark(int vocabularyBound, double rangeRatio) {
        if (vocabularyBound < 4) {
            throw new IllegalArgumentException("the vocabulary bound must be at least 4, was " + vocabularyBound);
        }
        if (!(rangeRatio >= 0 && rangeRatio < 1)) {
            throw new IllegalArgumentException("the range ratio must be in [0, 1), was " + rangeRatio);
        }
        this.vocabularyBound = vocabularyBound;
        this.rangeRatio = rangeRatio;
    }

    /** The output length of request {@code index}: the same for every target and run. */
    int outputLength(int index, int maxTokens) {
        double unit = new SplittableRandom(index * 0x9E3779B97F4A7C15L).nextDouble(); // [0, 1), by index only
        int length = (int) Math.round(maxTokens * (1 - rangeRatio + 2 * rangeRatio * unit));
        return Math.max(2, length);
    }

    /** Sends {@code requests} requests through {@code concurrency} clients and measures them. */
    public Level run(Target target, int concurrency, int requests, int promptTokens, int maxTokens)
            throws Exception {
        List<int[]> prompts = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            prompts.add(random.ints(promptTokens, 3, vocabularyBound).toArray());
        }
        List<RequestTimes> times = Collections.synchronizedList(new ArrayList<>());
        List<RequestTimes> ramp = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(concurrency,
                Thread.ofPlatform().daemon().name("bench-client-", 1).factory())) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                running.add(clients.submit(() -> {
                    boolean first = true;
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        RequestTimes request = target.run(prompts.get(i), outputLength(i, maxTokens));
                        times.add(request);
                        if (first) {
                            ramp.add(request);
                        }
                        first = false;
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> ttft = new ArrayList<>();
        List<Double> rampTtft = new ArrayList<>();
        List<Double> tpot = new ArrayList<>();
        List<Double> itl = new ArrayList<>();
        List<Double> e2e = new ArrayList<>();
        long tokens = 0;
        for (RequestTimes request : times) {
            tokens += request.tokens();
            (ramp.contains(request) ? rampTtft : ttft).add(request.firstTokenNanos() / 1e9);
            e2e.add(request.endNanos() / 1e9);
            if (request.tokens() > 1) {
                tpot.add((request.endNanos() - request.firstTokenNanos()) / 1e9 / (request.tokens() - 1));
            }
            for (int i = 1; i < request.chunkNanos().length; i++) {
                itl.add((request.chunkNanos()[i] - request.chunkNanos()[i - 1]) / 1e9);
            }
        }
        return new Level(target.name(), concurrency, times.size(), tokens, seconds, tokens / seconds,
                Latencies.of(ttft.isEmpty() ? rampTtft : ttft), Latencies.of(rampTtft), Latencies.of(tpot),
                Latencies.of(itl), Latencies.of(e2e));
    }
}
