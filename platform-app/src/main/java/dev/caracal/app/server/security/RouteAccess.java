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
 * {@link #user}, {@link #admin}, {@link #cluster} or {@link #open}, so the check runs after routing, on whatever
 * spelling of the path reached the route, and a route without a decision cannot serve (its handler finds no tenant).
 * Each wrapped route carries its {@link Access} as the attribute {@link #ATTRIBUTE}, which a test walks.
 *
 * <p>The OpenAI API ({@link #user}) needs the key of a tenant with the {@code user} role when tenants are configured,
 * and is open to everyone as {@link Tenant#ANONYMOUS} otherwise; so is the cluster API ({@link #cluster}) with the
 * {@code cluster} role, a router's: it lists every tenant's cached block hashes. The admin API ({@link #admin}) needs
 * the key of a tenant with the {@code admin} role, or the cookie of an admin UI session ({@link AdminSessions}) with
 * its CSRF token on every request that changes something; without tenants it is open to clients on this machine (a
 * loopback address, and a loopback {@code Host}, against DNS rebinding) and refused to any other. A browser request
 * that changes something must come from the gateway's own pages ({@code Origin} and {@code Sec-Fetch-Site}). Keys are
 * never logged or echoed: a refusal says only what was wrong.
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
        ADMIN,
        /** Tenants with the cluster role (everyone when no tenant is configured). */
        CLUSTER
    }

    private final TenantDirectory tenants;
    private final AdminSessions sessions;

    public RouteAccess(TenantDirectory tenants, AdminSessions sessions) {
        this.tenants = tenants;
        this.sessions = sessions;
    }

    /** {@code routes} for tenants with the user role. */
    public RouterFunction<ServerResponse> user(RouterFunction<ServerResponse> routes) {
        return routes.filter(check(Role.USER)).withAttribute(ATTRIBUTE, Access.USER);
    }

    /** {@code routes} for tenants with the admin role. */
    public RouterFunction<ServerResponse> admin(RouterFunction<ServerResponse> routes) {
        return routes.filter(check(Role.ADMIN)).withAttribute(ATTRIBUTE, Access.ADMIN);
    }

    /** {@code routes} for tenants with the cluster role. */
    public RouterFunction<ServerResponse> cluster(RouterFunction<ServerResponse> routes) {
        return routes.filter(check(Role.CLUSTER)).withAttribute(ATTRIBUTE, Access.CLUSTER);
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
        if (needed == Role.ADMIN) {
            checkOrigin(exchange);
        }
        if (!tenants.isEnabled()) {
            if (needed == Role.ADMIN && !fromThisMachine(exchange)) {
                throw OpenAiException.forbidden("The admin API is open to this machine only while no tenant is"
                        + " configured; to use it from elsewhere, configure caracal.security.tenants with a tenant"
                        + " that has the admin role (`caracal hash-key --generate` makes a key and its hash)");
            }
            return Tenant.ANONYMOUS;
        }
        Optional<String> key = bearerKey(exchange);
        if (needed == Role.ADMIN && key.isEmpty()) {
            Optional<AdminSessions.Session> session = sessions.find(exchange);
            if (session.isPresent()) {
                if (changesState(exchange) && !session.get().csrfToken().equals(exchange.getRequest().getHeaders()
                        .getFirst(AdminSessions.CSRF_HEADER))) {
                    throw OpenAiException.forbidden("This request needs the session's CSRF token in the "
                            + AdminSessions.CSRF_HEADER + " header (GET /admin/session gives it)");
                }
                return session.get().tenant();
            }
        }
        if (key.isEmpty()) {
            throw OpenAiException.unauthorized("You didn't provide an API key. Provide it in an Authorization header"
                    + " using Bearer auth (Authorization: Bearer YOUR_KEY)");
        }
        Tenant tenant = tenants.authenticate(key.get())
                .orElseThrow(() -> OpenAiException.unauthorized("Incorrect API key provided"));
        if (!tenant.roles().contains(needed)) {
            throw OpenAiException.forbidden(switch (needed) {
                case ADMIN -> "This API key does not have the admin role the admin API needs";
                case USER -> "This API key does not have the user role the OpenAI API needs";
                case CLUSTER -> "This API key does not have the cluster role the cluster API needs (a router's key"
                        + " has it)";
            });
        }
        return tenant;
    }

    /** Whether the request comes from a loopback address and names a loopback host. */
    public static boolean fromThisMachine(ServerWebExchange exchange) {
        java.net.InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null || remote.getAddress() == null || !remote.getAddress().isLoopbackAddress()) {
            return false;
        }
        String host = exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
        if (host == null) {
            return true;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        return name.equalsIgnoreCase("localhost") || name.startsWith("127.") || name.equals("[::1]");
    }

    private static boolean changesState(ServerWebExchange exchange) {
        var method = exchange.getRequest().getMethod();
        return !(method == org.springframework.http.HttpMethod.GET || method == org.springframework.http.HttpMethod.HEAD
                || method == org.springframework.http.HttpMethod.OPTIONS);
    }

    /**
     * Refuses a state-changing request that a browser sent from another site: its {@code Sec-Fetch-Site} says
     * cross-site, or its {@code Origin} is not this server's (clients other than browsers send neither).
     */
    private static void checkOrigin(ServerWebExchange exchange) {
        if (!changesState(exchange)) {
            return;
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String site = headers.getFirst("Sec-Fetch-Site");
        String origin = headers.getFirst(HttpHeaders.ORIGIN);
        String host = headers.getFirst(HttpHeaders.HOST);
        boolean crossSite = site != null && !site.equals("same-origin") && !site.equals("none");
        boolean otherOrigin = origin != null && (host == null
                || !(origin.equals("http://" + host) || origin.equals("https://" + host)));
        if (crossSite || otherOrigin) {
            throw OpenAiException.forbidden("The admin API takes changes only from the gateway's own pages or from"
                    + " clients other than browsers (this request came from " + (origin == null ? "another site"
                    : origin) + ")");
        }
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
