package dev.caracal.app.server.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's own part of the configuration under the prefix {@code caracal} (application.yml, environment, or
 * {@code --caracal.…=…} on the command line); the models and how they run are
 * {@link dev.caracal.spring.boot.CaracalProperties}, shared with every application that embeds Caracal.
 *
 * @param port               the HTTP port (the same as {@code server.port})
 * @param host               the address the server listens on (the same as {@code server.address}): 127.0.0.1 (this
 *                           machine only) unless told otherwise; {@code 0.0.0.0} for every interface
 * @param apiKeys            no longer supported (plain keys in the configuration): start-up fails and points to
 *                           {@code caracal.security.tenants}, whose keys are stored as hashes
 * @param maxWaitingRequests the most requests one model deployment queues for admission; more get 429 (and
 *                           {@code Retry-After})
 * @param role               {@code worker} (serve the configured models) or {@code router} (serve none, forward
 *                           requests to the workers of {@code caracal.router})
 */
@ConfigurationProperties("caracal")
public record GatewayProperties(
        @DefaultValue("8000") int port,
        @DefaultValue("127.0.0.1") String host,
        List<String> apiKeys,
        @DefaultValue("256") int maxWaitingRequests,
        @DefaultValue("worker") String role) {

    public GatewayProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        if (!apiKeys.isEmpty()) {
            throw new IllegalArgumentException("caracal.api-keys (plain keys) is replaced by caracal.security.tenants,"
                    + " which stores the SHA-256 of each key: `caracal hash-key KEY` prints it (see README, API keys)");
        }
        if (!role.equals("worker") && !role.equals("router")) {
            throw new IllegalArgumentException("caracal.role is worker or router, not '" + role + "'");
        }
        if (maxWaitingRequests < 1) {
            throw new IllegalArgumentException("caracal.max-waiting-requests must be ≥ 1, was " + maxWaitingRequests);
        }
    }
}
