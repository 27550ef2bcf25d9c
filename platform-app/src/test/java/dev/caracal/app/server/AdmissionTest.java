package dev.caracal.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.security.Tenant;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

/**
 * Admission control: a model that failed to load (503), a full admission queue (429 with {@code Retry-After}), and
 * each tenant limit (request rate, token rate corrected at completion, requests in flight).
 */
class AdmissionTest extends TenantGatewayTestBase {

    private static final String LONG_STREAM = """
            {"model": "stories", "prompt": "Once upon a time", "max_tokens": 2000, "stream": true,
             "logit_bias": {"2": -100}}""";

    @Test
    void aModelThatFailedToLoadAnswers503AndTheAdminApiSaysWhy() {
        WebTestClient.ResponseSpec response = complete(ALPHA_KEY, "{\"model\": \"broken\", \"prompt\": \"Hi\"}");
        response.expectHeader().exists("Retry-After");
        JsonNode error = error(response, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(error.get("message").stringValue()).contains("failed to load").contains("/nonexistent/model.gguf");
        String health = client().get().uri("/actuator/health").exchange().expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE).expectBody(String.class).returnResult().getResponseBody();
        assertThat(JSON.readTree(health).get("status").stringValue()).isEqualTo("DOWN");
        assertThat(health).as("health without a key says no more than its status").doesNotContain("broken")
                .doesNotContain("stories").doesNotContain("/nonexistent");
        client().get().uri("/actuator/health/readiness").exchange().expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        client().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        JsonNode models = ok(get(ADMIN_KEY, "/admin/stats")).get("models");
        assertThat(models.get(0).get("name").stringValue()).isEqualTo("stories");
        assertThat(models.get(0).get("state").stringValue()).isEqualTo("ready");
        assertThat(models.get(0).get("path").stringValue()).endsWith("stories260K.gguf");
        JsonNode summary = models.get(0).get("summary");
        assertThat(summary.get("architecture").stringValue()).isEqualTo("llama");
        assertThat(summary.get("parameters").longValue()).isEqualTo(292_800L);
        assertThat(summary.get("backend").stringValue()).isEqualTo("reference");
        assertThat(summary.get("backend_choice").stringValue()).startsWith("configured");
        assertThat(summary.get("kv_cache_bytes").longValue()).isBetween((16L << 20) - 8192, 16L << 20); // whole blocks
        assertThat(summary.get("kv_blocks").longValue() * summary.get("block_size").longValue())
                .isEqualTo(summary.get("kv_tokens").longValue());
        assertThat(summary.get("full_context_requests").intValue()).isEqualTo(summary.get("kv_blocks").intValue()
                / (summary.get("context_length").intValue() / 16));
        assertThat(models.get(1).get("summary").isNull()).isTrue();
        assertThat(models.get(1).get("state").stringValue()).isEqualTo("failed");
        assertThat(models.get(1).get("error").stringValue()).contains("/nonexistent/model.gguf");
    }

    @Test
    void aFullAdmissionQueueAnswers429WithRetryAfterAtOnce() throws InterruptedException {
        var stories = registry.find("stories").orElseThrow();
        Disposable running = stream(ALPHA_KEY);
        await(Duration.ofSeconds(20), () -> stories.stats().requests().running() == 1);
        Disposable waiting = stream(ALPHA_KEY);
        try {
            await(Duration.ofSeconds(20), () -> admission.snapshot(stories).orElseThrow().queuedTotal() == 1);
            assertThat(stories.stats().requests().waiting()).as("the engine itself queues nothing").isZero();
            long start = System.nanoTime();
            WebTestClient.ResponseSpec refused = complete(ALPHA_KEY, "{\"model\": \"stories\", \"prompt\": \"Hi\"}");
            long millis = (System.nanoTime() - start) / 1_000_000;
            String retryAfter = refused.returnResult(String.class).getResponseHeaders().getFirst("Retry-After");
            assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
            JsonNode error = error(refused, HttpStatus.TOO_MANY_REQUESTS);
            assertThat(error.get("type").stringValue()).isEqualTo("rate_limit_error");
            assertThat(error.get("message").stringValue()).contains("1 requests waiting for admission");
            assertThat(millis).as("refused at once").isLessThan(2_000);
        } finally {
            running.dispose();
            waiting.dispose();
        }
        String metrics = client().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("caracal_admission_rejected_total{model_name=\"stories\",reason=\"queue_full\","
                + "tenant=\"alpha\"} 1.0")
                .contains("caracal_admission_queue_depth{model_name=\"stories\",priority=\"interactive\"}")
                .contains("caracal_admission_kv_blocks_reserved{model_name=\"stories\"}")
                .contains("caracal_circuit_breaker_state{model_name=\"stories\",state=\"closed\"} 1.0")
                .contains("caracal_admission_admitted_total{model_name=\"stories\",priority=\"interactive\"}");
    }

    @Test
    void aTenantsRequestRateIsLimited() {
        String request = "{\"model\": \"stories\", \"prompt\": \"Once\", \"max_tokens\": 1}";
        ok(complete(RATE_KEY, request));
        ok(complete(RATE_KEY, request));
        WebTestClient.ResponseSpec refused = complete(RATE_KEY, request);
        String retryAfter = refused.returnResult(String.class).getResponseHeaders().getFirst("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        assertThat(error(refused, HttpStatus.TOO_MANY_REQUESTS).get("message").stringValue())
                .isEqualTo("Rate limit reached for rate: 2 requests per minute; try again later");
        ok(complete(ALPHA_KEY, request)); // other tenants are not affected
    }

    @Test
    void aTenantsTokensAreChargedAtAdmissionAndCorrectedAtCompletion() {
        Tenant tenant = tenant("tokens");
        JsonNode tooLarge = error(complete(TOKENS_KEY, """
                {"model": "stories", "prompt": "Once upon a time", "max_tokens": 500}"""),
                HttpStatus.TOO_MANY_REQUESTS);
        assertThat(tooLarge.get("message").stringValue()).contains("Request too large")
                .contains("the limit is 200 tokens per minute");
        // Charged 150 tokens more than the prompt, it stops at the first full stop and gives the rest back.
        JsonNode first = ok(complete(TOKENS_KEY, """
                {"model": "stories", "prompt": "Once upon a time", "max_tokens": 150, "temperature": 0,
                 "stop": ["."]}"""));
        int used = first.get("usage").get("total_tokens").intValue();
        assertThat(used).isLessThan(40);
        long available = admission.usage(tenant).tokensAvailable();
        assertThat(available).isBetween(200L - used - 1, 200L - used + 20);
        WebTestClient.ResponseSpec refused = complete(TOKENS_KEY, """
                {"model": "stories", "prompt": "Once upon a time", "max_tokens": 190}""");
        String retryAfter = refused.returnResult(String.class).getResponseHeaders().getFirst("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        assertThat(error(refused, HttpStatus.TOO_MANY_REQUESTS).get("message").stringValue())
                .contains("200 tokens per minute");
    }

    @Test
    void aTenantsRequestsInFlightAreLimited() throws InterruptedException {
        Tenant tenant = tenant("concurrency");
        Disposable running = stream(CONCURRENCY_KEY);
        try {
            await(Duration.ofSeconds(20), () -> admission.usage(tenant).inFlight() == 1);
            JsonNode refused = error(complete(CONCURRENCY_KEY, "{\"model\": \"stories\", \"prompt\": \"Hi\"}"),
                    HttpStatus.TOO_MANY_REQUESTS);
            assertThat(refused.get("message").stringValue()).contains("at most 1 at once");
        } finally {
            running.dispose();
        }
        await(Duration.ofSeconds(20), () -> admission.usage(tenant).inFlight() == 0);
    }

    private Disposable stream(String key) {
        return WebClient.builder().baseUrl("http://localhost:" + port).defaultHeader("Authorization", "Bearer " + key)
                .build().post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON).bodyValue(LONG_STREAM)
                .retrieve().bodyToFlux(String.class).subscribe();
    }

    private Tenant tenant(String name) {
        return tenants.tenants().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
