package dev.caracal.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.formats.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Readiness follows the models: {@code /actuator/health/readiness} is DOWN (503) while a model loads (here one whose
 * backend opens only when the test lets it) and UP once it has loaded and answered its warm-up step; liveness is UP
 * throughout; requests for the loading model get 503 meanwhile.
 */
class ReadinessTest {

    @AfterEach
    void openTheGate() {
        FaultyBackendProvider.Gated.release();
    }

    @Test
    void readinessWaitsForEveryModelToLoadAndWarmUp() throws Exception {
        FaultyBackendProvider.Gated.close();
        try (ConfigurableApplicationContext server = CaracalServer.start(new String[] {"--server.port=0",
            "--caracal.models[0].path=" + SharedData.require("models/stories260K.gguf"),
            "--caracal.models[0].alias=stories", "--caracal.models[0].backend=gated",
            "--caracal.models[0].kv-memory=16MB"})) {
            int port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
            for (int i = 0; i < 3; i++) {
                assertThat(status(port, "/actuator/health/readiness")).isEqualTo(503);
                assertThat(body(port, "/actuator/health/readiness")).contains("\"DOWN\"");
                assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
                Thread.sleep(100);
            }
            RawHttp.Response refused = RawHttp.exchange(port, "POST", "/v1/completions", Map.of("Content-Type",
                    "application/json"), "{\"model\": \"stories\", \"prompt\": \"Hi\", \"max_tokens\": 1}"
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.text()).contains("Retry-After");

            FaultyBackendProvider.Gated.release();
            DeploymentRegistry registry = server.getBean(DeploymentRegistry.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (status(port, "/actuator/health/readiness") != 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(status(port, "/actuator/health/readiness")).isEqualTo(200);
            assertThat(registry.find("stories").orElseThrow().summary()).as("loaded and warmed up").isNotNull();
            assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
        }
    }

    private static int status(int port, String path) throws Exception {
        return RawHttp.exchange(port, "GET", path, Map.of()).status();
    }

    private static String body(int port, String path) throws Exception {
        return RawHttp.exchange(port, "GET", path, Map.of()).text();
    }
}
