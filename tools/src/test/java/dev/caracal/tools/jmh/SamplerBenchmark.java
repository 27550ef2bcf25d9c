package dev.caracal.tools.jmh;

import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.sampling.Sampler;
import dev.caracal.engine.sampling.TokenHistory;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's sampler on one row of logits, microseconds per token: what every generated token costs the host
 * whatever the backend, and what a GPU backend's step waits for once per sequence in the batch. Vocabularies of
 * Llama 2 (32,000), Llama 3 (128,256) and Qwen3 (151,936); greedy, greedy with log-probabilities, and temperature 0.8
 * with top-k 40 and top-p 0.95 (with and without top-k). Logits are Gaussian with a spread of 3, like a trained
 * model's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SamplerBenchmark {

    @Param({"32000", "128256"})
    public int vocabulary;

    @Param({"greedy", "greedy-logprobs", "top-k-top-p", "top-p"})
    public String mode;

    private float[] logits;
    private Sampler sampler;
    private final TokenHistory history = TokenHistory.ofPrompt(1, 2, 3);

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(11);
        logits = new float[vocabulary];
        for (int i = 0; i < vocabulary; i++) {
            logits[i] = (float) (random.nextGaussian() * 3);
        }
        SamplingParameters parameters = switch (mode) {
            case "greedy" -> SamplingParameters.greedy();
            case "greedy-logprobs" -> SamplingParameters.builder().temperature(0).logprobs(true).topLogprobs(5)
                    .build();
            case "top-k-top-p" -> SamplingParameters.builder().temperature(0.8).topK(40).topP(0.95).build();
            case "top-p" -> SamplingParameters.builder().temperature(0.8).topP(0.95).build();
            default -> throw new IllegalArgumentException(mode);
        };
        sampler = new Sampler(parameters, vocabulary);
    }

    @Benchmark
    public int sample() {
        return sampler.sample(logits, history).id();
    }
}
