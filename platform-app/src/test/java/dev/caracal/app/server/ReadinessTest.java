package dev.caracal.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.formats.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Readiness follows the models: {@code /actuator/health/readiness} is DOWN (503) while a model loads (here one whose
 * backend opens only when the test lets it), still DOWN once it has loaded while its warm-up step runs (held by the
 * test), and UP once the warm-up step has answered; liveness is UP throughout; requests for the loading model get 503
 * meanwhile, and the cluster API's state says the model is not ready.
 */
class ReadinessTest {

    @AfterEach
    void openTheGates() {
        FaultyBackendProvider.Gated.release();
        FaultyBackendProvider.Gated.releaseSteps();
    }

    @Test
    void readinessWaitsForEveryModelToLoadAndWarmUp() throws Exception {
        FaultyBackendProvider.Gated.close();
        FaultyBackendProvider.Gated.holdSteps();
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

            assertThat(body(port, "/cluster/v1/state")).contains("\"ready\":false");

            FaultyBackendProvider.Gated.release();
            assertThat(FaultyBackendProvider.Gated.awaitHeldStep(Duration.ofSeconds(60)))
                    .as("loaded: the warm-up step runs").isTrue();
            DeploymentRegistry registry = server.getBean(DeploymentRegistry.class);
            for (int i = 0; i < 3; i++) {
                assertThat(status(port, "/actuator/health/readiness")).as("loaded, not warmed up").isEqualTo(503);
                assertThat(registry.find("stories").orElseThrow().state()).isEqualTo(ModelDeployment.State.LOADING);
                assertThat(body(port, "/cluster/v1/state")).contains("\"ready\":false");
                Thread.sleep(100);
            }

            FaultyBackendProvider.Gated.releaseSteps();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (status(port, "/actuator/health/readiness") != 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(status(port, "/actuator/health/readiness")).isEqualTo(200);
            assertThat(registry.find("stories").orElseThrow().summary()).as("loaded and warmed up").isNotNull();
            assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
            assertThat(body(port, "/cluster/v1/state")).contains("{\"ready\":true,")
                    .contains("\"deployment\":\"stories\",\"ready\":true,");
        }
    }

    private static int status(int port, String path) throws Exception {
        return RawHttp.exchange(port, "GET", path, Map.of()).status();
    }

    private static String body(int port, String path) throws Exception {
        return RawHttp.exchange(port, "GET", path, Map.of()).text();
    }
}
