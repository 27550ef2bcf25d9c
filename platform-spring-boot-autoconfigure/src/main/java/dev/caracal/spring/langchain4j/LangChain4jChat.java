package dev.caracal.spring.langchain4j;

import dev.caracal.engine.api.OutputConstraint;
import dev.caracal.engine.api.chat.ChatOptions;
import dev.caracal.engine.api.chat.ToolChoice;
import dev.caracal.engine.api.chat.ToolDefinition;
import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.toolcall.ParsedOutput;
import dev.caracal.formats.toolcall.ParsedToolCall;
import dev.caracal.spring.boot.chat.ChatReply;
import dev.caracal.spring.boot.chat.ChatSampling;
import dev.caracal.spring.boot.chat.ChatTurn;
import dev.caracal.spring.boot.chat.LocalChat;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@link CaracalChatModel} and {@link CaracalStreamingChatModel} share: a LangChain4j request read into a
 * {@link LocalChat} submission, a reply written back as a LangChain4j response, and the builders' settings.
 */
final class LangChain4jChat {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalChat localChat;
    private final ChatRequestParameters defaults;
    private final Long seed;
    private final Boolean parallelToolCalls;
    private final boolean strictJsonSchema;
    private final List<ChatModelListener> listeners;

    private LangChain4jChat(Builder<?> builder) {
        localChat = Objects.requireNonNull(builder.localChat, "localChat: the LocalChat to run the model on");
        defaults = DefaultChatRequestParameters.builder().overrideWith(builder.defaults)
                .overrideWith(builder.parameters.build()).build();
        seed = builder.seed;
        parallelToolCalls = builder.parallelToolCalls;
        strictJsonSchema = Boolean.TRUE.equals(builder.strictJsonSchema);
        listeners = List.copyOf(builder.listeners);
    }

    /** What a request's own parameters override: the builder's {@code defaultRequestParameters}, then its setters. */
    ChatRequestParameters defaultRequestParameters() {
        return defaults;
    }

    List<ChatModelListener> listeners() {
        return listeners;
    }

    /**
     * Submits {@code request} (its parameters already merged with the defaults) to the engine.
     *
     * @throws InvalidRequestException     with the engine's message when the request cannot run as asked: no such
     *     model, a parameter out of range, a prompt and reply longer than the context, an unsupported schema
     * @throws UnsupportedFeatureException when a message holds other content than text (an image, audio, a PDF)
     */
    ChatTurn submit(ChatRequest request) {
        ChatRequestParameters parameters = request.parameters();
        try {
            return localChat.submit(parameters.modelName(), messages(request.messages()),
                    options(parameters, strictJsonSchema).withParallelToolCalls(parallelToolCalls),
                    sampling(parameters, seed));
        } catch (IllegalArgumentException invalid) {
            throw new InvalidRequestException(invalid.getMessage(), invalid);
        }
    }

    /** The conversation as the model's chat template reads it. */
    static List<ChatMessage> messages(List<dev.langchain4j.data.message.ChatMessage> messages) {
        List<ChatMessage> converted = new ArrayList<>(messages.size());
        for (dev.langchain4j.data.message.ChatMessage message : messages) {
            converted.add(switch (message) {
                case SystemMessage system -> ChatMessage.system(system.text());
                case UserMessage user -> ChatMessage.user(text(user.contents(), "a user message"));
                case AiMessage ai when ai.hasToolExecutionRequests() -> ChatMessage.assistantToolCalls(ai.text(),
                        ai.toolExecutionRequests().stream().map(LangChain4jChat::toolCall).toList());
                case AiMessage ai -> ChatMessage.assistant(ai.text());
                case ToolExecutionResultMessage result -> ChatMessage.tool(result.id(), result.toolName(),
                        text(result.contents(), "the result of tool '" + result.toolName() + "'"));
                default -> throw new UnsupportedFeatureException("Caracal's chat models take system, user, AI and"
                        + " tool result messages, not " + message.type());
            });
        }
        return converted;
    }

    /** The text of a message's contents, which must all be text. */
    private static String text(List<Content> contents, String what) {
        for (Content content : contents) {
            if (!(content instanceof TextContent)) {
                throw new UnsupportedFeatureException("Caracal's chat models read text only, and " + what + " holds "
                        + content.type() + " content");
            }
        }
        return contents.stream().map(content -> ((TextContent) content).text()).collect(Collectors.joining("\n"));
    }

    /** A call an earlier AI message made, its arguments read from their JSON text. */
    private static ChatMessage.ToolCall toolCall(ToolExecutionRequest request) {
        String arguments = request.arguments() == null || request.arguments().isBlank() ? "{}" : request.arguments();
        try {
            return new ParsedToolCall(request.id(), request.name(), arguments).toChatToolCall();
        } catch (JacksonException notAnObject) {
            throw new IllegalArgumentException("the arguments of the call to tool '" + request.name() + "' (id "
                    + request.id() + ") must be a JSON object, were: " + arguments);
        }
    }

    /**
     * The tools, tool choice and response format of a request.
     *
     * @param strictJsonSchema whether a response format's schema requires every property and allows no others (as
     *                         OpenAI's strict mode does; LangChain4j's AI services write schemas that require none)
     */
    static ChatOptions options(ChatRequestParameters parameters, boolean strictJsonSchema) {
        List<ToolDefinition> tools = parameters.toolSpecifications() == null ? List.of()
                : parameters.toolSpecifications().stream().map(LangChain4jChat::toolDefinition).toList();
        ToolChoice choice = parameters.toolChoice() == null ? null : switch (parameters.toolChoice()) {
            case AUTO -> tools.isEmpty() ? null : ToolChoice.AUTO; // AI services ask for auto without tools too
            case REQUIRED -> ToolChoice.REQUIRED;
            case NONE -> ToolChoice.NONE;
        };
        return ChatOptions.NONE.withTools(tools).withToolChoice(choice)
                .withResponseFormat(responseFormat(parameters.responseFormat(), strictJsonSchema));
    }

    private static ToolDefinition toolDefinition(ToolSpecification tool) {
        String schema = tool.parameters() == null ? null
                : schemaJson(tool.parameters(), Boolean.TRUE.equals(tool.strict()));
        return new ToolDefinition(tool.name(), tool.description(), schema);
    }

    /** Null for text, any JSON object for JSON without a schema, else JSON valid against the schema's root. */
    private static OutputConstraint responseFormat(ResponseFormat format, boolean strict) {
        if (format == null || format.type() != ResponseFormatType.JSON) {
            return null;
        }
        return format.jsonSchema() == null || format.jsonSchema().rootElement() == null ? OutputConstraint.jsonObject()
                : OutputConstraint.jsonSchema(schemaJson(format.jsonSchema().rootElement(), strict));
    }

    /** A LangChain4j schema as JSON Schema text; strict: every property required and no others allowed. */
    static String schemaJson(JsonSchemaElement schema, boolean strict) {
        return JSON.writeValueAsString(JsonSchemaElementUtils.toMap(schema, strict));
    }

    /** The sampling a request asks for; its seed is the model's (LangChain4j's parameters have none). */
    static ChatSampling sampling(ChatRequestParameters parameters, Long seed) {
        return new ChatSampling(parameters.temperature(), parameters.topP(), parameters.topK(),
                parameters.maxOutputTokens(), parameters.stopSequences(), seed, parameters.presencePenalty(),
                parameters.frequencyPenalty());
    }

    /**
     * The LangChain4j response of a finished reply.
     *
     * @param requestId the engine request's id, as the response's id
     * @throws LangChain4jException with the engine's message when the engine failed while answering
     */
    static ChatResponse response(ChatReply reply, String requestId) {
        if (reply.finishReason() == dev.caracal.engine.api.FinishReason.ERROR) {
            throw new LangChain4jException("model " + reply.model() + " failed while answering: " + reply.error());
        }
        ParsedOutput output = reply.output();
        List<ToolExecutionRequest> calls = output.toolCalls().stream().map(LangChain4jChat::toolExecutionRequest)
                .toList();
        String text = output.content() == null && calls.isEmpty() ? "" : output.content();
        AiMessage message = AiMessage.builder().text(text).thinking(output.reasoning()).toolExecutionRequests(calls)
                .build();
        return ChatResponse.builder().aiMessage(message).metadata(ChatResponseMetadata.builder().id(requestId)
                .modelName(reply.model()).tokenUsage(new TokenUsage(reply.promptTokens(), reply.completionTokens()))
                .finishReason(finishReason(reply)).build()).build();
    }

    /** A tool call of the reply as LangChain4j runs it. */
    static ToolExecutionRequest toolExecutionRequest(ParsedToolCall call) {
        return ToolExecutionRequest.builder().id(call.id()).name(call.name()).arguments(call.argumentsJson()).build();
    }

    private static FinishReason finishReason(ChatReply reply) {
        return switch (reply.finishReason()) {
            case STOP -> reply.calledTools() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP;
            case LENGTH -> FinishReason.LENGTH;
            case CANCELLED, ERROR -> FinishReason.OTHER;
        };
    }

    /**
     * The settings both models' builders take: the {@link LocalChat} to run on, the default request parameters (the
     * setters override {@link #defaultRequestParameters}), what LangChain4j's parameters lack (the seed, whether calls
     * may come several at once, strict JSON schemas), and the listeners.
     */
    abstract static class Builder<B extends Builder<B>> {
        private LocalChat localChat;
        private ChatRequestParameters defaults = DefaultChatRequestParameters.EMPTY;
        private final DefaultChatRequestParameters.Builder<?> parameters = DefaultChatRequestParameters.builder();
        private Long seed;
        private Boolean parallelToolCalls;
        private Boolean strictJsonSchema;
        private List<ChatModelListener> listeners = List.of();

        Builder() {
        }

        abstract B self();

        LangChain4jChat chat() {
            return new LangChain4jChat(this);
        }

        /** The in-process chat the model runs on (the {@code caracalLocalChat} bean); required. */
        public B localChat(LocalChat value) {
            localChat = value;
            return self();
        }

        /** The model a request that names none goes to; when not set, {@code caracal.chat.model} or the first. */
        public B modelName(String value) {
            parameters.modelName(value);
            return self();
        }

        /** Sampling temperature, 0 for greedy. */
        public B temperature(Double value) {
            parameters.temperature(value);
            return self();
        }

        /** Nucleus sampling's probability mass. */
        public B topP(Double value) {
            parameters.topP(value);
            return self();
        }

        /** Sample among this many most likely tokens. */
        public B topK(Integer value) {
            parameters.topK(value);
            return self();
        }

        /** OpenAI's frequency penalty. */
        public B frequencyPenalty(Double value) {
            parameters.frequencyPenalty(value);
            return self();
        }

        /** OpenAI's presence penalty. */
        public B presencePenalty(Double value) {
            parameters.presencePenalty(value);
            return self();
        }

        /** The most tokens of a reply; up to the context when not set. */
        public B maxOutputTokens(Integer value) {
            parameters.maxOutputTokens(value);
            return self();
        }

        /** Strings that end a reply (not included in it). */
        public B stopSequences(List<String> value) {
            parameters.stopSequences(value);
            return self();
        }

        /** Whether the model may or must call the request's tools. */
        public B toolChoice(dev.langchain4j.model.chat.request.ToolChoice value) {
            parameters.toolChoice(value);
            return self();
        }

        /** What a reply must be: text, any JSON object, or JSON valid against a schema. */
        public B responseFormat(ResponseFormat value) {
            parameters.responseFormat(value);
            return self();
        }

        /** The parameters a request leaves out, under those set on this builder. */
        public B defaultRequestParameters(ChatRequestParameters value) {
            defaults = value == null ? DefaultChatRequestParameters.EMPTY : value;
            return self();
        }

        /** The random seed of sampling, for repeatable replies; {@code caracal.chat.seed} when not set. */
        public B seed(Long value) {
            seed = value;
            return self();
        }

        /** Whether one reply may call several tools (not set: yes). */
        public B parallelToolCalls(Boolean value) {
            parallelToolCalls = value;
            return self();
        }

        /**
         * Whether a response format's JSON schema requires every property and allows no others, as OpenAI's strict
         * mode does (not set: no; the schema as given). An AI service returning a record needs it for every field.
         */
        public B strictJsonSchema(Boolean value) {
            strictJsonSchema = value;
            return self();
        }

        /** Observers of every request, response and error. */
        public B listeners(List<ChatModelListener> value) {
            listeners = value == null ? List.of() : value;
            return self();
        }
    }
}
