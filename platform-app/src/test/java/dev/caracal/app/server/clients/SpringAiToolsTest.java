package dev.caracal.app.server.clients;

import static dev.caracal.app.server.clients.ToolClients.MAX_TOKENS;
import static dev.caracal.app.server.clients.ToolClients.SEED;
import static dev.caracal.app.server.clients.ToolClients.TOOL_RESULT;
import static dev.caracal.app.server.clients.ToolClients.assertSatisfies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.ToolModelsServer;
import dev.caracal.app.server.clients.ToolClients.City;
import dev.caracal.app.server.clients.ToolClients.Person;
import dev.caracal.app.server.clients.ToolClients.Unit;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.converter.BeanOutputConverter;
import org.springframework.ai.model.tool.DefaultToolCallingManager;
import org.springframework.ai.model.tool.ToolCallLimitExceededException;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import tools.jackson.databind.JsonNode;

/**
 * Spring AI's {@code ChatClient} over its {@code OpenAiChatModel} (built by hand) against the gateway's tool models: an
 * entity answered with the provider's structured output (the server enforces the converter's schema) and
 * {@code @Tool} methods that really run.
 */
class SpringAiToolsTest {

    private static final String QUESTION = "What is the weather in Paris?";

    /**
     * A tool that records each call's arguments. Spring AI names a tool's parameters after the compiled method's
     * ({@code arg0}, {@code arg1} here: this build does not compile with {@code -parameters}).
     */
    static class WeatherTools {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool(description = "The weather in a city")
        public String weather(@ToolParam(description = "The city") City city,
                @ToolParam(description = "The unit") Unit unit) {
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
    private OpenAiChatModel chatModel(String model) {
        OpenAiChatOptions.Builder options = OpenAiChatOptions.builder()
                .baseUrl(proxy.baseUrl()).apiKey("not-needed").maxRetries(0);
        options.model(model);
        options.maxTokens(MAX_TOKENS);
        options.temperature(1.0);
        options.seed(SEED);
        options.extraBody(Map.of("enable_thinking", false));
        return OpenAiChatModel.builder().options(options.build()).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {ToolModelsServer.STORIES, ToolModelsServer.QWEN3, ToolModelsServer.LLAMA31})
    void anEntityWithNativeStructuredOutputIsTheConvertersSchemaEnforced(String model) {
        Person person = ChatClient.create(chatModel(model)).prompt().user("Ann is seven and has a cat.")
                .advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT).call().entity(Person.class);

        assertThat(proxy.chatRequests()).hasSize(1);
        JsonNode format = proxy.chatRequests().getFirst().get("response_format");
        assertThat(format.get("type").stringValue()).isEqualTo("json_schema");
        JsonNode schema = format.at("/json_schema/schema");
        assertThat(schema).isEqualTo(ToolClients.readTree(new BeanOutputConverter<>(Person.class).getJsonSchema()));
        String what = model + " " + person;
        assertThat(person).as(what).isNotNull();
        assertSatisfies(proxy.exchanges().getFirst().response().at("/choices/0/message/content").stringValue(),
                schema, what);
        assertSatisfies(person, schema, what);
        assertThat(person.age()).as(what).isBetween(0, 120);
    }

    /**
     * User-controlled tool execution: Spring AI keeps the request's tool choice in every round of its own tool loop
     * (see the test below), so the application calls once with {@code required}, runs the calls with a
     * {@link ToolCallingManager} and asks again with {@code auto} and the conversation so far.
     */
    @ParameterizedTest
    @ValueSource(strings = {ToolModelsServer.STORIES, ToolModelsServer.QWEN3, ToolModelsServer.LLAMA31})
    void aRequiredToolRunsOnceAndTheNextCallAnswersWithItsResult(String model) {
        WeatherTools tools = new WeatherTools();
        ChatClient chat = ChatClient.create(chatModel(model));

        ChatResponse first = chat.prompt().user(QUESTION).tools(tools)
                .options(OpenAiChatOptions.builder().toolChoice("required").parallelToolCalls(false))
                .advisors(AdvisorParams.toolCallingAdvisorAutoRegister(false)).call().chatResponse();
        assertThat(first.hasToolCalls()).as(first.toString()).isTrue();
        assertThat(tools.calls).isEmpty();
        Prompt asked = new Prompt(List.of(new UserMessage(QUESTION)),
                OpenAiChatOptions.builder().toolCallbacks(ToolCallbacks.from(tools)).build());
        ToolExecutionResult executed = ToolCallingManager.builder().build().executeToolCalls(asked, first);
        String answer = chat.prompt().messages(executed.conversationHistory()).tools(tools)
                .options(OpenAiChatOptions.builder().toolChoice("auto"))
                .advisors(AdvisorParams.toolCallingAdvisorAutoRegister(false)).call().content();

        List<JsonNode> requests = proxy.chatRequests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).get("tool_choice").stringValue()).isEqualTo("required");
        assertThat(requests.get(1).get("tool_choice").stringValue()).isEqualTo("auto");
        // The tool ran once, with the arguments the server's call carried, and its result went back.
        JsonNode call = proxy.exchanges().get(0).response().at("/choices/0/message/tool_calls/0");
        JsonNode arguments = ToolClients.readTree(call.at("/function/arguments").stringValue());
        JsonNode parameters = requests.get(0).at("/tools/0/function/parameters");
        assertSatisfies(arguments, parameters, model);
        List<String> names = parameters.get("required").valueStream().map(JsonNode::stringValue).toList();
        assertThat(tools.calls).containsExactly(arguments.get(names.get(0)).stringValue() + " "
                + arguments.get(names.get(1)).stringValue());
        JsonNode toolMessage = requests.get(1).get("messages").get(2);
        assertThat(toolMessage.get("role").stringValue()).isEqualTo("tool");
        assertThat(toolMessage.get("tool_call_id").stringValue()).isEqualTo(call.get("id").stringValue());
        assertThat(toolMessage.get("content").stringValue()).isEqualTo(TOOL_RESULT);
        JsonNode last = proxy.exchanges().get(1).response().at("/choices/0");
        assertThat(last.at("/message/tool_calls").isMissingNode()).as(last.toString()).isTrue();
        assertThat(answer).isEqualTo(last.at("/message/content").stringValue());
    }

    @Test
    void theAutomaticToolLoopRepeatsRequiredUntilSpringAisCallLimitEndsIt() {
        WeatherTools tools = new WeatherTools();
        ChatClient chat = ChatClient.builder(chatModel(ToolModelsServer.STORIES))
                .defaultAdvisors(ToolCallingAdvisor.builder()
                        .toolCallingManager(DefaultToolCallingManager.builder().maxCallsPerTool(2).build()).build())
                .build();

        ChatResponse response = chat.prompt().user(QUESTION).tools(tools)
                .options(OpenAiChatOptions.builder().toolChoice("required").parallelToolCalls(false))
                .call().chatResponse();

        assertThat(response.getResult().getMetadata().getFinishReason())
                .isEqualTo(ToolCallLimitExceededException.FINISH_REASON);
        assertThat(tools.calls).hasSize(2);
        assertThat(proxy.chatRequests()).hasSize(3)
                .allSatisfy(request -> assertThat(request.get("tool_choice").stringValue()).isEqualTo("required"));
    }
}
