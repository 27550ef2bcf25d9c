package dev.caracal.app.server.router;

import dev.caracal.app.server.admission.Admission;
import dev.caracal.app.server.config.RequestLimits;
import dev.caracal.app.server.security.RouteAccess;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The gateway as a router ({@code caracal.role=router}, {@code caracal serve --role router --workers URL,...}): no
 * model of its own, the OpenAI API forwarded to remote workers ({@link RouterRoutes}), and readiness while at least
 * one worker is ready.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "caracal.role", havingValue = "router")
@EnableConfigurationProperties(RouterProperties.class)
class RouterConfiguration {

    @Bean
    WorkerClient workerClient(RouterProperties properties) {
        return new WorkerClient(properties);
    }

    @Bean
    WorkerDirectory workerDirectory(RouterProperties properties, WorkerClient client) {
        if (properties.workers().isEmpty()) {
            LoggerFactory.getLogger(RouterConfiguration.class).warn("the router has no workers yet:"
                    + " give caracal.router.workers (--workers URL,...) or add them with POST /admin/workers");
        }
        return new WorkerDirectory(properties, client);
    }

    @Bean
    RouterRoutes routerRoutes(WorkerDirectory directory, WorkerClient client, RouterProperties properties,
            Admission admission, MeterRegistry registry, RequestLimits limits) {
        return new RouterRoutes(directory, client, new WorkerPicker(properties.policy(), properties.maxImbalance()),
                properties, admission, new RouterMetrics(registry, directory), (int) limits.maxRequestSize().toBytes());
    }

    @Bean
    RouterFunction<ServerResponse> routerOpenAiApi(RouterRoutes routes, RouteAccess access) {
        return routes.openAiApi(access);
    }

    @Bean
    RouterFunction<ServerResponse> routerAdminApi(RouterRoutes routes, RouteAccess access) {
        return routes.adminApi(access);
    }

    /** Replaces the models' health component: a router is ready while one of its workers is. */
    @Bean
    HealthIndicator caracalHealthIndicator(WorkerDirectory directory) {
        return () -> directory.all().stream().anyMatch(worker -> worker.state().reachable()
                && worker.state().models().values().stream().anyMatch(Worker.ModelState::ready))
                ? Health.up().build()
                : Health.outOfService().withDetail("reason", "no worker is ready").build();
    }
}
