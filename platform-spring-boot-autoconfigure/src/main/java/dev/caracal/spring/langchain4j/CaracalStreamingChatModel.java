package dev.caracal.spring.langchain4j;

import dev.caracal.formats.toolcall.OutputEvent;
import dev.caracal.formats.toolcall.ParsedToolCall;
import dev.caracal.spring.boot.chat.ChatReply;
import dev.caracal.spring.boot.chat.ChatTurn;
import dev.caracal.spring.boot.chat.LocalChat;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LangChain4j's {@link StreamingChatModel} on Caracal's engine in process ({@link LocalChat}): text, reasoning and
 * tool calls stream as the engine generates them; cancelling the {@link StreamingHandle} cancels the engine request.
 * Thread-safe.
 */
public final class CaracalStreamingChatModel implements StreamingChatModel {

    private static final Logger LOG = LoggerFactory.getLogger(CaracalStreamingChatModel.class);

    private final LangChain4jChat chat;

    private CaracalStreamingChatModel(Builder builder) {
        chat = builder.chat();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts answering {@code request} and returns; the reply goes to {@code handler} on the engine's delivery threads,
     * one callback at a time. A request that cannot run goes to {@link StreamingChatResponseHandler#onError} at once,
     * with the engine's message.
     */
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        ChatTurn turn;
        try {
            turn = chat.submit(request);
        } catch (RuntimeException refused) {
            Relay.report(handler, refused);
            return;
        }
        turn.steps().subscribe(new Relay(turn, handler));
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return chat.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return chat.listeners();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    /**
     * Hands one reply's steps to a handler as LangChain4j's callbacks: an exception a callback throws goes to
     * {@code onError} (as LangChain4j's own models do) and the stream goes on; after {@link #cancel()}, nothing more.
     */
    static final class Relay implements Subscriber<ChatTurn.Step>, StreamingHandle {

        private final StreamingChatResponseHandler handler;
        private final ChatReply.Collector collector;
        private final List<OutputEvent.ToolCallStart> toolCalls = new ArrayList<>();
        private final List<StringBuilder> toolArguments = new ArrayList<>();
        private int completedToolCalls;
        private volatile Subscription subscription;
        private volatile boolean cancelled;
        private boolean ended;

        Relay(ChatTurn turn, StreamingChatResponseHandler handler) {
            this.handler = handler;
            this.collector = new ChatReply.Collector(turn);
        }

        @Override
        public void onSubscribe(Subscription value) {
            subscription = value;
            value.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ChatTurn.Step step) {
            collector.add(step);
            for (OutputEvent event : step.events()) {
                if (cancelled) {
                    return;
                }
                switch (event) {
                    case OutputEvent.ContentDelta delta -> deliver(() -> handler.onPartialResponse(
                            new PartialResponse(delta.text()), new PartialResponseContext(this)));
                    case OutputEvent.ReasoningDelta delta -> deliver(() -> handler.onPartialThinking(
                            new PartialThinking(delta.text()), new PartialThinkingContext(this)));
                    case OutputEvent.ToolCallStart start -> {
                        completeToolCalls();
                        toolCalls.add(start);
                        toolArguments.add(new StringBuilder());
                    }
                    case OutputEvent.ToolCallArguments fragment -> {
                        OutputEvent.ToolCallStart call = toolCalls.get(fragment.index());
                        toolArguments.get(fragment.index()).append(fragment.fragment());
                        deliver(() -> handler.onPartialToolCall(PartialToolCall.builder().index(fragment.index())
                                .id(call.id()).name(call.name()).partialArguments(fragment.fragment()).build(),
                                new PartialToolCallContext(this)));
                    }
                }
            }
            if (!step.chunk().isFinal() || cancelled) {
                return;
            }
            ended = true;
            ChatResponse response;
            try {
                response = LangChain4jChat.response(collector.reply(), step.chunk().requestId());
            } catch (RuntimeException failed) { // the engine failed: no call is complete
                report(handler, failed);
                return;
            }
            completeToolCalls();
            deliver(() -> handler.onCompleteResponse(response));
        }

        /** The tool calls started and not completed yet, complete now that another begins or the reply has ended. */
        private void completeToolCalls() {
            for (; completedToolCalls < toolCalls.size() && !cancelled; completedToolCalls++) {
                int index = completedToolCalls;
                OutputEvent.ToolCallStart call = toolCalls.get(index);
                var request = LangChain4jChat.toolExecutionRequest(new ParsedToolCall(call.id(), call.name(),
                        toolArguments.get(index).toString()));
                deliver(() -> handler.onCompleteToolCall(new CompleteToolCall(index, request)));
            }
        }

        @Override
        public void onError(Throwable error) {
            if (!cancelled) {
                report(handler, error);
            }
        }

        @Override
        public void onComplete() {
            if (!ended && !cancelled) {
                report(handler, new IllegalStateException("the reply ended without its final chunk"));
            }
        }

        /** Cancels the engine request (its KV blocks are freed); the handler hears nothing more. */
        @Override
        public void cancel() {
            cancelled = true;
            Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        private void deliver(Runnable callback) {
            if (cancelled) {
                return;
            }
            try {
                callback.run();
            } catch (RuntimeException failed) {
                report(handler, failed);
            }
        }

        /** Hands {@code error} to the handler's {@code onError}, logging what that throws in turn. */
        static void report(StreamingChatResponseHandler handler, Throwable error) {
            try {
                handler.onError(error);
            } catch (RuntimeException failed) {
                LOG.warn("StreamingChatResponseHandler.onError threw; ignored", failed);
            }
        }
    }

    /** Builds a {@link CaracalStreamingChatModel}; {@link #localChat} is required. */
    public static final class Builder extends LangChain4jChat.Builder<Builder> {

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        public CaracalStreamingChatModel build() {
            return new CaracalStreamingChatModel(this);
        }
    }
}
