package dev.caracal.app.server.admission;

import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A Resilience4j circuit breaker around each model deployment: it opens when too many of the deployment's recent
 * requests failed in the engine, refuses requests while open (they go to another deployment of the model, or get a
 * 503), lets a few trial requests through after {@code open-wait}, and closes when those succeed.
 */
@Component
public class DeploymentBreakers {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentBreakers.class);

    private final CircuitBreakerConfig config;
    private final Duration openWait;
    private final LongSupplier clock = System::nanoTime;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, Long> openedAt = new ConcurrentHashMap<>();

    public DeploymentBreakers(AdmissionProperties properties, DeploymentRegistry registry) {
        AdmissionProperties.CircuitBreaker settings = properties.circuitBreaker();
        this.openWait = settings.openWait();
        this.config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRate())
                .waitDurationInOpenState(settings.openWait())
                .permittedNumberOfCallsInHalfOpenState(settings.trialCalls())
                // Long generations are not failures: no slow-call rule.
                .slowCallDurationThreshold(Duration.ofDays(365))
                .slowCallRateThreshold(100)
                .build();
        for (ModelDeployment deployment : registry.all()) {
            of(deployment);
        }
    }

    /** Forgets the breaker of a deployment that was unloaded (one loaded again under its name starts closed). */
    public void forget(ModelDeployment deployment) {
        breakers.remove(deployment.name());
        openedAt.remove(deployment.name());
    }

    /** The breaker of {@code deployment}. */
    public CircuitBreaker of(ModelDeployment deployment) {
        return breakers.computeIfAbsent(deployment.name(), name -> {
            CircuitBreaker breaker = CircuitBreaker.of("deployment-" + name, config);
            breaker.getEventPublisher().onStateTransition(event -> {
                CircuitBreaker.State to = event.getStateTransition().getToState();
                if (to == CircuitBreaker.State.OPEN) {
                    openedAt.put(name, clock.getAsLong());
                }
                LOG.warn("model deployment {}: circuit breaker {} -> {}", name,
                        event.getStateTransition().getFromState(), to);
            });
            return breaker;
        });
    }

    /** Seconds until the open breaker of {@code deployment} lets a trial request through (at least 1). */
    public int secondsUntilTrial(ModelDeployment deployment) {
        Long opened = openedAt.get(deployment.name());
        if (opened == null) {
            return 1;
        }
        long left = openWait.toNanos() - (clock.getAsLong() - opened);
        return Refusal.retryAfterSeconds(left / 1e9);
    }
}
