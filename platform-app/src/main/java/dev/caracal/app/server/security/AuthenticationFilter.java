package dev.caracal.app.server.security;

import dev.caracal.app.server.openai.OpenAiException;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Lets in only who belongs: {@code /v1/**} needs the key of a tenant with the {@code user} role when tenants are
 * configured (and is open otherwise); {@code /admin/**} always needs the key of a tenant with the {@code admin} role,
 * so without configured tenants it is refused. The tenant found is put in the exchange ({@link Tenant#of}). Keys are
 * never logged or echoed: a refusal says only what was wrong.
 */
@Component
@Order(0)
class AuthenticationFilter implements WebFilter {

    private static final String BEARER = "Bearer ";

    private final TenantDirectory tenants;

    AuthenticationFilter(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        Role needed = under(path, "/v1") ? Role.USER : under(path, "/admin") ? Role.ADMIN : null;
        if (needed == null) {
            return chain.filter(exchange);
        }
        if (!tenants.isEnabled()) {
            if (needed == Role.ADMIN) {
                return Mono.error(OpenAiException.forbidden("The admin API needs the key of a tenant with the admin"
                        + " role, and none is configured (caracal.security.tenants)"));
            }
            return chain.filter(exchange);
        }
        Optional<String> key = bearerKey(exchange);
        if (key.isEmpty()) {
            return Mono.error(OpenAiException.unauthorized("You didn't provide an API key. Provide it in an"
                    + " Authorization header using Bearer auth (Authorization: Bearer YOUR_KEY)"));
        }
        Optional<Tenant> tenant = tenants.authenticate(key.get());
        if (tenant.isEmpty()) {
            return Mono.error(OpenAiException.unauthorized("Incorrect API key provided"));
        }
        if (!tenant.get().roles().contains(needed)) {
            return Mono.error(OpenAiException.forbidden(needed == Role.ADMIN
                    ? "This API key does not have the admin role the admin API needs"
                    : "This API key does not have the user role the OpenAI API needs"));
        }
        exchange.getAttributes().put(Tenant.ATTRIBUTE, tenant.get());
        return chain.filter(exchange);
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
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
