package dev.caracal.app.server.openai;

import dev.caracal.app.server.admission.Admitted;
import dev.caracal.app.server.error.OpenAiException;
import dev.caracal.spring.boot.metrics.GenerationObserver;
import org.springframework.beans.factory.ObjectProvider;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.Priority;
import dev.caracal.engine.api.RequestMetrics;
import dev.caracal.engine.api.SampledToken;
import dev.caracal.engine.api.TokenChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs the choices of a {@link GenerationPlan}, each as its own request in the engine, under the gateway's metrics
 * and the request time-out; cancelling the result cancels every unfinished choice. When the request ends, however it
 * ends, what admission granted is given back ({@link Admitted#finish}).
 */
@Component
class ChoiceRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ChoiceRunner.class);

    /**
     * Events of one choice taken ahead of the response's writer: small, so that a client that reads slowly soon leaves
     * its requests without demand and the engine pauses them (their output buffer is full).
     */
    static final int EVENTS_AHEAD = 4;

    private final GenerationObserver metrics;

    ChoiceRunner(ObjectProvider<GenerationObserver> metrics) {
        this.metrics = metrics.getIfAvailable(() -> GenerationObserver.NONE);
    }

    /** One event of one choice. */
    record ChoiceEvent(int index, TokenChunk event) {
    }

    /** A finished choice: its whole text and tokens, and the engine's chunks they came in. */
    record ChoiceResult(int index, String text, List<SampledToken> tokens, FinishReason finishReason,
            List<TokenChunk> chunks) {
    }

    /**
     * The events of every choice, interleaved as they come; {@code usage} collects each choice's final counts. A
     * choice that fails in the engine fails the Flux with a 500; a request still running at its time-out is
     * cancelled and fails it with a 504.
     */
    Flux<ChoiceEvent> stream(GenerationPlan plan, String id, long arrivalNanos, UsageCollector usage) {
        AtomicLongArray generated = new AtomicLongArray(plan.choices());
        Flux<ChoiceEvent> events = Flux.range(0, plan.choices()).flatMap(index -> run(plan, id, index, arrivalNanos)
                .doOnNext(event -> {
                    if (event.isFinal() && event.metrics() != null) {
                        usage.add(index, event.metrics());
                        generated.set(index, event.metrics().generatedTokens());
                    } else {
                        generated.addAndGet(index, event.tokens().size());
                    }
                })
                .map(event -> new ChoiceEvent(index, event)), plan.choices(), EVENTS_AHEAD);
        Admitted admitted = plan.admitted();
        return admitted == null ? events : underAdmission(events, plan, admitted, generated);
    }

    /** Cancels the request at its time-out, and finishes its admission with how it ended and the tokens it used. */
    private static Flux<ChoiceEvent> underAdmission(Flux<ChoiceEvent> events, GenerationPlan plan, Admitted admitted,
            AtomicLongArray generated) {
        AtomicBoolean expired = new AtomicBoolean();
        Mono<Long> deadline = Mono.delay(admitted.remaining()).doOnNext(tick -> expired.set(true));
        return events.takeUntilOther(deadline)
                .concatWith(Flux.defer(() -> {
                    if (!expired.get()) {
                        return Flux.empty();
                    }
                    admitted.timedOut();
                    return Flux.error(OpenAiException.timedOut("The request did not finish within the request"
                            + " time-out and was cancelled"));
                }))
                .doOnComplete(() -> admitted.finish(Admitted.Outcome.SUCCESS, used(plan, generated), null))
                .doOnError(failure -> admitted.finish(isEngineFailure(failure) ? Admitted.Outcome.FAILURE
                        : Admitted.Outcome.NEUTRAL, used(plan, generated), failure))
                .doOnCancel(() -> admitted.finish(Admitted.Outcome.NEUTRAL, used(plan, generated), null));
    }

    private static long used(GenerationPlan plan, AtomicLongArray generated) {
        long tokens = plan.promptTokens();
        for (int i = 0; i < generated.length(); i++) {
            tokens += generated.get(i);
        }
        return tokens;
    }

    /** A 5xx other than a time-out: the engine failed the request (it counts against the circuit breaker). */
    private static boolean isEngineFailure(Throwable failure) {
        return failure instanceof OpenAiException error && error.status().is5xxServerError()
                && error.status() != HttpStatus.GATEWAY_TIMEOUT;
    }

    /** Every choice run to its end, in index order. */
    Mono<List<ChoiceResult>> collect(GenerationPlan plan, String id, long arrivalNanos, UsageCollector usage) {
        // One list, grouped afterwards: a groupBy would hand a failure to every group and to the whole, and drop
        // all but the first of those errors.
        return stream(plan, id, arrivalNanos, usage).collectList().map(events -> {
            List<List<ChoiceEvent>> byChoice = new ArrayList<>();
            for (int index = 0; index < plan.choices(); index++) {
                byChoice.add(new ArrayList<>());
            }
            events.forEach(event -> byChoice.get(event.index()).add(event));
            List<ChoiceResult> results = new ArrayList<>();
            for (int index = 0; index < plan.choices(); index++) {
                results.add(result(index, byChoice.get(index)));
            }
            return results;
        });
    }

    private static ChoiceResult result(int index, List<ChoiceEvent> events) {
        StringBuilder text = new StringBuilder();
        List<SampledToken> tokens = new ArrayList<>();
        List<TokenChunk> chunks = new ArrayList<>(events.size());
        FinishReason finish = null;
        for (ChoiceEvent choiceEvent : events) {
            TokenChunk event = choiceEvent.event();
            chunks.add(event);
            text.append(event.text());
            tokens.addAll(event.tokens());
            finish = event.finishReason() != null ? event.finishReason() : finish;
        }
        return new ChoiceResult(index, text.toString(), tokens, finish, chunks);
    }

    private Flux<TokenChunk> run(GenerationPlan plan, String id, int index, long arrivalNanos) {
        Admitted admitted = plan.admitted();
        EngineRequest request = EngineRequest.of(id + "-" + index, plan.promptOf(index), plan.samplingOf(index))
                .withPriority(admitted == null ? Priority.INTERACTIVE : admitted.priority())
                .withCacheSalt(plan.cacheSalt()).withIgnoreEos(plan.ignoreEos());
        return Flux.defer(() -> {
                    Flux<TokenChunk> events = plan.deployment().generate(request, plan.delivery());
                    if (admitted != null) {
                        // The backstop: when the request's admission ends, its engine request ends too.
                        var engine = plan.deployment().engine();
                        admitted.onEnd(() -> engine.cancel(request.requestId()));
                    }
                    return metrics.observe(plan.deployment().name(), plan.promptOf(index).length, events,
                            arrivalNanos);
                })
                .onErrorMap(IllegalArgumentException.class, refused -> OpenAiException.invalid(null,
                        refused.getMessage()))
                .onErrorMap(IllegalStateException.class, closed -> {
                    LOG.warn("request {} could not run on {}: {}", request.requestId(), plan.deployment().name(),
                            closed.getMessage());
                    return OpenAiException.serverError("The model is not running; try again");
                })
                .handle((TokenChunk event, reactor.core.publisher.SynchronousSink<TokenChunk> sink) -> {
                    if (event.finishReason() == FinishReason.ERROR) {
                        // The engine's reason goes to the log, not to the client; other requests are unaffected.
                        LOG.warn("request {} failed on {}: {}", request.requestId(), plan.deployment().name(),
                                event.error());
                        sink.error(OpenAiException.serverError("The model failed while generating this request;"
                                + " try again"));
                    } else {
                        sink.next(event);
                    }
                });
    }

    /** The usage of a whole request, gathered from its choices' final events. */
    static final class UsageCollector {
        private final GenerationPlan plan;
        private final AtomicReferenceArray<RequestMetrics> choices;

        UsageCollector(GenerationPlan plan) {
            this.plan = plan;
            this.choices = new AtomicReferenceArray<>(plan.choices());
        }

        void add(int index, RequestMetrics usage) {
            choices.set(index, usage);
        }

        /**
         * {@link #usage()} with {@code completion_tokens_details.reasoning_tokens}, as a chat completion has it.
         *
         * @param reasoningTokens the tokens the choices spent reasoning
         */
        Usage chatUsage(int reasoningTokens) {
            Usage usage = usage();
            return Usage.of(usage.promptTokens(), usage.completionTokens(), usage.promptTokensDetails().cachedTokens(),
                    reasoningTokens);
        }

        /**
         * Prompt tokens count each prompt once; completion tokens add up every choice; cached tokens are those of
         * each prompt's first choice.
         */
        Usage usage() {
            int prompt = (int) plan.promptTokens();
            int completion = 0;
            int cached = 0;
            for (int i = 0; i < choices.length(); i++) {
                RequestMetrics usage = choices.get(i);
                if (usage != null) {
                    completion += usage.generatedTokens();
                    cached += i % plan.n() == 0 ? usage.cachedTokens() : 0;
                }
            }
            return Usage.of(prompt, completion, cached);
        }
    }
}
