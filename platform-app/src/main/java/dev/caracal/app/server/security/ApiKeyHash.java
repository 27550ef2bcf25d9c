package dev.caracal.app.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys as the configuration stores them: {@code sha256:} and the lower-case hex SHA-256 of the key's UTF-8 bytes,
 * the same as {@code printf %s KEY | sha256sum}. A key is never stored, logged or compared in plain text.
 */
public final class ApiKeyHash {

    /** The prefix of every stored hash. */
    public static final String PREFIX = "sha256:";

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyHash() {
    }

    /** The SHA-256 of {@code key}'s UTF-8 bytes. */
    public static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }

    /** {@code key} as the configuration stores it: {@code sha256:<64 hex digits>}. */
    public static String of(String key) {
        return PREFIX + HEX.formatHex(digest(key));
    }

    /**
     * The digest in a stored hash.
     *
     * @throws IllegalArgumentException when {@code stored} is not {@code sha256:} and 64 hex digits
     */
    public static byte[] parse(String stored) {
        String value = stored == null ? "" : stored.strip();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || value.length() != PREFIX.length() + 64) {
            throw new IllegalArgumentException("a key hash must be sha256: followed by 64 hex digits (caracal"
                    + " hash-key KEY prints it); got a value of " + value.length() + " characters");
        }
        try {
            return HEX.parseHex(value.substring(PREFIX.length()).toLowerCase());
        } catch (IllegalArgumentException notHex) {
            throw new IllegalArgumentException("a key hash must be sha256: followed by 64 hex digits (caracal"
                    + " hash-key KEY prints it); it has a character that is not a hex digit", notHex);
        }
    }

    /** A new random key: {@code sk-caracal-} and 32 random bytes in URL-safe Base64. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "sk-caracal-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
