package dev.caracal.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.app.server.security.ApiKeyHash;
import dev.caracal.app.server.security.TenantDirectory;
import dev.caracal.formats.testing.SharedData;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway with tenants and their keys, shared (one Spring context) by the tests of authentication and admission:
 * {@code stories} on the scalar reference backend running one request at a time with a queue of one, and
 * {@code broken}, a model that fails to load.
 */
@SpringBootTest(classes = CaracalServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "caracal.max-waiting-requests=1")
abstract class TenantGatewayTestBase extends GatewayFixture {

    /** Every model, no limits. */
    static final String ALPHA_KEY = "sk-alpha-3f9a1c7e";
    /** Only the model {@code stories}; the OpenAI and cluster APIs. */
    static final String RESTRICTED_KEY = "sk-restricted-77b2";
    /** The admin API only. */
    static final String ADMIN_KEY = "sk-admin-c0ffee42";
    /** Two requests per minute. */
    static final String RATE_KEY = "sk-rate-5e5e";
    /** 200 tokens per minute. */
    static final String TOKENS_KEY = "sk-tokens-9d9d";
    /** One request in flight. */
    static final String CONCURRENCY_KEY = "sk-concurrency-4242";
    /** A router's: the OpenAI and cluster APIs, every model. */
    static final String CLUSTER_KEY = "sk-cluster-a11ce";

    @Autowired
    TenantDirectory tenants;

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry properties) {
        properties.add("caracal.models[0].path", () -> SharedData.require("models/stories260K.gguf").toString());
        properties.add("caracal.models[0].alias", () -> "stories");
        properties.add("caracal.models[0].max-sequences", () -> "1");
        // The slow scalar backend keeps the first request running while the second waits.
        properties.add("caracal.models[0].backend", () -> "reference");
        properties.add("caracal.models[0].kv-memory", () -> "16MB");
        properties.add("caracal.models[1].path", () -> "/nonexistent/model.gguf");
        properties.add("caracal.models[1].alias", () -> "broken");
        tenant(properties, 0, "alpha", ALPHA_KEY, "user", "*");
        tenant(properties, 1, "restricted", RESTRICTED_KEY, "user,cluster", "stories");
        tenant(properties, 2, "operations", ADMIN_KEY, "admin", "*");
        tenant(properties, 3, "rate", RATE_KEY, "user", "*");
        properties.add("caracal.security.tenants[3].limits.requests-per-minute", () -> "2");
        tenant(properties, 4, "tokens", TOKENS_KEY, "user", "*");
        properties.add("caracal.security.tenants[4].limits.tokens-per-minute", () -> "200");
        tenant(properties, 5, "concurrency", CONCURRENCY_KEY, "user", "*");
        properties.add("caracal.security.tenants[5].limits.max-concurrent", () -> "1");
        tenant(properties, 6, "cluster", CLUSTER_KEY, "user,cluster", "*");
    }

    private static void tenant(DynamicPropertyRegistry properties, int index, String name, String key, String roles,
            String model) {
        String at = "caracal.security.tenants[" + index + "].";
        properties.add(at + "name", () -> name);
        properties.add(at + "key-hashes[0]", () -> ApiKeyHash.of(key));
        properties.add(at + "roles", () -> roles);
        properties.add(at + "models[0]", () -> model);
    }

    /** Each test leaves the model idle: nothing admitted, queued or running. */
    @AfterEach
    void awaitIdle() throws InterruptedException {
        ModelDeployment stories = registry.find("stories").orElseThrow();
        java.util.function.BooleanSupplier idle = () -> stories.stats().requests().running() == 0
                && admission.snapshot(stories).map(s -> s.reservedBlocks() == 0 && s.queuedTotal() == 0)
                        .orElse(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!idle.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // What was still busy, and where the engine's threads stood, when it did not become idle.
        assertThat(idle.getAsBoolean()).as(() -> "idle within 20 s: " + stories.stats() + ", admission "
                + admission.snapshot(stories) + "\n" + engineThreads()).isTrue();
    }

    private static String engineThreads() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().contains("caracal")) {
                dump.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (int i = 0; i < Math.min(12, stack.length); i++) {
                    dump.append("    ").append(stack[i]).append('\n');
                }
            }
        });
        return dump.toString();
    }

    WebTestClient.ResponseSpec complete(String key, String json) {
        return client().post().uri("/v1/completions").header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    WebTestClient.ResponseSpec get(String key, String path) {
        return client().get().uri(path).header("Authorization", "Bearer " + key).exchange();
    }
}
