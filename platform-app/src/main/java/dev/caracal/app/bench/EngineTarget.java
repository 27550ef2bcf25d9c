package dev.caracal.app.bench;

import dev.caracal.app.server.engine.GenerationEvent;
import dev.caracal.app.server.engine.GenerationRequest;
import dev.caracal.app.server.engine.ModelDeployment;
import dev.caracal.engine.sampling.SamplingParameters;
import dev.caracal.engine.scheduler.Priority;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** Requests straight to a model deployment's engine, in process: what the HTTP API adds is measured against this. */
public final class EngineTarget implements ServingBenchmark.Target {

    private final ModelDeployment deployment;
    private final AtomicLong ids = new AtomicLong();

    public EngineTarget(ModelDeployment deployment) {
        this.deployment = deployment;
    }

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public ServingBenchmark.RequestTimes run(int[] prompt, int maxTokens) {
        SamplingParameters greedy = SamplingParameters.greedy().toBuilder().maxTokens(maxTokens).build();
        GenerationRequest request = new GenerationRequest("bench-serve-" + ids.incrementAndGet(), prompt, greedy,
                Priority.INTERACTIVE, null, true);
        long[] chunks = new long[maxTokens + 1];
        int[] count = new int[1];
        int[] tokens = new int[1];
        long start = System.nanoTime();
        deployment.generate(request).doOnNext((GenerationEvent event) -> {
            if (!event.tokens().isEmpty()) {
                chunks[count[0]++] = System.nanoTime() - start;
                tokens[0] += event.tokens().size();
            }
        }).blockLast(Duration.ofMinutes(30));
        long end = System.nanoTime() - start;
        return new ServingBenchmark.RequestTimes(chunks[0], end, tokens[0], Arrays.copyOf(chunks, count[0]));
    }
}
