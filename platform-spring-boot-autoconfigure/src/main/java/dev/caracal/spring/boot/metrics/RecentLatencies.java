package dev.caracal.spring.boot.metrics;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The latencies of one model's requests that finished in the last minute, for live percentiles: time to first token
 * and time per output token (the mean gap between a request's tokens after the first, as vLLM reports it). At most
 * {@link #CAPACITY} requests are kept. Thread-safe.
 */
public final class RecentLatencies {

    /** How far back the window reaches. */
    public static final Duration WINDOW = Duration.ofMinutes(1);
    /** The most requests kept. */
    static final int CAPACITY = 10_000;

    /** Percentiles in seconds. */
    public record Percentiles(double p50, double p90, double p99) {
    }

    /** Live percentiles of the window; each null when no request in it had such a latency. */
    public record Snapshot(Percentiles timeToFirstToken, Percentiles timePerOutputToken, int requests) {
    }

    private record Sample(long atNanos, double timeToFirstToken, double timePerOutputToken) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    /**
     * Records one finished request.
     *
     * @param timeToFirstToken   seconds, or NaN when it produced no token
     * @param timePerOutputToken seconds, or NaN when it produced fewer than two tokens
     */
    public synchronized void record(double timeToFirstToken, double timePerOutputToken) {
        long now = System.nanoTime();
        samples.addLast(new Sample(now, timeToFirstToken, timePerOutputToken));
        if (samples.size() > CAPACITY) {
            samples.removeFirst();
        }
        forgetOld(now);
    }

    /** The percentiles of the requests that finished in the last minute. */
    public synchronized Snapshot snapshot() {
        forgetOld(System.nanoTime());
        return new Snapshot(percentiles(samples.stream().mapToDouble(Sample::timeToFirstToken).toArray()),
                percentiles(samples.stream().mapToDouble(Sample::timePerOutputToken).toArray()), samples.size());
    }

    private void forgetOld(long now) {
        while (!samples.isEmpty() && now - samples.peekFirst().atNanos() > WINDOW.toNanos()) {
            samples.removeFirst();
        }
    }

    /** Nearest-rank percentiles of the values that are numbers; null when there are none. */
    static Percentiles percentiles(double[] values) {
        double[] known = Arrays.stream(values).filter(value -> !Double.isNaN(value)).sorted().toArray();
        if (known.length == 0) {
            return null;
        }
        return new Percentiles(rank(known, 0.50), rank(known, 0.90), rank(known, 0.99));
    }

    private static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }
}
