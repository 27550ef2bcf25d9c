package dev.caracal.app.server.security;

import dev.caracal.engine.api.Priority;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;

/**
 * The caller of a request, as its API key says: what it may do and use, and how it is limited. Without configured
 * tenants every caller is {@link #ANONYMOUS}.
 *
 * @param name     the tenant's name
 * @param roles    what its keys may call
 * @param models   the model names it may use; {@code *} for all
 * @param priority its requests' priority class
 * @param limits   its limits
 */
public record Tenant(String name, Set<Role> roles, Set<String> models, Priority priority,
        SecurityProperties.Limits limits) {

    /** The exchange attribute that holds the authenticated tenant. */
    public static final String ATTRIBUTE = Tenant.class.getName();

    /**
     * Everyone, when no tenant is configured: the OpenAI and cluster APIs for every model, no limits (whoever can
     * connect is trusted as a router is).
     */
    public static final Tenant ANONYMOUS = new Tenant("anonymous", Set.of(Role.USER, Role.CLUSTER), Set.of("*"),
            Priority.INTERACTIVE, SecurityProperties.Limits.NONE);

    public Tenant {
        roles = Set.copyOf(roles);
        models = Set.copyOf(models);
    }

    /** Whether this tenant may use the model served as {@code model}. */
    public boolean mayUse(String model) {
        return models.contains("*") || models.contains(model);
    }

    /** Whether this is the tenant of a configured key (not {@link #ANONYMOUS}). */
    public boolean isAuthenticated() {
        return this != ANONYMOUS;
    }

    /**
     * The salt of this tenant's prefix-cache keys: its name, so that tenants never share cached blocks (nor learn from
     * timing what another sent); null for {@link #ANONYMOUS}, whose requests all share the cache. A request's own salt
     * may differ ({@link CacheSalt#of}).
     */
    public String cacheSalt() {
        return isAuthenticated() ? name : null;
    }

    /**
     * The tenant that the route's access check ({@link RouteAccess}) admitted for the exchange.
     *
     * @throws IllegalStateException when no check ran: a route was served without an access decision (a bug, refused
     *     rather than served as anyone)
     */
    public static Tenant of(ServerWebExchange exchange) {
        Tenant tenant = exchange.getAttribute(ATTRIBUTE);
        if (tenant == null) {
            throw new IllegalStateException("no access decision was made for " + exchange.getRequest().getPath()
                    + ": its route is not wrapped by RouteAccess");
        }
        return tenant;
    }
}
