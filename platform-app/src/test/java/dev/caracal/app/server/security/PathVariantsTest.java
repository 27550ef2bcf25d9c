package dev.caracal.app.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.CaracalServer;
import dev.caracal.app.server.RawHttp;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.app.server.http.RequestHeadGuard;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * However a route's path is spelled, the server decides as it does for the path's canonical form (escapes decoded):
 * the same answer for the same key, or a 400 when the spelling is ambiguous (an encoded slash or dot, path parameters,
 * empty or dot segments, double encoding). Checked for every route, with no key, a user key, a user key limited to
 * one model, an admin key and a cluster key, on a server with tenants; and with no tenants, where the admin API is
 * closed to all.
 */
class PathVariantsTest {

    private static final String USER_KEY = "sk-paths-user";
    private static final String LIMITED_KEY = "sk-paths-limited";
    private static final String ADMIN_KEY = "sk-paths-admin";
    private static final String RATE_KEY = "sk-paths-rate";
    private static final String CLUSTER_KEY = "sk-paths-cluster";

    /** Every route, as method and canonical path (the model route with a visible and a hidden model). */
    private static final List<String[]> ROUTES = List.of(
            new String[] {"GET", "/v1/models"},
            new String[] {"GET", "/v1/models/stories260K"},
            new String[] {"GET", "/v1/models/hidden"},
            new String[] {"POST", "/v1/completions"},
            new String[] {"POST", "/v1/chat/completions"},
            new String[] {"GET", "/cluster/v1/state"},
            new String[] {"POST", "/cluster/v1/prefix/completions"},
            new String[] {"GET", "/admin/stats"},
            new String[] {"GET", "/admin/tenants"},
            new String[] {"GET", "/actuator/health"},
            new String[] {"GET", "/actuator/prometheus"});

    private static ConfigurableApplicationContext withTenants;
    private static ConfigurableApplicationContext withoutTenants;
    private static final Map<String, Integer> CANONICAL = new HashMap<>();

    @BeforeContainer
    static void start() throws InterruptedException {
        String stories = dev.caracal.formats.testing.SharedData.require("models/stories260K.gguf").toString();
        withTenants = CaracalServer.start(new String[] {"--server.port=0",
            "--caracal.models[0].path=" + stories, "--caracal.models[0].alias=stories260K",
            "--caracal.models[0].kv-memory=16MB",
            "--caracal.models[1].path=" + stories, "--caracal.models[1].alias=hidden",
            "--caracal.models[1].kv-memory=16MB",
            "--caracal.security.tenants[0].name=user",
            "--caracal.security.tenants[0].key-hashes[0]=" + ApiKeyHash.of(USER_KEY),
            "--caracal.security.tenants[0].roles=user",
            "--caracal.security.tenants[1].name=limited",
            "--caracal.security.tenants[1].key-hashes[0]=" + ApiKeyHash.of(LIMITED_KEY),
            "--caracal.security.tenants[1].roles=user",
            "--caracal.security.tenants[1].models=stories260K",
            "--caracal.security.tenants[2].name=admin",
            "--caracal.security.tenants[2].key-hashes[0]=" + ApiKeyHash.of(ADMIN_KEY),
            "--caracal.security.tenants[2].roles=admin",
            "--caracal.security.tenants[3].name=rate",
            "--caracal.security.tenants[3].key-hashes[0]=" + ApiKeyHash.of(RATE_KEY),
            "--caracal.security.tenants[3].roles=user",
            "--caracal.security.tenants[3].limits.requests-per-minute=2",
            "--caracal.security.tenants[4].name=cluster",
            "--caracal.security.tenants[4].key-hashes[0]=" + ApiKeyHash.of(CLUSTER_KEY),
            "--caracal.security.tenants[4].roles=user,cluster"});
        withoutTenants = CaracalServer.start(new String[] {"--server.port=0", "--caracal.models[0].path=" + stories,
            "--caracal.models[0].alias=stories260K", "--caracal.models[0].kv-memory=16MB"});
        for (ConfigurableApplicationContext server : List.of(withTenants, withoutTenants)) {
            DeploymentRegistry registry = server.getBean(DeploymentRegistry.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!registry.isSettled() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    @AfterContainer
    static void stop() {
        for (ConfigurableApplicationContext server : new ConfigurableApplicationContext[] {withTenants,
            withoutTenants}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Property(tries = 400)
    void aPathIsDecidedAsItsCanonicalFormOrRefusedAsAmbiguous(@ForAll("variants") Variant variant,
            @ForAll("keys") String key, @ForAll boolean tenants) throws Exception {
        int port = port(tenants ? withTenants : withoutTenants);
        int status = status(port, variant.method(), variant.path(), key);
        boolean ambiguous = RequestHeadGuard.ambiguity(variant.path()).isPresent();
        Statistics.collect(ambiguous ? "ambiguous" : "decoded", status);
        String what = variant.method() + " " + variant.path() + " (canonical " + variant.canonical() + ") with key "
                + key + (tenants ? ", tenants" : ", no tenants");
        if (ambiguous) {
            assertThat(status).as(what).isEqualTo(400);
        } else {
            String canonical = variant.method() + " " + decode(variant.path()) + " " + key + " " + tenants;
            int expected = CANONICAL.computeIfAbsent(canonical, request -> {
                try {
                    return status(port, variant.method(), decode(variant.path()), key);
                } catch (Exception failure) {
                    throw new IllegalStateException(failure);
                }
            });
            assertThat(status).as(what).isEqualTo(expected);
        }
        assertThat(status).as(what).isLessThan(500);
    }

    /** The spellings of the issue that found the bypass: each gets the canonical path's answer. */
    @Example
    void encodedPrefixesGetTheAnswerOfTheCanonicalPath() throws Exception {
        int port = port(withTenants);
        assertThat(status(port, "GET", "/%61dmin/tenants", null)).isEqualTo(401);
        assertThat(status(port, "GET", "/%61dmin/tenants", USER_KEY)).isEqualTo(403);
        assertThat(status(port, "GET", "/%61dmin/tenants", ADMIN_KEY)).isEqualTo(200);
        assertThat(status(port, "GET", "/admin;x=1/stats", null)).isEqualTo(400);
        assertThat(status(port, "GET", "/%761/models/hidden", LIMITED_KEY)).isEqualTo(404);
        assertThat(status(port, "GET", "/%63luster/v1/state", USER_KEY)).isEqualTo(403);
        assertThat(status(port, "GET", "/%63luster/v1/state", CLUSTER_KEY)).isEqualTo(200);
        // Without tenants the admin API is open to this machine (these requests come from loopback).
        assertThat(status(port(withoutTenants), "GET", "/%61dmin/tenants", null)).isEqualTo(200);
        assertThat(status(port(withoutTenants), "GET", "/admin/stats", null)).isEqualTo(200);
    }

    /** A tenant's rate limit counts a request however its path is spelled. */
    @Example
    void theRateLimitCountsEverySpelling() throws Exception {
        int port = port(withTenants);
        byte[] body = """
                {"model": "stories260K", "prompt": "Once", "max_tokens": 1}""".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + RATE_KEY,
                "Content-Type", "application/json");
        List<Integer> statuses = new ArrayList<>();
        for (String path : List.of("/v1/completions", "/%761/completions", "/v1/%63ompletions",
            "/%76%31/completions")) {
            statuses.add(RawHttp.exchange(port, "POST", path, headers, body).status());
        }
        assertThat(statuses).containsExactly(200, 200, 429, 429);
    }

    /** One spelling of a route: method, the path sent, and the route's canonical path. */
    record Variant(String method, String path, String canonical) {
    }

    @Provide
    Arbitrary<Variant> variants() {
        return Arbitraries.of(ROUTES).flatMap(route -> spelling(route[1])
                .map(path -> new Variant(route[0], path, route[1])));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of(USER_KEY, LIMITED_KEY, ADMIN_KEY, CLUSTER_KEY, "sk-wrong").injectNull(0.25);
    }

    /** {@code path} with changes at random places: escapes, case, parameters, empty and dot segments, slashes. */
    private static Arbitrary<String> spelling(String path) {
        Arbitrary<String> perCharacter = Combinators.combine(
                        Arbitraries.integers().between(0, 39).list().ofSize(path.length()),
                        Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(3, Arbitraries.just(List.<Change>of())),
                                net.jqwik.api.Tuple.of(2, Arbitraries.of(Change.values()).list().ofMinSize(1)
                                        .ofMaxSize(2))),
                        Arbitraries.integers().between(0, path.length()).list().ofSize(2))
                .as((choices, structural, places) -> {
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < path.length(); i++) {
                        out.append(character(path.charAt(i), choices.get(i)));
                    }
                    String spelled = out.toString();
                    for (int i = 0; i < structural.size(); i++) {
                        spelled = structural.get(i).apply(spelled, places.get(i) % (spelled.length() + 1));
                    }
                    return spelled.startsWith("/") ? spelled : "/" + spelled;
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(path)),
                net.jqwik.api.Tuple.of(6, perCharacter));
    }

    /** Mostly the character itself; sometimes an escape (either case of hex), its case flipped, or double encoded. */
    private static String character(char c, int choice) {
        return switch (choice) {
            case 7 -> String.format("%%%02X", (int) c);
            case 8 -> String.format("%%%02x", (int) c);
            case 9 -> Character.isLetter(c) ? String.valueOf(Character.isUpperCase(c) ? Character.toLowerCase(c)
                    : Character.toUpperCase(c)) : String.format("%%25%02X", (int) c);
            default -> String.valueOf(c);
        };
    }

    /** Structural changes at a place in the path. */
    enum Change {
        PARAMETER(";x=1"), EMPTY_SEGMENT("/"), DOT_SEGMENT("/."), PARENT_SEGMENT("/x/.."), ENCODED_DOT("%2e"),
        ENCODED_SLASH("%2F"), TRAILING_SLASH("/"), BACKSLASH("\\"), DOUBLE_ENCODING("%2561");

        private final String text;

        Change(String text) {
            this.text = text;
        }

        String apply(String path, int at) {
            return this == TRAILING_SLASH ? path + text : path.substring(0, at) + text + path.substring(at);
        }
    }

    private static int status(int port, String method, String path, String key) throws Exception {
        Map<String, String> headers = new HashMap<>();
        if (key != null) {
            headers.put("Authorization", "Bearer " + key);
        }
        if (method.equals("POST")) {
            headers.put("Content-Type", "application/json");
            headers.put("Content-Length", "0"); // no body: a 400 at once, once let in
        }
        return RawHttp.exchange(port, method, path, headers).status();
    }

    /** {@code path} with every escape decoded (as UTF-8). */
    private static String decode(String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int port(ConfigurableApplicationContext server) {
        return Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
    }
}
