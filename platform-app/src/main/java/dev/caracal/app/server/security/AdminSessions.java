package dev.caracal.app.server.security;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The admin UI's sign-in sessions, in memory: a random id in an {@code HttpOnly}, {@code SameSite=Strict} cookie
 * names the admin tenant that signed in with its key, and a CSRF token that every state-changing request of the session
 * must carry in {@link #CSRF_HEADER}. Sessions end after {@link #LIFETIME}, on sign-out, or when the server stops.
 */
@Component
public class AdminSessions {

    /** The session cookie's name. */
    public static final String COOKIE = "caracal_session";
    /** The header that carries a session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** How long a session lasts. */
    public static final Duration LIFETIME = Duration.ofHours(12);
    /** The most sessions kept; the oldest go first. */
    static final int MAX_SESSIONS = 10_000;

    /** A signed-in admin. */
    public record Session(Tenant tenant, String csrfToken, long expiresAtNanos) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** Opens a session for {@code tenant} and sets its cookie on the response. */
    public Session open(Tenant tenant, ServerWebExchange exchange) {
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.entrySet().stream().min(java.util.Comparator.comparingLong(entry -> entry.getValue()
                    .expiresAtNanos())).ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
        String id = token();
        Session session = new Session(tenant, token(), System.nanoTime() + LIFETIME.toNanos());
        sessions.put(id, session);
        exchange.getResponse().addCookie(cookie(id, LIFETIME));
        return session;
    }

    /** The live session whose cookie the request carries. */
    public Optional<Session> find(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (cookie == null) {
            return Optional.empty();
        }
        Session session = sessions.get(cookie.getValue());
        if (session == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - session.expiresAtNanos() > 0) {
            sessions.remove(cookie.getValue());
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /** Ends the request's session, if any, and clears its cookie. */
    public void close(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (cookie != null) {
            sessions.remove(cookie.getValue());
        }
        exchange.getResponse().addCookie(cookie("", Duration.ZERO));
    }

    private static ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).sameSite("Strict").path("/admin").maxAge(maxAge)
                .build();
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
