package dev.caracal.app.server.openai;

import dev.caracal.app.server.engine.GenerationEvent;
import dev.caracal.app.server.engine.GenerationRequest;
import dev.caracal.app.server.metrics.GenerationMetrics;
import dev.caracal.engine.sampling.FinishReason;
import dev.caracal.engine.sampling.SampledToken;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs the choices of a {@link GenerationPlan}, each as its own request in the engine, under the gateway's metrics;
 * cancelling the result cancels every unfinished choice.
 */
@Component
class ChoiceRunner {

    private final GenerationMetrics metrics;

    ChoiceRunner(GenerationMetrics metrics) {
        this.metrics = metrics;
    }

    /** One event of one choice. */
    record ChoiceEvent(int index, GenerationEvent event) {
    }

    /** A finished choice: its whole text and tokens. */
    record ChoiceResult(int index, String text, List<SampledToken> tokens, FinishReason finishReason) {
    }

    /**
     * The events of every choice, interleaved as they come; {@code usage} collects each choice's final counts. A
     * choice that fails in the engine fails the Flux with a 500.
     */
    Flux<ChoiceEvent> stream(GenerationPlan plan, String id, long arrivalNanos, UsageCollector usage) {
        return Flux.range(0, plan.choices()).flatMap(index -> run(plan, id, index, arrivalNanos)
                .doOnNext(event -> {
                    if (event.isFinal()) {
                        usage.add(index, event.usage());
                    }
                })
                .map(event -> new ChoiceEvent(index, event)), plan.choices());
    }

    /** Every choice run to its end, in index order. */
    Mono<List<ChoiceResult>> collect(GenerationPlan plan, String id, long arrivalNanos, UsageCollector usage) {
        return stream(plan, id, arrivalNanos, usage)
                .groupBy(ChoiceEvent::index)
                .flatMap(choice -> choice.collectList().map(events -> result(choice.key(), events)), plan.choices())
                .collectSortedList(Comparator.comparingInt(ChoiceResult::index));
    }

    private static ChoiceResult result(int index, List<ChoiceEvent> events) {
        StringBuilder text = new StringBuilder();
        List<SampledToken> tokens = new ArrayList<>();
        FinishReason finish = null;
        for (ChoiceEvent choiceEvent : events) {
            GenerationEvent event = choiceEvent.event();
            text.append(event.text());
            tokens.addAll(event.tokens());
            finish = event.finishReason() != null ? event.finishReason() : finish;
        }
        return new ChoiceResult(index, text.toString(), tokens, finish);
    }

    private Flux<GenerationEvent> run(GenerationPlan plan, String id, int index, long arrivalNanos) {
        GenerationRequest request = new GenerationRequest(id + "-" + index, plan.promptOf(index),
                plan.samplingOf(index));
        return Flux.defer(() -> metrics.observe(plan.deployment().name(), plan.deployment().generate(request),
                        arrivalNanos))
                .onErrorMap(IllegalArgumentException.class, refused -> OpenAiException.invalid(null,
                        refused.getMessage()))
                .handle((event, sink) -> {
                    if (event.finishReason() == FinishReason.ERROR) {
                        sink.error(OpenAiException.serverError("The model failed while generating: "
                                + event.error()));
                    } else {
                        sink.next(event);
                    }
                });
    }

    /** The usage of a whole request, gathered from its choices' final events. */
    static final class UsageCollector {
        private final GenerationPlan plan;
        private final AtomicReferenceArray<GenerationEvent.Usage> choices;

        UsageCollector(GenerationPlan plan) {
            this.plan = plan;
            this.choices = new AtomicReferenceArray<>(plan.choices());
        }

        void add(int index, GenerationEvent.Usage usage) {
            choices.set(index, usage);
        }

        /**
         * Prompt tokens count each prompt once; completion tokens add up every choice; cached tokens are those of
         * each prompt's first choice.
         */
        Usage usage() {
            int prompt = 0;
            int completion = 0;
            int cached = 0;
            for (int[] tokens : plan.prompts()) {
                prompt += tokens.length;
            }
            for (int i = 0; i < choices.length(); i++) {
                GenerationEvent.Usage usage = choices.get(i);
                if (usage != null) {
                    completion += usage.generatedTokens();
                    cached += i % plan.n() == 0 ? usage.cachedTokens() : 0;
                }
            }
            return Usage.of(prompt, completion, cached);
        }
    }
}
