package dev.caracal.app.server.admission;

import dev.caracal.app.server.config.GatewayProperties;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.spring.boot.metrics.QueuedRequests;
import dev.caracal.app.server.error.OpenAiException;
import dev.caracal.app.server.security.Tenant;
import dev.caracal.engine.api.EngineStats;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Admission control for the OpenAI API, in the order a request meets it: its tenant's request rate; routing to the
 * first ready deployment of the model whose circuit breaker lets it through (the later deployments of an alias are
 * fallbacks); its tenant's token budget and concurrency bulkhead; and the deployment's {@link AdmissionController}
 * (KV blocks and sequences, bounded priority queue, queue time-out). Every refusal is an OpenAI error (429 with
 * {@code Retry-After}, or 503 while every deployment's circuit is open), decided without blocking, and gives back
 * whatever the request had taken so far.
 */
@Component
public class Admission implements QueuedRequests {

    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

    private record Route(ModelDeployment deployment, CircuitBreaker breaker) {
    }

    private final DeploymentRegistry registry;
    private final DeploymentBreakers breakers;
    private final AdmissionProperties properties;
    private final AdmissionMetrics metrics;
    private final int maxQueued;
    private final Map<String, AdmissionController> controllers = new ConcurrentHashMap<>();
    private final Map<String, TenantLimiter> limiters = new ConcurrentHashMap<>();

    public Admission(DeploymentRegistry registry, DeploymentBreakers breakers, AdmissionProperties properties,
            GatewayProperties caracal, AdmissionMetrics metrics) {
        this.registry = registry;
        this.breakers = breakers;
        this.properties = properties;
        this.metrics = metrics;
        this.maxQueued = caracal.maxWaitingRequests();
        for (ModelDeployment deployment : registry.all()) {
            metrics.gauges(deployment, () -> snapshot(deployment), breakers.of(deployment));
        }
        registry.addListener(new DeploymentRegistry.Listener() {
            @Override
            public void added(ModelDeployment deployment) {
                metrics.gauges(deployment, () -> snapshot(deployment), breakers.of(deployment));
            }

            @Override
            public void removed(ModelDeployment deployment) {
                controllers.remove(deployment.name());
                breakers.forget(deployment);
            }
        });
    }

    /**
     * Admits {@code demand} for {@code tenant}: a Mono of the admitted request, or an {@link OpenAiException}. The
     * admitted request is tied to {@code exchange} ({@link ExchangeCleanup}), so that it is finished when the exchange
     * ends even if nothing else finishes it.
     *
     * @param arrivalNanos when the request arrived ({@link System#nanoTime()}): the request time-out counts from then
     */
    public Mono<Admitted> admit(Demand demand, Tenant tenant, long arrivalNanos, ServerWebExchange exchange) {
        return Mono.defer(() -> {
            TenantLimiter limiter = limiters.computeIfAbsent(tenant.name(), name -> new TenantLimiter(tenant,
                    System::nanoTime));
            limiter.acquireRequest();
            Route route = route(demand);
            try {
                limiter.acquire(demand.tokens());
            } catch (Refusal refusal) {
                route.breaker().releasePermission();
                throw refusal;
            }
            AtomicBoolean handedOver = new AtomicBoolean();
            Runnable undo = () -> {
                if (handedOver.compareAndSet(false, true)) {
                    limiter.release(demand.tokens(), 0);
                    route.breaker().releasePermission();
                }
            };
            ModelDeployment deployment = route.deployment();
            AdmissionController controller = controller(deployment);
            int blocks = 0;
            for (int prompt : demand.promptLengths()) {
                blocks += controller.blocksFor(prompt, demand.maxTokens());
            }
            long deadline = arrivalNanos + properties.requestTimeout().toNanos();
            Duration maxWait = Duration.ofNanos(Math.max(Duration.ofMillis(1).toNanos(),
                    Math.min(properties.queueTimeout().toNanos(), deadline - System.nanoTime())));
            return controller.admit(blocks, demand.sequences(), tenant.priority(), maxWait)
                    .map(reservation -> {
                        Admitted admitted = new Admitted(deployment, reservation, limiter, demand.tokens(),
                                route.breaker(), deadline, metrics);
                        if (handedOver.compareAndSet(false, true)) {
                            ExchangeCleanup.register(exchange, admitted);
                            metrics.admitted(deployment, reservation.priority(), reservation.waited());
                        } else {
                            reservation.release(); // the requester left as it was admitted
                        }
                        return admitted;
                    })
                    .doOnError(failure -> undo.run())
                    .doOnCancel(undo);
        }).onErrorMap(Refusal.class, refusal -> {
            metrics.rejected(demand.model(), tenant.name(), refusal.reason());
            LOG.debug("refused a request for {} from {}: {}", demand.model(), tenant.name(), refusal.reason());
            return refusal.error();
        });
    }

    /**
     * Admits a request that a router forwards to a worker (which admits it to its engine): its tenant's request rate,
     * token budget and concurrency only. The returned action ends it (once, however often it runs); a refusal is an
     * {@link OpenAiException} as from {@link #admit}.
     *
     * @param tokens the tokens charged to the tenant: the prompt plus the most the request may generate
     */
    public Runnable admitForwarded(String model, Tenant tenant, long tokens) {
        TenantLimiter limiter = limiters.computeIfAbsent(tenant.name(), name -> new TenantLimiter(tenant,
                System::nanoTime));
        try {
            limiter.acquireRequest();
            limiter.acquire(tokens);
        } catch (Refusal refusal) {
            metrics.rejected(model, tenant.name(), refusal.reason());
            throw refusal.error();
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                limiter.release(tokens, tokens);
            }
        };
    }

    /** The first ready deployment of the model that can hold the request and whose circuit lets it through. */
    private Route route(Demand demand) {
        boolean anyReady = false;
        int retryAfter = Refusal.MAX_RETRY_AFTER_SECONDS;
        for (ModelDeployment deployment : registry.group(demand.model())) {
            if (deployment.state() != ModelDeployment.State.READY
                    || deployment.contextLength() < demand.longestPrompt() + 1) {
                continue;
            }
            anyReady = true;
            CircuitBreaker breaker = breakers.of(deployment);
            if (breaker.tryAcquirePermission()) {
                return new Route(deployment, breaker);
            }
            retryAfter = Math.min(retryAfter, breakers.secondsUntilTrial(deployment));
        }
        if (!anyReady) {
            throw Refusal.of("unavailable", OpenAiException.unavailable("The model `" + demand.model()
                    + "` is not ready; try again shortly", 5));
        }
        throw Refusal.of("circuit_open", OpenAiException.circuitOpen("The model `" + demand.model() + "` failed"
                + " repeatedly and is paused while it recovers; try again in " + retryAfter + " s", retryAfter));
    }

    private AdmissionController controller(ModelDeployment deployment) {
        return controllers.computeIfAbsent(deployment.name(), name -> {
            EngineStats stats = deployment.stats();
            return new AdmissionController(name, stats.kvCache().blocksTotal(), stats.kvCache().blockSize(),
                    deployment.contextLength(), deployment.maxSequences(), maxQueued, properties.drainWindow(),
                    System::nanoTime);
        });
    }

    /** The admission gate of {@code deployment} now; empty before its first request. */
    public Optional<AdmissionController.Snapshot> snapshot(ModelDeployment deployment) {
        return Optional.ofNullable(controllers.get(deployment.name())).map(AdmissionController::snapshot);
    }

    /** The requests waiting for admission to {@code deployment} now, every priority class. */
    @Override
    public int queued(ModelDeployment deployment) {
        return snapshot(deployment).map(AdmissionController.Snapshot::queuedTotal).orElse(0);
    }

    /** The state of the circuit breaker of {@code deployment}. */
    public CircuitBreaker.State breakerState(ModelDeployment deployment) {
        return breakers.of(deployment).getState();
    }

    /**
     * What {@code tenant} uses now: its requests in flight and the tokens left in its bucket (null without a token
     * limit).
     */
    public TenantUsage usage(Tenant tenant) {
        TenantLimiter limiter = limiters.get(tenant.name());
        return limiter == null ? new TenantUsage(0, tenant.limits().tokensPerMinute() > 0
                ? tenant.limits().tokensPerMinute() : null) : new TenantUsage(limiter.inFlight(),
                limiter.tokensAvailable());
    }

    /**
     * A tenant's use of its limits now.
     *
     * @param inFlight        requests queued or running
     * @param tokensAvailable tokens left in its bucket (null without a token limit)
     */
    public record TenantUsage(int inFlight, Long tokensAvailable) {
    }
}
