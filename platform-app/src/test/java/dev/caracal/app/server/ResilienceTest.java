package dev.caracal.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.formats.testing.SharedData;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

/**
 * Failing engines, circuit breakers and time-outs, on the test backends of {@link FaultyBackendProvider}: a model
 * deployed twice under one alias ({@code flaky} on the faulty backend, its fallback on the reference backend), one
 * deployed once ({@code solo}, faulty), and one whose steps are slow ({@code slow}, one sequence at a time).
 */
@SpringBootTest(classes = CaracalServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "caracal.admission.queue-timeout=1s",
            "caracal.admission.request-timeout=3s",
            "caracal.admission.circuit-breaker.window=4",
            "caracal.admission.circuit-breaker.minimum-calls=2",
            "caracal.admission.circuit-breaker.open-wait=2s",
            "caracal.admission.circuit-breaker.trial-calls=1"
        })
class ResilienceTest extends GatewayFixture {

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry properties) {
        String path = SharedData.require("models/stories260K.gguf").toString();
        String[][] models = {{"flaky", "faulty"}, {"flaky", "reference"}, {"solo", "faulty"}, {"slow", "slow"}};
        for (int i = 0; i < models.length; i++) {
            properties.add("caracal.models[" + i + "].path", () -> path);
            String alias = models[i][0];
            String backend = models[i][1];
            properties.add("caracal.models[" + i + "].alias", () -> alias);
            properties.add("caracal.models[" + i + "].backend", () -> backend);
            properties.add("caracal.models[" + i + "].kv-memory", () -> "8MB");
        }
        properties.add("caracal.models[3].max-sequences", () -> "1");
    }

    @BeforeEach
    void everyModelIsReady() {
        registry.all().forEach(deployment -> assertThat(deployment.state()).as(deployment.failure())
                .isEqualTo(ModelDeployment.State.READY));
    }

    @Test
    void aFailingStepFailsOnlyItsRequestsThenTheCircuitOpensFallsBackAndClosesOnRecovery() throws Exception {
        ModelDeployment primary = registry.find("flaky").orElseThrow();
        ModelDeployment fallback = registry.find("flaky#2").orElseThrow();

        // A failing step: a 500-class OpenAI error (a stream gets an error event), no stack trace.
        JsonNode failed = error(post(poison("flaky", false)), HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(failed.get("type").stringValue()).isEqualTo("server_error");
        assertThat(failed.get("message").stringValue()).contains("failed while generating");
        String stream = post(poison("flaky", true)).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        assertThat(stream).contains("\"type\":\"server_error\"").contains("failed while generating")
                .endsWith("data: [DONE]\n\n").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(primary.stats().work().failedSteps()).isEqualTo(2);
        assertThat(primary.state()).isEqualTo(ModelDeployment.State.READY);
        assertThat(primary.stats().kvCache().blocksUsed()).isZero();

        // Two failures out of two: the circuit is open and the fallback deployment answers.
        assertThat(admission.breakerState(primary)).isEqualTo(CircuitBreaker.State.OPEN);
        long servedByFallback = fallback.stats().requests().finished();
        long servedByPrimary = primary.stats().requests().finished();
        JsonNode answer = ok(post(normal("flaky")));
        assertThat(answer.get("model").stringValue()).isEqualTo("flaky");
        assertThat(answer.get("choices").get(0).get("text").stringValue()).isNotEmpty();
        assertThat(fallback.stats().requests().finished()).isEqualTo(servedByFallback + 1);
        assertThat(primary.stats().requests().finished()).isEqualTo(servedByPrimary);

        // After the open wait, a trial request goes to the primary, which serves again, and the circuit closes.
        Thread.sleep(2_100);
        ok(post(normal("flaky")));
        assertThat(primary.stats().requests().finished()).isEqualTo(servedByPrimary + 1);
        assertThat(admission.breakerState(primary)).isEqualTo(CircuitBreaker.State.CLOSED);
        ok(post(normal("flaky")));
        assertThat(primary.stats().requests().finished()).isEqualTo(servedByPrimary + 2);
    }

    @Test
    void withoutAFallbackAnOpenCircuitAnswers503WithRetryAfter() throws Exception {
        ModelDeployment solo = registry.find("solo").orElseThrow();
        error(post(poison("solo", false)), HttpStatus.INTERNAL_SERVER_ERROR);
        error(post(poison("solo", false)), HttpStatus.INTERNAL_SERVER_ERROR);
        WebTestClient.ResponseSpec refused = post(normal("solo"));
        String retryAfter = refused.returnResult(String.class).getResponseHeaders().getFirst("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 2);
        JsonNode error = error(refused, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(error.get("code").stringValue()).isEqualTo("model_unavailable");
        long finished = solo.stats().requests().finished();
        Thread.sleep(2_100);
        ok(post(normal("solo")));
        assertThat(solo.stats().requests().finished()).isEqualTo(finished + 1);
        assertThat(admission.breakerState(solo)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void requestsAreCancelledAtTheTimeOutsAndTheEngineFreesEverything() throws Exception {
        try (ErrorLog errors = ErrorLog.open()) {
            timeOuts();
            assertThat(errors.since(0)).as("ERROR log lines (a time-out is no error of the server)").isEmpty();
        }
    }

    private void timeOuts() throws Exception {
        ModelDeployment slow = registry.find("slow").orElseThrow();
        // A stream that would run for half a minute holds the only sequence until the request time-out (3 s)...
        long start = System.nanoTime();
        CompletableFuture<String> running = WebClient.create("http://localhost:" + port).post()
                .uri("/v1/completions").contentType(MediaType.APPLICATION_JSON).bodyValue(longRequest(true))
                .retrieve().bodyToMono(String.class).toFuture();
        await(Duration.ofSeconds(10), () -> slow.stats().requests().running() == 1);
        // ... so the next request waits for admission until the queue time-out (1 s): 429.
        WebTestClient.ResponseSpec queued = post(normal("slow"));
        double queuedSeconds = (System.nanoTime() - start) / 1e9;
        queued.expectHeader().exists("Retry-After");
        JsonNode refused = error(queued, HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.get("message").stringValue()).contains("could not admit this request within 1.0 s");
        assertThat(queuedSeconds).isBetween(1.0, 3.0);
        String body = running.get(20, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(seconds).isBetween(3.0, 10.0);
        assertThat(body).contains("\"code\":\"request_timeout\"").endsWith("data: [DONE]\n\n");
        await(Duration.ofSeconds(5), () -> slow.stats().requests().running() == 0);
        assertThat(slow.stats().kvCache().blocksUsed()).isZero();

        JsonNode timedOut = error(post(longRequest(false)), HttpStatus.GATEWAY_TIMEOUT);
        assertThat(timedOut.get("code").stringValue()).isEqualTo("request_timeout");
        await(Duration.ofSeconds(5), () -> slow.stats().requests().running() == 0);
        assertThat(slow.stats().kvCache().blocksUsed()).isZero();
    }

    // --- helpers ---

    private static String poison(String model, boolean stream) {
        int[] prompt = new int[FaultyBackendProvider.POISON];
        Arrays.fill(prompt, 300);
        prompt[0] = 1;
        return "{\"model\": \"" + model + "\", \"max_tokens\": 4, \"stream\": " + stream + ", \"prompt\": "
                + Arrays.toString(prompt) + "}";
    }

    private static String normal(String model) {
        return "{\"model\": \"" + model + "\", \"max_tokens\": 4, \"temperature\": 0,"
                + " \"prompt\": \"Once upon a time\"}";
    }

    private static String longRequest(boolean stream) {
        return "{\"model\": \"slow\", \"prompt\": \"Once upon a time\", \"max_tokens\": 1500, \"stream\": " + stream
                + ", \"logit_bias\": {\"2\": -100}}";
    }

    private WebTestClient.ResponseSpec post(String json) {
        return client().post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange();
    }
}
