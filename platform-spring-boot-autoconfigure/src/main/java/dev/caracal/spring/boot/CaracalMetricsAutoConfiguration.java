package dev.caracal.spring.boot;

import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.metrics.GenerationMetrics;
import dev.caracal.spring.boot.metrics.GenerationObserver;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Caracal's meters ({@link GenerationMetrics}: the gateway's names, {@code caracal_time_to_first_token_seconds} and the
 * rest) on the application's MeterRegistry, when it has one.
 */
@AutoConfiguration(after = CaracalAutoConfiguration.class, afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, DeploymentRegistry.class})
public class CaracalMetricsAutoConfiguration {

    /** The meters of every model, and the observer every request passes through. */
    @Bean
    @ConditionalOnMissingBean(GenerationObserver.class)
    public GenerationMetrics caracalMetrics(MeterRegistry registry, DeploymentRegistry deployments) {
        return new GenerationMetrics(registry, deployments);
    }
}
