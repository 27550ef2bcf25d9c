package dev.caracal.app.server.security;

/**
 * What a tenant's keys may do: call the OpenAI API ({@code /v1/**}), the admin API ({@code /admin/**}), the cluster
 * API ({@code /cluster/v1/**}), or several of them.
 */
public enum Role {
    /** The OpenAI API, for the tenant's models. */
    USER,
    /** The admin API: every model's statistics and every tenant's limits. */
    ADMIN,
    /**
     * The cluster API (every tenant's cached block hashes) and the {@link CacheSalt#HEADER} header: a router's key,
     * never a client's.
     */
    CLUSTER
}
