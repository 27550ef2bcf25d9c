package dev.caracal.app.server.router;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a gateway started with {@code caracal.role=router} spreads requests over remote Caracal workers (prefix
 * {@code caracal.router}).
 *
 * @param workers        the workers' base URLs ({@code http://10.0.0.5:8000}); a URL whose host name resolves to
 *                       several addresses (a Kubernetes headless Service) stands for one worker per address, resolved
 *                       again at every poll
 * @param workerApiKey   the key sent to the workers as {@code Authorization: Bearer ...} when they have tenants; none
 *                       when null
 * @param policy         how a worker is chosen: {@code prefix} (longest cached prefix, then load), {@code least-loaded}
 *                       or {@code random}
 * @param sessionHeader  the request header whose value keeps a session on one worker while that worker is ready (empty:
 *                       no sessions)
 * @param pollInterval   how often each worker's state (load, KV use, cached blocks) is read
 * @param maxAttempts    the most workers one request is tried on when a worker fails before its first token
 * @param maxImbalance   how many more requests in flight than the least loaded worker the worker with the longest
 *                       cached prefix may have before the least loaded one is taken instead
 * @param connectTimeout the longest wait for a connection to a worker
 * @param exposeWorker   whether answers name the worker that gave them (header {@code X-Caracal-Worker}); off by
 *                       default, since it shows clients the cluster's addresses
 */
@ConfigurationProperties("caracal.router")
public record RouterProperties(
        List<String> workers,
        String workerApiKey,
        @DefaultValue("prefix") Policy policy,
        @DefaultValue("X-Session-Id") String sessionHeader,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("8") int maxImbalance,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("false") boolean exposeWorker) {

    /** How the router chooses a worker for a request. */
    public enum Policy {
        /** The worker holding the longest prefix of the request's blocks, then the least loaded. */
        PREFIX,
        /** The worker with the fewest requests in flight, then the lowest KV cache use. */
        LEAST_LOADED,
        /** Any ready worker, uniformly: the baseline prefix routing is measured against. */
        RANDOM
    }

    public RouterProperties {
        workers = workers == null ? List.of() : List.copyOf(workers);
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("caracal.router.poll-interval must be positive, was " + pollInterval);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("caracal.router.max-attempts must be ≥ 1, was " + maxAttempts);
        }
        if (maxImbalance < 0) {
            throw new IllegalArgumentException("caracal.router.max-imbalance must be ≥ 0, was " + maxImbalance);
        }
    }
}
