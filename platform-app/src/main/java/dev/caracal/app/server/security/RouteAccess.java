package dev.caracal.app.server.security;

import dev.caracal.app.server.error.OpenAiException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may call a route, attached to the route itself: every router function of the gateway is wrapped by
 * {@link #user}, {@link #admin} or {@link #open}, so the check runs after routing, on whatever spelling of the path
 * reached the route, and a route without a decision cannot serve (its handler finds no tenant). Each wrapped route
 * carries its {@link Access} as the attribute {@link #ATTRIBUTE}, which a test walks.
 *
 * <p>The OpenAI API ({@link #user}) needs the key of a tenant with the {@code user} role when tenants are configured,
 * and is open to everyone as {@link Tenant#ANONYMOUS} otherwise; the admin API ({@link #admin}) always needs the key of
 * a tenant with the {@code admin} role, so without tenants it is refused. Keys are never logged or echoed: a refusal
 * says only what was wrong.
 */
@Component
public class RouteAccess {

    /** The route attribute that holds a route's {@link Access}. */
    public static final String ATTRIBUTE = "caracal.access";

    private static final String BEARER = "Bearer ";

    /** Who may call a route. */
    public enum Access {
        /** Anyone: the route reveals nothing a caller may not know. */
        PUBLIC,
        /** Tenants with the user role (everyone when no tenant is configured). */
        USER,
        /** Tenants with the admin role. */
        ADMIN
    }

    private final TenantDirectory tenants;

    public RouteAccess(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    /** {@code routes} for tenants with the user role. */
    public RouterFunction<ServerResponse> user(RouterFunction<ServerResponse> routes) {
        return routes.filter(check(Role.USER)).withAttribute(ATTRIBUTE, Access.USER);
    }

    /** {@code routes} for tenants with the admin role. */
    public RouterFunction<ServerResponse> admin(RouterFunction<ServerResponse> routes) {
        return routes.filter(check(Role.ADMIN)).withAttribute(ATTRIBUTE, Access.ADMIN);
    }

    /** {@code routes} for anyone, as {@link Tenant#ANONYMOUS}. */
    public RouterFunction<ServerResponse> open(RouterFunction<ServerResponse> routes) {
        return routes.filter((request, next) -> {
            request.exchange().getAttributes().put(Tenant.ATTRIBUTE, Tenant.ANONYMOUS);
            return next.handle(request);
        }).withAttribute(ATTRIBUTE, Access.PUBLIC);
    }

    private HandlerFilterFunction<ServerResponse, ServerResponse> check(Role needed) {
        return (request, next) -> {
            Tenant tenant;
            try {
                tenant = decide(request.exchange(), needed);
            } catch (OpenAiException refused) {
                return Mono.error(refused);
            }
            request.exchange().getAttributes().put(Tenant.ATTRIBUTE, tenant);
            return next.handle(request);
        };
    }

    /** The tenant calling, when it may call a route that needs {@code needed}; otherwise the refusal. */
    Tenant decide(ServerWebExchange exchange, Role needed) {
        if (!tenants.isEnabled()) {
            if (needed == Role.ADMIN) {
                throw OpenAiException.forbidden("The admin API needs the key of a tenant with the admin role, and"
                        + " none is configured (caracal.security.tenants)");
            }
            return Tenant.ANONYMOUS;
        }
        Optional<String> key = bearerKey(exchange);
        if (key.isEmpty()) {
            throw OpenAiException.unauthorized("You didn't provide an API key. Provide it in an Authorization header"
                    + " using Bearer auth (Authorization: Bearer YOUR_KEY)");
        }
        Tenant tenant = tenants.authenticate(key.get())
                .orElseThrow(() -> OpenAiException.unauthorized("Incorrect API key provided"));
        if (!tenant.roles().contains(needed)) {
            throw OpenAiException.forbidden(needed == Role.ADMIN
                    ? "This API key does not have the admin role the admin API needs"
                    : "This API key does not have the user role the OpenAI API needs");
        }
        return tenant;
    }

    private static Optional<String> bearerKey(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String key = header.substring(BEARER.length()).strip();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }
}
