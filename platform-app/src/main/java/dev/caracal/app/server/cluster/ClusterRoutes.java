package dev.caracal.app.server.cluster;

import dev.caracal.app.server.openai.GenerationRequests;
import dev.caracal.app.server.openai.OpenAiJson;
import dev.caracal.app.server.security.RouteAccess;
import dev.caracal.app.server.security.Tenant;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.spring.boot.metrics.ModelServerLoad;
import dev.caracal.spring.boot.metrics.QueuedRequests;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The cluster API, what a router that places requests by load and cached prefix asks each instance (Caracal's own
 * router; docs/CLUSTER-PROTOCOL.md): {@code GET /cluster/v1/state}, each model's readiness, load and the hashes of the
 * KV blocks it holds, and {@code POST /cluster/v1/prefix/chat/completions} and {@code .../prefix/completions}, the
 * block hashes a request's prompt would have here, read and planned (and salted) as the OpenAI API would and never
 * run. For tenants with the cluster role ({@link RouteAccess#cluster}): the state lists every tenant's cached hashes.
 */
@Configuration(proxyBeanMethods = false)
class ClusterRoutes {

    /**
     * {@code GET /cluster/v1/state}.
     *
     * @param ready  every deployment of the instance is loaded and warmed up (as the readiness probe says)
     * @param models the deployments the caller may use
     */
    record ClusterState(boolean ready, List<ModelState> models) {
    }

    /**
     * One deployment.
     *
     * @param model        the name clients send (its alias)
     * @param deployment   its own name ({@code alias}, or {@code alias#2} for a fallback)
     * @param ready        loaded and warmed up
     * @param waiting      requests queued for it, in front of its engine or in it
     * @param running      requests running in its engine
     * @param kvCacheUsage the share of its KV blocks in use, in [0, 1]
     * @param blockSize    tokens per KV block (0 until loaded)
     * @param blocksTotal  KV blocks (0 until loaded)
     * @param cachedBlocks the hashes of the KV blocks that hold one, held or cached and free (none unless ready)
     */
    record ModelState(String model, String deployment, boolean ready, int waiting, int running, double kvCacheUsage,
            int blockSize, int blocksTotal, List<String> cachedBlocks) {
    }

    /**
     * {@code POST /cluster/v1/prefix/...}.
     *
     * @param model        the name the request sent
     * @param blockSize    tokens per KV block
     * @param promptTokens the first choice's prompt tokens
     * @param blockHashes  the hashes of that prompt's full blocks, as the prefix cache computes them for the request
     */
    record PrefixHashes(String model, int blockSize, int promptTokens, List<String> blockHashes) {
    }

    private final DeploymentRegistry registry;
    private final GenerationRequests requests;
    private final QueuedRequests queued;
    private final RouteAccess access;

    ClusterRoutes(DeploymentRegistry registry, GenerationRequests requests, QueuedRequests queued,
            RouteAccess access) {
        this.registry = registry;
        this.requests = requests;
        this.queued = queued;
        this.access = access;
    }

    @Bean
    RouterFunction<ServerResponse> clusterApi() {
        return access.cluster(RouterFunctions.route()
                .GET("/cluster/v1/state", this::state)
                .POST("/cluster/v1/prefix/chat/completions",
                        request -> prefix(request, GenerationRequests.Endpoint.CHAT_COMPLETIONS))
                .POST("/cluster/v1/prefix/completions",
                        request -> prefix(request, GenerationRequests.Endpoint.COMPLETIONS))
                .build());
    }

    /** Listing the cached blocks is linear in the KV pool: off the event loop. */
    private Mono<ServerResponse> state(ServerRequest request) {
        Tenant tenant = Tenant.of(request.exchange());
        return Mono.fromCallable(() -> {
            List<ModelDeployment> all = registry.all();
            boolean ready = all.stream().allMatch(ClusterRoutes::ready);
            return new ClusterState(ready, all.stream().filter(deployment -> tenant.mayUse(deployment.alias()))
                    .map(this::state).toList());
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(ClusterRoutes::json);
    }

    private ModelState state(ModelDeployment deployment) {
        ModelServerLoad load = ModelServerLoad.of(deployment, queued);
        var cache = deployment.stats().kvCache();
        return new ModelState(deployment.alias(), deployment.name(), ready(deployment), load.waiting(),
                load.running(), load.kvCacheUsage(), cache.blockSize(), cache.blocksTotal(),
                deployment.cachedBlockHashes());
    }

    private static boolean ready(ModelDeployment deployment) {
        return deployment.state() == ModelDeployment.State.READY;
    }

    private Mono<ServerResponse> prefix(ServerRequest request, GenerationRequests.Endpoint endpoint) {
        return requests.prompt(request, endpoint).map(prompt -> new PrefixHashes(prompt.deployment().alias(),
                prompt.deployment().blockSize(), prompt.tokens().length, prompt.blockHashes()))
                .flatMap(ClusterRoutes::json);
    }

    private static Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(OpenAiJson.bytes(body));
    }
}
