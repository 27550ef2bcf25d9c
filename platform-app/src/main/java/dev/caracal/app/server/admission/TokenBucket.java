package dev.caracal.app.server.admission;

import java.util.function.LongSupplier;

/**
 * A tenant's token budget: holds at most a minute's worth of tokens and refills continuously at that rate. A request
 * takes its prompt plus {@code max_tokens} at admission; when it ends, what it did not use is given back, and what it
 * used beyond is taken (the balance may then go below zero, which later requests wait out).
 */
final class TokenBucket {

    private static final double NANOS_PER_MINUTE = 60e9;

    private final long capacity;
    private final double perNano;
    private final LongSupplier clock;
    private double tokens;
    private long last;

    TokenBucket(long tokensPerMinute, LongSupplier clock) {
        if (tokensPerMinute < 1) {
            throw new IllegalArgumentException("tokensPerMinute must be ≥ 1, was " + tokensPerMinute);
        }
        this.capacity = tokensPerMinute;
        this.perNano = tokensPerMinute / NANOS_PER_MINUTE;
        this.clock = clock;
        this.tokens = tokensPerMinute;
        this.last = clock.getAsLong();
    }

    /** The most tokens the bucket holds, which is also the most one request may take. */
    long capacity() {
        return capacity;
    }

    /** Takes {@code count} tokens if the bucket holds them now; otherwise takes nothing. */
    synchronized boolean tryTake(long count) {
        refill();
        if (tokens < count) {
            return false;
        }
        tokens -= count;
        return true;
    }

    /** Seconds until the bucket holds {@code count} tokens (0 when it does now). */
    synchronized double secondsUntil(long count) {
        refill();
        return tokens >= count ? 0 : (count - tokens) / perNano / 1e9;
    }

    /** Gives back {@code count} tokens (negative: takes them, possibly below zero); never above the capacity. */
    synchronized void adjust(long count) {
        refill();
        tokens = Math.min(capacity, tokens + count);
    }

    /** The tokens the bucket holds now (negative while in debt). */
    synchronized long available() {
        refill();
        return (long) Math.floor(tokens);
    }

    private void refill() {
        long now = clock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
    }
}
