package dev.caracal.app.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.GatewayTestBase;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Over the API, a completion's text is llama.cpp's continuation of the same prompt, leading space included, streamed
 * or not, for prompts that end before a word, inside one, after a space, on a newline and on a multi-byte character;
 * and its {@code logprobs} agree with it: the tokens joined are the text, each {@code text_offset} is where its token
 * starts in the text, and each token's own entry among {@code top_logprobs} has its text. A chat answer on a model
 * without a template continues the user's text the same way.
 */
class ContinuationApiTest extends GatewayTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int TOKENS = 24;
    private static final Map<String, String> LLAMA_CPP = new ConcurrentHashMap<>();

    @ParameterizedTest
    @ValueSource(strings = {"Ben liked to", "The little bird was sad becau", "Once upon a time, there was a ",
        "The sun was hot.\n", "Lily drank a café", "She saw a 🐶"})
    void completionsContinueThePromptAsLlamaCppDoes(String prompt) {
        String expected = llamaCpp(prompt);
        String request = JSON.writeValueAsString(Map.of("model", MODEL, "prompt", prompt, "max_tokens", TOKENS,
                "temperature", 0, "logprobs", 2));
        JsonNode whole = JSON.readTree(post("/v1/completions", request)).get("choices").get(0);
        assertThat(whole.get("text").stringValue()).as("text").isEqualTo(expected);
        assertAgree(whole.get("text").stringValue(), List.of(whole.get("logprobs")));

        String streamedRequest = JSON.writeValueAsString(Map.of("model", MODEL, "prompt", prompt, "max_tokens",
                TOKENS, "temperature", 0, "logprobs", 2, "stream", true));
        StringBuilder streamed = new StringBuilder();
        List<JsonNode> streamedLogprobs = new ArrayList<>();
        for (JsonNode chunk : events(post("/v1/completions", streamedRequest))) {
            JsonNode choice = chunk.get("choices").get(0);
            streamed.append(choice.get("text").stringValue());
            if (choice.hasNonNull("logprobs")) {
                streamedLogprobs.add(choice.get("logprobs"));
            }
        }
        assertThat(streamed.toString()).as("streamed text").isEqualTo(expected);
        assertAgree(streamed.toString(), streamedLogprobs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ben liked to", "The sun was hot.\n"})
    void aChatAnswerOnAModelWithoutATemplateContinuesTheMessage(String message) {
        String request = JSON.writeValueAsString(Map.of("model", MODEL, "max_tokens", TOKENS, "temperature", 0,
                "messages", List.of(Map.of("role", "user", "content", message))));
        JsonNode answer = JSON.readTree(post("/v1/chat/completions", request)).get("choices").get(0);
        assertThat(answer.get("message").get("content").stringValue()).isEqualTo(llamaCpp(message));
    }

    /** The tokens of {@code logprobs} (one or more chunks) joined are {@code text}, with offsets where they start. */
    private static void assertAgree(String text, List<JsonNode> logprobs) {
        StringBuilder joined = new StringBuilder();
        for (JsonNode chunk : logprobs) {
            for (int i = 0; i < chunk.get("tokens").size(); i++) {
                String token = chunk.get("tokens").get(i).stringValue();
                int offset = chunk.get("text_offset").get(i).intValue();
                assertThat(offset).as("text_offset of token %d", i).isEqualTo(joined.length());
                assertThat(text.substring(offset, offset + token.length())).isEqualTo(token);
                if (!token.isEmpty()) {
                    JsonNode top = chunk.get("top_logprobs").get(i);
                    assertThat(top.has(token)).as("top_logprobs %s name the sampled token %s", top, token).isTrue();
                    assertThat(top.get(token).doubleValue()).isEqualTo(chunk.get("token_logprobs").get(i)
                            .doubleValue());
                }
                joined.append(token);
            }
        }
        assertThat(joined.toString()).as("the tokens joined").isEqualTo(text);
    }

    private static String llamaCpp(String prompt) {
        return LLAMA_CPP.computeIfAbsent(prompt, p -> LlamaCppReference.greedy(
                SharedData.require("models/stories260K.gguf"), p, TOKENS));
    }

    private String post(String path, String body) {
        return client().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private static List<JsonNode> events(String stream) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stream.split("\n")) {
            if (line.startsWith("data: {")) {
                events.add(JSON.readTree(line.substring("data: ".length())));
            }
        }
        return events;
    }
}
