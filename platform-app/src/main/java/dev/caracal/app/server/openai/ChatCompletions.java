package dev.caracal.app.server.openai;

import dev.caracal.app.server.openai.ChatCompletionResponses.ChatCompletion;
import dev.caracal.app.server.openai.ChatCompletionResponses.ChatCompletionChunk;
import dev.caracal.app.server.openai.ChatCompletionResponses.ChunkChoice;
import dev.caracal.app.server.openai.ChatCompletionResponses.Delta;
import dev.caracal.app.server.openai.ChatCompletionResponses.Function;
import dev.caracal.app.server.openai.ChatCompletionResponses.FunctionDelta;
import dev.caracal.app.server.openai.ChatCompletionResponses.ToolCall;
import dev.caracal.app.server.openai.ChatCompletionResponses.ToolCallDelta;
import dev.caracal.app.server.openai.ChoiceRunner.ChoiceResult;
import dev.caracal.engine.api.chat.ChatReading;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.formats.toolcall.OutputEvent;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers {@code POST /v1/chat/completions} for a validated plan: one chat completion, or a stream of chunks. Each
 * choice's reply is read as the plan says ({@link ChatReading}): reasoning goes to {@code reasoning_content}, tool calls
 * to {@code tool_calls} (streamed as OpenAI streams them: index, id, type and name first, then pieces of the
 * arguments), never to {@code content}.
 */
@Component
class ChatCompletions {

    private final ChoiceRunner runner;

    ChatCompletions(ChoiceRunner runner) {
        this.runner = runner;
    }

    Mono<ServerResponse> answer(GenerationPlan plan, long arrivalNanos) {
        ResponseContext response = ResponseContext.of(plan, "chatcmpl-");
        LogprobMapper logprobs = response.logprobs();
        List<ChatReading.Reader> readers = new ArrayList<>(plan.choices());
        for (int index = 0; index < plan.choices(); index++) {
            readers.add(plan.reading().reader());
        }
        if (plan.stream()) {
            Flux<ChatCompletionChunk> first = Flux.range(0, plan.choices()).map(index ->
                    chunk(response, List.of(new ChunkChoice(index, new Delta("assistant", ""), null, null)), null));
            Flux<ChatCompletionChunk> chunks = first.concatWith(
                    runner.stream(plan, response.id(), arrivalNanos, response.usage())
                            .concatMapIterable(choice -> chunks(response, choice.index(), choice.event(),
                                    readers.get(choice.index())), ChoiceRunner.EVENTS_AHEAD));
            if (plan.includeUsage()) {
                chunks = chunks.concatWith(Mono.fromSupplier(() -> chunk(response, List.of(),
                        usage(response, readers))));
            }
            return EventStream.of(chunks);
        }
        return runner.collect(plan, response.id(), arrivalNanos, response.usage()).flatMap(results -> {
            List<ChatCompletionResponses.Choice> choices = new ArrayList<>(results.size());
            for (ChoiceResult result : results) {
                ChatReading.Reader reader = readers.get(result.index());
                StringBuilder content = new StringBuilder();
                StringBuilder reasoning = new StringBuilder();
                List<ToolCall> calls = new ArrayList<>();
                for (TokenChunk chunk : result.chunks()) {
                    for (OutputEvent event : reader.read(chunk)) {
                        switch (event) {
                            case OutputEvent.ContentDelta text -> content.append(text.text());
                            case OutputEvent.ReasoningDelta text -> reasoning.append(text.text());
                            case OutputEvent.ToolCallStart start -> calls.add(new ToolCall(start.id(), "function",
                                    new Function(start.name(), "")));
                            case OutputEvent.ToolCallArguments arguments -> {
                                ToolCall call = calls.get(arguments.index());
                                calls.set(arguments.index(), new ToolCall(call.id(), call.type(), new Function(
                                        call.function().name(), call.function().arguments() + arguments.fragment())));
                            }
                        }
                    }
                }
                String text = content.isEmpty() && !calls.isEmpty() ? null : content.toString();
                choices.add(new ChatCompletionResponses.Choice(result.index(),
                        new ChatCompletionResponses.Message("assistant", text, null,
                                reasoning.isEmpty() ? null : reasoning.toString(), calls),
                        logprobs == null ? null : logprobs.chat(result.tokens()),
                        OpenAiIds.finishReason(result.finishReason(), reader.calledTools())));
            }
            return ResponseContext.json(new ChatCompletion(response.id(), "chat.completion", response.created(),
                    response.model(), choices, usage(response, readers)));
        });
    }

    private static Usage usage(ResponseContext response, List<ChatReading.Reader> readers) {
        int reasoning = 0;
        for (ChatReading.Reader reader : readers) {
            reasoning += reader.reasoningTokens();
        }
        return response.usage().chatUsage(reasoning);
    }

    /**
     * The chunks of one engine event: a delta per piece of content, reasoning or tool call it completes (its tokens'
     * logprobs on the first, or on an empty delta when it completes nothing yet), then the finish if it is the last.
     */
    private static List<ChatCompletionChunk> chunks(ResponseContext response, int index, TokenChunk event,
            ChatReading.Reader reader) {
        List<ChatCompletionChunk> chunks = new ArrayList<>(2);
        LogprobMapper logprobs = response.logprobs();
        ChatCompletionResponses.Logprobs tokenLogprobs = logprobs != null && !event.tokens().isEmpty()
                ? logprobs.chat(event.tokens()) : null;
        List<Delta> deltas = new ArrayList<>();
        for (OutputEvent piece : reader.read(event)) {
            deltas.add(switch (piece) {
                case OutputEvent.ContentDelta text -> new Delta(null, text.text());
                case OutputEvent.ReasoningDelta text -> new Delta(null, null, text.text(), null);
                case OutputEvent.ToolCallStart start -> new Delta(null, null, null, List.of(new ToolCallDelta(
                        start.index(), start.id(), "function", new FunctionDelta(start.name(), ""))));
                case OutputEvent.ToolCallArguments arguments -> new Delta(null, null, null, List.of(new ToolCallDelta(
                        arguments.index(), null, null, new FunctionDelta(null, arguments.fragment()))));
            });
        }
        if (deltas.isEmpty() && tokenLogprobs != null) {
            deltas.add(new Delta(null, ""));
        }
        for (Delta delta : deltas) {
            chunks.add(chunk(response, List.of(new ChunkChoice(index, delta, tokenLogprobs, null)), null));
            tokenLogprobs = null;
        }
        if (event.isFinal()) {
            chunks.add(chunk(response, List.of(new ChunkChoice(index, new Delta(null, null), null,
                    OpenAiIds.finishReason(event.finishReason(), reader.calledTools()))), null));
        }
        return chunks;
    }

    private static ChatCompletionChunk chunk(ResponseContext response, List<ChunkChoice> choices, Usage usage) {
        return new ChatCompletionChunk(response.id(), "chat.completion.chunk", response.created(), response.model(),
                choices, usage);
    }
}
