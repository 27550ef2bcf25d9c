package dev.caracal.app.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.GatewayTestBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAI API over HTTP: responses, streams, parameters and the engine's own output as the oracle. */
class OpenAiApiTest extends GatewayTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PROMPT = "Once upon a time";

    @Test
    void listsTheServedModels() {
        JsonNode models = get("/v1/models");
        assertThat(models.get("object").stringValue()).isEqualTo("list");
        assertThat(models.get("data").get(0).get("id").stringValue()).isEqualTo(MODEL);
        assertThat(models.get("data").get(0).get("max_model_len").intValue()).isEqualTo(2048);
        assertThat(get("/v1/models/" + MODEL).get("owned_by").stringValue()).isEqualTo("caracal");
    }

    @Test
    void greedyChatEqualsTheEnginesOwnOutput() {
        JsonNode response = post("/v1/chat/completions", """
                {"model": "stories260K", "messages": [{"role": "user", "content": "Once upon a time"}],
                 "max_tokens": 40, "temperature": 0}""");
        int[] prompt = chatPrompt(PROMPT);
        JsonNode choice = response.get("choices").get(0);
        assertThat(response.get("object").stringValue()).isEqualTo("chat.completion");
        assertThat(response.get("id").stringValue()).startsWith("chatcmpl-");
        assertThat(choice.get("message").get("role").stringValue()).isEqualTo("assistant");
        assertThat(choice.get("message").get("content").stringValue()).isEqualTo(greedy(prompt, 40))
                .startsWith(", there was a little girl named Lily.");
        assertThat(choice.get("finish_reason").stringValue()).isEqualTo("length");
        JsonNode usage = response.get("usage");
        assertThat(usage.get("prompt_tokens").intValue()).isEqualTo(prompt.length);
        assertThat(usage.get("completion_tokens").intValue()).isEqualTo(40);
        assertThat(usage.get("total_tokens").intValue()).isEqualTo(prompt.length + 40);
        assertThat(usage.get("prompt_tokens_details").get("cached_tokens").intValue()).isZero();
    }

    @Test
    void usageCountsThePromptTokensServedFromThePrefixCache() {
        String request = """
                {"model": "stories260K", "max_tokens": 4, "temperature": 0, "prompt": "Tom and Sue went to the park. \
                They saw a big tree with red apples. Tom wanted to climb the tree, but Sue said it was too high."}""";
        JsonNode first = post("/v1/completions", request);
        JsonNode second = post("/v1/completions", request);
        int prompt = first.get("usage").get("prompt_tokens").intValue();
        assertThat(prompt).isGreaterThan(32);
        // Whole 16-token blocks, the last prompt token always computed again.
        assertThat(second.get("usage").get("prompt_tokens_details").get("cached_tokens").intValue())
                .isEqualTo((prompt - 1) / 16 * 16);
        assertThat(texts(second)).isEqualTo(texts(first));
    }

    @Test
    void theFallbackTemplateJoinsTheMessagesContents() {
        assertThat(deployment().prompts().usesFallbackTemplate()).isTrue();
        assertThat(chatPrompt(PROMPT)).isEqualTo(deployment().prompts().text(PROMPT));
        JsonNode parts = post("/v1/chat/completions", """
                {"model": "stories260K", "max_completion_tokens": 12, "temperature": 0, "messages": [
                  {"role": "user", "content": [{"type": "text", "text": "Once upon "}, {"type": "text", "text": "a time"}]}]}""");
        assertThat(content(parts)).isEqualTo(greedy(chatPrompt(PROMPT), 12));
    }

    @Test
    void completionsTakeStringsTokenIdsAndBatches() {
        int[] prompt = deployment().prompts().text(PROMPT);
        JsonNode text = post("/v1/completions", """
                {"model": "stories260K", "prompt": "Once upon a time", "temperature": 0}""");
        assertThat(text.get("object").stringValue()).isEqualTo("text_completion");
        assertThat(text.get("choices").get(0).get("text").stringValue()).isEqualTo(greedy(prompt, 16));
        JsonNode ids = post("/v1/completions", "{\"model\": \"stories260K\", \"max_tokens\": 20, \"temperature\": 0,"
                + " \"prompt\": " + java.util.Arrays.toString(prompt) + "}");
        assertThat(ids.get("choices").get(0).get("text").stringValue()).isEqualTo(greedy(prompt, 20));
        JsonNode batch = post("/v1/completions", """
                {"model": "stories260K", "prompt": ["Once upon a time", "Tom had a dog"], "n": 2, "max_tokens": 8,
                 "temperature": 0}""");
        assertThat(batch.get("choices")).hasSize(4);
        String tom = greedy(deployment().prompts().text("Tom had a dog"), 8);
        for (int i = 0; i < 4; i++) {
            JsonNode choice = batch.get("choices").get(i);
            assertThat(choice.get("index").intValue()).isEqualTo(i);
            assertThat(choice.get("text").stringValue()).isEqualTo(i < 2 ? greedy(prompt, 8) : tom);
        }
        int tomTokens = deployment().prompts().text("Tom had a dog").length;
        assertThat(batch.get("usage").get("prompt_tokens").intValue()).isEqualTo(prompt.length + tomTokens);
        assertThat(batch.get("usage").get("completion_tokens").intValue()).isEqualTo(32);
    }

    @Test
    void streamsServerSentEventsEndingInDone() {
        String body = postForText("/v1/chat/completions", """
                {"model": "stories260K", "messages": [{"role": "user", "content": "Once upon a time"}],
                 "max_tokens": 30, "temperature": 0, "stream": true, "stream_options": {"include_usage": true}}""");
        assertThat(body).startsWith("data: {").endsWith("\n\ndata: [DONE]\n\n");
        List<JsonNode> chunks = events(body);
        assertThat(chunks.getFirst().get("choices").get(0).get("delta").get("role").stringValue())
                .isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (JsonNode chunk : chunks) {
            assertThat(chunk.get("object").stringValue()).isEqualTo("chat.completion.chunk");
            for (JsonNode choice : chunk.get("choices")) {
                JsonNode content = choice.get("delta").get("content");
                text.append(content == null ? "" : content.stringValue());
                finish = choice.get("finish_reason").isNull() ? finish : choice.get("finish_reason").stringValue();
            }
        }
        assertThat(text.toString()).isEqualTo(greedy(chatPrompt(PROMPT), 30));
        assertThat(finish).isEqualTo("length");
        JsonNode last = chunks.getLast();
        assertThat(last.get("choices")).isEmpty();
        assertThat(last.get("usage").get("completion_tokens").intValue()).isEqualTo(30);
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> assertThat(chunk.has("usage")).isFalse());
    }

    @Test
    void stopStringsAcrossChunksNeverLeak() {
        String full = greedy(chatPrompt(PROMPT), 40);
        String stop = "Lily. She"; // the tokens " Lily", ".", " She": the stop string spans three chunks
        String expected = full.substring(0, full.indexOf(stop));
        for (String stream : new String[] {"true", "false"}) {
            String body = postForText("/v1/chat/completions", """
                    {"model": "stories260K", "messages": [{"role": "user", "content": "Once upon a time"}],
                     "max_tokens": 40, "temperature": 0, "stop": ["Lily. She", "dragon"], "stream": %s}"""
                    .formatted(stream));
            StringBuilder text = new StringBuilder();
            String finish = null;
            List<JsonNode> responses = stream.equals("true") ? events(body) : List.of(parse(body));
            for (JsonNode response : responses) {
                JsonNode choice = response.get("choices").get(0);
                JsonNode part = stream.equals("true") ? choice.get("delta").get("content")
                        : choice.get("message").get("content");
                text.append(part == null ? "" : part.stringValue());
                finish = choice.get("finish_reason").isNull() ? finish : choice.get("finish_reason").stringValue();
            }
            assertThat(text.toString()).as("stream " + stream).isEqualTo(expected);
            assertThat(finish).isEqualTo("stop");
        }
    }

    @Test
    void seededSamplingRepeatsAndEachChoiceHasItsSeed() {
        String request = """
                {"model": "stories260K", "prompt": "Once upon a time", "max_tokens": 30, "temperature": 1.0,
                 "seed": 41, "n": 2}""";
        JsonNode first = post("/v1/completions", request);
        JsonNode again = post("/v1/completions", request);
        JsonNode seed42 = post("/v1/completions", """
                {"model": "stories260K", "prompt": "Once upon a time", "max_tokens": 30, "temperature": 1.0,
                 "seed": 42}""");
        assertThat(texts(first)).isEqualTo(texts(again));
        assertThat(texts(first).get(1)).isEqualTo(texts(seed42).getFirst());
        assertThat(texts(first).get(0)).isNotEqualTo(texts(first).get(1));
    }

    @Test
    void returnsLogprobsInBothShapes() {
        JsonNode chat = post("/v1/chat/completions", """
                {"model": "stories260K", "messages": [{"role": "user", "content": "Once upon a time"}],
                 "max_tokens": 5, "temperature": 0, "logprobs": true, "top_logprobs": 3}""");
        JsonNode content = chat.get("choices").get(0).get("logprobs").get("content");
        assertThat(content).hasSize(5);
        assertThat(content.get(0).get("token").stringValue()).isEqualTo(",");
        assertThat(content.get(0).get("logprob").doubleValue()).isNegative();
        assertThat(content.get(0).get("bytes").get(0).intValue()).isEqualTo(',');
        assertThat(content.get(0).get("top_logprobs")).hasSize(3);
        assertThat(content.get(0).get("top_logprobs").get(0).get("token").stringValue()).isEqualTo(",");
        JsonNode completion = post("/v1/completions", """
                {"model": "stories260K", "prompt": "Once upon a time", "max_tokens": 4, "temperature": 0,
                 "logprobs": 2}""");
        JsonNode logprobs = completion.get("choices").get(0).get("logprobs");
        assertThat(logprobs.get("tokens")).hasSize(4);
        assertThat(logprobs.get("token_logprobs")).hasSize(4);
        assertThat(logprobs.get("top_logprobs").get(0).size()).isBetween(1, 2);
        assertThat(logprobs.get("text_offset").get(1).intValue()).isEqualTo(1);
    }

    @Test
    void streamedChunksNeverSplitAUtf8Character() {
        // Only the byte tokens <0xC3> and <0xA9> may be drawn: "é" is C3 A9, any other pair is invalid UTF-8.
        String body = postForText("/v1/chat/completions", """
                {"model": "stories260K", "messages": [{"role": "user", "content": "Once upon a time"}],
                 "max_tokens": 60, "temperature": 1, "seed": 3, "logit_bias": {"198": 100, "172": 100},
                 "logprobs": true, "stream": true}""");
        StringBuilder text = new StringBuilder();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (JsonNode chunk : events(body)) {
            JsonNode choice = chunk.get("choices").get(0);
            JsonNode content = choice.get("delta").get("content");
            text.append(content == null ? "" : content.stringValue());
            if (!choice.get("logprobs").isNull()) {
                for (JsonNode token : choice.get("logprobs").get("content")) {
                    token.get("bytes").forEach(b -> bytes.write(b.intValue()));
                }
            }
        }
        assertThat(text.toString()).contains("é").isEqualTo(bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownFieldsAreIgnored() {
        JsonNode response = post("/v1/chat/completions", """
                {"model": "stories260K", "messages": [{"role": "user", "content": "Hi", "weight": 2}],
                 "max_tokens": 2, "guided_json": {}, "store": false, "parallel_tool_calls": true}""");
        assertThat(response.get("choices")).hasSize(1);
    }

    @Test
    void refusalsAreOpenAiErrors() {
        assertError("/v1/chat/completions", "{\"model\": \"stories260K\", \"messages\": [",
                HttpStatus.BAD_REQUEST, null, "could not parse the JSON body");
        assertError("/v1/chat/completions", """
                {"model": "stories260K", "messages": [{"role": "user", "content": "Hi"}], "temperature": "hot"}""",
                HttpStatus.BAD_REQUEST, "temperature", "Invalid type for 'temperature'");
        assertError("/v1/chat/completions", """
                {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hi"}]}""",
                HttpStatus.NOT_FOUND, "model", "The model `gpt-4o` does not exist");
        assertError("/v1/chat/completions", """
                {"model": "stories260K", "messages": [{"role": "user", "content": "Hi"}],
                 "tools": [{"type": "function", "function": {"name": "f g"}}]}""",
                HttpStatus.BAD_REQUEST, "tools[0].function.name", "letters, digits, underscores or dashes");
        assertError("/v1/chat/completions", """
                {"model": "stories260K", "messages": [{"role": "user", "content": "Hi"}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema":
                  {"type": "object", "properties": {"a": {"type": "array", "uniqueItems": true}}}}}}""",
                HttpStatus.BAD_REQUEST, "response_format.json_schema.schema",
                "JSON schema keyword 'uniqueItems' at #/properties/a is not supported");
        assertError("/v1/chat/completions", """
                {"model": "stories260K", "messages": [{"role": "user", "content": [
                  {"type": "image_url", "image_url": {"url": "http://x"}}]}]}""",
                HttpStatus.BAD_REQUEST, "messages[0].content[0].type", "image_url");
        assertError("/v1/chat/completions", """
                {"model": "stories260K", "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 4000}""",
                HttpStatus.BAD_REQUEST, "messages", "maximum context length is 2048 tokens. However, you requested"
                        + " 4003 tokens (3 in the messages, 4000 in the completion)");
        assertError("/v1/completions", """
                {"model": "stories260K", "prompt": "Hi", "echo": true}""",
                HttpStatus.BAD_REQUEST, "echo", "`echo`");
        assertError("/v1/chat/completions", """
                {"model": "stories260K", "messages": [{"role": "user", "content": "Hi"}], "top_logprobs": 2}""",
                HttpStatus.BAD_REQUEST, "top_logprobs", "needs logprobs");
        assertError("/v1/chat/completions", """
                {"model": "stories260K", "messages": [{"role": "user", "content": "Hi"}], "temperature": 3}""",
                HttpStatus.BAD_REQUEST, "temperature", "between 0 and 2");
        assertError("/v1/chat/completions", """
                {"model": "stories260K", "messages": [{"role": "user", "content": "Hi"}], "logit_bias": {"x": 1}}""",
                HttpStatus.BAD_REQUEST, "logit_bias", "token ids");
        assertError("/v1/embeddings", "{}", HttpStatus.NOT_FOUND, null, "Invalid URL (POST /v1/embeddings)");
        JsonNode wrongMethod = errorOf(client().get().uri("/v1/chat/completions").exchange()
                .expectStatus().isEqualTo(HttpStatus.NOT_FOUND));
        assertThat(wrongMethod.get("message").stringValue()).isEqualTo("Invalid URL (GET /v1/chat/completions)");
        JsonNode form = errorOf(client().post().uri("/v1/chat/completions")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("model=x").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
        assertThat(form.get("message").stringValue()).contains("application/json");
    }

    @Test
    void reportsHealthAndPrometheusMetrics() {
        post("/v1/completions", "{\"model\": \"stories260K\", \"prompt\": \"Once\", \"max_tokens\": 3}");
        String health = client().get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(parse(health).get("status").stringValue()).isEqualTo("UP");
        assertThat(health).as("health without an admin key: no models, no paths").doesNotContain(MODEL)
                .doesNotContain("components").doesNotContain(".gguf");
        String metrics = client().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains(
                "caracal_time_to_first_token_seconds_bucket{model_name=\"stories260K\"",
                "caracal_inter_token_latency_seconds_bucket{",
                "caracal_e2e_request_latency_seconds_bucket{",
                "caracal_request_queue_time_seconds_bucket{",
                "caracal_prompt_tokens_total{",
                "caracal_generation_tokens_total{",
                "caracal_prompt_tokens_cached_total{",
                "caracal_request_success_total{finished_reason=\"length\",model_name=\"stories260K\"}",
                "caracal_num_requests_running{",
                "caracal_num_requests_waiting{",
                "caracal_kv_cache_usage_perc{",
                "caracal_prefix_cache_hit_rate{",
                "caracal_prefix_cache_queries_total{",
                "caracal_prefix_cache_hits_total{",
                "\ncaracal_cache_config_info{block_size=\"16\",model_name=\"stories260K\",num_blocks=\"");
        assertThat(metrics).as("vLLM's names only with caracal.metrics.vllm-names").doesNotContain("vllm:");
    }

    @Test
    void headIsAnsweredLikeGetWithoutABody() {
        for (String path : List.of("/v1/models", "/v1/models/" + MODEL, "/actuator/health")) {
            var get = client().get().uri(path).exchange().expectStatus().isOk().returnResult(String.class);
            client().head().uri(path).exchange().expectStatus().isOk()
                    .expectHeader().contentType(get.getResponseHeaders().getContentType())
                    .expectBody().isEmpty();
        }
        client().head().uri("/v1/models/absent").exchange().expectStatus().isNotFound().expectBody().isEmpty();
    }

    // --- helpers ---

    JsonNode get(String path) {
        return parse(client().get().uri(path).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
    }

    JsonNode post(String path, String json) {
        return parse(postForText(path, json));
    }

    String postForText(String path, String json) {
        return client().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    void assertError(String path, String json, HttpStatus status, String param, String message) {
        JsonNode error = errorOf(client().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange().expectStatus().isEqualTo(status));
        assertThat(error.get("message").stringValue()).as(json).contains(message);
        assertThat(error.get("param").isNull() ? null : error.get("param").stringValue()).as(json).isEqualTo(param);
        assertThat(error.get("type").stringValue()).isEqualTo("invalid_request_error");
    }

    static JsonNode errorOf(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
        String body = response.expectHeader().contentType(MediaType.APPLICATION_JSON).expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(body).doesNotContain("\tat ").doesNotContain("Exception");
        return parse(body).get("error");
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    /** The JSON of each {@code data:} event before {@code [DONE]}. */
    static List<JsonNode> events(String body) {
        List<JsonNode> events = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            assertThat(event).startsWith("data: ");
            String data = event.substring(6);
            if (!data.equals("[DONE]")) {
                events.add(parse(data));
            }
        }
        return events;
    }

    static String content(JsonNode chatCompletion) {
        return chatCompletion.get("choices").get(0).get("message").get("content").stringValue();
    }

    static List<String> texts(JsonNode completion) {
        List<String> texts = new ArrayList<>();
        completion.get("choices").forEach(choice -> texts.add(choice.get("text").stringValue()));
        return texts;
    }
}
