package dev.caracal.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.engine.DeploymentRegistry;
import dev.caracal.engine.testing.SharedData;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A configured model file with an alias, API keys (401), a model that failed to load (503) and a full queue (429):
 * a context of its own.
 */
@SpringBootTest(classes = CaracalServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "caracal.api-keys=sk-test-1,sk-test-2",
            "caracal.max-waiting-requests=1"
        })
class AdmissionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LONG_STREAM = """
            {"model": "stories", "prompt": "Once upon a time", "max_tokens": 2000, "stream": true,
             "logit_bias": {"2": -100}}""";

    @LocalServerPort
    int port;

    @Autowired
    DeploymentRegistry registry;

    /** The models (a list is bound from one property source, so all of them are here). */
    @DynamicPropertySource
    static void models(DynamicPropertyRegistry properties) {
        properties.add("caracal.models[0].path", () -> SharedData.require("models/stories260K.gguf").toString());
        properties.add("caracal.models[0].alias", () -> "stories");
        properties.add("caracal.models[0].max-sequences", () -> "1");
        // The slow scalar backend keeps the first request running while the second waits.
        properties.add("caracal.models[0].backend", () -> "reference");
        properties.add("caracal.models[0].kv-memory", () -> "16MB");
        properties.add("caracal.models[1].path", () -> "/nonexistent/model.gguf");
        properties.add("caracal.models[1].alias", () -> "broken");
    }

    @BeforeEach
    void awaitModels() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!registry.isSettled() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void requestsNeedAConfiguredApiKey() {
        JsonNode missing = error(client().get().uri("/v1/models").exchange(), HttpStatus.UNAUTHORIZED);
        assertThat(missing.get("code").stringValue()).isEqualTo("invalid_api_key");
        assertThat(missing.get("message").stringValue()).contains("Authorization: Bearer");
        JsonNode wrong = error(client().get().uri("/v1/models").header("Authorization", "Bearer sk-nope").exchange(),
                HttpStatus.UNAUTHORIZED);
        assertThat(wrong.get("message").stringValue()).isEqualTo("Incorrect API key provided");
        String models = client().get().uri("/v1/models").header("Authorization", "Bearer sk-test-2").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(JSON.readTree(models).get("data").get(0).get("id").stringValue()).isEqualTo("stories");
        assertThat(JSON.readTree(models).get("data").get(1).get("id").stringValue()).isEqualTo("broken");
    }

    @Test
    void aModelThatFailedToLoadAnswers503AndHealthSaysWhy() {
        WebTestClient.ResponseSpec response = client().post().uri("/v1/completions")
                .header("Authorization", "Bearer sk-test-1").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"model\": \"broken\", \"prompt\": \"Hi\"}").exchange();
        response.expectHeader().exists("Retry-After");
        JsonNode error = error(response, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(error.get("message").stringValue()).contains("failed to load").contains("/nonexistent/model.gguf");
        String health = client().get().uri("/actuator/health").exchange().expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE).expectBody(String.class).returnResult().getResponseBody();
        JsonNode models = JSON.readTree(health).get("components").get("caracal").get("details").get("models");
        assertThat(models.get("stories").get("state").stringValue()).isEqualTo("ready");
        assertThat(models.get("broken").get("state").stringValue()).isEqualTo("failed");
        assertThat(models.get("broken").get("error").stringValue()).contains("/nonexistent/model.gguf");
    }

    @Test
    void aModelWithAFullQueueAnswers429() throws InterruptedException {
        WebClient streaming = WebClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer sk-test-1").build();
        Disposable running = stream(streaming);
        Disposable waiting = stream(streaming);
        try {
            var stories = registry.find("stories").orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((stories.stats().runningRequests() < 1 || stories.stats().waitingRequests() < 1)
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(stories.stats().runningRequests()).isEqualTo(1);
            assertThat(stories.stats().waitingRequests()).isEqualTo(1);
            WebTestClient.ResponseSpec refused = client().post().uri("/v1/completions")
                    .header("Authorization", "Bearer sk-test-1").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"model\": \"stories\", \"prompt\": \"Hi\"}").exchange();
            refused.expectHeader().valueEquals("Retry-After", "1");
            assertThat(error(refused, HttpStatus.TOO_MANY_REQUESTS).get("type").stringValue())
                    .isEqualTo("rate_limit_error");
        } finally {
            running.dispose();
            waiting.dispose();
        }
    }

    private static Disposable stream(WebClient client) {
        return client.post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON).bodyValue(LONG_STREAM)
                .retrieve().bodyToFlux(String.class).subscribe();
    }

    private static JsonNode error(WebTestClient.ResponseSpec response, HttpStatus status) {
        String body = response.expectStatus().isEqualTo(status).expectBody(String.class).returnResult()
                .getResponseBody();
        return JSON.readTree(body).get("error");
    }
}
