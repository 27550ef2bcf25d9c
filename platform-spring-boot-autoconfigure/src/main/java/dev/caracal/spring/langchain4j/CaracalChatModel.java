package dev.caracal.spring.langchain4j;

import dev.caracal.spring.boot.chat.ChatReply;
import dev.caracal.spring.boot.chat.ChatTurn;
import dev.caracal.spring.boot.chat.LocalChat;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Set;

/**
 * LangChain4j's {@link ChatModel} on Caracal's engine in process ({@link LocalChat}): no HTTP, the same prompts,
 * tools, constrained decoding and sampling as the gateway. Thread-safe.
 */
public final class CaracalChatModel implements ChatModel {

    private final LangChain4jChat chat;

    private CaracalChatModel(Builder builder) {
        chat = builder.chat();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Answers {@code request}, waiting for the whole reply.
     *
     * @throws dev.langchain4j.exception.InvalidRequestException     with the engine's message when the request cannot
     *     run as asked (no such model, a parameter out of range, longer than the context, an unsupported schema)
     * @throws dev.langchain4j.exception.UnsupportedFeatureException when a message holds other content than text
     * @throws dev.langchain4j.exception.LangChain4jException        with the engine's message when it failed while
     *     answering
     */
    @Override
    public ChatResponse doChat(ChatRequest request) {
        ChatTurn turn = chat.submit(request);
        ChatReply.Collector collector = new ChatReply.Collector(turn);
        ChatTurn.Step last = turn.steps().doOnNext(collector::add).blockLast();
        ChatReply reply = collector.reply(); // refuses a stream that ended without its final chunk
        return LangChain4jChat.response(reply, last.chunk().requestId());
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

    /** Builds a {@link CaracalChatModel}; {@link #localChat} is required. */
    public static final class Builder extends LangChain4jChat.Builder<Builder> {

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        public CaracalChatModel build() {
            return new CaracalChatModel(this);
        }
    }
}
