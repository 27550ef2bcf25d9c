package dev.caracal.app.server.admission;

import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * How fast a deployment finishes work: KV blocks and sequences released per second of busy time, counted in a
 * sliding window. Its clock runs only while the deployment has work ({@link #busy}, {@link #idle}), so a quiet spell
 * neither reads as a stalled engine nor makes the rate unknown again: after an idle hour, the rate measured before
 * still holds. Unknown until something was released and {@link #MINIMUM_SPAN} of busy time passed; zero when a whole
 * window of busy time passed without a release. Not thread-safe: its {@link AdmissionController} guards it.
 */
final class DrainRate {

    /** The shortest span of busy time a rate is taken over. */
    static final Duration MINIMUM_SPAN = Duration.ofSeconds(1);

    private static final int BUCKETS = 20;

    private final long bucketNanos;
    private final long[] stamps = new long[BUCKETS];
    private final long[] blocks = new long[BUCKETS];
    private final long[] sequences = new long[BUCKETS];
    private long busyNanos;
    private long busySince = -1;
    private boolean released;

    /** A rate over the last {@code window} of busy time (at least a second). */
    DrainRate(Duration window) {
        this.bucketNanos = Math.max(window.toNanos(), MINIMUM_SPAN.toNanos()) / BUCKETS;
        Arrays.fill(stamps, Long.MIN_VALUE);
    }

    /** The deployment has work from {@code now} on (no effect while it is busy already). */
    void busy(long now) {
        if (busySince < 0) {
            busySince = now;
        }
    }

    /** The deployment has no work from {@code now} on. */
    void idle(long now) {
        if (busySince >= 0) {
            busyNanos += now - busySince;
            busySince = -1;
        }
    }

    /** Counts {@code blockCount} blocks and {@code sequenceCount} sequences released at {@code now}. */
    void record(long blockCount, long sequenceCount, long now) {
        long index = Math.floorDiv(busyClock(now), bucketNanos);
        int slot = (int) Math.floorMod(index, BUCKETS);
        if (stamps[slot] != index) {
            stamps[slot] = index;
            blocks[slot] = 0;
            sequences[slot] = 0;
        }
        blocks[slot] += blockCount;
        sequences[slot] += sequenceCount;
        released = true;
    }

    /** KV blocks released per second of busy time; empty while unknown. */
    OptionalDouble blocksPerSecond(long now) {
        return rate(blocks, now);
    }

    /** Sequences (choices) released per second of busy time; empty while unknown. */
    OptionalDouble sequencesPerSecond(long now) {
        return rate(sequences, now);
    }

    private long busyClock(long now) {
        return busyNanos + (busySince >= 0 ? now - busySince : 0);
    }

    private OptionalDouble rate(long[] amounts, long now) {
        long clock = busyClock(now);
        long window = bucketNanos * BUCKETS;
        long span = Math.min(clock, window);
        if (!released) {
            // Nothing finished yet: unknown early on, zero once a whole window of work passed without a release.
            return span < window ? OptionalDouble.empty() : OptionalDouble.of(0);
        }
        if (span < MINIMUM_SPAN.toNanos()) {
            return OptionalDouble.empty();
        }
        long index = Math.floorDiv(clock, bucketNanos);
        long sum = 0;
        for (int slot = 0; slot < BUCKETS; slot++) {
            if (stamps[slot] > index - BUCKETS && stamps[slot] <= index) {
                sum += amounts[slot];
            }
        }
        return OptionalDouble.of(sum * 1e9 / span);
    }
}
