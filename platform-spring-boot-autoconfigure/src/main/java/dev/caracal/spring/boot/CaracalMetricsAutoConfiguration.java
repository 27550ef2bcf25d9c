package dev.caracal.spring.boot;

import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.metrics.CacheConfigInfo;
import dev.caracal.spring.boot.metrics.GenerationMetrics;
import dev.caracal.spring.boot.metrics.GenerationObserver;
import dev.caracal.spring.boot.metrics.QueuedRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Caracal's meters ({@link GenerationMetrics}: the gateway's names, {@code caracal_time_to_first_token_seconds} and the
 * rest) on the application's MeterRegistry, when it has one; with {@code caracal.metrics.vllm-names} the
 * model-server protocol's gauges under vLLM's names too. On Prometheus, also the KV cache layout as an info metric
 * ({@link CacheConfigInfo}).
 */
@AutoConfiguration(after = CaracalAutoConfiguration.class, afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus."
            + "PrometheusMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, DeploymentRegistry.class})
public class CaracalMetricsAutoConfiguration {

    /**
     * The meters of every model, and the observer every request passes through; requests queued in front of an engine
     * ({@link QueuedRequests}, the gateway's admission) count as waiting.
     */
    @Bean
    @ConditionalOnMissingBean(GenerationObserver.class)
    public GenerationMetrics caracalMetrics(MeterRegistry registry, DeploymentRegistry deployments,
            ObjectProvider<QueuedRequests> queued, CaracalProperties properties) {
        return new GenerationMetrics(registry, deployments, queued.getIfAvailable(() -> QueuedRequests.NONE),
                properties.metrics().vllmNames());
    }

    /** The info metric of each model's KV cache, in the Prometheus registry the scrape endpoint reads. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(PrometheusRegistry.class)
    @ConditionalOnBean(PrometheusRegistry.class)
    static class PrometheusInfo {

        @Bean
        @ConditionalOnMissingBean
        CacheConfigInfo caracalCacheConfigInfo(PrometheusRegistry prometheus, DeploymentRegistry deployments,
                CaracalProperties properties) {
            CacheConfigInfo info = new CacheConfigInfo(deployments, properties.metrics().vllmNames());
            prometheus.register(info);
            return info;
        }
    }
}
