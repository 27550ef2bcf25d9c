package dev.caracal.app.server.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The router's meters: requests by worker and outcome, the blocks of prompts looked up and found at the chosen worker
 * (the prefix hits the router predicts), and the workers reachable and ready.
 */
final class RouterMetrics {

    private final MeterRegistry registry;
    private final Counter lookedUp;
    private final Counter matched;

    RouterMetrics(MeterRegistry registry, WorkerDirectory directory) {
        this.registry = registry;
        this.lookedUp = Counter.builder("caracal.router.prefix.blocks").tag("kind", "looked_up")
                .description("Full blocks of the prompts routed").register(registry);
        this.matched = Counter.builder("caracal.router.prefix.blocks").tag("kind", "matched")
                .description("Full blocks of the prompts routed that the chosen worker held").register(registry);
        Gauge.builder("caracal.router.workers", directory, workers -> workers.all().stream()
                        .filter(worker -> worker.state().reachable()).count())
                .tag("state", "reachable").description("Workers that answered their last poll").register(registry);
        Gauge.builder("caracal.router.workers", directory, workers -> workers.all().stream()
                        .filter(worker -> !worker.state().reachable()).count())
                .tag("state", "unreachable").description("Workers that did not answer their last poll")
                .register(registry);
    }

    /** A prompt of {@code blocks} full blocks went to a worker holding the first {@code held} of them. */
    void routed(int blocks, int held) {
        lookedUp.increment(blocks);
        matched.increment(held);
    }

    /**
     * One try of a request on a worker ended: {@code ok} (it answered), {@code client_error} (a 4xx the client gets),
     * {@code retried} (it failed before its first token and another worker was tried) or {@code failed}.
     */
    void attempt(Worker worker, String outcome) {
        Counter.builder("caracal.router.requests").tag("worker", worker.base().toString()).tag("outcome", outcome)
                .description("Tries of requests on each worker, by outcome").register(registry).increment();
    }
}
