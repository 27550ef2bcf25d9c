package dev.caracal.tools.bench;

import dev.caracal.engine.api.EngineClient;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.SamplingParameters;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests straight to an engine, in process (through the engine API, as the gateway calls it): what the HTTP API
 * adds is measured against this.
 */
public final class EngineTarget implements ServingBenchmark.Target {

    private final EngineClient engine;
    private final AtomicLong ids = new AtomicLong();

    public EngineTarget(EngineClient engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public ServingBenchmark.RequestTimes run(int[] prompt, int maxTokens) {
        SamplingParameters greedy = SamplingParameters.greedy().toBuilder().maxTokens(maxTokens).build();
        EngineRequest request = EngineRequest.of("bench-serve-" + ids.incrementAndGet(), prompt, greedy)
                .withIgnoreEos(true);
        long[] chunks = new long[maxTokens + 1];
        int[] count = new int[1];
        int[] tokens = new int[1];
        long start = System.nanoTime();
        engine.generate(request).doOnNext(chunk -> {
            if (!chunk.tokens().isEmpty()) {
                chunks[count[0]++] = System.nanoTime() - start;
                tokens[0] += chunk.tokens().size();
            }
        }).blockLast(Duration.ofMinutes(30));
        long end = System.nanoTime() - start;
        return new ServingBenchmark.RequestTimes(chunks[0], end, tokens[0], Arrays.copyOf(chunks, count[0]));
    }
}
