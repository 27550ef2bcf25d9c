package dev.caracal.app.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.GatewayTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import reactor.core.publisher.Mono;

/**
 * Every route the gateway serves carries an access decision: each router function's routes are wrapped by
 * {@link RouteAccess} (user, admin, cluster or public; each API with its own), no annotated controller exists, and the Actuator exposes only the
 * endpoints that are public by design.
 */
class RouteAccessTest extends GatewayTestBase {

    /** The Actuator endpoints anyone may call: status-only health, and Prometheus for scrapers. */
    private static final Set<String> PUBLIC_ACTUATOR_ENDPOINTS = Set.of("health", "prometheus");

    @Autowired
    ApplicationContext context;

    @Test
    void everyRouterFunctionRouteIsProtectedOrExplicitlyPublic() {
        Map<String, RouteAccess.Access> routes = new HashMap<>();
        List<String> unprotected = new ArrayList<>();
        for (RouterFunction<?> function : context.getBeansOfType(RouterFunction.class).values()) {
            function.accept(new AccessVisitor(routes, unprotected));
        }
        assertThat(routes).as("routes found").containsEntry("GET /v1/models", RouteAccess.Access.USER)
                .containsEntry("POST /v1/chat/completions", RouteAccess.Access.USER)
                .containsEntry("POST /v1/completions", RouteAccess.Access.USER)
                .containsEntry("GET /cluster/v1/state", RouteAccess.Access.CLUSTER)
                .containsEntry("POST /cluster/v1/prefix/chat/completions", RouteAccess.Access.CLUSTER)
                .containsEntry("POST /cluster/v1/prefix/completions", RouteAccess.Access.CLUSTER)
                .containsEntry("GET /admin/stats", RouteAccess.Access.ADMIN);
        assertThat(unprotected).as("routes without an access decision").isEmpty();
    }

    @Test
    void noAnnotatedControllerServesAnything() {
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class)
                .values()) {
            assertThat(mapping.getHandlerMethods()).as("@RequestMapping handlers").isEmpty();
        }
    }

    @Test
    void theActuatorExposesOnlyPublicEndpoints() {
        Set<String> exposed = new TreeSet<>(context.getBean(PathMappedEndpoints.class).getAllRootPaths());
        assertThat(exposed).isNotEmpty().isSubsetOf(PUBLIC_ACTUATOR_ENDPOINTS);
    }

    /** Records each route with its access, and those not inside an {@link RouteAccess#ATTRIBUTE} scope. */
    private static final class AccessVisitor implements RouterFunctions.Visitor {
        private final Map<String, RouteAccess.Access> routes;
        private final List<String> unprotected;
        private final List<Map<String, Object>> scopes = new ArrayList<>();
        private Map<String, Object> pending = new HashMap<>();

        AccessVisitor(Map<String, RouteAccess.Access> routes, List<String> unprotected) {
            this.routes = routes;
            this.unprotected = unprotected;
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
            pending = new HashMap<>(attributes);
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            scopes.add(pending);
            pending = new HashMap<>();
        }

        @Override
        public void endNested(RequestPredicate predicate) {
            scopes.removeLast();
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            String route = predicate.toString().replaceAll("[()]", "").replace(" && ", " ");
            record(route);
        }

        @Override
        public void resources(java.util.function.Function<ServerRequest, Mono<Resource>> lookupFunction) {
            record("resources " + lookupFunction);
        }

        private void record(String route) {
            RouteAccess.Access access = decision();
            if (access == null) {
                unprotected.add(route);
            } else {
                routes.put(route, access);
            }
        }

        /** The access of the innermost scope that has one. */
        private RouteAccess.Access decision() {
            if (pending.get(RouteAccess.ATTRIBUTE) instanceof RouteAccess.Access access) {
                return access;
            }
            for (Map<String, Object> scope : scopes.reversed()) {
                if (scope.get(RouteAccess.ATTRIBUTE) instanceof RouteAccess.Access access) {
                    return access;
                }
            }
            return null;
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            unprotected.add("unknown " + routerFunction);
        }
    }
}
