package dev.caracal.app.server.admission;

import dev.caracal.app.server.security.SecurityProperties;
import dev.caracal.app.server.security.Tenant;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * One tenant's limits, none of which ever waits: request rates (Resilience4j rate limiters per second and per minute),
 * a token bucket of tokens per minute, and a bulkhead on its requests in flight.
 */
final class TenantLimiter {

    private final Tenant tenant;
    private final List<RateLimiter> requestRates = new ArrayList<>();
    private final TokenBucket tokens;
    private final Bulkhead concurrency;
    private final AtomicInteger inFlight = new AtomicInteger();

    TenantLimiter(Tenant tenant, LongSupplier clock) {
        this.tenant = tenant;
        SecurityProperties.Limits limits = tenant.limits();
        if (limits.requestsPerSecond() > 0) {
            requestRates.add(rateLimiter("second", limits.requestsPerSecond(), Duration.ofSeconds(1)));
        }
        if (limits.requestsPerMinute() > 0) {
            requestRates.add(rateLimiter("minute", limits.requestsPerMinute(), Duration.ofMinutes(1)));
        }
        this.tokens = limits.tokensPerMinute() > 0 ? new TokenBucket(limits.tokensPerMinute(), clock) : null;
        this.concurrency = limits.maxConcurrent() > 0 ? Bulkhead.of("tenant-" + tenant.name(),
                BulkheadConfig.custom().maxConcurrentCalls(limits.maxConcurrent()).maxWaitDuration(Duration.ZERO)
                        .build()) : null;
    }

    private RateLimiter rateLimiter(String period, int limit, Duration refresh) {
        return RateLimiter.of("tenant-" + tenant.name() + "-per-" + period, RateLimiterConfig.custom()
                .limitForPeriod(limit).limitRefreshPeriod(refresh).timeoutDuration(Duration.ZERO).build());
    }

    Tenant tenant() {
        return tenant;
    }

    /** Takes one request permit of every rate limit, or refuses (a permit taken before the refusal stays taken). */
    void acquireRequest() {
        for (RateLimiter rate : requestRates) {
            if (!rate.acquirePermission()) {
                long nanos = rate instanceof AtomicRateLimiter atomic
                        ? atomic.getDetailedMetrics().getNanosToWait() : Duration.ofSeconds(1).toNanos();
                throw Refusal.tooManyRequests("tenant_requests", "Rate limit reached for " + tenant.name()
                        + ": " + rate.getRateLimiterConfig().getLimitForPeriod() + " requests per "
                        + describe(rate.getRateLimiterConfig().getLimitRefreshPeriod()) + "; try again later",
                        Refusal.retryAfterSeconds(nanos / 1e9));
            }
        }
    }

    /** Charges {@code count} tokens and takes a concurrency permit, or refuses having taken neither. */
    void acquire(long count) {
        if (tokens != null) {
            if (count > tokens.capacity()) {
                throw Refusal.tooManyRequests("tenant_tokens", "Request too large for " + tenant.name() + ": it may"
                        + " use " + count + " tokens (prompt plus max_tokens for each choice), the limit is "
                        + tokens.capacity() + " tokens per minute; lower max_tokens",
                        Refusal.MAX_RETRY_AFTER_SECONDS);
            }
            if (!tokens.tryTake(count)) {
                throw Refusal.tooManyRequests("tenant_tokens", "Rate limit reached for " + tenant.name() + ": "
                        + tokens.capacity() + " tokens per minute, " + Math.max(0, tokens.available())
                        + " left, this request may use " + count + "; try again later",
                        Refusal.retryAfterSeconds(tokens.secondsUntil(count)));
            }
        }
        if (concurrency != null && !concurrency.tryAcquirePermission()) {
            if (tokens != null) {
                tokens.adjust(count);
            }
            throw Refusal.tooManyRequests("tenant_concurrency", "Too many requests in flight for " + tenant.name()
                    + ": at most " + concurrency.getBulkheadConfig().getMaxConcurrentCalls() + " at once; try again"
                    + " when one has finished", 1);
        }
        inFlight.incrementAndGet();
    }

    /** Ends what {@link #acquire} took: the concurrency permit, and the difference between charged and used tokens. */
    void release(long charged, long used) {
        inFlight.decrementAndGet();
        if (concurrency != null) {
            concurrency.onComplete();
        }
        if (tokens != null) {
            tokens.adjust(charged - used);
        }
    }

    /** Requests in flight now. */
    int inFlight() {
        return inFlight.get();
    }

    /** Tokens left in the bucket now; null without a token limit. */
    Long tokensAvailable() {
        return tokens == null ? null : tokens.available();
    }

    private static String describe(Duration period) {
        return period.equals(Duration.ofMinutes(1)) ? "minute" : "second";
    }
}
