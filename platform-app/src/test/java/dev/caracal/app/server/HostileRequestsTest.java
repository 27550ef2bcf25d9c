package dev.caracal.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.app.server.security.ApiKeyHash;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Malformed and hostile requests against every endpoint of a running gateway (the demo model, tenants with keys):
 * random JSON of every type and depth, valid requests with one field replaced or broken, truncated and invalid UTF-8
 * bodies, huge numbers, deep nesting, wrong or missing keys and content types; and any method, path and header value
 * (malformed media types, charsets, accept headers, escapes). The answer is always a 4xx with an OpenAI error body (or
 * a 2xx when the request happens to be valid), never a 5xx, never a stack trace, and nothing is logged at ERROR.
 */
class HostileRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER_KEY = "sk-hostile-user";
    private static final String ADMIN_KEY = "sk-hostile-admin";
    private static final List<String> ENDPOINTS = List.of("/v1/chat/completions", "/v1/completions", "/v1/models",
            "/v1/models/stories260K", "/v1/models/%2e%2e%2f", "/admin/stats", "/admin/tenants", "/v1/embeddings");
    private static final List<String> FIELDS = List.of("model", "messages", "prompt", "max_tokens",
            "max_completion_tokens", "temperature", "top_p", "n", "stream", "stream_options", "stop", "seed",
            "presence_penalty", "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "user", "top_k",
            "min_p", "repetition_penalty", "tools", "tool_choice", "response_format", "echo", "suffix", "best_of",
            "store", "metadata", "service_tier", "role", "content", "type", "text", "include_usage");
    private static final List<String> VALID = List.of("""
            {"model": "stories260K", "messages": [{"role": "user", "content": "Once upon a time"}], "max_tokens": 4}""",
            """
            {"model": "stories260K", "messages": [{"role": "system", "content": "Hi"}, {"role": "user", "content":
             [{"type": "text", "text": "Tom"}]}], "max_completion_tokens": 3, "stream": true, "n": 2, "seed": 1,
             "stream_options": {"include_usage": true}, "stop": ["."], "logprobs": true, "top_logprobs": 2}""",
            """
            {"model": "stories260K", "prompt": "Once upon a time", "max_tokens": 4, "temperature": 0,
             "logit_bias": {"2": -100}, "logprobs": 2}""",
            """
            {"model": "stories260K", "prompt": [[1, 300, 301], "Lily"], "max_tokens": 2, "stream": true}""");

    private static ConfigurableApplicationContext server;
    private static String base;
    private static int port;
    private static HttpClient http;

    private static ErrorLog errors;

    @BeforeContainer
    static void start() {
        errors = ErrorLog.open();
        server = CaracalServer.start(new String[] {"--server.port=0", "--server.address=127.0.0.1",
            "--caracal.limits.max-tokens=16",
            "--caracal.security.tenants[0].name=everything",
            "--caracal.security.tenants[0].key-hashes[0]=" + ApiKeyHash.of(ADMIN_KEY),
            "--caracal.security.tenants[0].roles=user,admin",
            "--caracal.security.tenants[1].name=users",
            "--caracal.security.tenants[1].key-hashes[0]=" + ApiKeyHash.of(USER_KEY)});
        port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
        base = "http://127.0.0.1:" + port;
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        DeploymentRegistry registry = server.getBean(DeploymentRegistry.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!registry.isSettled() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @AfterContainer
    static void stop() {
        errors.close();
        if (server != null) {
            server.close();
        }
    }

    @Property(tries = 250)
    void randomJsonIsAnsweredWithAnOpenAiErrorOrAValidAnswer(@ForAll("endpoints") String endpoint,
            @ForAll("anyJson") String body, @ForAll("keys") String key, @ForAll("contentTypes") String type)
            throws Exception {
        check(endpoint, body.getBytes(StandardCharsets.UTF_8), key, type);
    }

    @Property(tries = 250)
    void validRequestsWithOneFieldBrokenAreAnsweredWithAnOpenAiErrorOrAValidAnswer(
            @ForAll("mutatedRequests") byte[] body, @ForAll("generationEndpoints") String endpoint) throws Exception {
        check(endpoint, body, "Bearer " + ADMIN_KEY, "application/json");
    }

    @Property(tries = 300)
    void anyMethodPathAndHeadersAreAnsweredWithA4xxOrAValidAnswer(@ForAll("methods") String method,
            @ForAll("paths") String path, @ForAll("headerValues") String contentType,
            @ForAll("headerValues") String accept, @ForAll("keys") String key, @ForAll boolean withBody)
            throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Accept", accept);
        headers.put("Authorization", key);
        byte[] body = withBody ? VALID.get(2).getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!withBody) {
            headers.put("Content-Length", "0");
        }
        int errorsBefore = errors.size();
        RawHttp.Response response = RawHttp.exchange(port, method, path, headers, body);
        String what = method + " " + path + " Content-Type: " + contentType + " Accept: " + accept + "\n"
                + response.text();
        Statistics.collect(response.status() / 100 * 100);
        assertThat(response.status()).as(what).isBetween(200, 499);
        if (response.status() >= 400) {
            assertThat(response.text()).as(what).doesNotContain("\tat ").doesNotContain("Exception");
        }
        String head = response.text().split("\r\n\r\n", 2)[0].toLowerCase(java.util.Locale.ROOT);
        if (response.status() >= 400 && !method.equals("HEAD")
                && (path.startsWith("/v1/") || path.startsWith("/admin/"))) {
            assertThat(head).as(what).contains("content-type: application/json");
            JsonNode error = JSON.readTree(response.text().split("\r\n\r\n", 2)[1]).get("error");
            assertThat(error.get("message").isString()).as(what).isTrue();
        }
        assertThat(errors.since(errorsBefore)).as("ERROR log lines for " + what)
                .isEmpty();
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "CONNECT",
                "PROPFIND", "get", "FOO");
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> known = Arbitraries.of(ENDPOINTS).map(path -> path.replace("%2e%2e%2f", "x"))
                .flatMap(path -> Arbitraries.of("", "/", "/a/b", "?x=1", "#f", "%", "%zz", "%00", "%c3%28",
                        "/..", "/%2e%2e", "//x", ";a=b", "%F0%9F%98%80", "/" + "a".repeat(3000))
                        .map(suffix -> path + suffix));
        Arbitrary<String> actuator = Arbitraries.of("/actuator", "/actuator/health", "/actuator/health/a/b",
                "/actuator/health/liveness", "/actuator/prometheus", "/actuator/metrics", "/actuator/env",
                "/actuator/health/%2e%2e/env");
        Arbitrary<String> random = Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyz0123456789/%._~-;:@!$&'()*+,=?#").ofMaxLength(40)
                .map(path -> "/" + path);
        return Arbitraries.oneOf(known, actuator, random);
    }

    @Provide
    Arbitrary<String> headerValues() {
        Arbitrary<String> types = Arbitraries.of("application/json", "garbage", "application/", "/json",
                "application/json; charset=bogus", "application/json; charset=", "application/json;;;",
                "application/json; charset=utf-16", "text/event-stream", "*/*", "*/*;q=abc", "text/html;q=2",
                "application/json, text/plain;q=0.5", "multipart/form-data", "a/b/c", "\"\"", "application/*");
        Arbitrary<String> random = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30);
        return Arbitraries.oneOf(types, random).injectNull(0.15);
    }

    /** Integers beyond an int where the API expects small ones (found by the property above: a 500 before). */
    @net.jqwik.api.Example
    void integersBeyondAnIntAreAnsweredWithAnOpenAiError() throws Exception {
        for (String body : List.of(
                "{\"model\":\"stories260K\",\"prompt\":\"Once\",\"max_tokens\":4,\"best_of\":2147483648}",
                "{\"model\":\"stories260K\",\"prompt\":[1, 7850021462318],\"max_tokens\":4}")) {
            check("/v1/completions", body.getBytes(StandardCharsets.UTF_8), "Bearer " + ADMIN_KEY,
                    "application/json");
        }
    }

    /** A charset nobody writes in (found by the property above: the actuator answered 500 and logged an ERROR). */
    @net.jqwik.api.Example
    void anAcceptHeaderWeCannotWriteIsAnswered406() throws Exception {
        for (String path : List.of("/actuator", "/actuator/health", "/v1/models", "/admin/stats")) {
            for (String accept : List.of("application/json; charset=utf-16", "application/json; charset=bogus",
                    "text/html")) {
                int errorsBefore = errors.size();
                RawHttp.Response response = RawHttp.exchange(port, "GET", path, Map.of("Accept", accept,
                        "Authorization", "Bearer " + ADMIN_KEY), new byte[0]);
                String what = "GET " + path + " Accept: " + accept + "\n" + response.text();
                assertThat(response.status()).as(what).isBetween(200, 499);
                assertThat(errors.since(errorsBefore)).as("ERROR log lines for " + what).isEmpty();
                if (path.equals("/actuator") && accept.contains("utf-16")) {
                    assertThat(response.status()).as(what).isEqualTo(406);
                    assertThat(response.text()).as(what).contains("\"message\":\"Not acceptable");
                }
            }
        }
    }

    private static void check(String endpoint, byte[] body, String key, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + endpoint))
                .timeout(Duration.ofSeconds(30)).method(endpoint.startsWith("/v1/models") || endpoint.startsWith(
                        "/admin") ? "GET" : "POST", HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", key);
        }
        if (type != null) {
            request.header("Content-Type", type);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        Statistics.collect(response.statusCode());
        String what = response.statusCode() + " for " + endpoint + " " + new String(body, 0, Math.min(body.length,
                300), StandardCharsets.UTF_8) + "\n" + text;
        assertThat(response.statusCode()).as(what).isLessThan(500).isGreaterThanOrEqualTo(200);
        assertThat(text).as(what).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("server_error");
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                    value -> assertThat(value).startsWith("application/json"));
            JsonNode error = JSON.readTree(text).get("error");
            assertThat(error.get("message").isString()).as(what).isTrue();
            assertThat(error.get("type").isString()).as(what).isTrue();
        }
    }

    @Provide
    Arbitrary<String> endpoints() {
        return Arbitraries.of(ENDPOINTS);
    }

    @Provide
    Arbitrary<String> generationEndpoints() {
        return Arbitraries.of("/v1/chat/completions", "/v1/completions");
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("Bearer " + ADMIN_KEY, "Bearer " + USER_KEY, "Bearer sk-wrong", "Basic abc", "Bearer ",
                null);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json; charset=utf-8", "text/plain",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null);
    }

    @Provide
    Arbitrary<String> anyJson() {
        return weighted(
                weight(5, value(3)),
                weight(3, object(3)),
                weight(1, Arbitraries.integers().between(1, 3000).map(depth -> "[".repeat(depth)
                        + "]".repeat(depth))),
                weight(1, Arbitraries.strings().ofMaxLength(200)),
                weight(1, Arbitraries.of(VALID).flatMap(valid -> Arbitraries.integers().between(0,
                        valid.length()).map(cut -> valid.substring(0, cut)))));
    }

    /** A valid request with one field replaced by any JSON, removed, or its bytes corrupted. */
    @Provide
    Arbitrary<byte[]> mutatedRequests() {
        Arbitrary<byte[]> replaced = Combinators.combine(Arbitraries.of(VALID), Arbitraries.of(FIELDS), value(2))
                .as((valid, field, value) -> {
                    ObjectNode tree = (ObjectNode) JSON.readTree(valid);
                    tree.set(field, JSON.readTree(value));
                    return JSON.writeValueAsBytes(tree);
                });
        Arbitrary<byte[]> removed = Combinators.combine(Arbitraries.of(VALID), Arbitraries.of(FIELDS))
                .as((valid, field) -> {
                    ObjectNode tree = (ObjectNode) JSON.readTree(valid);
                    tree.remove(field);
                    return JSON.writeValueAsBytes(tree);
                });
        Arbitrary<byte[]> corrupted = Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers()
                        .between(0, 400), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4))
                .as((valid, at, junk) -> {
                    byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
                    int position = Math.min(at, bytes.length);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(bytes, 0, position);
                    out.write(junk, 0, junk.length);
                    out.write(bytes, position, bytes.length - position);
                    return out.toByteArray();
                });
        return weighted(weight(6, replaced), weight(2, removed), weight(2, corrupted));
    }

    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12).map(HostileRequestsTest::quote),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(text -> !text.contains("N") && !text.contains("I")),
                Arbitraries.of("1e400", "-1e400", "123456789012345678901234567890", "-0", "0.0000001", "1E-400",
                        "9223372036854775808", "2147483648", "-2147483649", "0", "1", "-1", "16", "300", "2048",
                        "true", "false", "null", "\"stories260K\"", "\"\"", "\"user\"", "\"text\"",
                        "\"\\ud800\"", "\"\\u0000\"", "\"" + "x".repeat(5000) + "\""));
        if (depth == 0) {
            return scalar;
        }
        return weighted(weight(4, scalar), weight(1, array(depth - 1)),
                weight(1, object(depth - 1)));
    }

    private static Arbitrary<String> array(int depth) {
        return value(depth).list().ofMaxSize(5).map(items -> "[" + String.join(",", items) + "]");
    }

    private static Arbitrary<String> object(int depth) {
        Arbitrary<String> key = weighted(weight(4, Arbitraries.of(FIELDS)),
                weight(1, Arbitraries.strings().ofMaxLength(8)));
        return Combinators.combine(key, value(depth)).as((name, value) -> quote(name) + ":" + value).list()
                .ofMaxSize(6).map(entries -> "{" + String.join(",", entries) + "}");
    }

    @SafeVarargs
    private static <T> Arbitrary<T> weighted(Tuple.Tuple2<Integer, Arbitrary<T>>... choices) {
        return Arbitraries.frequencyOf(List.of(choices));
    }

    private static <T> Tuple.Tuple2<Integer, Arbitrary<T>> weight(int weight, Arbitrary<T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }

    private static String quote(String text) {
        return JSON.writeValueAsString(text);
    }
}
