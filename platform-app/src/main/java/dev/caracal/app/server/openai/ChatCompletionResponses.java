package dev.caracal.app.server.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What {@code POST /v1/chat/completions} returns: a whole completion, or the chunks of a stream. */
final class ChatCompletionResponses {

    private ChatCompletionResponses() {
    }

    /** A non-streamed chat completion ({@code object: chat.completion}). */
    record ChatCompletion(String id, String object, long created, String model, List<Choice> choices, Usage usage) {
    }

    record Choice(int index, Message message, Logprobs logprobs, String finishReason) {
    }

    /**
     * The assistant's message: its text (null when it only calls tools), reasoning and tool calls only when there are
     * some.
     */
    record Message(String role, String content, String refusal,
            @JsonInclude(JsonInclude.Include.NON_NULL) String reasoningContent,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCall> toolCalls) {
    }

    /** A call of a tool: {@code arguments} is the arguments object as JSON text. */
    record ToolCall(String id, String type, Function function) {
    }

    record Function(String name, String arguments) {
    }

    /** One streamed chunk ({@code object: chat.completion.chunk}); {@code usage} only on the last one when asked. */
    record ChatCompletionChunk(String id, String object, long created, String model, List<ChunkChoice> choices,
            @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage) {
    }

    record ChunkChoice(int index, Delta delta, Logprobs logprobs, String finishReason) {
    }

    /**
     * The new part of the message: the role on the first chunk, then content, reasoning or a piece of a tool call;
     * empty on the finishing chunk.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(String role, String content, String reasoningContent, List<ToolCallDelta> toolCalls) {

        Delta(String role, String content) {
            this(role, content, null, null);
        }
    }

    /**
     * A piece of a streamed tool call: the first has the index, id, type and name (and empty arguments), the next ones
     * the index and a fragment of the arguments.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolCallDelta(int index, String id, String type, FunctionDelta function) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FunctionDelta(String name, String arguments) {
    }

    /** Log-probabilities of the message's tokens. */
    record Logprobs(List<TokenLogprob> content, List<TokenLogprob> refusal) {
    }

    /**
     * One token: its text, log-probability and UTF-8 bytes, and the most likely alternatives at its position.
     *
     * @param topLogprobs null inside {@code top_logprobs} itself
     */
    record TokenLogprob(String token, double logprob, List<Integer> bytes,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<TokenLogprob> topLogprobs) {
    }
}
