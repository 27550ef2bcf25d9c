package dev.caracal.app.server.openai;

import dev.caracal.app.server.openai.ChoiceRunner.ChoiceResult;
import dev.caracal.app.server.openai.CompletionResponses.Completion;
import dev.caracal.engine.api.TokenChunk;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Answers {@code POST /v1/completions} for a validated plan: one completion, or a stream of chunks. */
@Component
class Completions {

    private final ChoiceRunner runner;

    Completions(ChoiceRunner runner) {
        this.runner = runner;
    }

    Mono<ServerResponse> answer(GenerationPlan plan, long arrivalNanos) {
        ResponseContext response = ResponseContext.of(plan, "cmpl-");
        LogprobMapper logprobs = response.logprobs();
        if (plan.stream()) {
            LogprobMapper.CompletionLogprobs[] choiceLogprobs = new LogprobMapper.CompletionLogprobs[plan.choices()];
            for (int i = 0; i < choiceLogprobs.length && logprobs != null; i++) {
                choiceLogprobs[i] = logprobs.completion(plan.promptOf(i));
            }
            Flux<Completion> chunks = runner.stream(plan, response.id(), arrivalNanos, response.usage())
                    .filter(choice -> choice.event().isFinal() || !choice.event().text().isEmpty()
                            || logprobs != null && !choice.event().tokens().isEmpty())
                    .map(choice -> {
                        TokenChunk event = choice.event();
                        int index = choice.index();
                        CompletionResponses.Logprobs eventLogprobs = logprobs == null ? null
                                : choiceLogprobs[index].next(event.tokens());
                        return completion(response, List.of(new CompletionResponses.Choice(index, event.text(),
                                eventLogprobs, OpenAiIds.finishReason(event.finishReason()))), null);
                    });
            if (plan.includeUsage()) {
                chunks = chunks.concatWith(Mono.fromSupplier(() -> completion(response, List.of(),
                        response.usage().usage())));
            }
            return EventStream.of(chunks);
        }
        return runner.collect(plan, response.id(), arrivalNanos, response.usage()).flatMap(results -> {
            List<CompletionResponses.Choice> choices = new ArrayList<>(results.size());
            for (ChoiceResult result : results) {
                choices.add(new CompletionResponses.Choice(result.index(), result.text(),
                        logprobs == null ? null
                                : logprobs.completion(plan.promptOf(result.index())).next(result.tokens()),
                        OpenAiIds.finishReason(result.finishReason())));
            }
            return ResponseContext.json(completion(response, choices, response.usage().usage()));
        });
    }

    private static Completion completion(ResponseContext response, List<CompletionResponses.Choice> choices,
            Usage usage) {
        return new Completion(response.id(), "text_completion", response.created(), response.model(), choices,
                usage);
    }
}
