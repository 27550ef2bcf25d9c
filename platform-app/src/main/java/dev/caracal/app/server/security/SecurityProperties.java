package dev.caracal.app.server.security;

import dev.caracal.engine.api.Priority;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the gateway, under {@code caracal.security}: tenants, each with the hashes of its API keys, its roles,
 * the models it may use, its priority class and its limits. With no tenant configured, the OpenAI API is open to
 * anyone and the admin API to no one.
 *
 * @param tenants the tenants; their names and key hashes are unique
 */
@ConfigurationProperties("caracal.security")
public record SecurityProperties(List<TenantConfig> tenants) {

    public SecurityProperties {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
    }

    /**
     * One tenant.
     *
     * @param name      shown in metrics, logs and the admin API; unique
     * @param keyHashes its API keys as {@code sha256:<hex>} ({@code caracal hash-key} prints them); at least one
     * @param roles     {@code user} (the OpenAI API), {@code admin} (the admin API), {@code cluster} (the cluster API
     *                  and the cache salt header: a router's key), or several
     * @param models    the model names it may use, or {@code *} for all; other models answer 404 as if absent
     * @param priority  {@code interactive} or {@code batch}: queued interactive requests are admitted first
     * @param limits    its rate and concurrency limits (0: none)
     */
    public record TenantConfig(
            String name,
            List<String> keyHashes,
            @DefaultValue("user") Set<Role> roles,
            @DefaultValue("*") List<String> models,
            @DefaultValue("interactive") Priority priority,
            @DefaultValue Limits limits) {
    }

    /**
     * A tenant's limits; 0 means no limit.
     *
     * @param requestsPerSecond requests admitted per second
     * @param requestsPerMinute requests admitted per minute
     * @param tokensPerMinute   prompt tokens plus {@code max_tokens} (times {@code n}) per minute, charged at
     *                          admission and corrected to the tokens used when the request ends
     * @param maxConcurrent     requests in flight at once (queued or running)
     */
    public record Limits(
            @DefaultValue("0") int requestsPerSecond,
            @DefaultValue("0") int requestsPerMinute,
            @DefaultValue("0") long tokensPerMinute,
            @DefaultValue("0") int maxConcurrent) {

        /** No limit at all. */
        public static final Limits NONE = new Limits(0, 0, 0, 0);

        public Limits {
            if (requestsPerSecond < 0 || requestsPerMinute < 0 || tokensPerMinute < 0 || maxConcurrent < 0) {
                throw new IllegalArgumentException("tenant limits must be ≥ 0 (0: no limit)");
            }
        }
    }
}
