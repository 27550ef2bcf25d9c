package dev.caracal.spring.boot;

import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.metrics.DeploymentsHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code caracal} health component ({@link DeploymentsHealthIndicator}: each model's state and each backend's
 * availability) when the application has Spring Boot's health support (Actuator); off with
 * {@code management.health.caracal.enabled=false}.
 */
@AutoConfiguration(after = CaracalAutoConfiguration.class)
@ConditionalOnClass(AbstractHealthIndicator.class)
@ConditionalOnBean(DeploymentRegistry.class)
@ConditionalOnEnabledHealthIndicator("caracal")
public class CaracalHealthAutoConfiguration {

    /** Up when every model is ready; down while one loads and when one failed. */
    @Bean
    @ConditionalOnMissingBean(name = "caracalHealthIndicator")
    public DeploymentsHealthIndicator caracalHealthIndicator(DeploymentRegistry deployments) {
        return new DeploymentsHealthIndicator(deployments);
    }
}
