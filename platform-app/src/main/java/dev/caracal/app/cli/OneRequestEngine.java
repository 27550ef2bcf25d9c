package dev.caracal.app.cli;

import dev.caracal.api.backend.BackendOptions;
import dev.caracal.engine.api.EngineOptions;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.LocalEngine;
import dev.caracal.engine.api.RequestMetrics;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenChunk;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** The engine of {@code caracal generate} and {@code caracal chat}: one request at a time, its text streamed. */
final class OneRequestEngine {

    private OneRequestEngine() {
    }

    /** Opens {@code model} with a KV cache of one request of the whole context. */
    static LocalEngine open(Path model, String backend, int threads, int context) throws IOException {
        EngineOptions options = EngineOptions.defaults().withBackend(backend).withThreads(threads)
                .withContextLength(context).withMaxSequences(1);
        return LocalEngine.open(model, options.withKvCacheBytes(LocalEngine.kvCacheNeed(model, options).bytes()));
    }

    /** Generates after {@code prompt}, printing the text as it comes; returns the final chunk. */
    static Generated stream(LocalEngine engine, int[] prompt, SamplingParameters sampling, PrintWriter out) {
        if (prompt.length >= engine.contextLength()) {
            throw new IllegalArgumentException("the prompt is " + prompt.length + " tokens; the context holds "
                    + engine.contextLength());
        }
        StringBuilder text = new StringBuilder();
        TokenChunk last = engine.generate(EngineRequest.of(EngineRequest.newId(), prompt, sampling))
                .doOnNext(chunk -> {
                    text.append(chunk.text());
                    out.print(chunk.text());
                    out.flush();
                }).blockLast();
        if (last.error() != null) {
            throw new IllegalStateException("generation failed: " + last.error());
        }
        return new Generated(text.toString(), last.metrics());
    }

    /** The text a request generated and what it cost. */
    record Generated(String text, RequestMetrics metrics) {

        /** "prompt: N tokens, X tokens/s; generation: N tokens, Y tokens/s (finish, backend, T threads)". */
        String speedLine(String backend, int threads) {
            Duration prefill = metrics.timeToFirstToken().orElse(metrics.totalTime()).minus(metrics.queueTime());
            long decodeNanos = metrics.interTokenLatencies().stream().mapToLong(Duration::toNanos).sum();
            int computedPrompt = metrics.promptTokens() - metrics.cachedTokens();
            double promptSpeed = prefill.isZero() ? 0 : computedPrompt / (prefill.toNanos() / 1e9);
            double generationSpeed = decodeNanos == 0 ? 0 : metrics.interTokenLatencies().size() / (decodeNanos / 1e9);
            return String.format("prompt: %d tokens, %.2f tokens/s; generation: %d tokens, %.2f tokens/s (%s, %s, %d"
                    + " threads)", metrics.promptTokens(), promptSpeed, metrics.generatedTokens(), generationSpeed,
                    metrics.finishReason().name().toLowerCase(), backend, new BackendOptions(threads).resolvedThreads());
        }
    }
}
