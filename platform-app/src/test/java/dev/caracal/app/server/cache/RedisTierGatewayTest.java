package dev.caracal.app.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.CaracalServer;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.cache.redis.RedisKvBlockStore;
import dev.caracal.cache.redis.testing.RedisServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two gateways serving the demo model over one real redis-server: the second answers a long prompt that the first
 * computed with the prompt's blocks loaded from Redis ({@code cached_tokens} in its usage) and the same text, and
 * publishes the store's meters.
 */
class RedisTierGatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REQUEST = """
            {"model": "stories260K", "max_tokens": 8, "temperature": 0, "prompt": "Lily and Ben found a small red \
            boat by the lake. They pushed it into the water and sat inside. The wind blew softly and the boat \
            moved away from the shore. Ben was scared, but Lily held his hand and sang a happy song."}""";

    private RedisServerProcess redis;
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;

    @BeforeEach
    void startRedis() {
        redis = RedisServerProcess.start();
    }

    @AfterEach
    void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {second, first}) {
            if (context != null) {
                context.close();
            }
        }
        if (redis != null) { // null when no redis-server could start and the test was skipped
            redis.close();
        }
    }

    private ConfigurableApplicationContext gateway() throws InterruptedException {
        ConfigurableApplicationContext context = CaracalServer.start(new String[] {"--server.port=0",
            "--caracal.cache.redis.enabled=true", "--caracal.cache.redis.uri=" + redis.uri(),
            // Generous: on a busy shared machine the lookup must not miss for being slow.
            "--caracal.cache.redis.fetch-timeout=2s"});
        DeploymentRegistry registry = context.getBean(DeploymentRegistry.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!registry.isSettled() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return context;
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    private static JsonNode complete(ConfigurableApplicationContext context) {
        String body = client(context).post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(REQUEST).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        return JSON.readTree(body);
    }

    private static int cachedTokens(JsonNode completion) {
        return completion.get("usage").get("prompt_tokens_details").get("cached_tokens").intValue();
    }

    @Test
    void aSecondGatewayLoadsThePromptBlocksTheFirstComputed() throws Exception {
        first = gateway();
        JsonNode computed = complete(first);
        assertThat(cachedTokens(computed)).isZero();
        assertThat(first.getBean(RedisKvBlockStore.class).flush(Duration.ofSeconds(10))).isTrue();

        second = gateway();
        JsonNode loaded = complete(second);
        int prompt = loaded.get("usage").get("prompt_tokens").intValue();
        assertThat(prompt).isGreaterThan(32);
        assertThat(cachedTokens(loaded)).as("whole blocks, the last prompt token computed")
                .isEqualTo((prompt - 1) / 16 * 16);
        assertThat(loaded.get("choices").get(0).get("text").stringValue())
                .isEqualTo(computed.get("choices").get(0).get("text").stringValue());
        assertThat(second.getBean(RedisKvBlockStore.class).stats().hits()).isEqualTo((prompt - 1) / 16);
        String metrics = client(second).get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("caracal_kv_store_hits_total", "caracal_kv_store_lookup_latency_seconds",
                "caracal_kv_store_circuit_state{state=\"closed\"} 1");
    }
}
