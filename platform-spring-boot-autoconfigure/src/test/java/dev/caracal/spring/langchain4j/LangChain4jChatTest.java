package dev.caracal.spring.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.engine.api.OutputConstraint;
import dev.caracal.engine.api.chat.ChatOptions;
import dev.caracal.engine.api.chat.ToolChoice;
import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.toolcall.ParsedOutput;
import dev.caracal.formats.toolcall.ParsedToolCall;
import dev.caracal.spring.boot.CaracalProperties;
import dev.caracal.spring.boot.chat.ChatReply;
import dev.caracal.spring.boot.chat.ChatSampling;
import dev.caracal.spring.boot.chat.LocalChat;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.metrics.GenerationObserver;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The mapping between LangChain4j's requests and responses and Caracal's chats, without a model. */
class LangChain4jChatTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonObjectSchema CITY = JsonObjectSchema.builder().addStringProperty("city", "The city")
            .required("city").build();

    @Test
    void everyKindOfMessageBecomesTheTurnTheTemplateReads() {
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("call_1").name("get_weather")
                .arguments("{\"city\": \"Paris\", \"days\": 2}").build();
        List<ChatMessage> messages = LangChain4jChat.messages(List.of(
                SystemMessage.from("Be brief."),
                UserMessage.from(TextContent.from("Weather?"), TextContent.from("In Paris.")),
                AiMessage.from("Let me look."),
                AiMessage.from("Looking.", List.of(call)),
                ToolExecutionResultMessage.from(call, "Sunny"),
                AiMessage.from(ToolExecutionRequest.builder().id("call_2").name("now").arguments("").build())));

        assertThat(messages).containsExactly(
                ChatMessage.system("Be brief."),
                ChatMessage.user("Weather?\nIn Paris."),
                ChatMessage.assistant("Let me look."),
                ChatMessage.assistantToolCalls("Looking.",
                        List.of(new ChatMessage.ToolCall("call_1", "get_weather", Map.of("city", "Paris", "days", 2)))),
                ChatMessage.tool("call_1", "get_weather", "Sunny"),
                ChatMessage.assistantToolCalls(null, List.of(new ChatMessage.ToolCall("call_2", "now", Map.of()))));
    }

    @Test
    void anImageOrArgumentsThatAreNotAnObjectAreRefusedSayingWhy() {
        UserMessage picture = UserMessage.from(TextContent.from("What is this?"),
                ImageContent.from(Image.builder().url("https://example.com/cat.png").build()));
        assertThatThrownBy(() -> LangChain4jChat.messages(List.of(picture)))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessage("Caracal's chat models read text only, and a user message holds IMAGE content");

        AiMessage badCall = AiMessage.from(ToolExecutionRequest.builder().id("call_1").name("get_weather")
                .arguments("[\"Paris\"]").build());
        assertThatThrownBy(() -> LangChain4jChat.messages(List.of(badCall)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the arguments of the call to tool 'get_weather' (id call_1) must be a JSON object,"
                        + " were: [\"Paris\"]");
    }

    @Test
    void toolsToolChoiceAndResponseFormatBecomeChatOptions() {
        ToolSpecification weather = ToolSpecification.builder().name("get_weather").description("The weather")
                .parameters(CITY).build();
        ToolSpecification strict = weather.toBuilder().name("strict_weather").strict(true).build();
        ToolSpecification clock = ToolSpecification.builder().name("now").build();
        ChatOptions options = LangChain4jChat.options(ChatRequestParameters.builder()
                .toolSpecifications(weather, strict, clock)
                .toolChoice(dev.langchain4j.model.chat.request.ToolChoice.REQUIRED).build(), false);

        assertThat(options.toolChoice()).isEqualTo(ToolChoice.REQUIRED);
        assertThat(options.responseFormat()).isNull();
        assertThat(options.tools()).extracting(tool -> tool.name()).containsExactly("get_weather", "strict_weather",
                "now");
        assertThat(options.tools().getFirst().description()).isEqualTo("The weather");
        JsonNode schema = JSON.readTree(options.tools().getFirst().parametersSchema());
        assertThat(schema.at("/type").stringValue()).isEqualTo("object");
        assertThat(schema.at("/properties/city/type").stringValue()).isEqualTo("string");
        assertThat(schema.at("/properties/city/description").stringValue()).isEqualTo("The city");
        assertThat(schema.at("/required/0").stringValue()).isEqualTo("city");
        assertThat(schema.at("/additionalProperties").isMissingNode()).isTrue();
        assertThat(JSON.readTree(options.tools().get(1).parametersSchema()).at("/additionalProperties").booleanValue())
                .as("a strict tool allows no other arguments").isFalse();
        assertThat(options.tools().get(2).parametersSchema()).isEqualTo(
                dev.caracal.engine.api.chat.ToolDefinition.NO_PARAMETERS);

        assertThat(choice(dev.langchain4j.model.chat.request.ToolChoice.AUTO, weather)).isEqualTo(ToolChoice.AUTO);
        assertThat(choice(dev.langchain4j.model.chat.request.ToolChoice.NONE, weather)).isEqualTo(ToolChoice.NONE);
        assertThat(choice(dev.langchain4j.model.chat.request.ToolChoice.AUTO)).as("auto without tools").isNull();
        assertThat(choice(null, weather)).isNull();

        assertThat(format(ResponseFormat.TEXT)).isNull();
        assertThat(format(ResponseFormat.JSON)).isEqualTo(OutputConstraint.jsonObject());
        JsonObjectSchema place = JsonObjectSchema.builder().addStringProperty("city").addIntegerProperty("zip")
                .required("city").build();
        ResponseFormat placeFormat = ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("Place").rootElement(place).build()).build();
        JsonNode asGiven = schema(format(placeFormat, false));
        assertThat(asGiven.at("/properties/city/type").stringValue()).isEqualTo("string");
        assertThat(asGiven.at("/properties/zip/type").stringValue()).isEqualTo("integer");
        assertThat(asGiven.get("required").valueStream().map(JsonNode::stringValue)).containsExactly("city");
        assertThat(asGiven.at("/additionalProperties").isMissingNode()).isTrue();
        JsonNode strictSchema = schema(format(placeFormat, true));
        assertThat(strictSchema.get("required").valueStream().map(JsonNode::stringValue))
                .containsExactlyInAnyOrder("city", "zip");
        assertThat(strictSchema.at("/additionalProperties").booleanValue()).isFalse();
    }

    private static JsonNode schema(OutputConstraint constraint) {
        assertThat(constraint).isInstanceOf(OutputConstraint.JsonSchema.class);
        return JSON.readTree(((OutputConstraint.JsonSchema) constraint).schemaJson());
    }

    private static ToolChoice choice(dev.langchain4j.model.chat.request.ToolChoice choice,
            ToolSpecification... tools) {
        return LangChain4jChat.options(ChatRequestParameters.builder().toolSpecifications(tools).toolChoice(choice)
                .build(), false).toolChoice();
    }

    private static OutputConstraint format(ResponseFormat format) {
        return format(format, false);
    }

    private static OutputConstraint format(ResponseFormat format, boolean strict) {
        return LangChain4jChat.options(ChatRequestParameters.builder().responseFormat(format).build(), strict)
                .responseFormat();
    }

    @Test
    void samplingTakesTheParametersAndTheModelsSeed() {
        ChatRequestParameters parameters = ChatRequestParameters.builder().temperature(0.5).topP(0.9).topK(20)
                .maxOutputTokens(30).stopSequences("The end").presencePenalty(0.1).frequencyPenalty(0.2).build();
        assertThat(LangChain4jChat.sampling(parameters, 7L))
                .isEqualTo(new ChatSampling(0.5, 0.9, 20, 30, List.of("The end"), 7L, 0.1, 0.2));
        assertThat(LangChain4jChat.sampling(ChatRequestParameters.builder().build(), null))
                .isEqualTo(ChatSampling.DEFAULTS);
    }

    @Test
    void aReplyBecomesAResponseWithItsFinishReasonUsageAndId() {
        ChatResponse story = LangChain4jChat.response(reply(new ParsedOutput("Once", "hm", List.of()),
                dev.caracal.engine.api.FinishReason.STOP, false, null), "request-1");
        assertThat(story.aiMessage().text()).isEqualTo("Once");
        assertThat(story.aiMessage().thinking()).isEqualTo("hm");
        assertThat(story.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(story.id()).isEqualTo("request-1");
        assertThat(story.modelName()).isEqualTo("stories");
        assertThat(story.tokenUsage()).isEqualTo(new TokenUsage(5, 3, 8));
        assertThat(story.finishReason()).isEqualTo(FinishReason.STOP);

        ParsedToolCall call = new ParsedToolCall("call_1", "get_weather", "{\"city\": \"Paris\"}");
        ChatResponse calling = LangChain4jChat.response(reply(new ParsedOutput(null, null, List.of(call)),
                dev.caracal.engine.api.FinishReason.STOP, true, null), "request-2");
        assertThat(calling.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(calling.aiMessage().text()).isNull();
        assertThat(calling.aiMessage().toolExecutionRequests()).containsExactly(ToolExecutionRequest.builder()
                .id("call_1").name("get_weather").arguments("{\"city\": \"Paris\"}").build());

        ChatResponse empty = LangChain4jChat.response(reply(new ParsedOutput(null, null, List.of()),
                dev.caracal.engine.api.FinishReason.LENGTH, false, null), "request-3");
        assertThat(empty.aiMessage().text()).as("a reply without text or calls").isEmpty();
        assertThat(empty.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(LangChain4jChat.response(reply(new ParsedOutput("Once", null, List.of()),
                dev.caracal.engine.api.FinishReason.CANCELLED, false, null), "request-4").finishReason())
                .isEqualTo(FinishReason.OTHER);

        assertThatThrownBy(() -> LangChain4jChat.response(reply(new ParsedOutput("On", null, List.of()),
                dev.caracal.engine.api.FinishReason.ERROR, false, "the backend ran out of memory"), "request-5"))
                .isInstanceOf(LangChain4jException.class)
                .hasMessage("model stories failed while answering: the backend ran out of memory");
    }

    private static ChatReply reply(ParsedOutput output, dev.caracal.engine.api.FinishReason finish,
            boolean calledTools, String error) {
        return new ChatReply("stories", output, finish, calledTools, 5, 3, 0, error);
    }

    @Test
    void theBuildersSettersOverrideItsDefaultParameters() {
        ChatModelListener listener = new ChatModelListener() {
        };
        CaracalChatModel model = CaracalChatModel.builder().localChat(withoutModels())
                .defaultRequestParameters(ChatRequestParameters.builder().temperature(0.5).maxOutputTokens(10)
                        .stopSequences("The end").build())
                .temperature(0.2).modelName("stories").listeners(List.of(listener)).build();

        ChatRequestParameters defaults = model.defaultRequestParameters();
        assertThat(defaults.temperature()).isEqualTo(0.2);
        assertThat(defaults.maxOutputTokens()).isEqualTo(10);
        assertThat(defaults.stopSequences()).containsExactly("The end");
        assertThat(defaults.modelName()).isEqualTo("stories");
        assertThat(defaults.topP()).isNull();
        assertThat(model.listeners()).containsExactly(listener);
        assertThat(model.provider()).isEqualTo(ModelProvider.OTHER);
        assertThat(model.supportedCapabilities()).containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        CaracalStreamingChatModel streaming = CaracalStreamingChatModel.builder().localChat(withoutModels())
                .maxOutputTokens(12).build();
        assertThat(streaming.defaultRequestParameters().maxOutputTokens()).isEqualTo(12);
        assertThat(streaming.supportedCapabilities()).containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);

        assertThatThrownBy(() -> CaracalChatModel.builder().build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("localChat");
    }

    @Test
    void aRequestForAModelThatIsNotThereIsInvalid() {
        CaracalChatModel model = CaracalChatModel.builder().localChat(withoutModels()).build();
        assertThatThrownBy(() -> model.chat(ChatRequest.builder().messages(UserMessage.from("Hi")).build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("no model is configured (caracal.models)")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    /** A LocalChat of an application without models (nothing loads). */
    static LocalChat withoutModels() {
        CaracalProperties properties = new CaracalProperties(true, List.of(), false, List.of(), false,
                Duration.ofSeconds(1), null, null, null);
        return new LocalChat(new DeploymentRegistry(properties), GenerationObserver.NONE, properties.chat(),
                Duration.ZERO);
    }
}
