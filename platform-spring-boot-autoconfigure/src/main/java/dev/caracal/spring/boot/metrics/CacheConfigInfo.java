package dev.caracal.spring.boot.metrics;

import dev.caracal.engine.api.EngineStats;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * The KV cache layout of each running model as a Prometheus info metric, {@code caracal_cache_config_info{model_name,
 * block_size, num_blocks} 1}, and with vLLM's names {@code vllm:cache_config_info{model_name, block_size,
 * num_gpu_blocks} 1}: what an endpoint picker's prefix-cache scorer sizes itself by. Collected into Prometheus'
 * registry at each scrape, because Micrometer writes no info metric (it takes {@code _info} off a name).
 */
public final class CacheConfigInfo implements MultiCollector {

    private final DeploymentRegistry deployments;
    private final boolean vllmNames;

    /** @param vllmNames also under vLLM's name and labels */
    public CacheConfigInfo(DeploymentRegistry deployments, boolean vllmNames) {
        this.deployments = deployments;
        this.vllmNames = vllmNames;
    }

    @Override
    public MetricSnapshots collect() {
        InfoSnapshot.Builder caracal = InfoSnapshot.builder().name("caracal_cache_config")
                .help("The KV cache of each model: tokens per block and blocks");
        InfoSnapshot.Builder vllm = InfoSnapshot.builder().name("vllm:cache_config")
                .help("The KV cache of each model (vLLM's name): tokens per block and blocks");
        for (ModelDeployment deployment : deployments.all()) {
            EngineStats.KvCache cache = deployment.stats().kvCache();
            if (cache.blocksTotal() == 0) {
                continue; // not running
            }
            String blockSize = Integer.toString(cache.blockSize());
            String blocks = Integer.toString(cache.blocksTotal());
            caracal.dataPoint(new InfoSnapshot.InfoDataPointSnapshot(Labels.of("model_name", deployment.name(),
                    "block_size", blockSize, "num_blocks", blocks)));
            vllm.dataPoint(new InfoSnapshot.InfoDataPointSnapshot(Labels.of("model_name", deployment.name(),
                    "block_size", blockSize, "num_gpu_blocks", blocks)));
        }
        return vllmNames ? MetricSnapshots.of(caracal.build(), vllm.build()) : MetricSnapshots.of(caracal.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return vllmNames ? List.of("caracal_cache_config", "vllm:cache_config") : List.of("caracal_cache_config");
    }
}
