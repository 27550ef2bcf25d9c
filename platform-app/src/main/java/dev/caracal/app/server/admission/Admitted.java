package dev.caracal.app.server.admission;

import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.app.server.security.Tenant;
import dev.caracal.engine.api.Priority;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request that admission control let in: the deployment it runs on, the KV blocks and sequences it reserved there,
 * its tenant's charge and concurrency permit, its circuit-breaker permission and its deadline. {@link #finish} gives
 * everything back exactly once, however the request ends.
 */
public final class Admitted {

    /** How a request ended, for the deployment's circuit breaker. */
    public enum Outcome {
        /** It ran to its end. */
        SUCCESS,
        /** The engine failed it (a failed model step, a closed engine). */
        FAILURE,
        /** Neither: cancelled by the client, timed out, or refused as invalid. */
        NEUTRAL
    }

    private final ModelDeployment deployment;
    private final AdmissionController.Reservation reservation;
    private final TenantLimiter limiter;
    private final long chargedTokens;
    private final CircuitBreaker breaker;
    private final long admittedNanos;
    private final long deadlineNanos;
    private final AdmissionMetrics metrics;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final java.util.Queue<Runnable> onEnd = new java.util.concurrent.ConcurrentLinkedQueue<>();

    Admitted(ModelDeployment deployment, AdmissionController.Reservation reservation, TenantLimiter limiter,
            long chargedTokens, CircuitBreaker breaker, long deadlineNanos, AdmissionMetrics metrics) {
        this.deployment = deployment;
        this.reservation = reservation;
        this.limiter = limiter;
        this.chargedTokens = chargedTokens;
        this.breaker = breaker;
        this.admittedNanos = System.nanoTime();
        this.deadlineNanos = deadlineNanos;
        this.metrics = metrics;
    }

    /** The deployment the request runs on (a fallback when the first one's circuit is open). */
    public ModelDeployment deployment() {
        return deployment;
    }

    public Tenant tenant() {
        return limiter.tenant();
    }

    /** The engine priority class of the request: its tenant's. */
    public Priority priority() {
        return limiter.tenant().priority();
    }

    /** The time left until the request time-out (never negative). */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** Counts a request cancelled at its request time-out. */
    public void timedOut() {
        metrics.timedOut(deployment);
    }

    /**
     * Ends the request: frees its reservation (admitting whoever now fits), ends its concurrency permit, corrects its
     * tenant's token charge to {@code usedTokens} and tells the circuit breaker how it went. Only the first call
     * counts.
     */
    public void finish(Outcome outcome, long usedTokens, Throwable failure) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        for (Runnable action = onEnd.poll(); action != null; action = onEnd.poll()) {
            try {
                action.run();
            } catch (RuntimeException ignored) {
                // An engine that is closing has nothing left to cancel; what admission holds is freed regardless.
            }
        }
        reservation.release();
        limiter.release(chargedTokens, usedTokens);
        long elapsed = System.nanoTime() - admittedNanos;
        switch (outcome) {
            case SUCCESS -> breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            case FAILURE -> breaker.onError(elapsed, TimeUnit.NANOSECONDS,
                    failure != null ? failure : new IllegalStateException("the engine failed the request"));
            case NEUTRAL -> breaker.releasePermission();
        }
    }

    /**
     * Runs {@code action} when the request ends, however it ends (at once if it has ended): the engine requests run
     * for it are cancelled there, so that none outlives its admission, even one whose reader went away without
     * cancelling it.
     */
    public void onEnd(Runnable action) {
        onEnd.add(action);
        if (finished.get() && onEnd.remove(action)) {
            action.run();
        }
    }

    /** Ends the request if nothing else did (the exchange ended first), without telling the breaker anything. */
    public void abandon() {
        finish(Outcome.NEUTRAL, chargedTokens, null);
    }
}
