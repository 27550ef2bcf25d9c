package dev.caracal.app.server.openai;

import dev.caracal.app.server.openai.ChatCompletionResponses.ChatCompletion;
import dev.caracal.app.server.openai.ChatCompletionResponses.ChatCompletionChunk;
import dev.caracal.app.server.openai.ChatCompletionResponses.ChunkChoice;
import dev.caracal.app.server.openai.ChatCompletionResponses.Delta;
import dev.caracal.app.server.openai.ChoiceRunner.ChoiceResult;
import dev.caracal.engine.api.TokenChunk;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Answers {@code POST /v1/chat/completions} for a validated plan: one chat completion, or a stream of chunks. */
@Component
class ChatCompletions {

    private final ChoiceRunner runner;

    ChatCompletions(ChoiceRunner runner) {
        this.runner = runner;
    }

    Mono<ServerResponse> answer(GenerationPlan plan, long arrivalNanos) {
        ResponseContext response = ResponseContext.of(plan, "chatcmpl-");
        LogprobMapper logprobs = response.logprobs();
        if (plan.stream()) {
            Flux<ChatCompletionChunk> first = Flux.range(0, plan.choices()).map(index ->
                    chunk(response, List.of(new ChunkChoice(index, new Delta("assistant", ""), null, null)), null));
            Flux<ChatCompletionChunk> chunks = first.concatWith(
                    runner.stream(plan, response.id(), arrivalNanos, response.usage())
                            .concatMapIterable(choice -> chunks(response, choice.index(), choice.event()),
                                    ChoiceRunner.EVENTS_AHEAD));
            if (plan.includeUsage()) {
                chunks = chunks.concatWith(Mono.fromSupplier(() ->
                        chunk(response, List.of(), response.usage().usage())));
            }
            return EventStream.of(chunks);
        }
        return runner.collect(plan, response.id(), arrivalNanos, response.usage()).flatMap(results -> {
            List<ChatCompletionResponses.Choice> choices = new ArrayList<>(results.size());
            for (ChoiceResult result : results) {
                choices.add(new ChatCompletionResponses.Choice(result.index(),
                        new ChatCompletionResponses.Message("assistant", result.text(), null),
                        logprobs == null ? null : logprobs.chat(result.tokens()),
                        OpenAiIds.finishReason(result.finishReason())));
            }
            return ResponseContext.json(new ChatCompletion(response.id(), "chat.completion", response.created(),
                    response.model(), choices, response.usage().usage()));
        });
    }

    /** The chunks of one event: its content (if any, or its tokens' logprobs), then the finish if it is the last. */
    private static List<ChatCompletionChunk> chunks(ResponseContext response, int index, TokenChunk event) {
        List<ChatCompletionChunk> chunks = new ArrayList<>(2);
        LogprobMapper logprobs = response.logprobs();
        boolean hasLogprobs = logprobs != null && !event.tokens().isEmpty();
        if (!event.text().isEmpty() || hasLogprobs) {
            chunks.add(chunk(response, List.of(new ChunkChoice(index, new Delta(null, event.text()),
                    hasLogprobs ? logprobs.chat(event.tokens()) : null, null)), null));
        }
        if (event.isFinal()) {
            chunks.add(chunk(response, List.of(new ChunkChoice(index, new Delta(null, null), null,
                    OpenAiIds.finishReason(event.finishReason()))), null));
        }
        return chunks;
    }

    private static ChatCompletionChunk chunk(ResponseContext response, List<ChunkChoice> choices, Usage usage) {
        return new ChatCompletionChunk(response.id(), "chat.completion.chunk", response.created(), response.model(),
                choices, usage);
    }
}
