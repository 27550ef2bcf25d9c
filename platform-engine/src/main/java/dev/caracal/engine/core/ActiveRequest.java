package dev.caracal.engine.core;

import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.RequestMetrics;
import dev.caracal.engine.api.SampledToken;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.sampling.TokenGeneration;
import dev.caracal.engine.scheduler.RequestState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;

/**
 * An unfinished request inside the engine: its scheduler state, its generation, its sink and its timings.
 *
 * <p>Flow control: its credit is the chunks it may send now, {@link EngineCore#OUTPUT_BUFFER} ahead of what its
 * subscriber has asked for (so a request runs before anyone subscribes, up to that many chunks). With no credit left
 * its output buffer is full (the reader is not keeping up), so the engine pauses it until the subscriber asks for more
 * ({@link #hasRoom()}; the request's demand wakes the engine).
 */
final class ActiveRequest {

    final EngineRequest request;
    final RequestState state;
    final TokenGeneration generation;
    private final Sinks.Many<TokenChunk> sink;
    private final long submittedNanos;
    private final List<Duration> interTokenLatencies = new ArrayList<>();
    private long scheduledNanos = -1;
    private long firstTokenNanos = -1;
    private long lastTokenNanos = -1;
    private boolean ended;
    private final AtomicLong credit = new AtomicLong(EngineCore.OUTPUT_BUFFER);
    private volatile boolean waitingForReader;
    private final Runnable wakeEngine;

    /**
     * @param wakeEngine called (on the subscriber's thread) when a paused request's subscriber asks for more
     */
    ActiveRequest(EngineRequest request, RequestState state, TokenGeneration generation,
            Sinks.Many<TokenChunk> sink, Runnable wakeEngine) {
        this.request = request;
        this.state = state;
        this.generation = generation;
        this.sink = sink;
        this.wakeEngine = wakeEngine;
        this.submittedNanos = System.nanoTime();
    }

    /** The subscriber asked for {@code chunks} more (any thread). */
    void demanded(long chunks) {
        credit.getAndAccumulate(chunks, Operators::addCap);
        if (waitingForReader) {
            wakeEngine.run();
        }
    }

    /**
     * Whether a chunk sent now would be read (on the engine thread). When not, the request is marked as waiting for
     * its reader, so that the next demand wakes the engine; the credit is read again after marking, so a demand that
     * came in between is not lost.
     */
    boolean hasRoom() {
        if (credit.get() > 0) {
            waitingForReader = false;
            return true;
        }
        waitingForReader = true;
        if (credit.get() > 0) {
            waitingForReader = false;
            return true;
        }
        return false;
    }

    String id() {
        return request.requestId();
    }

    boolean ended() {
        return ended;
    }

    /** The step starting at {@code now} runs the request (the first such step ends its queue time). */
    void scheduled(long now) {
        if (scheduledNanos < 0) {
            scheduledNanos = now;
        }
    }

    /** A token was sampled at {@code now}. */
    void tokenSampled(long now) {
        if (firstTokenNanos < 0) {
            firstTokenNanos = now;
        } else {
            interTokenLatencies.add(Duration.ofNanos(now - lastTokenNanos));
        }
        lastTokenNanos = now;
    }

    /** Sends a chunk that does not end the request. */
    void emit(SampledToken token, String text) {
        if (credit.get() != Long.MAX_VALUE) {
            credit.decrementAndGet();
        }
        sink.tryEmitNext(new TokenChunk(id(), List.of(token), text, null, null, null, null));
    }

    /** Sends the final chunk, with the metrics, and completes the stream. */
    void end(List<SampledToken> tokens, SampledToken stopToken, String text, FinishReason reason, String error) {
        ended = true;
        long now = System.nanoTime();
        Optional<Duration> timeToFirstToken = firstTokenNanos < 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos(firstTokenNanos - submittedNanos));
        RequestMetrics metrics = new RequestMetrics(
                Duration.ofNanos((scheduledNanos < 0 ? now : scheduledNanos) - submittedNanos), timeToFirstToken,
                interTokenLatencies, Duration.ofNanos(now - submittedNanos), state.numPromptTokens(),
                Math.max(0, state.numCachedTokens()), generation.generatedCount(), state.preemptions(), reason);
        sink.tryEmitNext(new TokenChunk(id(), tokens, text, reason, metrics, error, stopToken));
        sink.tryEmitComplete();
    }
}
