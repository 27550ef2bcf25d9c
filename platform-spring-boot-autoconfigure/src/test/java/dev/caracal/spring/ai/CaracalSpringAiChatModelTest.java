package dev.caracal.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.engine.api.EngineOptions;
import dev.caracal.engine.api.EngineStats;
import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.LocalEngine;
import dev.caracal.engine.api.OutputConstraint;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.api.chat.ToolChoice;
import dev.caracal.formats.template.ChatMessage;
import dev.caracal.spring.boot.CaracalAutoConfiguration;
import dev.caracal.spring.boot.chat.LocalChat;
import dev.caracal.spring.boot.engine.DefaultModel;
import dev.caracal.spring.boot.engine.DemoModel;
import dev.caracal.spring.boot.engine.ModelDeployment;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ResponseEntity;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.converter.BeanOutputConverter;
import org.springframework.ai.model.tool.DefaultToolCallingManager;
import org.springframework.ai.model.tool.ToolCallLimitExceededException;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeTypeUtils;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring AI's {@code ChatClient} on the demo model (stories260K, no chat template: a prompt is its messages' text)
 * through the auto-configuration, its greedy replies compared with the engine's own for the same prompt: whole and
 * streamed, stopped by a stop string or the token limit, cancelled, with tools and structured output, refused.
 */
class CaracalSpringAiChatModelTest {

    private static final String STORY = "Once upon a time";
    private static final int MAX_TOKENS = 24;
    /** Room for a whole tool call (a token is a few characters in this model's 512-token vocabulary). */
    private static final int TOOL_CALL_TOKENS = 160;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({CaracalAutoConfiguration.class, CaracalSpringAiAutoConfiguration.class})
    static class Application {
    }

    private static AnnotationConfigApplicationContext application;
    private static CaracalSpringAiChatModel model;
    private static ModelDeployment deployment;
    private static LocalEngine engine;

    @BeforeAll
    static void start() throws IOException {
        application = new AnnotationConfigApplicationContext(Application.class);
        model = application.getBean(CaracalSpringAiChatModel.class);
        deployment = application.getBean(DefaultModel.class).deployment();
        engine = LocalEngine.open(DemoModel.extract(), EngineOptions.defaults().withKvCacheBytes(64L << 20));
    }

    @AfterAll
    static void stop() {
        engine.close();
        application.close();
    }

    /** The engine's own greedy reply to a user message. */
    record Expected(String text, FinishReason finishReason, int promptTokens, int generatedTokens,
            List<TokenChunk> chunks) {
    }

    private static Expected greedy(String prompt, int maxTokens) {
        List<TokenChunk> chunks = Objects.requireNonNull(engine.chat(List.of(ChatMessage.user(prompt)),
                SamplingParameters.greedy().toBuilder().maxTokens(maxTokens).build()).collectList().block());
        TokenChunk last = chunks.getLast();
        assertThat(last.finishReason()).as("the engine's own reply: %s", last.error())
                .isIn(FinishReason.STOP, FinishReason.LENGTH);
        return new Expected(chunks.stream().map(TokenChunk::text).collect(Collectors.joining()), last.finishReason(),
                engine.prompts().chat(List.of(ChatMessage.user(prompt))).length, last.metrics().generatedTokens(),
                chunks);
    }

    private static CaracalChatOptions.Builder greedyOptions(int maxTokens) {
        return CaracalChatOptions.builder().temperature(0.0).maxTokens(maxTokens);
    }

    private static String text(ChatResponse response) {
        return response.getResult().getOutput().getText();
    }

    @ParameterizedTest
    @ValueSource(strings = {STORY, "Lily and Ben went to the park.", "Tom had a red ball."})
    void aGreedyAnswerIsTheEnginesOwnWithItsUsage(String prompt) {
        Expected expected = greedy(prompt, MAX_TOKENS);

        ChatResponse response = ChatClient.create(model).prompt().user(prompt).options(greedyOptions(MAX_TOKENS))
                .call().chatResponse();

        assertThat(response).isNotNull();
        assertThat(text(response)).isNotEmpty().isEqualTo(expected.text());
        assertThat(response.hasToolCalls()).isFalse();
        assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo(expected.finishReason().name());
        Usage usage = response.getMetadata().getUsage();
        assertThat(usage.getPromptTokens()).isEqualTo(expected.promptTokens());
        assertThat(usage.getCompletionTokens()).isEqualTo(expected.generatedTokens());
        assertThat(usage.getTotalTokens()).isEqualTo(expected.promptTokens() + expected.generatedTokens());
        assertThat(response.getMetadata().getModel()).isEqualTo(DemoModel.NAME);
        assertThat(response.getMetadata().getId()).isNotBlank();
    }

    @Test
    void aStreamIsTheSameTextOneResponsePerPieceTheLastWithFinishReasonAndUsage() {
        Expected expected = greedy(STORY, MAX_TOKENS);

        List<ChatResponse> responses = model.stream(new Prompt(STORY, greedyOptions(MAX_TOKENS).build()))
                .collectList().block();
        String content = ChatClient.create(model).prompt().user(STORY).options(greedyOptions(MAX_TOKENS)).stream()
                .content().collect(Collectors.joining()).block();

        assertThat(content).isEqualTo(expected.text());
        assertThat(responses).isNotNull();
        assertThat(responses.stream().map(CaracalSpringAiChatModelTest::text).collect(Collectors.joining()))
                .isEqualTo(expected.text());
        long pieces = expected.chunks().stream().filter(chunk -> !chunk.isFinal() && !chunk.text().isEmpty()).count();
        assertThat(responses).hasSize((int) pieces + 1);
        assertThat(responses.subList(0, responses.size() - 1)).allSatisfy(piece -> {
            assertThat(piece.getResult().getMetadata().getFinishReason()).isNull();
            assertThat(piece.getMetadata().getUsage().getCompletionTokens()).isZero();
        });
        ChatResponse last = responses.getLast();
        assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo(expected.finishReason().name());
        assertThat(last.getMetadata().getUsage().getPromptTokens()).isEqualTo(expected.promptTokens());
        assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(expected.generatedTokens());
        assertThat(last.getMetadata().getModel()).isEqualTo(DemoModel.NAME);
    }

    @Test
    void aStopSequenceEndsTheTextBeforeIt() {
        String whole = greedy(STORY, MAX_TOKENS).text();
        String stop = whole.strip().split(" ")[2]; // the third word
        int at = whole.indexOf(stop);

        ChatResponse response = ChatClient.create(model).prompt().user(STORY)
                .options(greedyOptions(MAX_TOKENS).stopSequences(List.of(stop))).call().chatResponse();

        assertThat(at).isPositive();
        assertThat(text(response)).isEqualTo(whole.substring(0, at));
        assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
        assertThat(response.getMetadata().getUsage().getCompletionTokens()).isLessThan(MAX_TOKENS);
    }

    @Test
    void maxTokensEndsTheReplyWithLength() {
        ChatResponse response = ChatClient.create(model).prompt().user(STORY).options(greedyOptions(5)).call()
                .chatResponse();

        assertThat(text(response)).isEqualTo(greedy(STORY, 5).text());
        assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("LENGTH");
        assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(5);
    }

    @Test
    void aPromptsOptionsWinOverTheModelsAndCallsAreObserved() {
        List<ChatModelObservationContext> observed = new CopyOnWriteArrayList<>();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof ChatModelObservationContext;
            }

            @Override
            public void onStop(Observation.Context context) {
                observed.add((ChatModelObservationContext) context);
            }
        });
        CaracalSpringAiChatModel greedyFive = new CaracalSpringAiChatModel(application.getBean(LocalChat.class),
                greedyOptions(5).build(), ToolCallingManager.builder().build(), observations);

        ChatResponse defaults = greedyFive.call(new Prompt(STORY));
        ChatResponse eight = greedyFive.call(new Prompt(STORY, ChatOptions.builder().maxTokens(8).build()));
        List<ChatResponse> streamed = greedyFive.stream(new Prompt(STORY)).collectList().block();

        assertThat(text(defaults)).isEqualTo(greedy(STORY, 5).text());
        assertThat(text(eight)).isEqualTo(greedy(STORY, 8).text()); // greedy still: the model's temperature
        assertThat(eight.getMetadata().getUsage().getCompletionTokens()).isEqualTo(8);
        assertThat(streamed).isNotEmpty();
        assertThat(observed).hasSize(3).allSatisfy(context -> {
            assertThat(context.getOperationMetadata().provider()).isEqualTo(CaracalSpringAiChatModel.PROVIDER);
            assertThat(context.getResponse()).isNotNull();
        });
        assertThat(observed.stream().map(context -> context.getResponse().getMetadata().getUsage()
                .getCompletionTokens())).containsExactly(5, 8, 5);
        assertThat(observed.get(2).isStreaming()).isTrue();
        assertThat(text(observed.get(2).getResponse())).isEqualTo(text(defaults));
    }

    @Test
    void cancellingAStreamCancelsTheEnginesRequest() throws InterruptedException {
        int maxTokens = 40;
        long generatedBefore = deployment.stats().work().generatedTokens();

        String first = ChatClient.create(model).prompt().user(STORY).options(greedyOptions(maxTokens)).stream()
                .content().blockFirst();

        assertThat(first).isNotEmpty();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        EngineStats.Requests requests = deployment.stats().requests();
        while (requests.running() + requests.waiting() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
            requests = deployment.stats().requests();
        }
        assertThat(requests.running() + requests.waiting()).isZero();
        assertThat(deployment.stats().work().generatedTokens() - generatedBefore).isLessThan(maxTokens);
    }

    /** A tool that records the cities it is asked about. */
    static class WeatherTools {

        static final String ANSWER = "Sunny, 21 degrees";
        final List<String> cities = new CopyOnWriteArrayList<>();

        @Tool(description = "The weather in a city")
        public String weather(@ToolParam(description = "The city") String city) {
            cities.add(city);
            return ANSWER;
        }
    }

    /** A chat model that records the prompts it is given. */
    record RecordingModel(ChatModel model, List<Prompt> prompts) implements ChatModel {

        @Override
        public ChatResponse call(Prompt prompt) {
            prompts.add(prompt);
            return model.call(prompt);
        }

        @Override
        public Flux<ChatResponse> stream(Prompt prompt) {
            prompts.add(prompt);
            return model.stream(prompt);
        }

        @Override
        public ChatOptions getOptions() {
            return model.getOptions();
        }
    }

    /**
     * A required tool call is run by {@code ChatClient}'s tool-calling advisor, and the model is asked again with its
     * result; the request's tool choice holds for that round too, so the call limit of one per tool ends the loop.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void chatClientRunsARequiredToolAndAsksTheModelAgain(boolean streamed) {
        WeatherTools tools = new WeatherTools();
        List<Prompt> prompts = new CopyOnWriteArrayList<>();
        ChatClient chat = ChatClient.builder(new RecordingModel(model, prompts))
                .defaultAdvisors(ToolCallingAdvisor.builder()
                        .toolCallingManager(DefaultToolCallingManager.builder().maxCallsPerTool(1).build()).build())
                .build();
        ChatClient.ChatClientRequestSpec request = chat.prompt().user("Weather in Paris?").tools(tools)
                .options(greedyOptions(TOOL_CALL_TOKENS).toolChoice(ToolChoice.REQUIRED).parallelToolCalls(false));

        ChatResponse response = streamed ? Objects.requireNonNull(request.stream().chatResponse().blockLast())
                : request.call().chatResponse();

        assertThat(tools.cities).as(response.toString()).hasSize(1);
        assertThat(prompts).hasSize(2);
        List<Message> second = prompts.get(1).getInstructions();
        AssistantMessage calling = (AssistantMessage) second.get(1);
        assertThat(calling.getToolCalls()).hasSize(1);
        AssistantMessage.ToolCall call = calling.getToolCalls().getFirst();
        assertThat(call.name()).isEqualTo("weather");
        JsonNode arguments = JSON.readTree(call.arguments());
        assertThat(arguments.properties()).hasSize(1);
        assertThat(arguments.properties().iterator().next().getValue().stringValue())
                .isEqualTo(tools.cities.getFirst());
        ToolResponseMessage answer = (ToolResponseMessage) second.get(2);
        assertThat(answer.getResponses()).singleElement().satisfies(result -> {
            assertThat(result.id()).isEqualTo(call.id());
            assertThat(result.responseData()).contains(WeatherTools.ANSWER);
        });
        assertThat(response.getResult().getMetadata().getFinishReason())
                .isEqualTo(ToolCallLimitExceededException.FINISH_REASON);
    }

    @Test
    void theModelsToolCallsComeBackWithFinishReasonToolCalls() {
        WeatherTools tools = new WeatherTools();

        ChatResponse response = ChatClient.create(model).prompt().user("Weather in Paris?").tools(tools)
                .options(greedyOptions(TOOL_CALL_TOKENS).toolChoice(ToolChoice.REQUIRED).parallelToolCalls(false))
                .advisors(AdvisorParams.toolCallingAdvisorAutoRegister(false)).call().chatResponse();

        assertThat(response.hasToolCalls()).as(response.toString()).isTrue();
        assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("TOOL_CALLS");
        assertThat(response.getResult().getOutput().getToolCalls()).singleElement()
                .satisfies(call -> assertThat(call.name()).isEqualTo("weather"));
        assertThat(tools.cities).isEmpty();
    }

    @Test
    void aJsonSchemaResponseFormatAnswersJsonThatFitsIt() {
        String schema = """
                {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
                 "required": ["name", "age"], "additionalProperties": false}""";

        String text = ChatClient.create(model).prompt().user("Ann is seven.")
                .options(greedyOptions(40).responseFormat(OutputConstraint.jsonSchema(schema))).call().content();

        JsonNode answer = JSON.readTree(text);
        assertThat(answer.propertyNames()).containsExactly("name", "age");
        assertThat(answer.get("name").isString()).isTrue();
        assertThat(answer.get("age").isIntegralNumber()).isTrue();
    }

    /** A person, as Spring AI's structured output reads one. */
    record Person(String name, int age) {
    }

    @Test
    void nativeStructuredOutputReadsAnEntityWhoseSchemaIsEnforced() {
        List<Prompt> prompts = new CopyOnWriteArrayList<>();

        ResponseEntity<ChatResponse, Person> person = ChatClient.create(new RecordingModel(model, prompts)).prompt()
                .user("Ann is seven.").options(greedyOptions(40))
                .advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT).call().responseEntity(Person.class);

        assertThat(prompts).singleElement().satisfies(prompt -> {
            assertThat(((CaracalChatOptions) prompt.getOptions()).getOutputSchema())
                    .isEqualTo(new BeanOutputConverter<>(Person.class).getJsonSchema());
            assertThat(prompt.getUserMessage().getText()).isEqualTo("Ann is seven."); // no format instructions
        });
        JsonNode answer = JSON.readTree(text(person.response()));
        assertThat(answer.propertyNames()).containsExactlyInAnyOrder("name", "age");
        assertThat(person.entity())
                .isEqualTo(new Person(answer.get("name").stringValue(), answer.get("age").intValue()));
    }

    @Test
    void anInvalidRequestFailsSayingWhy() {
        ChatClient chat = ChatClient.create(model);

        assertThatThrownBy(() -> chat.prompt().user(STORY).options(CaracalChatOptions.builder().model("nope")).call()
                .content()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("there is no model named 'nope'").hasMessageContaining(DemoModel.NAME);
        assertThatThrownBy(() -> chat.prompt().user(STORY).options(greedyOptions(5000)).call().content())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("this model's context is " + deployment.contextLength() + " tokens")
                .hasMessageContaining("ask for fewer tokens");
        assertThatThrownBy(() -> chat.prompt().user(STORY).options(greedyOptions(5000)).stream().content()
                .blockLast()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("this model's context is");
        UserMessage picture = UserMessage.builder().text("What is this?")
                .media(new Media(MimeTypeUtils.IMAGE_PNG, new ByteArrayResource(new byte[] {1, 2, 3}))).build();
        assertThatThrownBy(() -> model.call(new Prompt(picture))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("read text only").hasMessageContaining("image/png");
    }
}
