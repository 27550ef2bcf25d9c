package dev.caracal.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.admission.Admission;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway tests that configure a server of their own share (each subclass declares its
 * {@code @SpringBootTest}): the port, the deployments and admission, a client, and checks of OpenAI answers.
 */
abstract class GatewayFixture {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    DeploymentRegistry registry;

    @Autowired
    Admission admission;

    @BeforeEach
    void awaitModels() throws InterruptedException {
        await(Duration.ofSeconds(60), registry::isSettled);
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    static JsonNode ok(WebTestClient.ResponseSpec response) {
        return JSON.readTree(response.expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody());
    }

    /** The {@code error} of an OpenAI error answer with {@code status}, which holds no stack trace. */
    static JsonNode error(WebTestClient.ResponseSpec response, HttpStatus status) {
        String body = response.expectStatus().isEqualTo(status).expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain("\tat ").doesNotContain("Exception");
        return JSON.readTree(body).get("error");
    }

    static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within " + timeout).isTrue();
    }
}
