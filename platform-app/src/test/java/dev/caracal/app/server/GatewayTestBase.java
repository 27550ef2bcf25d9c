package dev.caracal.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.engine.api.Prompts;
import dev.caracal.formats.template.ChatMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway on a random port serving the bundled stories260K demo model: one Spring context, shared (through
 * Spring's test-context cache) by every test class that extends this one, so the model loads once.
 */
@SpringBootTest(classes = CaracalServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayTestBase {

    /** The name the demo model is served as. */
    public static final String MODEL = "stories260K";

    @LocalServerPort
    protected int port;

    @Autowired
    protected DeploymentRegistry registry;

    @BeforeEach
    void awaitModels() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!registry.isSettled() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(deployment().state()).as(deployment().failure()).isEqualTo(ModelDeployment.State.READY);
    }

    /** The API's base URL, as OpenAI clients take it ({@code http://localhost:PORT/v1}). */
    protected String baseUrl() {
        return "http://localhost:" + port + "/v1";
    }

    protected WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    protected ModelDeployment deployment() {
        return registry.find(MODEL).orElseThrow();
    }

    /** The prompt tokens of one user message, as the gateway renders and tokenizes it. */
    protected int[] chatPrompt(String userMessage) {
        Prompts prompts = deployment().prompts();
        return prompts.chat(List.of(ChatMessage.user(userMessage)));
    }

    /** The engine's own greedy continuation of {@code prompt}, run in-process without the gateway. */
    protected static String greedy(int[] prompt, int maxTokens) {
        return StoriesOracle.greedy(prompt, maxTokens);
    }
}
