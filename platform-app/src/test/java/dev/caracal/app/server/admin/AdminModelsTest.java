package dev.caracal.app.server.admin;

import static dev.caracal.app.server.admin.AdminHttp.awaitTrue;
import static dev.caracal.app.server.admin.AdminHttp.find;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.CaracalServer;
import dev.caracal.app.server.RawHttp;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Models managed at run time through the admin API, over HTTP on a real server with no tenants (so open to this
 * machine): the files of the model directory with what their headers say, loading one, serving it, pinning, unloading
 * it while a request runs (the request finishes, new ones get 503 with Retry-After), idle models unloaded after the
 * keep-alive, the backends, the live numbers and their event stream, and requests refused for their host or origin.
 */
class AdminModelsTest {

    private static final JsonMapper JSON = AdminHttp.JSON;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path models;

    private static ConfigurableApplicationContext server;
    private static int port;
    private static AdminHttp http;

    @BeforeAll
    static void start() throws IOException {
        Files.copy(SharedData.require("models/stories260K.gguf"), models.resolve("stories.gguf"));
        Files.createDirectories(models.resolve("nested"));
        Files.copy(SharedData.require("models/stories260K.gguf"), models.resolve("nested/tale.gguf"));
        server = CaracalServer.start(new String[] {"--server.port=0", "--caracal.demo-model=false",
            "--caracal.model-directories=" + models, "--caracal.keep-alive=1s", "--caracal.shutdown-timeout=20s"});
        port = ((WebServerApplicationContext) server).getWebServer().getPort();
        http = new AdminHttp(port);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aModelIsListedLoadedServedPinnedAndUnloadedWhileARequestFinishes() throws Exception {
        JsonNode listing = get("/admin/models");
        assertThat(listing.get("loaded")).isEmpty();
        JsonNode file = find(listing.get("available"), entry -> entry.get("name").asString().equals("stories.gguf"));
        assertThat(file.get("format").asString()).isEqualTo("gguf");
        assertThat(file.get("architecture").asString()).isEqualTo("llama");
        assertThat(file.get("parameters").asLong()).isBetween(200_000L, 400_000L);
        assertThat(file.get("quantization").asString()).isNotBlank();
        assertThat(file.get("bytes").asLong()).isEqualTo(Files.size(models.resolve("stories.gguf")));
        assertThat(listing.get("available").toString()).contains("tale.gguf");

        HttpResponse<String> loading = send("POST", "/admin/models", """
                {"path": "%s", "alias": "tales", "kvMemory": "64MB", "pinned": true}"""
                .formatted(models.resolve("stories.gguf")));
        assertThat(loading.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(loading.body()).get("state").asString()).isIn("loading", "ready");
        awaitState("tales", "ready");
        assertThat(send("POST", "/admin/models", "{\"path\": \"" + models.resolve("nested/tale.gguf")
                + "\", \"alias\": \"tales\"}").statusCode()).isEqualTo(409);
        assertThat(get("/v1/models").toString()).contains("\"tales\"");

        HttpResponse<String> pinned = send("PUT", "/admin/models/tales/pin", "{\"pinned\": false}");
        assertThat(JSON.readTree(pinned.body()).get("pinned").asBoolean()).isFalse();
        send("PUT", "/admin/models/tales/pin", "{\"pinned\": true}");

        CompletableFuture<HttpResponse<String>> running = HTTP.sendAsync(HttpRequest.newBuilder(uri("/v1/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "tales", "prompt": "Once", "max_tokens": 1500, "ignore_eos": true,
                         "temperature": 1, "seed": 3}""")).build(), HttpResponse.BodyHandlers.ofString());
        awaitTrue(() -> get("/admin/live").toString().contains("\"runningRequests\":1"));
        HttpResponse<String> unloading = send("DELETE", "/admin/models/tales", null);
        assertThat(unloading.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(unloading.body()).get("state").asString()).isEqualTo("draining");
        HttpResponse<String> refused = send("POST", "/v1/completions", """
                {"model": "tales", "prompt": "Once", "max_tokens": 2}""");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("being unloaded");
        HttpResponse<String> finished = running.get();
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(finished.body()).get("choices").get(0).get("finish_reason").asString())
                .isEqualTo("length");
        awaitTrue(() -> get("/admin/models").get("loaded").isEmpty());
        assertThat(send("POST", "/v1/completions", "{\"model\": \"tales\", \"prompt\": \"Once\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void anIdleModelThatIsNotPinnedIsUnloadedAfterTheKeepAlive() throws Exception {
        assertThat(send("POST", "/admin/models", "{\"path\": \"" + models.resolve("nested/tale.gguf")
                + "\", \"alias\": \"idle\", \"kvMemory\": \"32MB\"}").statusCode()).isEqualTo(202);
        awaitState("idle", "ready");
        JsonNode view = find(get("/admin/models").get("loaded"), model -> model.get("name").asString()
                .equals("idle"));
        assertThat(view.get("pinned").asBoolean()).isFalse();
        assertThat(view.get("keepAliveSeconds").asLong()).isEqualTo(1);
        awaitTrue(() -> find(get("/admin/models").get("loaded"), model -> model.get("name").asString()
                .equals("idle")) == null);
    }

    @Test
    void aPathOutsideTheModelDirectoriesOrMalformedRequestsAreRefused() throws Exception {
        HttpResponse<String> outside = send("POST", "/admin/models", "{\"path\": \"/etc/passwd\"}");
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(outside.body()).contains("outside the model directories").doesNotContain("Exception");
        assertThat(send("POST", "/admin/models", "{\"path\": \"x\", \"kvMemory\": \"lots\"}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/admin/models", "not json").statusCode()).isEqualTo(400);
        assertThat(send("DELETE", "/admin/models/nothing", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/admin/inspect?path=/etc/passwd", null).statusCode()).isEqualTo(400);
        JsonNode report = get("/admin/inspect?path=" + models.resolve("stories.gguf"));
        assertThat(report.get("architecture").get("name").asString()).isEqualTo("llama");
        assertThat(report.get("tensors").size()).isGreaterThan(10);
    }

    @Test
    void theBackendsSayWhatTheyAreAndWhy() throws Exception {
        JsonNode backends = get("/admin/backends");
        JsonNode reference = find(backends, backend -> backend.get("name").asString().equals("reference"));
        assertThat(reference.get("available").asBoolean()).isTrue();
        assertThat(reference.get("devices")).isNotEmpty();
        assertThat(find(backends, backend -> backend.get("name").asString().equals("cpu"))).isNotNull();
    }

    @Test
    void theEventStreamSendsLiveNumbers() throws Exception {
        HttpResponse<java.io.InputStream> events = HTTP.send(HttpRequest.newBuilder(uri("/admin/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(events.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(events.body(),
                StandardCharsets.UTF_8))) {
            String line;
            String event = null;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:") && "live".equals(event)) {
                    JsonNode live = JSON.readTree(line.substring(5));
                    assertThat(live.get("time").asLong()).isPositive();
                    assertThat(live.get("models").isArray()).isTrue();
                    break;
                }
            }
            assertThat(line).as("a live event").isNotNull();
        }
    }

    @Test
    void requestsForAnotherHostOrFromAnotherSiteAreRefused() throws Exception {
        RawHttp.Response rebound = RawHttp.exchange(port, "GET", "/admin/models", Map.of("Host", "evil.example"));
        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.text()).contains("open to this machine only", "caracal.security.tenants");
        byte[] body = "{\"path\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        RawHttp.Response crossSite = RawHttp.exchange(port, "POST", "/admin/models", Map.of("Content-Type",
                "application/json", "Origin", "http://evil.example"), body);
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.text()).contains("gateway's own pages");
        assertThat(RawHttp.exchange(port, "GET", "/admin/models", Map.of("Host", "localhost:" + port)).status())
                .isEqualTo(200);
    }

    private static void awaitState(String name, String state) throws Exception {
        awaitTrue(() -> {
            JsonNode model = find(get("/admin/models").get("loaded"), entry -> entry.get("name").asString()
                    .equals(name));
            return model != null && model.get("state").asString().equals(state);
        });
    }

    private static URI uri(String path) {
        return http.uri(path);
    }

    private static JsonNode get(String path) throws Exception {
        return http.get(path);
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(method, path, body);
    }
}
