package dev.caracal.app.server.admin;

import dev.caracal.engine.api.EngineStats;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.spring.boot.metrics.GenerationMetrics;
import dev.caracal.spring.boot.metrics.RecentLatencies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The live numbers of every model, sampled once a second for the admin dashboard: requests running and waiting, KV
 * cache use, prefix-cache hit rates (local and of the Redis tier), latency percentiles of the last minute, and
 * generated tokens and finished requests per second since the previous sample.
 */
@Component
class LiveStatistics {

    /** Percentiles of one latency, in seconds; null before a request of the last minute had one. */
    record Latency(double p50, double p90, double p99) {
        static Latency of(RecentLatencies.Percentiles percentiles) {
            return percentiles == null ? null : new Latency(percentiles.p50(), percentiles.p90(), percentiles.p99());
        }
    }

    /** One model's numbers now. */
    record ModelLive(String name, String state, int runningRequests, int waitingRequests, double kvCacheUsage,
            double prefixCacheHitRate, Double tierHitRate, Latency timeToFirstToken, Latency timePerOutputToken,
            double generatedTokensPerSecond, double requestsPerSecond) {
    }

    /** Every model's numbers at {@code time} (epoch milliseconds). */
    record Live(long time, List<ModelLive> models) {
    }

    private record Counts(long atNanos, long generatedTokens, long finishedRequests) {
    }

    private final DeploymentRegistry deployments;
    private final ObjectProvider<GenerationMetrics> metrics;
    private final Map<String, Counts> previous = new ConcurrentHashMap<>();
    private final Map<String, double[]> rates = new ConcurrentHashMap<>();

    LiveStatistics(DeploymentRegistry deployments, ObjectProvider<GenerationMetrics> metrics) {
        this.deployments = deployments;
        this.metrics = metrics;
    }

    /**
     * The numbers now; the rates are those since the previous sample taken at least half a second before (so that
     * several watchers do not shorten each other's interval).
     */
    Live sample() {
        List<ModelLive> models = new ArrayList<>();
        GenerationMetrics recent = metrics.getIfAvailable();
        long now = System.nanoTime();
        for (ModelDeployment deployment : deployments.all()) {
            EngineStats stats = deployment.stats();
            double[] rate = rate(deployment.name(), now, stats);
            RecentLatencies.Snapshot latencies = recent == null ? null : recent.recent(deployment.name());
            EngineStats.Tier tier = stats.tier();
            Double tierHitRate = tier == null || tier.lookups() == 0 ? null
                    : Math.min(1.0, (double) tier.blocksLoaded() / tier.lookups());
            models.add(new ModelLive(deployment.name(), deployment.state().name().toLowerCase(Locale.ROOT),
                    stats.requests().running(), stats.requests().waiting(), stats.kvCache().usage(),
                    stats.kvCache().prefixHitRate(), tierHitRate,
                    latencies == null ? null : Latency.of(latencies.timeToFirstToken()),
                    latencies == null ? null : Latency.of(latencies.timePerOutputToken()), rate[0], rate[1]));
        }
        return new Live(System.currentTimeMillis(), models);
    }

    /** Generated tokens and finished requests per second since the previous sample of this model. */
    private double[] rate(String name, long now, EngineStats stats) {
        Counts current = new Counts(now, stats.work().generatedTokens(), stats.requests().finished());
        Counts before = previous.get(name);
        if (before == null || current.generatedTokens() < before.generatedTokens()) {
            previous.put(name, current);
            return rates.getOrDefault(name, new double[2]);
        }
        double seconds = (now - before.atNanos()) / 1e9;
        if (seconds < 0.5) {
            return rates.getOrDefault(name, new double[2]);
        }
        double[] rate = {(current.generatedTokens() - before.generatedTokens()) / seconds,
            (current.finishedRequests() - before.finishedRequests()) / seconds};
        previous.put(name, current);
        rates.put(name, rate);
        return rate;
    }
}
