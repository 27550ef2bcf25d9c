package dev.caracal.app.server.security;

import dev.caracal.app.server.error.OpenAiException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.springframework.web.server.ServerWebExchange;

/**
 * The prefix-cache salt of a generation request, decided once for its block hashes and its run: its tenant's
 * ({@link Tenant#cacheSalt()}), unless the request sets {@value #HEADER}, which a caller with the {@link Role#CLUSTER}
 * role may do (a router, naming the tenant it forwards for) and any other is refused. Without tenants everyone is
 * {@link Tenant#ANONYMOUS}, which has the role.
 *
 * <p>The header's value is the salt in UTF-8, every byte other than a visible ASCII character or {@code %} written
 * {@code %XX} ({@link #encode}), so that no salt is changed on the way by HTTP's Latin-1 headers.
 */
public final class CacheSalt {

    /** The request header that sets the salt. */
    public static final String HEADER = "X-Caracal-Cache-Salt";

    private CacheSalt() {
    }

    /**
     * The salt of the request of {@code exchange}, whose route's access check ran.
     *
     * @throws OpenAiException 403 when a caller without the cluster role sets {@value #HEADER}; 400 when it is set
     *     twice, empty or not in its encoding
     */
    public static String of(ServerWebExchange exchange) {
        Tenant tenant = Tenant.of(exchange);
        List<String> values = exchange.getRequest().getHeaders().getOrEmpty(HEADER);
        if (values.isEmpty()) {
            return tenant.cacheSalt();
        }
        if (!tenant.roles().contains(Role.CLUSTER)) {
            throw OpenAiException.forbidden("Only a key with the cluster role (a router's) may set " + HEADER
                    + "; send the request without it");
        }
        if (values.size() > 1 || values.getFirst().isEmpty()) {
            throw OpenAiException.invalid(null, HEADER + " must be given once, with a value");
        }
        return decode(values.getFirst());
    }

    /** {@code salt} as {@value #HEADER}'s value. */
    public static String encode(String salt) {
        StringBuilder value = new StringBuilder();
        for (byte b : salt.getBytes(StandardCharsets.UTF_8)) {
            if (b > 0x20 && b < 0x7f && b != '%') {
                value.append((char) b);
            } else {
                value.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return value.toString();
    }

    private static String decode(String value) {
        ByteBuffer bytes = ByteBuffer.allocate(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && HexFormat.isHexDigit(value.charAt(i + 1))
                    && HexFormat.isHexDigit(value.charAt(i + 2))) {
                bytes.put((byte) HexFormat.fromHexDigits(value, i + 1, i + 3));
                i += 2;
            } else if (c > 0x20 && c < 0x7f && c != '%') {
                bytes.put((byte) c);
            } else {
                throw notEncoded();
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.flip()).toString();
        } catch (CharacterCodingException malformed) {
            throw notEncoded();
        }
    }

    private static OpenAiException notEncoded() {
        return OpenAiException.invalid(null, HEADER + " must be the salt in UTF-8, each byte other than a visible"
                + " ASCII character or % written %XX");
    }
}
