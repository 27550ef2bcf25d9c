package dev.caracal.app.server.http;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on the server's connections, under {@code caracal.server}, so that idle, slow or silent clients cannot hold
 * them open: each limit closes the connection when it is reached.
 *
 * @param idleTimeout    how long a connection may wait for its next request (none sent yet, or the last answered)
 * @param headerTimeout  how long a client may take to send a request's line and headers, from their first byte
 * @param bodyTimeout    how long a client may take to send a request's body, once its headers are in
 * @param maxConnections connections open at once; one more is answered 503 and closed
 */
@ConfigurationProperties("caracal.server")
public record ConnectionLimits(
        @DefaultValue("60s") Duration idleTimeout,
        @DefaultValue("10s") Duration headerTimeout,
        @DefaultValue("30s") Duration bodyTimeout,
        @DefaultValue("1000") int maxConnections) {

    public ConnectionLimits {
        for (Duration timeout : new Duration[] {idleTimeout, headerTimeout, bodyTimeout}) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("caracal.server: idle-timeout, header-timeout and body-timeout must"
                        + " be positive durations (for example 30s)");
            }
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("caracal.server.max-connections must be ≥ 1, was " + maxConnections);
        }
    }
}
