package dev.caracal.app.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.ToolModelsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tool calls, enforced response formats and reasoning over HTTP, read as a client reads them (the JSON on the wire, the
 * streamed chunks joined as OpenAI's SDKs join them), on a template-less model, a Qwen3 template (Hermes calls,
 * {@code <think>}) and the Llama 3.1 template (JSON calls). The models have random weights or know nothing of JSON:
 * every answer must still parse and validate.
 */
class ToolCallingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final String WEATHER_PARAMETERS = """
            {"type": "object", "properties": {"city": {"type": "string", "maxLength": 12},
             "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}, "days": {"type": "integer",
             "minimum": 1, "maximum": 7}}, "required": ["city", "unit"], "additionalProperties": false}""";
    static final String TOOLS = """
            [{"type": "function", "function": {"name": "get_weather", "description": "The weather in a city",
              "parameters": %s}},
             {"type": "function", "function": {"name": "add", "description": "Adds two numbers", "parameters":
              {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}},
               "required": ["a", "b"]}}}]""".formatted(WEATHER_PARAMETERS);
    static final String PERSON = """
            {"type": "object", "properties": {"name": {"type": "string", "maxLength": 16}, "age": {"type": "integer",
             "minimum": 0, "maximum": 120}, "pets": {"type": "array", "items": {"anyOf": [{"type": "string",
             "enum": ["cat", "dog"]}, {"type": "object", "properties": {"kind": {"const": "fish"}, "count":
             {"type": "integer", "minimum": 1, "maximum": 9}}, "required": ["kind", "count"],
             "additionalProperties": false}]}, "maxItems": 3}}, "required": ["name", "age", "pets"],
             "additionalProperties": false}""";

    /** A reply as a client sees it: joined from the stream, or read whole. */
    record Reply(String content, String reasoning, List<Call> calls, String finishReason, JsonNode usage) {
    }

    record Call(String id, String name, String arguments) {
    }

    static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(ToolModelsServer.baseUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Reply chat(String body) throws Exception {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode choice = JSON.readTree(response.body()).get("choices").get(0);
        JsonNode message = choice.get("message");
        List<Call> calls = new ArrayList<>();
        message.path("tool_calls").forEach(call -> {
            assertThat(call.get("type").stringValue()).isEqualTo("function");
            calls.add(new Call(call.get("id").stringValue(), call.get("function").get("name").stringValue(),
                    call.get("function").get("arguments").stringValue()));
        });
        return new Reply(message.get("content").isNull() ? null : message.get("content").stringValue(),
                message.has("reasoning_content") ? message.get("reasoning_content").stringValue() : null, calls,
                choice.get("finish_reason").stringValue(), JSON.readTree(response.body()).get("usage"));
    }

    /** Joins a stream as the OpenAI SDKs do, checking each tool-call delta's shape on the way. */
    static Reply stream(String body) throws Exception {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        Map<Integer, String[]> calls = new LinkedHashMap<>();
        String finish = null;
        JsonNode usage = null;
        for (String line : response.body().split("\n")) {
            if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
                continue;
            }
            JsonNode chunk = JSON.readTree(line.substring(6));
            if (chunk.has("usage") && !chunk.get("usage").isNull()) {
                usage = chunk.get("usage");
            }
            for (JsonNode choice : chunk.get("choices")) {
                JsonNode delta = choice.get("delta");
                content.append(delta.path("content").asString(""));
                reasoning.append(delta.path("reasoning_content").asString(""));
                for (JsonNode call : delta.path("tool_calls")) {
                    int index = call.get("index").intValue();
                    if (!calls.containsKey(index)) {
                        // The first delta of a call: index, id, type and name, and empty arguments.
                        assertThat(call.get("id").stringValue()).isNotBlank();
                        assertThat(call.get("type").stringValue()).isEqualTo("function");
                        assertThat(call.get("function").get("name").stringValue()).isNotBlank();
                        assertThat(call.get("function").get("arguments").stringValue()).isEmpty();
                        calls.put(index, new String[] {call.get("id").stringValue(),
                            call.get("function").get("name").stringValue(), ""});
                    } else {
                        assertThat(call.has("id")).as(line).isFalse();
                        assertThat(call.get("function").has("name")).as(line).isFalse();
                        calls.get(index)[2] += call.get("function").get("arguments").stringValue();
                    }
                }
                if (!choice.get("finish_reason").isNull()) {
                    finish = choice.get("finish_reason").stringValue();
                }
            }
        }
        List<Call> joined = calls.values().stream().map(call -> new Call(call[0], call[1], call[2])).toList();
        return new Reply(content.isEmpty() ? null : content.toString(), reasoning.isEmpty() ? null
                : reasoning.toString(), joined, finish, usage);
    }

    /** A request asking about the weather, seeded (11 unless {@code extra} gives a seed). */
    static String request(String model, String extra, boolean stream) {
        String more = (extra.contains("\"seed\"") ? "" : ", \"seed\": 11") + extra
                + (stream ? ", \"stream_options\": {\"include_usage\": true}" : "");
        return """
                {"model": "%s", "messages": [{"role": "user", "content": "What is the weather in Paris?"}],
                 "max_tokens": 160, "stream": %s %s}""".formatted(model, stream, more);
    }

    @ParameterizedTest
    @ValueSource(strings = {ToolModelsServer.STORIES, ToolModelsServer.QWEN3, ToolModelsServer.LLAMA31})
    void aRequiredToolCallIsValidStreamedOrNotAndNeverInContent(String model) throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            for (int seed = 0; seed < 3; seed++) {
                // Without reasoning first (which random weights would spend the whole budget on: see below).
                String body = request(model, ", \"tools\": " + TOOLS + ", \"tool_choice\": \"required\","
                        + " \"parallel_tool_calls\": false, \"temperature\": 1, \"seed\": " + seed
                        + ", \"enable_thinking\": false", stream);
                Reply reply = stream ? stream(body) : chat(body);
                String what = model + (stream ? " streamed " : " ") + reply;
                assertThat(reply.calls()).as(what).hasSize(1);
                assertThat(reply.content()).as(what).isNull();
                assertThat(reply.finishReason()).as(what).isEqualTo("tool_calls");
                assertValidCalls(reply, what);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ToolModelsServer.STORIES, ToolModelsServer.QWEN3, ToolModelsServer.LLAMA31})
    void parallelCallsAreEachValidAndEndAtTheTokenLimitAtTheLatest(String model) throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            String body = request(model, ", \"tools\": " + TOOLS + ", \"tool_choice\": \"required\","
                    + " \"temperature\": 1, \"seed\": 5", stream);
            Reply reply = stream ? stream(body) : chat(body);
            String what = model + (stream ? " streamed " : " ") + reply;
            assertThat(reply.calls()).as(what).isNotEmpty();
            assertThat(reply.content()).as(what).isNull();
            // Random weights rarely stop by themselves: the limit steers the last call to close, which is "length".
            assertThat(reply.finishReason()).as(what).isIn("tool_calls", "length");
            assertValidCalls(reply, what);
            assertThat(reply.calls().stream().map(Call::id).distinct().count()).isEqualTo(reply.calls().size());
        }
    }

    private static void assertValidCalls(Reply reply, String what) {
        for (Call call : reply.calls()) {
            assertThat(call.name()).as(what).isIn("get_weather", "add");
            JsonNode schema = call.name().equals("get_weather") ? JSON.readTree(WEATHER_PARAMETERS)
                    : JSON.readTree(TOOLS).get(1).get("function").get("parameters");
            assertThat(ToolModelsServer.validate(JSON.readTree(call.arguments()), schema)).as(what).isEmpty();
            assertThat(call.id()).startsWith("call_");
        }
    }

    @Test
    void underAutoTheModelAnswersInTextOrACallItStartsIsFinishedValidly() throws Exception {
        // Unforced, a random model writes text: no call is made up from it.
        Reply text = chat(request(ToolModelsServer.QWEN3, ", \"tools\": " + TOOLS + ", \"enable_thinking\": false,"
                + " \"max_tokens\": 12", false).replace("\"max_tokens\": 160,", ""));
        assertThat(text.calls()).as(text.toString()).isEmpty();
        assertThat(text.content()).as(text.toString()).isNotEmpty();
        assertThat(text.finishReason()).isIn("stop", "length");
        // logit_bias pushes Qwen3's <tool_call> marker: the model "chooses" to call, and the rest of the call is
        // constrained from the marker on (a lazy grammar), so the call it started is a valid one.
        int marker = dev.caracal.formats.tokenizer.Tokenizers.load(dev.caracal.formats.testing.SharedData.require(
                "tokenizers/qwen3/tokenizer.json")).encode("<tool_call>", false, true)[0];
        for (int seed = 0; seed < 3; seed++) {
            Reply reply = chat(request(ToolModelsServer.QWEN3, ", \"tools\": " + TOOLS + ", \"tool_choice\": \"auto\","
                    + " \"enable_thinking\": false, \"parallel_tool_calls\": false, \"temperature\": 1, \"seed\": "
                    + seed + ", \"logit_bias\": {\"" + marker + "\": 100}", false));
            String what = reply.toString();
            assertThat(reply.calls()).as(what).hasSize(1);
            assertThat(reply.content()).as(what).isNull();
            assertThat(reply.finishReason()).as(what).isEqualTo("tool_calls");
            assertValidCalls(reply, what);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ToolModelsServer.STORIES, ToolModelsServer.QWEN3, ToolModelsServer.LLAMA31})
    void aNamedFunctionIsTheOneCalledOnce(String model) throws Exception {
        Reply reply = chat(request(model, ", \"tools\": " + TOOLS + ", \"parallel_tool_calls\": false,"
                + " \"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"add\"}}", false));
        assertThat(reply.calls()).as(reply.toString()).hasSize(1);
        assertThat(reply.calls().getFirst().name()).isEqualTo("add");
        JsonNode arguments = JSON.readTree(reply.calls().getFirst().arguments());
        assertThat(arguments.get("a").isNumber() && arguments.get("b").isNumber()).as(reply.toString()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {ToolModelsServer.STORIES, ToolModelsServer.QWEN3, ToolModelsServer.LLAMA31})
    void aJsonSchemaResponseFormatIsEnforcedStreamedOrNot(String model) throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            for (int seed = 0; seed < 4; seed++) {
                Reply reply = stream
                        ? stream(request(model, responseFormat(PERSON) + ", \"temperature\": 1, \"seed\": " + seed,
                                true))
                        : chat(request(model, responseFormat(PERSON) + ", \"temperature\": 1, \"seed\": " + seed,
                                false));
                String what = model + " " + reply;
                assertThat(reply.calls()).isEmpty();
                assertThat(ToolModelsServer.validate(JSON.readTree(reply.content()), JSON.readTree(PERSON)))
                        .as(what).isEmpty();
                assertThat(reply.finishReason()).as(what).isIn("stop", "length");
            }
        }
    }

    static String responseFormat(String schema) {
        return ", \"response_format\": {\"type\": \"json_schema\", \"json_schema\": {\"name\": \"person\","
                + " \"strict\": true, \"schema\": " + schema + "}}";
    }

    @Test
    void completionsEnforceAResponseFormatToo() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ToolModelsServer.baseUrl()
                + "/v1/completions")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                .ofString("""
                        {"model": "stories260K", "prompt": "Once upon a time", "max_tokens": 150, "seed": 2,
                         "temperature": 1 %s}""".formatted(responseFormat(PERSON)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String text = JSON.readTree(response.body()).get("choices").get(0).get("text").stringValue();
        assertThat(ToolModelsServer.validate(JSON.readTree(text), JSON.readTree(PERSON))).as(text).isEmpty();
    }

    @Test
    void jsonObjectModeAnswersAnObject() throws Exception {
        Reply reply = chat(request(ToolModelsServer.QWEN3, ", \"response_format\": {\"type\": \"json_object\"}",
                false));
        assertThat(JSON.readTree(reply.content()).isObject()).as(reply.toString()).isTrue();
    }

    @Test
    void aSmallTokenLimitStillGivesValidJsonAndFinishReasonLength() throws Exception {
        String schema = """
                {"type": "object", "properties": {"story": {"type": "string"}}, "required": ["story"]}""";
        Reply reply = chat("""
                {"model": "%s", "messages": [{"role": "user", "content": "A story"}], "max_tokens": 20,
                 "temperature": 1, "seed": 3 %s}""".formatted(ToolModelsServer.QWEN3, responseFormat(schema)));
        assertThat(reply.finishReason()).isEqualTo("length");
        assertThat(JSON.readTree(reply.content()).get("story").isString()).as(reply.toString()).isTrue();
    }

    @Test
    void withToolsAndAResponseFormatUnderAutoTheModelMayCallOrAnswerButEitherIsValid() throws Exception {
        int calls = 0;
        int answers = 0;
        for (int seed = 0; seed < 8; seed++) {
            Reply reply = chat(request(ToolModelsServer.QWEN3, ", \"tools\": " + TOOLS + responseFormat(PERSON)
                    + ", \"temperature\": 1.5, \"seed\": " + seed, false));
            if (reply.calls().isEmpty()) {
                answers++;
                assertThat(ToolModelsServer.validate(JSON.readTree(reply.content()), JSON.readTree(PERSON)))
                        .as(reply.toString()).isEmpty();
            } else {
                calls++;
                assertThat(reply.content()).isNull();
                assertThat(reply.finishReason()).isEqualTo("tool_calls");
            }
        }
        assertThat(calls + answers).isEqualTo(8);
    }

    @Test
    void reasoningComesApartFromTheAnswerAndIsCounted() throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            String body = request(ToolModelsServer.QWEN3, responseFormat(PERSON) + ", \"temperature\": 1", stream);
            Reply reply = stream ? stream(body) : chat(body);
            String what = reply.toString();
            assertThat(reply.reasoning()).as(what).isNotEmpty().doesNotContain("<think>").doesNotContain("</think>");
            assertThat(ToolModelsServer.validate(JSON.readTree(reply.content()), JSON.readTree(PERSON))).as(what)
                    .isEmpty();
            int reasoningTokens = reply.usage().get("completion_tokens_details").get("reasoning_tokens").intValue();
            assertThat(reasoningTokens).as(what).isPositive()
                    .isLessThan(reply.usage().get("completion_tokens").intValue());
        }
        for (String off : List.of(", \"chat_template_kwargs\": {\"enable_thinking\": false}",
                ", \"enable_thinking\": false")) {
            Reply reply = chat(request(ToolModelsServer.QWEN3, responseFormat(PERSON) + off, false));
            assertThat(reply.reasoning()).as(reply.toString()).isNull();
            assertThat(reply.usage().get("completion_tokens_details").get("reasoning_tokens").intValue()).isZero();
            assertThat(JSON.readTree(reply.content()).isObject()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ToolModelsServer.STORIES, ToolModelsServer.QWEN3, ToolModelsServer.LLAMA31})
    void aConversationWithCallsAndToolAnswersIsRenderedAndAnswered(String model) throws Exception {
        String body = """
                {"model": "%s", "max_tokens": 8, "tools": %s, "messages": [
                 {"role": "user", "content": "Weather in Paris?"},
                 {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                  "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\", \\"unit\\": \\"celsius\\"}"}}]},
                 {"role": "tool", "tool_call_id": "call_1", "content": "21 degrees"},
                 {"role": "user", "content": "Thanks"}]}""".formatted(model, TOOLS);
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void unsupportedOrWrongRequestsAre400sThatSayWhy() throws Exception {
        record Case(String extra, String param, String message) {
        }
        for (Case bad : List.of(
                new Case(responseFormat("{\"type\": \"string\", \"pattern\": \"^a\"}"),
                        "response_format.json_schema.schema", "'pattern'"),
                new Case(", \"response_format\": {\"type\": \"xml\"}", "response_format.type", "xml"),
                new Case(", \"tools\": " + TOOLS + ", \"tool_choice\": {\"type\": \"function\", \"function\":"
                        + " {\"name\": \"nope\"}}", "tool_choice", "nope"),
                new Case(", \"tool_choice\": \"required\"", "tool_choice", "needs tools"),
                new Case(", \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"bad name!\"}}]",
                        "tools[0].function.name", "letters"),
                new Case(", \"tool_choice\": \"required\", \"tools\": [{\"type\": \"function\", \"function\":"
                        + " {\"name\": \"f\", \"parameters\": {\"type\": \"object\", \"properties\": {\"x\":"
                        + " {\"type\": \"string\", \"format\": \"email\"}}}}}]",
                        "tools[0].function.parameters", "format"))) {
            HttpResponse<String> response = post(request(ToolModelsServer.STORIES, bad.extra(), false));
            assertThat(response.statusCode()).as(bad + " " + response.body()).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body()).get("error");
            assertThat(error.get("param").stringValue()).as(response.body()).isEqualTo(bad.param());
            assertThat(error.get("message").stringValue()).as(response.body()).contains(bad.message());
        }
    }
}
