package dev.caracal.app.server.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission control and resilience, under {@code caracal.admission} (the queue's length is
 * {@code caracal.max-waiting-requests}).
 *
 * @param queueTimeout   the longest a request waits for admission; one whose estimated wait is longer is refused at
 *                       once (429), one still waiting after it too
 * @param requestTimeout the longest a whole request may take from arrival; then it is cancelled in the engine and
 *                       answered 504 (a stream ends with an error event)
 * @param drainWindow    the window over which the drain rate (KV blocks and requests finished per second) is measured
 * @param circuitBreaker the circuit breaker around each model deployment
 */
@ConfigurationProperties("caracal.admission")
public record AdmissionProperties(
        @DefaultValue("30s") Duration queueTimeout,
        @DefaultValue("10m") Duration requestTimeout,
        @DefaultValue("10s") Duration drainWindow,
        @DefaultValue CircuitBreaker circuitBreaker) {

    public AdmissionProperties {
        if (queueTimeout.isNegative() || queueTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("caracal.admission.queue-timeout and request-timeout must be positive");
        }
        if (drainWindow.compareTo(DrainRate.MINIMUM_SPAN) < 0) {
            throw new IllegalArgumentException("caracal.admission.drain-window must be at least "
                    + DrainRate.MINIMUM_SPAN.toSeconds() + " s, was " + drainWindow);
        }
    }

    /**
     * When a deployment's circuit opens and closes again. Failures are requests its engine failed (a failed model
     * step, a closed engine); requests cancelled, timed out or refused as invalid do not count.
     *
     * @param failureRate  the percentage of failed requests among the last {@code window} that opens it
     * @param window       the requests the failure rate is taken over
     * @param minimumCalls the fewest requests that can open it
     * @param openWait     how long it stays open (requests go to another deployment of the model, or get 503)
     * @param trialCalls   the requests a half-open circuit lets through; if they succeed, it closes
     */
    public record CircuitBreaker(
            @DefaultValue("50") int failureRate,
            @DefaultValue("10") int window,
            @DefaultValue("5") int minimumCalls,
            @DefaultValue("30s") Duration openWait,
            @DefaultValue("2") int trialCalls) {
    }
}
