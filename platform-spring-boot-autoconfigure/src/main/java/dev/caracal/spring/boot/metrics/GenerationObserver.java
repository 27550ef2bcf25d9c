package dev.caracal.spring.boot.metrics;

import dev.caracal.engine.api.TokenChunk;
import reactor.core.publisher.Flux;

/**
 * Watches each request's chunks go by, to measure it: the gateway and the in-process chat models hand every request
 * through the application's observer ({@link GenerationMetrics} when there is a MeterRegistry, {@link #NONE} otherwise).
 */
@FunctionalInterface
public interface GenerationObserver {

    /** Watches nothing. */
    GenerationObserver NONE = (model, promptTokens, events, arrivalNanos) -> events;

    /**
     * The request's chunks, watched as they pass.
     *
     * @param model        the deployment's name
     * @param promptTokens the request's prompt length
     * @param arrivalNanos when the request arrived ({@link System#nanoTime()})
     */
    Flux<TokenChunk> observe(String model, int promptTokens, Flux<TokenChunk> events, long arrivalNanos);
}
