package dev.caracal.app.server.admin;

import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.app.server.admission.Admission;
import dev.caracal.app.server.admission.AdmissionController;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.spring.boot.metrics.DeploymentsHealthIndicator;
import dev.caracal.app.server.openai.OpenAiJson;
import dev.caracal.app.server.security.RouteAccess;
import dev.caracal.app.server.security.SecurityProperties;
import dev.caracal.app.server.security.TenantDirectory;
import dev.caracal.engine.api.EngineStats;
import dev.caracal.engine.api.ModelSummary;
import dev.caracal.engine.api.Priority;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The admin API, for keys with the admin role only ({@link RouteAccess#admin}): {@code GET /admin/stats}, each model
 * deployment's file, state, summary (model, backend and why, KV cache sizing, load time), engine, admission gate and
 * circuit breaker, and each backend's availability;
 * {@code GET /admin/tenants}, each tenant's roles, models, limits and use of them (never its keys or their hashes).
 */
@Configuration(proxyBeanMethods = false)
class AdminRoutes {

    private final DeploymentRegistry registry;
    private final Admission admission;
    private final TenantDirectory tenants;
    private final RouteAccess access;

    AdminRoutes(DeploymentRegistry registry, Admission admission, TenantDirectory tenants, RouteAccess access) {
        this.access = access;
        this.registry = registry;
        this.admission = admission;
        this.tenants = tenants;
    }

    @Bean
    RouterFunction<ServerResponse> adminApi() {
        return access.admin(RouterFunctions.route()
                .GET("/admin/stats", this::stats)
                .GET("/admin/tenants", this::tenants)
                .build());
    }

    /** One deployment: where it is in its life, its engine, its admission gate (null before its first request). */
    record DeploymentView(String name, String model, String state, String path, String error, String backend,
            int contextLength, ModelSummary summary, EngineView engine, AdmissionView admission,
            String circuitBreaker) {
    }

    record EngineView(int runningRequests, int waitingRequests, int pausedRequests, long kvBlocksTotal,
            long kvBlocksUsed, long kvBlocksCached, int blockSize, double prefixCacheHitRate, long preemptions,
            long requestsFinished, long generatedTokens, long failedSteps) {
    }

    record AdmissionView(Map<String, Integer> queued, long queuedBlocks, long reservedBlocks, int runningSequences,
            int maxSequences, Double drainBlocksPerSecond, Double drainRequestsPerSecond) {
    }

    record TenantView(String name, List<String> roles, List<String> models, String priority, long keys,
            SecurityProperties.Limits limits, int inFlight, Long tokensAvailable) {
    }

    private Mono<ServerResponse> stats(ServerRequest request) {
        List<DeploymentView> models = registry.all().stream().map(this::view).toList();
        return json(Map.of("models", models,
                "backends", DeploymentsHealthIndicator.describe(BackendRegistry.discover())));
    }

    private DeploymentView view(ModelDeployment deployment) {
        EngineStats stats = deployment.stats();
        EngineView engine = new EngineView(stats.requests().running(), stats.requests().waiting(),
                stats.requests().paused(), stats.kvCache().blocksTotal(), stats.kvCache().blocksUsed(),
                stats.kvCache().blocksCached(), stats.kvCache().blockSize(), stats.kvCache().prefixHitRate(),
                stats.requests().preemptions(), stats.requests().finished(), stats.work().generatedTokens(),
                stats.work().failedSteps());
        AdmissionView gate = admission.snapshot(deployment).map(AdminRoutes::view).orElse(null);
        return new DeploymentView(deployment.name(), deployment.alias(), lower(deployment.state()),
                deployment.path() == null ? null : deployment.path().toString(), deployment.failure(),
                deployment.backend(), deployment.contextLength(), deployment.summary(), engine, gate,
                lower(admission.breakerState(deployment)));
    }

    private static AdmissionView view(AdmissionController.Snapshot snapshot) {
        Map<String, Integer> queued = new TreeMap<>();
        for (Priority priority : Priority.values()) {
            queued.put(lower(priority), snapshot.queued().get(priority));
        }
        return new AdmissionView(queued, snapshot.queuedBlocks(), snapshot.reservedBlocks(),
                snapshot.runningSequences(), snapshot.maxSequences(), known(snapshot.blocksPerSecond()),
                known(snapshot.requestsPerSecond()));
    }

    private Mono<ServerResponse> tenants(ServerRequest request) {
        List<TenantView> views = tenants.tenants().stream().map(tenant -> {
            Admission.TenantUsage usage = admission.usage(tenant);
            return new TenantView(tenant.name(), tenant.roles().stream().map(AdminRoutes::lower).sorted().toList(),
                    tenant.models().stream().sorted().toList(), lower(tenant.priority()), tenants.keyCount(tenant),
                    tenant.limits(), usage.inFlight(), usage.tokensAvailable());
        }).toList();
        return json(Map.of("tenants", views));
    }

    private static Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(OpenAiJson.bytes(body));
    }

    private static Double known(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
