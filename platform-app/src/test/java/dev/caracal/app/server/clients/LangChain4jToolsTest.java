package dev.caracal.app.server.clients;

import static dev.caracal.app.server.clients.ToolClients.MAX_TOKENS;
import static dev.caracal.app.server.clients.ToolClients.SEED;
import static dev.caracal.app.server.clients.ToolClients.TOOL_RESULT;
import static dev.caracal.app.server.clients.ToolClients.assertSatisfies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.app.server.ToolModelsServer;
import dev.caracal.app.server.clients.ToolClients.City;
import dev.caracal.app.server.clients.ToolClients.Pet;
import dev.caracal.app.server.clients.ToolClients.Unit;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.output.structured.Description;
import dev.langchain4j.service.AiServices;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * LangChain4j's {@code AiServices} over its {@code OpenAiChatModel} against the gateway's tool models: a method that
 * returns a record (LangChain4j writes the schema, the server enforces it) and {@code @Tool} methods that really run.
 */
class LangChain4jToolsTest {

    private static final String QUESTION = "What is the weather in Paris?";

    /**
     * {@link ToolClients.Person} as LangChain4j can ask for it: its schemas carry no bounds (it reads no Swagger
     * annotations and writes no {@code int32} format), so the server may write any integer, which only a
     * {@link BigInteger} is sure to hold (an {@code int} failed to parse {@code -710975459693} on llama31-random).
     */
    record UnboundedPerson(@Description("The first name") String name, BigInteger age, List<Pet> pets,
            UnboundedAddress address) {
    }

    record UnboundedAddress(String city, BigInteger zip) {
    }

    interface PersonExtractor {

        UnboundedPerson extract(String text);
    }

    interface Assistant {

        String chat(String question);
    }

    /** A tool that records each call's arguments. */
    static class WeatherTools {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool("The weather in a city")
        public String weather(@P(name = "city", value = "The city") City city,
                @P(name = "unit", value = "The unit") Unit unit) {
            calls.add(city + " " + unit);
            return TOOL_RESULT;
        }
    }

    private RecordingProxy proxy;

    @BeforeEach
    void connect() throws IOException {
        proxy = new RecordingProxy(ToolModelsServer.baseUrl());
    }

    @AfterEach
    void close() {
        proxy.close();
    }

    /** Seeded, without reasoning (random weights would reason until the token limit). */
    private OpenAiChatModel.OpenAiChatModelBuilder model(String model) {
        return OpenAiChatModel.builder().baseUrl(proxy.baseUrl()).apiKey("not-needed").modelName(model).maxRetries(0)
                .maxTokens(MAX_TOKENS).temperature(1.0).seed(SEED)
                .customParameters(Map.of("enable_thinking", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {ToolModelsServer.STORIES, ToolModelsServer.QWEN3, ToolModelsServer.LLAMA31})
    void anAiServiceMethodReturnsTheRecordTheServerShaped(String model) {
        PersonExtractor extractor = AiServices.create(PersonExtractor.class, model(model)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA).strictJsonSchema(true).build());

        UnboundedPerson person = extractor.extract("Ann is seven and has a cat.");

        assertThat(proxy.chatRequests()).hasSize(1);
        JsonNode format = proxy.chatRequests().getFirst().get("response_format");
        assertThat(format.get("type").stringValue()).isEqualTo("json_schema");
        assertThat(format.at("/json_schema/strict").booleanValue()).isTrue();
        JsonNode schema = format.at("/json_schema/schema");
        String what = model + " " + person;
        assertThat(person).as(what).isNotNull();
        assertSatisfies(proxy.exchanges().getFirst().response().at("/choices/0/message/content").stringValue(),
                schema, what);
        assertSatisfies(person, schema, what);
    }

    @ParameterizedTest
    @ValueSource(strings = {ToolModelsServer.STORIES, ToolModelsServer.QWEN3, ToolModelsServer.LLAMA31})
    void aRequiredToolRunsOnceAndTheServiceAnswersWithItsResult(String model) {
        WeatherTools tools = new WeatherTools();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model(model).parallelToolCalls(false).defaultRequestParameters(
                        OpenAiChatRequestParameters.builder().toolChoice(ToolChoice.REQUIRED).build()).build())
                .tools(tools)
                // LangChain4j 1.19 repeats the default tool choice in every round (see the test below).
                .chatRequestTransformer(LangChain4jToolsTest::autoOnceAToolHasAnswered)
                .maxToolCallingRoundTrips(3)
                .build();

        String answer = assistant.chat(QUESTION);

        List<JsonNode> requests = proxy.chatRequests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).get("tool_choice").stringValue()).isEqualTo("required");
        assertThat(requests.get(1).get("tool_choice").stringValue()).isEqualTo("auto");
        // The tool ran once, with the arguments the server's call carried, and its result went back.
        JsonNode call = proxy.exchanges().get(0).response().at("/choices/0/message/tool_calls/0");
        JsonNode arguments = ToolClients.readTree(call.at("/function/arguments").stringValue());
        assertSatisfies(arguments, requests.get(0).at("/tools/0/function/parameters"), model);
        assertThat(tools.calls).containsExactly(arguments.get("city").stringValue() + " "
                + arguments.get("unit").stringValue());
        JsonNode toolMessage = requests.get(1).get("messages").get(2);
        assertThat(toolMessage.get("role").stringValue()).isEqualTo("tool");
        assertThat(toolMessage.get("tool_call_id").stringValue()).isEqualTo(call.get("id").stringValue());
        assertThat(toolMessage.get("content").stringValue()).isEqualTo(TOOL_RESULT);
        JsonNode last = proxy.exchanges().get(1).response().at("/choices/0");
        assertThat(last.at("/message/tool_calls").isMissingNode()).as(last.toString()).isTrue();
        assertThat(answer).isEqualTo(last.at("/message/content").stringValue());
    }

    @Test
    void withoutTheTransformerTheRequiredToolChoiceRepeatsUntilTheRoundTripLimit() {
        WeatherTools tools = new WeatherTools();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model(ToolModelsServer.STORIES).parallelToolCalls(false).defaultRequestParameters(
                        OpenAiChatRequestParameters.builder().toolChoice(ToolChoice.REQUIRED).build()).build())
                .tools(tools)
                .maxToolCallingRoundTrips(2)
                .build();

        assertThatThrownBy(() -> assistant.chat(QUESTION)).hasMessageContaining("exceeded 2 tool calling round trips");
        assertThat(proxy.chatRequests()).hasSize(3)
                .allSatisfy(request -> assertThat(request.get("tool_choice").stringValue()).isEqualTo("required"));
        assertThat(tools.calls).hasSize(2);
    }

    /** The next round of a tool loop asks with tool choice auto once a tool's result is in the conversation. */
    private static ChatRequest autoOnceAToolHasAnswered(ChatRequest request) {
        if (request.messages().stream().noneMatch(ToolExecutionResultMessage.class::isInstance)) {
            return request;
        }
        return request.toBuilder().parameters(request.parameters().overrideWith(
                OpenAiChatRequestParameters.builder().toolChoice(ToolChoice.AUTO).build())).build();
    }
}
