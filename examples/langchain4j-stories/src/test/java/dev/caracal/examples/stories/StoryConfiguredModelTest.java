package dev.caracal.examples.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.spring.boot.engine.DemoModel;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.DefaultModel;
import dev.caracal.spring.boot.engine.ModelDeployment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application on a model file of its own ({@code caracal.models[0].path}), as a user configures it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoryConfiguredModelTest {

    private static Path model;

    @LocalServerPort
    private int port;

    @Autowired
    private DefaultModel defaultModel;

    @Autowired
    private DeploymentRegistry deployments;

    @DynamicPropertySource
    static void modelPath(DynamicPropertyRegistry properties) throws IOException {
        model = Files.copy(DemoModel.extract(), Files.createTempDirectory("stories-").resolve("my-stories.gguf"));
        model.toFile().deleteOnExit();
        model.getParent().toFile().deleteOnExit();
        properties.add("caracal.models[0].path", model::toString);
    }

    @Test
    void theConfiguredFileIsTheModel() throws Exception {
        ModelDeployment deployment = defaultModel.deployment();
        assertThat(Files.isSameFile(deployment.path(), model)).isTrue();
        assertThat(deployment.alias()).isEqualTo("my-stories");
        assertThat(deployments.aliases()).containsExactly("my-stories");

        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/story?prompt=Once%20upon%20a%20time&maxTokens=12")).build();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        try (var oracle = new GreedyContinuation(model)) {
            assertThat(response.body()).isEqualTo(oracle.of("Once upon a time", 12).text());
        }
    }
}
