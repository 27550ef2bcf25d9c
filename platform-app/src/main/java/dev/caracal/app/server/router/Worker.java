package dev.caracal.app.server.router;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One remote Caracal worker as the router sees it: its last polled state ({@code GET /cluster/v1/state}), the requests
 * the router has in flight to it, and the blocks of the prompts it was sent lately (which it caches once their prefill
 * has run, before the next poll shows them).
 */
final class Worker {

    /** How long a routed prompt's blocks count as cached there without a poll confirming them. */
    static final long ROUTED_TTL_NANOS = 30_000_000_000L;
    /** The window of the working set the router gives a worker ({@link #recentBlocks}). */
    static final long SPREAD_WINDOW_NANOS = 10_000_000_000L;

    /**
     * One model of a worker.
     *
     * @param cachedBlocks the hashes (32 hex digits) of the blocks its prefix cache holds
     */
    record ModelState(String model, boolean ready, int waiting, int running, double kvCacheUsage, int blockSize,
            long blocksTotal, Set<String> cachedBlocks) {
    }

    /**
     * A poll's result.
     *
     * @param reachable whether the worker answered the last poll
     * @param problem   why it did not (null when it did)
     */
    record State(boolean reachable, Map<String, ModelState> models, long polledAtNanos, String problem) {

        static final State UNKNOWN = new State(false, Map.of(), 0, "not polled yet");
    }

    private final URI base;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong routed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Map<String, Long> routedBlocks = new ConcurrentHashMap<>();
    private final ArrayDeque<Routed> window = new ArrayDeque<>();
    private int recentDistinct;
    private volatile State state = State.UNKNOWN;

    Worker(URI base) {
        this.base = base;
    }

    /** The worker's base URL ({@code http://10.0.0.5:8000}). */
    URI base() {
        return base;
    }

    State state() {
        return state;
    }

    void update(State polled) {
        state = polled;
        synchronized (this) {
            long now = System.nanoTime();
            expire(now);
            routedBlocks.values().removeIf(at -> now - at > ROUTED_TTL_NANOS);
        }
    }

    /** Marks the worker unreachable until its next successful poll (a request to it could not connect). */
    void markUnreachable(String problem) {
        state = new State(false, state.models(), System.nanoTime(), problem);
    }

    /** Whether the worker answered its last poll and has {@code model} loaded and warmed. */
    boolean serves(String model) {
        State now = state;
        ModelState of = now.models().get(model);
        return now.reachable() && of != null && of.ready();
    }

    /** The requests queued or running there: the router's own in flight, or the worker's count if larger. */
    int load(String model) {
        ModelState of = state.models().get(model);
        int polled = of == null ? 0 : of.waiting() + of.running();
        return Math.max(inFlight.get(), polled);
    }

    double kvCacheUsage(String model) {
        ModelState of = state.models().get(model);
        return of == null ? 0 : of.kvCacheUsage();
    }

    /** How many of {@code hashes}, from the first on, the worker holds (as last polled, or as lately routed there). */
    int cachedPrefix(String model, List<String> hashes) {
        ModelState of = state.models().get(model);
        Set<String> cached = of == null ? Set.of() : of.cachedBlocks();
        long now = System.nanoTime();
        int matched = 0;
        for (String hash : hashes) {
            Long at = routedBlocks.get(hash);
            if (!cached.contains(hash) && (at == null || now - at > ROUTED_TTL_NANOS)) {
                break;
            }
            matched++;
        }
        return matched;
    }

    /**
     * How many distinct blocks of prompts were sent here in the last {@link #SPREAD_WINDOW_NANOS}: the working set the
     * router gives the worker now. Where no worker holds a new prompt's prefix, the one with the smallest working set
     * takes it, so that prefixes spread over the workers' caches. (What a worker reports holding is no guide: a busy
     * worker's cache is full of whatever it computed last, however stale.)
     */
    synchronized int recentBlocks() {
        expire(System.nanoTime());
        return recentDistinct;
    }

    private void expire(long now) {
        while (!window.isEmpty() && now - window.peekFirst().at() > SPREAD_WINDOW_NANOS) {
            Routed oldest = window.pollFirst();
            Long last = routedBlocks.get(oldest.hash());
            if (last != null && last == oldest.at()) {
                recentDistinct--; // not sent again since: it leaves the working set
            }
        }
    }

    /** Records that a request with these block hashes was sent here. */
    synchronized void routed(List<String> hashes) {
        routed.incrementAndGet();
        long now = System.nanoTime();
        expire(now);
        for (String hash : hashes) {
            Long last = routedBlocks.put(hash, now);
            if (last == null || now - last > SPREAD_WINDOW_NANOS) {
                recentDistinct++;
            }
            window.addLast(new Routed(now, hash));
        }
    }

    /** A block sent here, and when. */
    private record Routed(long at, String hash) {
    }

    /** Counts a request started here; {@link #finished()} ends it. */
    void started() {
        inFlight.incrementAndGet();
    }

    void finished() {
        inFlight.decrementAndGet();
    }

    void failed() {
        failures.incrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    long routedCount() {
        return routed.get();
    }

    long failureCount() {
        return failures.get();
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
