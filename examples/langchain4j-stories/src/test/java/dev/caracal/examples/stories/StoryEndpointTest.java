package dev.caracal.examples.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.spring.boot.engine.DemoModel;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The application on the bundled demo model, over HTTP: each story is the engine's own greedy continuation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoryEndpointTest {

    private static GreedyContinuation oracle;

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void openOracle() throws IOException {
        oracle = new GreedyContinuation(DemoModel.extract());
    }

    @AfterAll
    static void closeOracle() {
        oracle.close();
    }

    @ParameterizedTest
    @CsvSource({"Once upon a time, 40", "The little dog, 7", "Lily and Ben went to the park. They, 1"})
    void aStoryIsTheEnginesGreedyContinuation(String prompt, int maxTokens) throws Exception {
        HttpResponse<String> response = get("/story?prompt=" + encode(prompt) + "&maxTokens=" + maxTokens);

        GreedyContinuation.Continuation expected = oracle.of(prompt, maxTokens);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
        assertThat(response.body()).isNotBlank().isEqualTo(expected.text());
        assertThat(expected.tokens()).isBetween(1, maxTokens);
    }

    @Test
    void maxTokensBoundsTheStory() throws Exception {
        String shortStory = get("/story?prompt=Once%20upon%20a%20time&maxTokens=5").body();
        String longStory = get("/story?prompt=Once%20upon%20a%20time&maxTokens=30").body();

        GreedyContinuation.Continuation fiveTokens = oracle.of("Once upon a time", 5);
        assertThat(fiveTokens.tokens()).isEqualTo(5);
        assertThat(shortStory).isEqualTo(fiveTokens.text());
        assertThat(longStory).startsWith(shortStory).hasSizeGreaterThan(shortStory.length());
    }

    @Test
    void maxTokensIs64WhenNotGiven() throws Exception {
        HttpResponse<String> response = get("/story?prompt=Once%20upon%20a%20time");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(oracle.of("Once upon a time", 64).text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/story                                   | prompt",
            "/story?prompt=%20%20                     | prompt",
            "/story?prompt=Once&maxTokens=0           | maxTokens",
            "/story?prompt=Once&maxTokens=-3          | maxTokens",
            "/story?prompt=Once&maxTokens=many        | maxTokens"})
    void aBadRequestIsRefusedSayingWhy(String path, String named) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
        assertThat(response.body()).contains(named);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
