package dev.caracal.app.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.CaracalServer;
import dev.caracal.app.server.RawHttp;
import dev.caracal.app.server.security.ApiKeyHash;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Signing in to the admin UI with tenants configured: a wrong key or a user's key is refused, an admin key gets an
 * HttpOnly, SameSite=Strict session cookie; the cookie opens the admin API for reading, and for changes only with the
 * session's CSRF token; signing out ends the session. Without a cookie or key the admin API stays closed.
 */
class AdminSessionTest {

    private static final String ADMIN_KEY = "sk-admin-" + "a".repeat(24);
    private static final String USER_KEY = "sk-user-" + "b".repeat(24);

    private static ConfigurableApplicationContext server;
    private static int port;

    @BeforeAll
    static void start() {
        server = CaracalServer.start(new String[] {"--server.port=0",
            "--caracal.security.tenants[0].name=ops", "--caracal.security.tenants[0].roles[0]=admin",
            "--caracal.security.tenants[0].key-hashes[0]=" + ApiKeyHash.of(ADMIN_KEY),
            "--caracal.security.tenants[1].name=app", "--caracal.security.tenants[1].roles[0]=user",
            "--caracal.security.tenants[1].key-hashes[0]=" + ApiKeyHash.of(USER_KEY)});
        port = ((WebServerApplicationContext) server).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anAdminKeySignsInAndTheCookieNeedsItsCsrfTokenForChanges() throws Exception {
        assertThat(json("GET", "/admin/session", Map.of(), null).text()).contains("\"tenantsConfigured\":true",
                "\"signedIn\":false");
        assertThat(json("GET", "/admin/models", Map.of(), null).status()).isEqualTo(401);
        RawHttp.Response wrong = json("POST", "/admin/session", Map.of(), "{\"key\": \"sk-wrong\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text()).contains("Incorrect API key").doesNotContainIgnoringCase("set-cookie");
        RawHttp.Response user = json("POST", "/admin/session", Map.of(), "{\"key\": \"" + USER_KEY + "\"}");
        assertThat(user.status()).isEqualTo(401);
        assertThat(user.text()).contains("admin role");

        RawHttp.Response signedIn = json("POST", "/admin/session", Map.of(), "{\"key\": \"" + ADMIN_KEY + "\"}");
        assertThat(signedIn.status()).isEqualTo(200);
        Matcher cookie = Pattern.compile("set-cookie: (caracal_session=[0-9a-f]{64});([^\r\n]*)",
                Pattern.CASE_INSENSITIVE).matcher(
                signedIn.text());
        assertThat(cookie.find()).as(signedIn.text()).isTrue();
        assertThat(cookie.group(2)).containsIgnoringCase("HttpOnly").contains("SameSite=Strict", "Path=/admin");
        assertThat(signedIn.text()).doesNotContain(ADMIN_KEY);
        Matcher csrf = Pattern.compile("\"csrfToken\":\"([0-9a-f]{64})\"").matcher(signedIn.text());
        assertThat(csrf.find()).isTrue();
        Map<String, String> session = Map.of("Cookie", cookie.group(1));

        assertThat(json("GET", "/admin/session", session, null).text()).contains("\"signedIn\":true",
                "\"tenant\":\"ops\"", csrf.group(1));
        assertThat(json("GET", "/admin/models", session, null).status()).isEqualTo(200);
        RawHttp.Response noToken = json("PUT", "/admin/models/stories260K/pin", session, "{\"pinned\": true}");
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.text()).contains("X-CSRF-Token");
        Map<String, String> withToken = Map.of("Cookie", cookie.group(1), "X-CSRF-Token", csrf.group(1));
        assertThat(json("PUT", "/admin/models/stories260K/pin", withToken, "{\"pinned\": true}").status())
                .isIn(200, 404);
        assertThat(json("GET", "/admin/models", Map.of("Authorization", "Bearer " + ADMIN_KEY), null).status())
                .isEqualTo(200);

        assertThat(json("DELETE", "/admin/session", session, null).status()).isEqualTo(204);
        assertThat(json("GET", "/admin/models", session, null).status()).isEqualTo(401);
    }

    @Test
    void thePageAndItsFilesArePublicAndHoldNoData() throws Exception {
        RawHttp.Response page = RawHttp.exchange(port, "GET", "/admin/", Map.of());
        assertThat(page.status()).isIn(200, 404);
        if (page.status() == 200) {
            assertThat(page.text()).contains("Content-Security-Policy", "<html");
        }
        assertThat(RawHttp.exchange(port, "GET", "/admin/ui/../../application.yml", Map.of()).status())
                .isEqualTo(400);
    }

    private static RawHttp.Response json(String method, String path, Map<String, String> headers, String body)
            throws Exception {
        Map<String, String> all = new java.util.HashMap<>(headers);
        if (body != null) {
            all.put("Content-Type", "application/json");
        }
        return RawHttp.exchange(port, method, path, all, body == null ? new byte[0]
                : body.getBytes(StandardCharsets.UTF_8));
    }
}
