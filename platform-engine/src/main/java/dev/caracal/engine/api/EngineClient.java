package dev.caracal.engine.api;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/** How callers (the gateway, the command line, embedding applications) use an engine: submit, stream, cancel. */
public interface EngineClient {

    /**
     * Submits {@code request} now and returns its chunks: one per step that samples a token for it, the last with the
     * finish reason and metrics. The Flux accepts one subscriber, which gets the chunks from the start whenever it
     * subscribes; they are delivered on Reactor's parallel scheduler, never on the engine thread. Cancelling the
     * subscription cancels the request: its KV blocks are freed at the next step boundary.
     *
     * @throws IllegalArgumentException when the request can never run here: its prompt is longer than the context, a
     *     token id or sampling parameter does not fit the model, its prompt and maximum tokens need more KV blocks than
     *     the whole cache holds, or its id is already in use
     * @throws IllegalStateException    when the engine is closed
     */
    Flux<TokenChunk> generate(EngineRequest request);

    /**
     * As {@link #generate(EngineRequest)}, with the chunks delivered on {@code delivery} instead of Reactor's parallel
     * scheduler: a server hands them straight to the thread that writes its connection (one thread hand-off per chunk
     * instead of two). Never the engine thread, and nothing slow may run there.
     */
    Flux<TokenChunk> generate(EngineRequest request, Scheduler delivery);

    /**
     * Cancels the request with this id, if it is still unfinished: at the next step boundary its blocks are freed and
     * its Flux gets a final chunk with finish reason {@code CANCELLED}.
     *
     * @return whether such a request was unfinished
     */
    boolean cancel(String requestId);

    /** The engine's current statistics. */
    EngineStats stats();
}
