package dev.caracal.spring.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.engine.api.EngineOptions;
import dev.caracal.engine.api.LocalEngine;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.formats.template.ChatMessage;
import dev.caracal.spring.boot.CaracalAutoConfiguration;
import dev.caracal.spring.boot.chat.LocalChat;
import dev.caracal.spring.boot.engine.DefaultModel;
import dev.caracal.spring.boot.engine.DemoModel;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auto-configured LangChain4j models on the bundled stories260K, through {@code AiServices} and directly: greedy
 * text equal to the engine's own, streaming, stop sequences, token limits and usage, seeds, cancellation, tools,
 * JSON schemas, and invalid requests. One application context (greedy and 40 tokens by {@code caracal.chat.*}) for
 * the class.
 */
class CaracalLangChain4jModelsTest {

    private static final String PROMPT = "Once upon a time";
    private static final int MAX_TOKENS = 40;
    private static final long TIMEOUT_SECONDS = 30;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext context;
    private static LocalEngine engine;

    interface Storyteller {

        String tell(String beginning);

        TokenStream stream(String beginning);
    }

    /** The application: Caracal and its LangChain4j models, and a listener that records what passes. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({CaracalAutoConfiguration.class, CaracalLangChain4jAutoConfiguration.class})
    static class Application {

        @Bean
        RecordingListener recordingListener() {
            return new RecordingListener();
        }
    }

    static final class RecordingListener implements ChatModelListener {

        final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
        final List<ChatResponse> responses = new CopyOnWriteArrayList<>();

        @Override
        public void onRequest(ChatModelRequestContext request) {
            requests.add(request.chatRequest());
        }

        @Override
        public void onResponse(ChatModelResponseContext response) {
            responses.add(response.chatResponse());
        }
    }

    @BeforeAll
    static void start() throws IOException {
        Path model = DemoModel.extract();
        context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .properties(// no model configured: the bundled demo model, on the best backend
                        "caracal.chat.temperature=0", "caracal.chat.max-tokens=" + MAX_TOKENS, "caracal.chat.seed=7")
                .run();
        engine = LocalEngine.open(model, EngineOptions.defaults().withKvCacheBytes(64L << 20));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    /** The engine's own greedy reply to one user message, as a chat (the oracle). */
    record Greedy(String text, dev.caracal.engine.api.FinishReason finishReason, int generatedTokens,
            int promptTokens) {
    }

    private static Greedy greedy(String userMessage, int maxTokens) {
        List<ChatMessage> conversation = List.of(ChatMessage.user(userMessage));
        List<TokenChunk> chunks = engine.chat(conversation,
                SamplingParameters.greedy().toBuilder().maxTokens(maxTokens).build())
                .collectList().block(Duration.ofSeconds(TIMEOUT_SECONDS));
        TokenChunk last = chunks.getLast();
        return new Greedy(chunks.stream().map(TokenChunk::text).collect(Collectors.joining()), last.finishReason(),
                last.metrics().generatedTokens(), engine.prompts().chat(conversation).length);
    }

    private static FinishReason langChain4j(dev.caracal.engine.api.FinishReason reason) {
        return reason == dev.caracal.engine.api.FinishReason.STOP ? FinishReason.STOP : FinishReason.LENGTH;
    }

    private static ChatModel chatModel() {
        return context.getBean(ChatModel.class);
    }

    private static StreamingChatModel streamingModel() {
        return context.getBean(StreamingChatModel.class);
    }

    private static ChatRequest ask(String userMessage) {
        return ChatRequest.builder().messages(UserMessage.from(userMessage)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {PROMPT, "Lily and Ben went to the park", "The little dog was sad because"})
    void anAiServiceAnswersWithTheEnginesGreedyText(String beginning) {
        Storyteller storyteller = AiServices.create(Storyteller.class, chatModel());
        RecordingListener listener = context.getBean(RecordingListener.class);
        listener.responses.clear();

        String answer = storyteller.tell(beginning);

        Greedy expected = greedy(beginning, MAX_TOKENS);
        assertThat(answer).isNotBlank().isEqualTo(expected.text());
        assertThat(listener.responses).singleElement().satisfies(response -> {
            assertThat(response.aiMessage().text()).isEqualTo(answer);
            assertThat(response.finishReason()).isEqualTo(langChain4j(expected.finishReason()));
            assertThat(response.modelName()).isEqualTo(DemoModel.NAME);
        });
        if (beginning.equals(PROMPT)) {
            assertThat(answer).startsWith(", there was a little girl named Lily.");
        }
    }

    @Test
    void aTokenStreamJoinsToTheSameTextAndEndsWithUsageAndFinishReason() throws Exception {
        Storyteller storyteller = AiServices.builder(Storyteller.class).streamingChatModel(streamingModel()).build();
        StringBuffer partials = new StringBuffer();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        storyteller.stream(PROMPT).onPartialResponse(partials::append).onCompleteResponse(done::complete)
                .onError(done::completeExceptionally).start();

        ChatResponse response = done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Greedy expected = greedy(PROMPT, MAX_TOKENS);
        assertThat(partials.toString()).isEqualTo(expected.text());
        assertThat(response.aiMessage().text()).isEqualTo(expected.text());
        assertThat(response.finishReason()).isEqualTo(langChain4j(expected.finishReason()));
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(expected.promptTokens());
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(expected.generatedTokens());
        assertThat(response.modelName()).isEqualTo(DemoModel.NAME);
        assertThat(response.id()).isNotBlank();
    }

    @Test
    void stopSequencesEndTheTextBeforeThem() throws Exception {
        String full = greedy(PROMPT, MAX_TOKENS).text();
        String expected = full.substring(0, full.indexOf("Lily"));
        ChatRequest request = ask(PROMPT).toBuilder().stopSequences(List.of("Lily", "dragon")).build();

        ChatResponse whole = chatModel().chat(request);
        Streamed streamed = stream(streamingModel(), request);

        assertThat(whole.aiMessage().text()).isEqualTo(expected).isEqualTo(", there was a little girl named ");
        assertThat(whole.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(streamed.text()).isEqualTo(expected);
        assertThat(streamed.response().aiMessage().text()).isEqualTo(expected);
        assertThat(streamed.response().finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void maxOutputTokensEndsTheReplyWithLengthAndCountsThem() throws Exception {
        Greedy expected = greedy(PROMPT, 7);
        ChatRequest request = ask(PROMPT).toBuilder().maxOutputTokens(7).build();

        for (ChatResponse response : List.of(chatModel().chat(request), stream(streamingModel(), request).response())) {
            assertThat(response.aiMessage().text()).isEqualTo(expected.text());
            assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(7);
            assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(expected.promptTokens());
            assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(expected.promptTokens() + 7);
        }
    }

    @Test
    void aSeedRepeatsTheSampledReplyAndCaracalChatSeedIsTheDefault() {
        LocalChat localChat = context.getBean(LocalChat.class);
        ChatRequest sampled = ask(PROMPT).toBuilder().temperature(1.0).build();

        String seven = seeded(localChat, 7L).chat(sampled).aiMessage().text();
        String sevenAgain = seeded(localChat, 7L).chat(sampled).aiMessage().text();
        String configured = chatModel().chat(sampled).aiMessage().text(); // caracal.chat.seed=7
        String eight = seeded(localChat, 8L).chat(sampled).aiMessage().text();

        assertThat(seven).isNotBlank().isEqualTo(sevenAgain).isEqualTo(configured).isNotEqualTo(eight)
                .isNotEqualTo(greedy(PROMPT, MAX_TOKENS).text());
    }

    private static ChatModel seeded(LocalChat localChat, long seed) {
        return CaracalChatModel.builder().localChat(localChat).seed(seed).build();
    }

    @Test
    void cancellingTheStreamingHandleCancelsTheEngineRequest() throws Exception {
        ModelDeployment deployment = context.getBean(DefaultModel.class).deployment();
        CaracalStreamingChatModel model = CaracalStreamingChatModel.builder()
                .localChat(context.getBean(LocalChat.class)).temperature(1.0).seed(3L).maxOutputTokens(1000).build();
        // Uncancelled, this request runs all its 1,000 tokens.
        Streamed control = stream(model, ask(PROMPT));
        assertThat(control.response().finishReason()).isEqualTo(FinishReason.LENGTH);
        long generatedBefore = deployment.stats().work().generatedTokens();

        List<String> partials = new CopyOnWriteArrayList<>();
        List<Object> ends = new CopyOnWriteArrayList<>();
        CompletableFuture<StreamingHandle> cancelled = new CompletableFuture<>();
        model.chat(ask(PROMPT), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext partialContext) {
                partials.add(partial.text());
                partialContext.streamingHandle().cancel();
                cancelled.complete(partialContext.streamingHandle());
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                ends.add(response);
            }

            @Override
            public void onError(Throwable error) {
                ends.add(error);
            }
        });

        assertThat(cancelled.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).isCancelled()).isTrue();
        // Generous: on a loaded machine (CI beside other builds) the engine thread may wait seconds for a core.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // until the engine has dropped it: a cancel can find the request waiting as well as running
        while ((deployment.stats().requests().running() > 0 || deployment.stats().requests().waiting() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(deployment.stats().requests().running()).isZero();
        assertThat(deployment.stats().requests().waiting()).isZero();
        Thread.sleep(200); // anything still on its way would arrive by now
        assertThat(partials).hasSize(1);
        assertThat(ends).as("nothing after the cancel").isEmpty();
        long generated = deployment.stats().work().generatedTokens() - generatedBefore;
        assertThat(generated).as("tokens the cancelled request generated").isPositive().isLessThan(500);
    }

    @Test
    void aRequiredToolIsCalledWithArgumentsThatFitItsSchema() throws Exception {
        ToolSpecification weather = ToolSpecification.builder().name("get_weather")
                .description("The weather in a city")
                .parameters(JsonObjectSchema.builder().addStringProperty("city", "The city").required("city")
                        .build())
                .build();
        ChatRequest request = ask("What is the weather in Paris?").toBuilder().toolSpecifications(weather)
                .toolChoice(ToolChoice.REQUIRED).temperature(1.0).maxOutputTokens(160).build();
        LocalChat localChat = context.getBean(LocalChat.class);

        ChatResponse whole = CaracalChatModel.builder().localChat(localChat).parallelToolCalls(false).seed(3L).build()
                .chat(request);
        Streamed streamed = stream(CaracalStreamingChatModel.builder().localChat(localChat).parallelToolCalls(false)
                .seed(3L).build(), request);

        for (ChatResponse response : List.of(whole, streamed.response())) {
            assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
            assertThat(response.aiMessage().toolExecutionRequests()).isNotEmpty().allSatisfy(call -> {
                assertThat(call.name()).isEqualTo("get_weather");
                assertThat(call.id()).isNotBlank();
                JsonNode arguments = JSON.readTree(call.arguments());
                assertThat(arguments.isObject()).as(call.arguments()).isTrue();
                assertThat(arguments.get("city").isString()).as(call.arguments()).isTrue();
            });
        }
        List<ToolExecutionRequest> calls = streamed.response().aiMessage().toolExecutionRequests();
        assertThat(streamed.completeToolCalls()).extracting(CompleteToolCall::toolExecutionRequest)
                .containsExactlyElementsOf(calls);
        for (int i = 0; i < calls.size(); i++) {
            int index = i;
            assertThat(streamed.partialToolCalls().stream().filter(partial -> partial.index() == index)
                    .map(PartialToolCall::partialArguments).collect(Collectors.joining()))
                    .isEqualTo(calls.get(i).arguments());
        }
        assertThat(streamed.response().aiMessage().toolExecutionRequests()).extracting(ToolExecutionRequest::arguments)
                .isEqualTo(whole.aiMessage().toolExecutionRequests().stream().map(ToolExecutionRequest::arguments)
                        .toList());
    }

    interface Assistant {

        String chat(String question);
    }

    /** A tool that records each call's city. */
    static final class WeatherTools {

        final List<String> cities = new CopyOnWriteArrayList<>();

        @Tool("The weather in a city")
        public String weather(@P(name = "city", value = "The city") String city) {
            cities.add(city);
            return "Sunny";
        }
    }

    @Test
    void anAiServiceRunsTheToolTheModelCallsAndAnswersWithItsResult() {
        WeatherTools tools = new WeatherTools();
        RecordingListener listener = context.getBean(RecordingListener.class);
        listener.requests.clear();
        listener.responses.clear();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(CaracalChatModel.builder().localChat(context.getBean(LocalChat.class))
                        .toolChoice(ToolChoice.REQUIRED).parallelToolCalls(false).temperature(1.0).seed(3L)
                        .maxOutputTokens(160).listeners(List.of(listener)).build())
                .tools(tools)
                .chatRequestTransformer(CaracalLangChain4jModelsTest::autoOnceAToolHasAnswered)
                .maxToolCallingRoundTrips(3)
                .build();

        String answer = assistant.chat("What is the weather in Paris?");

        assertThat(listener.responses).hasSize(2);
        ToolExecutionRequest call = listener.responses.getFirst().aiMessage().toolExecutionRequests().getFirst();
        assertThat(tools.cities).containsExactly(JSON.readTree(call.arguments()).get("city").stringValue());
        assertThat(listener.requests.get(1).messages()).last().isInstanceOfSatisfying(
                ToolExecutionResultMessage.class, result -> {
                    assertThat(result.id()).isEqualTo(call.id());
                    assertThat(result.toolName()).isEqualTo("weather");
                    assertThat(result.text()).isEqualTo("Sunny");
                });
        assertThat(listener.responses.get(1).finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
        assertThat(answer).isEqualTo(listener.responses.get(1).aiMessage().text());
    }

    /** The next round of a tool loop asks with tool choice auto once a tool's result is in the conversation. */
    private static ChatRequest autoOnceAToolHasAnswered(ChatRequest request) {
        if (request.messages().stream().noneMatch(ToolExecutionResultMessage.class::isInstance)) {
            return request;
        }
        return request.toBuilder().toolChoice(ToolChoice.AUTO).build();
    }

    record Story(String title, String hero, boolean happy) {
    }

    interface StoryWriter {

        Story write(String idea);
    }

    @Test
    void aJsonSchemaResponseFormatGivesJsonThatFitsIt() {
        JsonObjectSchema story = JsonObjectSchema.builder().addStringProperty("title").addStringProperty("hero")
                .addBooleanProperty("happy").required("title", "hero", "happy").additionalProperties(false).build();
        ChatRequest request = ask("A story about a dog").toBuilder().maxOutputTokens(100)
                .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder().name("Story").rootElement(story).build()).build())
                .build();

        String text = chatModel().chat(request).aiMessage().text();

        JsonNode fields = JSON.readTree(text);
        assertThat(fields.propertyNames()).as(text).containsExactlyInAnyOrder("title", "hero", "happy");
        assertThat(fields.get("title").isString()).as(text).isTrue();
        assertThat(fields.get("hero").isString()).as(text).isTrue();
        assertThat(fields.get("happy").isBoolean()).as(text).isTrue();

        String object = chatModel().chat(ask("A story about a cat").toBuilder().maxOutputTokens(60)
                .responseFormat(ResponseFormat.JSON).build()).aiMessage().text();
        assertThat(JSON.readTree(object).isObject()).as(object).isTrue();

        RecordingListener listener = new RecordingListener();
        StoryWriter writer = AiServices.create(StoryWriter.class, CaracalChatModel.builder()
                .localChat(context.getBean(LocalChat.class)).strictJsonSchema(true).maxOutputTokens(100)
                .listeners(List.of(listener)).build());
        Story written = writer.write("A story about a bird");
        String json = listener.responses.getFirst().aiMessage().text();
        assertThat(written).as(json).isEqualTo(JSON.readValue(json, Story.class));
        assertThat(written.title()).as(json).isNotNull();
        assertThat(written.hero()).as(json).isNotNull();
    }

    @Test
    void anInvalidRequestFailsWithTheEnginesMessage() {
        ChatRequest unknownModel = ask(PROMPT).toBuilder().modelName("nope").build();
        ChatRequest pastTheContext = ask(PROMPT).toBuilder().maxOutputTokens(5000).build();
        ChatRequest picture = ChatRequest.builder().messages(UserMessage.from(TextContent.from("What is this?"),
                ImageContent.from(Image.builder().url("https://example.com/cat.png").build()))).build();

        assertThatThrownBy(() -> chatModel().chat(unknownModel)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("there is no model named 'nope'; the models are [stories260K]");
        assertThatThrownBy(() -> stream(streamingModel(), unknownModel)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("there is no model named 'nope'; the models are [stories260K]");
        assertThatThrownBy(() -> chatModel().chat(pastTheContext)).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("this model's context is 2048 tokens, and the prompt holds ")
                .hasMessageEndingWith(" and the reply may take 5000; shorten the conversation or ask for fewer"
                        + " tokens");
        assertThatThrownBy(() -> stream(streamingModel(), pastTheContext))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("the reply may take 5000");
        assertThatThrownBy(() -> chatModel().chat(picture)).isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("IMAGE");
        assertThatThrownBy(() -> stream(streamingModel(), picture)).isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("IMAGE");
    }

    /**
     * What a streamed reply delivered.
     *
     * @param text the partial responses joined
     */
    record Streamed(String text, List<PartialToolCall> partialToolCalls, List<CompleteToolCall> completeToolCalls,
            ChatResponse response) {
    }

    /** Streams {@code request} to its end; an error the handler gets is thrown. */
    private static Streamed stream(StreamingChatModel model, ChatRequest request) throws Exception {
        StringBuffer text = new StringBuffer();
        List<PartialToolCall> partialToolCalls = new CopyOnWriteArrayList<>();
        List<CompleteToolCall> completeToolCalls = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                text.append(partial);
            }

            @Override
            public void onPartialToolCall(PartialToolCall partial) {
                partialToolCalls.add(partial);
            }

            @Override
            public void onCompleteToolCall(CompleteToolCall complete) {
                completeToolCalls.add(complete);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response;
        try {
            response = done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw (Exception) failed.getCause();
        }
        return new Streamed(text.toString(), partialToolCalls, completeToolCalls, response);
    }
}
