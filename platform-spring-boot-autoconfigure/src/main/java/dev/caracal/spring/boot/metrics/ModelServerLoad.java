package dev.caracal.spring.boot.metrics;

import dev.caracal.engine.api.EngineStats;
import dev.caracal.spring.boot.engine.ModelDeployment;

/**
 * A deployment's load as the model-server protocol of Kubernetes inference gateways means it, and as Caracal's router
 * reads it: the one definition behind the gauges ({@code caracal_num_requests_waiting}, {@code vllm:...}) and the
 * cluster API's state.
 *
 * @param waiting      requests queued, in front of the engine ({@link QueuedRequests}) or in it
 * @param running      requests running in the engine (holding KV blocks)
 * @param kvCacheUsage the share of KV blocks in use, in [0, 1]
 */
public record ModelServerLoad(int waiting, int running, double kvCacheUsage) {

    /** The load of {@code deployment} now (all zero unless it is running). */
    public static ModelServerLoad of(ModelDeployment deployment, QueuedRequests queued) {
        EngineStats stats = deployment.stats();
        return new ModelServerLoad(stats.requests().waiting() + queued.queued(deployment), stats.requests().running(),
                stats.kvCache().usage());
    }
}
