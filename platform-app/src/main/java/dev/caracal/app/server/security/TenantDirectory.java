package dev.caracal.app.server.security;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The configured tenants and the hashes of their keys. A key is looked up by comparing its SHA-256 with every stored
 * hash in constant time, so neither the answer's timing nor its content tells anything about the stored keys.
 */
@Component
public class TenantDirectory {

    private record KeyHash(byte[] digest, Tenant tenant) {
    }

    private final List<Tenant> tenants = new ArrayList<>();
    private final List<KeyHash> hashes = new ArrayList<>();

    public TenantDirectory(SecurityProperties properties) {
        Set<String> names = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < properties.tenants().size(); i++) {
            SecurityProperties.TenantConfig config = properties.tenants().get(i);
            String at = "caracal.security.tenants[" + i + "]";
            if (config.name() == null || config.name().isBlank()) {
                throw new IllegalArgumentException(at + ".name is missing");
            }
            if (!names.add(config.name())) {
                throw new IllegalArgumentException(at + ".name: two tenants are named " + config.name());
            }
            if (config.keyHashes() == null || config.keyHashes().isEmpty()) {
                throw new IllegalArgumentException(at + ".key-hashes is missing: tenant " + config.name()
                        + " needs at least one key hash (caracal hash-key KEY prints one)");
            }
            if (config.roles().isEmpty()) {
                throw new IllegalArgumentException(at + ".roles is empty: give one or more of user, admin and cluster");
            }
            Tenant tenant = new Tenant(config.name(), EnumSet.copyOf(config.roles()), Set.copyOf(config.models()),
                    config.priority(), config.limits() == null ? SecurityProperties.Limits.NONE : config.limits());
            tenants.add(tenant);
            for (int k = 0; k < config.keyHashes().size(); k++) {
                byte[] digest;
                try {
                    digest = ApiKeyHash.parse(config.keyHashes().get(k));
                } catch (IllegalArgumentException malformed) {
                    throw new IllegalArgumentException(at + ".key-hashes[" + k + "]: " + malformed.getMessage(),
                            malformed);
                }
                if (!seen.add(HexFormat.of().formatHex(digest))) {
                    throw new IllegalArgumentException(at + ".key-hashes[" + k + "]: the same key hash is configured"
                            + " twice");
                }
                hashes.add(new KeyHash(digest, tenant));
            }
        }
    }

    /** Whether any tenant is configured (then every API call needs a key). */
    public boolean isEnabled() {
        return !tenants.isEmpty();
    }

    /** The configured tenants, in configuration order. */
    public List<Tenant> tenants() {
        return List.copyOf(tenants);
    }

    /** The number of keys of {@code tenant}. */
    public long keyCount(Tenant tenant) {
        return hashes.stream().filter(hash -> hash.tenant() == tenant).count();
    }

    /** The tenant whose key is {@code key}; every stored hash is compared, whichever matches. */
    public Optional<Tenant> authenticate(String key) {
        byte[] digest = ApiKeyHash.digest(key);
        Tenant found = null;
        for (KeyHash hash : hashes) {
            if (MessageDigest.isEqual(hash.digest(), digest)) {
                found = hash.tenant();
            }
        }
        return Optional.ofNullable(found);
    }
}
