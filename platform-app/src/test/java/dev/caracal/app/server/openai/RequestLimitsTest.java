package dev.caracal.app.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.GatewayTestBase;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** The limits on a request's size and shape (caracal.limits, defaults) and the model's context: 400s and 413s. */
class RequestLimitsTest extends GatewayTestBase {

    private static final String CHAT = "/v1/chat/completions";

    @Test
    void aBodyOverTheLimitIsRefusedWith413DeclaredOrNot() {
        String large = "{\"model\": \"stories260K\", \"prompt\": \"" + "a".repeat(2 << 20) + "\"}";
        JsonNode declared = OpenAiApiTest.errorOf(client().post().uri("/v1/completions")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(large).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
        assertThat(declared.get("message").stringValue()).contains("larger than 1048576 bytes");
        // Chunked, without a length (4 MB): refused once the limit is passed.
        byte[] chunk = new byte[64 << 10];
        Arrays.fill(chunk, (byte) ' ');
        Flux<DataBuffer> chunks = Flux.range(0, 64).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk));
        JsonNode chunked = OpenAiApiTest.errorOf(client().post().uri("/v1/completions")
                .contentType(MediaType.APPLICATION_JSON).body(chunks, DataBuffer.class).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
        assertThat(chunked.get("code").stringValue()).isEqualTo("request_too_large");
    }

    @Test
    void theShapeOfARequestIsLimited() {
        String messages = IntStream.range(0, 257).mapToObj(i -> "{\"role\": \"user\", \"content\": \"Hi\"}")
                .collect(Collectors.joining(","));
        assertInvalid(CHAT, "{\"model\": \"stories260K\", \"messages\": [" + messages + "]}", "messages",
                "at most 256 messages, had 257");
        assertInvalid(CHAT, chat("\"n\": 17"), "n", "between 1 and 16, was 17");
        assertInvalid("/v1/completions", """
                {"model": "stories260K", "prompt": ["a", "b", "c", "d", "e"], "n": 4}""", "n",
                "a batch of 5 prompts with n 4 asks for 20 choices; at most 16");
        assertInvalid(CHAT, chat("\"stop\": [\"a\", \"b\", \"c\", \"d\", \"e\"]"), "stop", "at most 4 strings, had 5");
        assertInvalid(CHAT, chat("\"stop\": \"" + "x".repeat(257) + "\""), "stop", "at most 256 characters");
        String bias = IntStream.range(0, 301).mapToObj(i -> "\"" + i + "\": 1").collect(Collectors.joining(","));
        assertInvalid(CHAT, chat("\"logit_bias\": {" + bias + "}"), "logit_bias", "at most 300 entries, had 301");
        int[] ids = new int[3000];
        Arrays.fill(ids, 300);
        assertInvalid("/v1/completions", "{\"model\": \"stories260K\", \"prompt\": " + Arrays.toString(ids) + "}",
                "prompt", "maximum context length is 2048 tokens. However, your prompt resulted in 3000 tokens");
        assertInvalid(CHAT, chat("\"max_tokens\": 1e400"), "max_tokens", "Invalid type for 'max_tokens'");
        assertInvalid(CHAT, "{\"model\": \"stories260K\", \"metadata\": " + "[".repeat(100) + "]".repeat(100)
                + ", \"messages\": []}", null, "could not parse the JSON body");
    }

    @Test
    void theAdminApiWithoutConfiguredTenantsIsOpenToThisMachineOnly() {
        client().get().uri("/admin/stats").exchange().expectStatus().isOk();
        JsonNode refused = OpenAiApiTest.errorOf(client().get().uri("/admin/stats").header("Host", "gateway.example")
                .exchange().expectStatus().isEqualTo(HttpStatus.FORBIDDEN));
        assertThat(refused.get("message").stringValue()).contains("open to this machine only",
                "caracal.security.tenants");
    }

    private static String chat(String extra) {
        return "{\"model\": \"stories260K\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], " + extra + "}";
    }

    private void assertInvalid(String path, String json, String param, String message) {
        JsonNode error = OpenAiApiTest.errorOf(client().post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.getBytes(StandardCharsets.UTF_8)).exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_REQUEST));
        assertThat(error.get("message").stringValue()).as(json.length() > 200 ? json.substring(0, 200) : json)
                .contains(message);
        assertThat(error.get("param").isNull() ? null : error.get("param").stringValue()).isEqualTo(param);
    }
}
