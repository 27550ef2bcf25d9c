package dev.caracal.spring.boot.metrics;

import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code caracal} health component: each model's state (loading, ready, failed) with its backend, and each
 * backend found on the class path with why it is unavailable, if it is (details only the admin API shows). Up when
 * every model has loaded and answered its warm-up step; down (503) while one is loading, warming up, draining or
 * reloading, and when one failed. The gateway puts it in the readiness group ({@code /actuator/health/readiness}),
 * not in liveness.
 */
public class DeploymentsHealthIndicator extends AbstractHealthIndicator {

    private final DeploymentRegistry deployments;
    private final List<BackendRegistry.Entry> backends;

    public DeploymentsHealthIndicator(DeploymentRegistry deployments) {
        this.deployments = deployments;
        this.backends = BackendRegistry.discover();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> models = new LinkedHashMap<>();
        boolean failed = false;
        boolean loading = false;
        boolean stopping = false;
        for (ModelDeployment deployment : deployments.all()) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("state", deployment.state().name().toLowerCase());
            model.put("backend", deployment.backend());
            if (deployment.path() != null) {
                model.put("path", deployment.path().toString());
            }
            if (deployment.contextLength() > 0) {
                model.put("contextLength", deployment.contextLength());
            }
            if (deployment.failure() != null) {
                model.put("error", deployment.failure());
            }
            models.put(deployment.name(), model);
            failed |= deployment.state() == ModelDeployment.State.FAILED;
            loading |= deployment.state() == ModelDeployment.State.LOADING;
            stopping |= deployment.state() == ModelDeployment.State.DRAINING
                    || deployment.state() == ModelDeployment.State.STOPPED;
        }
        builder.status(failed || loading ? Status.DOWN : stopping ? Status.OUT_OF_SERVICE : Status.UP)
                .withDetail("models", models)
                .withDetail("backends", describe(backends));
    }

    /** Each backend by name: {@code available}, or {@code unavailable: } and why. */
    public static Map<String, String> describe(List<BackendRegistry.Entry> backends) {
        Map<String, String> found = new LinkedHashMap<>();
        for (BackendRegistry.Entry entry : backends) {
            found.put(entry.provider().name(), entry.availability().available() ? "available"
                    : "unavailable: " + String.join("; ", entry.availability().reasons()));
        }
        return found;
    }
}
