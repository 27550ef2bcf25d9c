package dev.caracal.app.server.admission;

import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.engine.api.Priority;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The admission and resilience metrics, tagged with {@code model_name} (the deployment): requests admitted and
 * refused (by reason), the time they waited, the queue and the KV blocks reserved, the measured drain rate, request
 * time-outs and the state of each deployment's circuit breaker.
 */
@Component
public class AdmissionMetrics {

    private final MeterRegistry registry;

    public AdmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the gauges of one deployment, which read its gate's snapshot (empty before it is ready). */
    void gauges(ModelDeployment deployment, Supplier<Optional<AdmissionController.Snapshot>> snapshot,
            CircuitBreaker breaker) {
        for (Priority priority : Priority.values()) {
            gauge("caracal.admission.queue.depth", "Requests waiting for admission", deployment, snapshot,
                    s -> s.queued().get(priority), "priority", priority.name().toLowerCase(Locale.ROOT));
        }
        gauge("caracal.admission.kv.blocks.reserved", "KV blocks reserved by admitted requests", deployment,
                snapshot, AdmissionController.Snapshot::reservedBlocks);
        gauge("caracal.admission.drain.blocks.per.second", "Reserved KV blocks released per second lately",
                deployment, snapshot, AdmissionController.Snapshot::blocksPerSecond);
        gauge("caracal.admission.drain.requests.per.second", "Sequences finished per second lately", deployment,
                snapshot, AdmissionController.Snapshot::requestsPerSecond);
        for (CircuitBreaker.State state : new CircuitBreaker.State[] {CircuitBreaker.State.CLOSED,
            CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN}) {
            Gauge.builder("caracal.circuit.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .description("1 for the deployment's circuit breaker state now")
                    .tag("model_name", deployment.name()).tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    private void gauge(String name, String description, ModelDeployment deployment,
            Supplier<Optional<AdmissionController.Snapshot>> snapshot,
            ToDoubleFunction<AdmissionController.Snapshot> value, String... tags) {
        Gauge.builder(name, snapshot, s -> s.get().map(value::applyAsDouble).orElse(0.0))
                .description(description).tag("model_name", deployment.name()).tags(tags).strongReference(true)
                .register(registry);
    }

    void admitted(ModelDeployment deployment, Priority priority, Duration waited) {
        Counter.builder("caracal.admission.admitted").description("Requests admitted")
                .tag("model_name", deployment.name()).tag("priority", priority.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
        Timer.builder("caracal.admission.queue.time").description("Time admitted requests waited for admission")
                .tag("model_name", deployment.name()).register(registry).record(waited);
    }

    /** Counts a refusal; {@code model} is the deployment's name, or the name the client sent before routing. */
    void rejected(String model, String tenant, String reason) {
        Counter.builder("caracal.admission.rejected").description("Requests refused by admission control, by reason")
                .tag("model_name", model).tag("tenant", tenant).tag("reason", reason).register(registry).increment();
    }

    void timedOut(ModelDeployment deployment) {
        Counter.builder("caracal.request.timeouts").description("Requests cancelled at the request time-out")
                .tag("model_name", deployment.name()).register(registry).increment();
    }
}
