package dev.caracal.app.server.admission;

import dev.caracal.app.server.error.OpenAiException;
import dev.caracal.engine.api.Priority;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The token-budget admission gate of one deployment. A request reserves the KV blocks it may need at most (each
 * choice {@code ceil(min(prompt + max_tokens - 1, context) / block size)}) and one sequence per choice; it is admitted
 * while the reservations of admitted requests fit the KV cache and the engine's sequence limit, so the engine never
 * has to preempt or queue. A request that does not fit waits in a bounded queue, interactive before batch and first
 * come first served within a class, for at most its queue time-out; one estimated to wait more than three quarters of
 * that time, or that finds the queue full, is refused at once with a 429 whose {@code Retry-After} says when it would
 * not. The wait is
 * estimated from how fast the deployment drains: the measured service time per KV block of the requests that ended
 * (a moving average), applied to the admitted requests and to those queued ahead. Refusals never block a thread;
 * nothing here grows without bound.
 */
public final class AdmissionController {

    private static final Priority[] PRIORITIES = Priority.values();
    /**
     * The share of its queue time-out a request may be estimated to wait and still be queued: the rest absorbs the
     * estimate's error, so that refusals come at once rather than at the time-out.
     */
    private static final double QUEUE_TIMEOUT_SHARE = 0.75;
    /** The weight of the latest request in the moving average of the service time per KV block. */
    private static final double SERVICE_TIME_WEIGHT = 0.2;

    /** What a request holds from admission until it ends: KV blocks and sequences of the deployment. */
    public final class Reservation {
        private final int blocks;
        private final int sequences;
        private final Priority priority;
        private final long waitedNanos;
        private final long admittedNanos;
        private final AtomicBoolean released = new AtomicBoolean();

        private Reservation(int blocks, int sequences, Priority priority, long waitedNanos, long admittedNanos) {
            this.blocks = blocks;
            this.sequences = sequences;
            this.priority = priority;
            this.waitedNanos = waitedNanos;
            this.admittedNanos = admittedNanos;
        }

        public int blocks() {
            return blocks;
        }

        public int sequences() {
            return sequences;
        }

        public Priority priority() {
            return priority;
        }

        /** How long the request waited in the queue (0 when admitted at once). */
        public Duration waited() {
            return Duration.ofNanos(waitedNanos);
        }

        /** Gives the blocks and sequences back and admits whoever now fits; only the first call counts. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                AdmissionController.this.release(this);
            }
        }
    }

    /** A request waiting for admission. */
    private static final class Ticket {
        enum State { NEW, QUEUED, GRANTED, CANCELLED }

        final int blocks;
        final int sequences;
        final Priority priority;
        final MonoSink<Reservation> sink;
        final long arrival;
        State state = State.NEW;
        Reservation reservation;

        Ticket(int blocks, int sequences, Priority priority, MonoSink<Reservation> sink, long arrival) {
            this.blocks = blocks;
            this.sequences = sequences;
            this.priority = priority;
            this.sink = sink;
            this.arrival = arrival;
        }
    }

    /**
     * The gate's state at one moment.
     *
     * @param queued            requests waiting, by priority class
     * @param queuedBlocks      KV blocks the waiting requests need
     * @param reservedBlocks    KV blocks reserved by admitted requests
     * @param totalBlocks       KV blocks of the deployment
     * @param runningSequences  sequences (choices) of admitted requests
     * @param maxSequences      the most sequences the engine runs at once
     * @param blocksPerSecond   KV blocks released per second lately; NaN while unknown
     * @param requestsPerSecond sequences released per second lately; NaN while unknown
     */
    public record Snapshot(Map<Priority, Integer> queued, long queuedBlocks, long reservedBlocks, int totalBlocks,
            int runningSequences, int maxSequences, double blocksPerSecond, double requestsPerSecond) {

        /** Requests waiting, all classes together. */
        public int queuedTotal() {
            return queued.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final String model;
    private final int totalBlocks;
    private final int blockSize;
    private final int contextLength;
    private final int maxSequences;
    private final int maxQueued;
    private final LongSupplier clock;
    private final DrainRate drain;
    private final Map<Priority, ArrayDeque<Ticket>> queues = new EnumMap<>(Priority.class);
    private final long[] queuedBlocks = new long[PRIORITIES.length];
    private final int[] queuedSequences = new int[PRIORITIES.length];
    private final Set<Reservation> running = new LinkedHashSet<>();
    private long reservedBlocks;
    private int runningSequences;
    private double serviceNanosPerBlock = Double.NaN;

    /**
     * A gate for a deployment.
     *
     * @param model         the model's name, for messages
     * @param totalBlocks   the KV blocks of its cache
     * @param blockSize     tokens per KV block
     * @param contextLength the most tokens one sequence holds
     * @param maxSequences  the most sequences its engine runs at once
     * @param maxQueued     the most requests waiting at once
     * @param drainWindow   the window of the drain-rate measurement
     * @param clock         {@link System#nanoTime()}, or a test's clock
     */
    public AdmissionController(String model, int totalBlocks, int blockSize, int contextLength, int maxSequences,
            int maxQueued, Duration drainWindow, LongSupplier clock) {
        if (totalBlocks < 1 || blockSize < 1 || contextLength < 1 || maxSequences < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("invalid admission limits for " + model + ": " + totalBlocks
                    + " blocks of " + blockSize + ", context " + contextLength + ", " + maxSequences + " sequences, "
                    + maxQueued + " queued");
        }
        this.model = model;
        this.totalBlocks = totalBlocks;
        this.blockSize = blockSize;
        this.contextLength = contextLength;
        this.maxSequences = maxSequences;
        this.maxQueued = maxQueued;
        this.clock = clock;
        this.drain = new DrainRate(drainWindow);
        for (Priority priority : PRIORITIES) {
            queues.put(priority, new ArrayDeque<>());
        }
    }

    /** The KV blocks one sequence may need at most: its prompt and every token it may generate but the last. */
    public int blocksFor(int promptTokens, int maxTokens) {
        long tokens = Math.min((long) promptTokens + maxTokens - 1, contextLength);
        return (int) ((tokens + blockSize - 1) / blockSize);
    }

    /**
     * Admits a request of {@code blocks} KV blocks and {@code sequences} sequences: at once when it fits and nothing
     * of its class or a higher one waits; otherwise after waiting its turn in the queue for at most
     * {@code maxWait}. Fails at once with a {@link Refusal} when it can never fit (400), the queue is full or its
     * estimated wait is longer than {@code maxWait} (429), and with a 429 when {@code maxWait} passes in the queue.
     * Cancelling the returned Mono leaves the queue, or gives back what was just granted.
     */
    public Mono<Reservation> admit(int blocks, int sequences, Priority priority, Duration maxWait) {
        Mono<Reservation> admission = Mono.create(sink -> {
            Ticket ticket = new Ticket(blocks, sequences, priority, sink, clock.getAsLong());
            sink.onCancel(() -> cancel(ticket));
            Object outcome;
            synchronized (this) {
                outcome = decide(ticket, maxWait);
            }
            if (outcome instanceof Reservation reservation) {
                sink.success(reservation);
            } else if (outcome instanceof Refusal refusal) {
                sink.error(refusal);
            }
        });
        return admission.timeout(maxWait, Mono.defer(() -> Mono.error(Refusal.tooManyRequests("queue_timeout",
                "The model `" + model + "` could not admit this request within " + maxWait.toMillis() / 1000.0
                        + " s; try again later", retryAfter(blocks, sequences, priority, Duration.ZERO)))));
    }

    /** Under the lock: a {@link Reservation} at once, a {@link Refusal}, or null when queued (or cancelled). */
    private Object decide(Ticket ticket, Duration maxWait) {
        if (ticket.state == Ticket.State.CANCELLED) {
            return null;
        }
        if (ticket.blocks > totalBlocks || ticket.sequences > maxSequences) {
            return Refusal.of("too_large", OpenAiException.invalid(null, "This request needs " + ticket.blocks
                    + " KV blocks for " + ticket.sequences + " sequences at once; the model `" + model + "` has "
                    + totalBlocks + " blocks and runs at most " + maxSequences + " sequences: lower max_tokens or n"));
        }
        long now = clock.getAsLong();
        drain.busy(now);
        if (nothingAhead(ticket.priority) && fits(ticket.blocks, ticket.sequences)) {
            return grant(ticket, now);
        }
        int queued = queuedTotal();
        double wait = estimatedWaitSeconds(ticket.blocks, ticket.sequences, ticket.priority, now);
        double maxWaitSeconds = maxWait.toNanos() / 1e9;
        if (queued >= maxQueued) {
            return Refusal.tooManyRequests("queue_full", "The model `" + model + "` has " + queued
                    + " requests waiting for admission; try again later",
                    Refusal.retryAfterSeconds(wait - maxWaitSeconds));
        }
        if (wait > QUEUE_TIMEOUT_SHARE * maxWaitSeconds) {
            return Refusal.tooManyRequests("overloaded", "The model `" + model + "` is at capacity: this request"
                    + " would wait about " + Math.round(Math.min(wait, 1e6)) + " s for KV cache, too close to the"
                    + " queue time-out of " + maxWait.toMillis() / 1000.0 + " s; try again later",
                    Refusal.retryAfterSeconds(wait - QUEUE_TIMEOUT_SHARE * maxWaitSeconds));
        }
        ticket.state = Ticket.State.QUEUED;
        queues.get(ticket.priority).addLast(ticket);
        queuedBlocks[ticket.priority.ordinal()] += ticket.blocks;
        queuedSequences[ticket.priority.ordinal()] += ticket.sequences;
        return null;
    }

    /** Under the lock: stops the drain rate's clock when nothing is admitted or waiting. */
    private void noteIfIdle(long now) {
        if (isIdle()) {
            drain.idle(now);
        }
    }

    private Reservation grant(Ticket ticket, long now) {
        reservedBlocks += ticket.blocks;
        runningSequences += ticket.sequences;
        ticket.state = Ticket.State.GRANTED;
        ticket.reservation = new Reservation(ticket.blocks, ticket.sequences, ticket.priority, now - ticket.arrival,
                now);
        running.add(ticket.reservation);
        return ticket.reservation;
    }

    private void release(Reservation reservation) {
        List<Ticket> granted;
        synchronized (this) {
            reservedBlocks -= reservation.blocks;
            runningSequences -= reservation.sequences;
            long now = clock.getAsLong();
            running.remove(reservation);
            double perBlock = (double) (now - reservation.admittedNanos) / reservation.blocks;
            serviceNanosPerBlock = Double.isNaN(serviceNanosPerBlock) ? perBlock
                    : (1 - SERVICE_TIME_WEIGHT) * serviceNanosPerBlock + SERVICE_TIME_WEIGHT * perBlock;
            drain.record(reservation.blocks, reservation.sequences, now);
            granted = pump(now);
            noteIfIdle(now);
        }
        deliver(granted);
    }

    private void cancel(Ticket ticket) {
        List<Ticket> granted = List.of();
        Reservation toRelease = null;
        synchronized (this) {
            switch (ticket.state) {
                case NEW -> ticket.state = Ticket.State.CANCELLED;
                case QUEUED -> {
                    ticket.state = Ticket.State.CANCELLED;
                    queues.get(ticket.priority).remove(ticket);
                    queuedBlocks[ticket.priority.ordinal()] -= ticket.blocks;
                    queuedSequences[ticket.priority.ordinal()] -= ticket.sequences;
                    long now = clock.getAsLong();
                    granted = pump(now); // a large request at the head may have held others back
                    noteIfIdle(now);
                }
                case GRANTED -> toRelease = ticket.reservation; // granted, but the requester went away first
                case CANCELLED -> {
                }
            }
        }
        if (toRelease != null) {
            toRelease.release();
        }
        deliver(granted);
    }

    /** Under the lock: admits queued requests in order while the head of the highest waiting class fits. */
    private List<Ticket> pump(long now) {
        List<Ticket> granted = new ArrayList<>();
        for (Priority priority : PRIORITIES) {
            ArrayDeque<Ticket> queue = queues.get(priority);
            while (!queue.isEmpty()) {
                Ticket head = queue.peekFirst();
                if (!fits(head.blocks, head.sequences)) {
                    return granted;
                }
                queue.pollFirst();
                queuedBlocks[priority.ordinal()] -= head.blocks;
                queuedSequences[priority.ordinal()] -= head.sequences;
                grant(head, now);
                granted.add(head);
            }
        }
        return granted;
    }

    /** Outside the lock: hands each granted ticket its reservation (a requester already gone gives it back). */
    private static void deliver(List<Ticket> granted) {
        for (Ticket ticket : granted) {
            ticket.sink.success(ticket.reservation);
        }
    }

    private boolean fits(int blocks, int sequences) {
        return reservedBlocks + blocks <= totalBlocks && runningSequences + sequences <= maxSequences;
    }

    private boolean nothingAhead(Priority priority) {
        for (int p = 0; p <= priority.ordinal(); p++) {
            if (!queues.get(PRIORITIES[p]).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private boolean isIdle() {
        return reservedBlocks == 0 && runningSequences == 0 && queuedTotal() == 0;
    }

    private int queuedTotal() {
        int total = 0;
        for (ArrayDeque<Ticket> queue : queues.values()) {
            total += queue.size();
        }
        return total;
    }

    /**
     * Under the lock: about how long a request arriving now would wait. Each admitted request is expected to end its
     * measured service time per KV block times its blocks after its admission; the requests queued ahead of this one
     * are admitted in order as those end, and then this one. NaN while no request has ended yet (unknown), infinite
     * when the engine released nothing for a whole drain window of work.
     */
    private double estimatedWaitSeconds(int blocks, int sequences, Priority priority, long now) {
        if (Double.isNaN(serviceNanosPerBlock)) {
            return Double.NaN;
        }
        OptionalDouble rate = drain.blocksPerSecond(now);
        if (rate.isPresent() && rate.getAsDouble() == 0) {
            return Double.POSITIVE_INFINITY;
        }
        PriorityQueue<long[]> endings = new PriorityQueue<>(Comparator.comparingLong((long[] ending) -> ending[0]));
        for (Reservation reservation : running) {
            endings.add(new long[] {Math.max(now, reservation.admittedNanos + expectedNanos(reservation.blocks)),
                reservation.blocks, reservation.sequences});
        }
        long freeBlocks = totalBlocks - reservedBlocks;
        long freeSequences = maxSequences - runningSequences;
        long time = now;
        List<int[]> ahead = new ArrayList<>();
        for (int p = 0; p <= priority.ordinal(); p++) {
            for (Ticket ticket : queues.get(PRIORITIES[p])) {
                ahead.add(new int[] {ticket.blocks, ticket.sequences});
            }
        }
        ahead.add(new int[] {blocks, sequences});
        for (int[] next : ahead) {
            while (next[0] > freeBlocks || next[1] > freeSequences) {
                long[] ending = endings.poll();
                if (ending == null) {
                    return Double.POSITIVE_INFINITY;
                }
                time = Math.max(time, ending[0]);
                freeBlocks += ending[1];
                freeSequences += ending[2];
            }
            freeBlocks -= next[0];
            freeSequences -= next[1];
            endings.add(new long[] {time + expectedNanos(next[0]), next[0], next[1]});
        }
        return (time - now) / 1e9;
    }

    private long expectedNanos(int blocks) {
        return (long) (serviceNanosPerBlock * blocks);
    }

    private int retryAfter(int blocks, int sequences, Priority priority, Duration allowance) {
        double wait;
        synchronized (this) {
            wait = estimatedWaitSeconds(blocks, sequences, priority, clock.getAsLong());
        }
        return Refusal.retryAfterSeconds(wait - allowance.toNanos() / 1e9);
    }

    /** The gate's state now. */
    public synchronized Snapshot snapshot() {
        Map<Priority, Integer> queued = new EnumMap<>(Priority.class);
        long blocks = 0;
        for (Priority priority : PRIORITIES) {
            queued.put(priority, queues.get(priority).size());
            blocks += queuedBlocks[priority.ordinal()];
        }
        long now = clock.getAsLong();
        return new Snapshot(queued, blocks, reservedBlocks, totalBlocks, runningSequences, maxSequences,
                drain.blocksPerSecond(now).orElse(Double.NaN), drain.sequencesPerSecond(now).orElse(Double.NaN));
    }
}
