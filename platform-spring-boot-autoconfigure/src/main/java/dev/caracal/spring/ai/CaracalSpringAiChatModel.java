package dev.caracal.spring.ai;

import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.chat.ChatOptions;
import dev.caracal.engine.api.chat.ToolDefinition;
import dev.caracal.formats.toolcall.OutputEvent;
import dev.caracal.formats.toolcall.ParsedOutput;
import dev.caracal.spring.boot.chat.ChatReply;
import dev.caracal.spring.boot.chat.ChatSampling;
import dev.caracal.spring.boot.chat.ChatTurn;
import dev.caracal.spring.boot.chat.LocalChat;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

/**
 * Spring AI's {@link ChatModel} on Caracal's models in process ({@link LocalChat}): a {@link Prompt} (its options over
 * {@link #getOptions()}) becomes a chat request, its reply a {@link ChatResponse}, whole or one per piece of text.
 * Tool calls come back for the caller to run, as with Spring AI 2's own models: {@code ChatClient}'s tool-calling
 * advisor runs them and asks again. Cancelling a stream cancels the request in the engine. Thread-safe.
 */
public final class CaracalSpringAiChatModel implements ChatModel {

    /** The provider name in observations. */
    public static final String PROVIDER = "caracal";
    /** The key of the reply's reasoning in the assistant message's metadata (as Spring AI's OpenAI model names it). */
    public static final String REASONING_CONTENT = "reasoningContent";
    /** The key of the reply's reasoning tokens in the response's metadata. */
    public static final String REASONING_TOKENS = "reasoningTokens";

    private static final ChatModelObservationConvention DEFAULT_CONVENTION =
            new DefaultChatModelObservationConvention();

    private final LocalChat chat;
    private final CaracalChatOptions defaultOptions;
    private final ToolCallingManager toolCallingManager;
    private final ObservationRegistry observationRegistry;
    private volatile ChatModelObservationConvention observationConvention = DEFAULT_CONVENTION;

    /** A model on {@code chat} with no options of its own, Spring AI's tool-calling manager, and no observations. */
    public CaracalSpringAiChatModel(LocalChat chat) {
        this(chat, CaracalChatOptions.builder().build(), ToolCallingManager.builder().build(),
                ObservationRegistry.NOOP);
    }

    /**
     * @param chat                the models
     * @param defaultOptions      what a prompt's options leave unset
     * @param toolCallingManager  resolves the options' tools into the definitions the model is offered
     * @param observationRegistry where each call is observed ({@link ObservationRegistry#NOOP} for nowhere)
     */
    public CaracalSpringAiChatModel(LocalChat chat, CaracalChatOptions defaultOptions,
            ToolCallingManager toolCallingManager, ObservationRegistry observationRegistry) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.defaultOptions = Objects.requireNonNull(defaultOptions, "defaultOptions");
        this.toolCallingManager = Objects.requireNonNull(toolCallingManager, "toolCallingManager");
        this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
    }

    /** Names and tags the observations in place of Spring AI's default convention. */
    public void setObservationConvention(ChatModelObservationConvention convention) {
        this.observationConvention = Objects.requireNonNull(convention, "convention");
    }

    /** The options a prompt's own options are laid over ({@code ChatClient} starts its requests from them). */
    @Override
    public CaracalChatOptions getOptions() {
        return defaultOptions;
    }

    /**
     * @throws IllegalArgumentException when the request is invalid (saying why: no such model, a parameter out of
     *     range, longer than the context, media, an unsupported schema)
     * @throws IllegalStateException    when the model fails while answering, or is not ready
     */
    @Override
    public ChatResponse call(Prompt prompt) {
        Prompt request = withOptions(prompt);
        ChatModelObservationContext context = ChatModelObservationContext.builder().prompt(request).provider(PROVIDER)
                .build();
        return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
                .observation(observationConvention, DEFAULT_CONVENTION, () -> context, observationRegistry)
                .observe(() -> {
                    ChatResponse response = reply(submit(request));
                    context.setResponse(response);
                    return response;
                });
    }

    /**
     * One response per engine step that brings text (or reasoning); the last carries the finish reason, the tool calls
     * and the usage. Errors as {@link #call(Prompt)} throws them; cancelling the subscription cancels the request.
     */
    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        return Flux.deferContextual(reactorContext -> {
            Prompt request = withOptions(prompt);
            ChatModelObservationContext context = ChatModelObservationContext.builder().prompt(request)
                    .provider(PROVIDER).streaming(true).build();
            Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
                    .observation(observationConvention, DEFAULT_CONVENTION, () -> context, observationRegistry)
                    .parentObservation(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
                    .start();
            ChatTurn turn;
            try {
                turn = submit(request);
            } catch (RuntimeException refused) {
                observation.error(refused).stop();
                return Flux.error(refused);
            }
            return pieces(turn, context::setResponse)
                    .doOnError(observation::error)
                    .doFinally(signal -> observation.stop())
                    .contextWrite(reactor -> reactor.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    private Prompt withOptions(Prompt prompt) {
        return prompt.mutate().chatOptions(defaultOptions.overriddenBy(prompt.getOptions())).build();
    }

    private ChatTurn submit(Prompt request) {
        CaracalChatOptions options = (CaracalChatOptions) request.getOptions();
        List<ToolDefinition> tools = toolCallingManager.resolveToolDefinitions(options).stream()
                .map(tool -> new ToolDefinition(tool.name(), tool.description(), tool.inputSchema())).toList();
        ChatOptions chatOptions = ChatOptions.NONE.withTools(tools).withToolChoice(options.getToolChoice())
                .withParallelToolCalls(options.getParallelToolCalls()).withResponseFormat(options.getResponseFormat())
                .withEnableThinking(options.getEnableThinking());
        ChatSampling sampling = new ChatSampling(options.getTemperature(), options.getTopP(), options.getTopK(),
                options.getMaxTokens(), options.getStopSequences(), options.getSeed(), options.getPresencePenalty(),
                options.getFrequencyPenalty());
        return chat.submit(options.getModel(), SpringAiMessages.toChatMessages(request.getInstructions()),
                chatOptions, sampling);
    }

    /** The whole reply of {@code turn} as one response, once it has ended. */
    static ChatResponse reply(ChatTurn turn) {
        ChatReply.Collector collector = new ChatReply.Collector(turn);
        ChatTurn.Step last = turn.steps().doOnNext(collector::add).blockLast();
        ChatReply reply = collector.reply();
        if (reply.finishReason() == FinishReason.ERROR) {
            throw failure(reply);
        }
        return whole(last.chunk().requestId(), reply); // the reply has ended: there was a last step
    }

    /** The reply of {@code turn} piece by piece; {@code whole} is given the whole reply as one response at its end. */
    static Flux<ChatResponse> pieces(ChatTurn turn, Consumer<ChatResponse> whole) {
        StreamedReply reply = new StreamedReply(turn, whole);
        return turn.steps().handle(reply::next);
    }

    private static ChatResponse whole(String requestId, ChatReply reply) {
        ParsedOutput output = reply.output();
        return response(requestId, reply.model(), reply, Objects.requireNonNullElse(output.content(), ""),
                output.reasoning());
    }

    /**
     * A response with {@code text} and {@code reasoning}; with the tool calls, finish reason and usage of
     * {@code reply} when it is given (the reply has ended, and not failed).
     */
    private static ChatResponse response(String requestId, String model, ChatReply reply, String text,
            String reasoning) {
        AssistantMessage.Builder<?> message = AssistantMessage.builder().content(text)
                .properties(reasoning == null ? Map.of() : Map.of(REASONING_CONTENT, reasoning));
        ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().id(requestId).model(model);
        ChatGenerationMetadata generation = ChatGenerationMetadata.NULL;
        if (reply != null) {
            message.toolCalls(reply.output().toolCalls().stream()
                    .map(call -> new AssistantMessage.ToolCall(call.id(), "function", call.name(),
                            call.argumentsJson()))
                    .toList());
            metadata.usage(new DefaultUsage(reply.promptTokens(), reply.completionTokens()))
                    .keyValue(REASONING_TOKENS, reply.reasoningTokens());
            generation = ChatGenerationMetadata.builder().finishReason(finishReason(reply)).build();
        }
        return new ChatResponse(List.of(new Generation(message.build(), generation)), metadata.build());
    }

    /** Spring AI's finish reason of an ended reply, as its OpenAI model writes them. */
    private static String finishReason(ChatReply reply) {
        return switch (reply.finishReason()) {
            case STOP -> reply.calledTools() ? "TOOL_CALLS" : "STOP";
            case LENGTH -> "LENGTH";
            case CANCELLED -> "ABORT";
            case ERROR -> throw failure(reply);
        };
    }

    /** What a reply that failed in the engine throws (or a stream signals): the engine's message. */
    private static IllegalStateException failure(ChatReply reply) {
        return new IllegalStateException("model " + reply.model() + " failed: " + reply.error());
    }

    /** One streamed reply, read step by step (on the thread that delivers its steps, one at a time). */
    private static final class StreamedReply {
        private final String model;
        private final ChatReply.Collector collector;
        private final Consumer<ChatResponse> ended;
        private final StringBuilder reasoning = new StringBuilder();

        StreamedReply(ChatTurn turn, Consumer<ChatResponse> ended) {
            this.model = turn.model();
            this.collector = new ChatReply.Collector(turn);
            this.ended = ended;
        }

        /** Emits the step's response, if it has one; an error for a failed reply. */
        void next(ChatTurn.Step step, SynchronousSink<ChatResponse> sink) {
            collector.add(step);
            StringBuilder text = new StringBuilder();
            boolean reasoned = false;
            for (OutputEvent event : step.events()) {
                if (event instanceof OutputEvent.ContentDelta delta) {
                    text.append(delta.text());
                } else if (event instanceof OutputEvent.ReasoningDelta delta) {
                    reasoning.append(delta.text());
                    reasoned = true;
                }
            }
            String requestId = step.chunk().requestId();
            String reasoningSoFar = reasoning.isEmpty() ? null : reasoning.toString();
            if (!step.chunk().isFinal()) {
                if (!text.isEmpty() || reasoned) {
                    sink.next(response(requestId, model, null, text.toString(), reasoningSoFar));
                }
                return;
            }
            ChatReply reply = collector.reply();
            if (reply.finishReason() == FinishReason.ERROR) {
                sink.error(failure(reply));
                return;
            }
            ended.accept(whole(requestId, reply));
            sink.next(response(requestId, model, reply, text.toString(), reasoningSoFar));
        }
    }
}
