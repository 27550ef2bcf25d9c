package dev.caracal.tools.bench;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.EngineStats;
import dev.caracal.engine.api.RequestMetrics;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.core.EngineConfig;
import dev.caracal.engine.core.EngineCore;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.tools.bench.SpeedBenchmark;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;

/**
 * An in-process load benchmark of an {@link EngineCore}: prompt processing, time to first token with and without a
 * cached shared prefix, and aggregate generation throughput at several numbers of concurrent streams. Every prompt is
 * random token ids (distinct per request, so nothing is cached unless meant to be), every generation is greedy and
 * ignores end-of-generation tokens, so each request generates exactly the asked number of tokens.
 */
public final class EngineBenchmark {

    /**
     * What to measure.
     *
     * @param promptTokens   prompt length of each stream
     * @param maxTokens      tokens each stream generates
     * @param concurrency    the numbers of concurrent streams to measure, in order
     * @param prefixTokens   length of the shared prefix for time to first token (0 to skip)
     * @param suffixTokens   new tokens after the prefix in the time-to-first-token prompts
     * @param prefillTokens  prompt length for prompt-processing speed (0 to skip)
     * @param repetitions    measured repetitions of prompt processing and time to first token (medians)
     */
    public record Options(int promptTokens, int maxTokens, int[] concurrency, int prefixTokens, int suffixTokens,
            int prefillTokens, int repetitions) {

        public Options {
            if (promptTokens < 1 || maxTokens < 2 || prefixTokens < 0 || suffixTokens < 1 || prefillTokens < 0
                    || repetitions < 1) {
                throw new IllegalArgumentException("prompt tokens must be ≥ 1, max tokens ≥ 2, prefix and prefill"
                        + " tokens ≥ 0, suffix tokens ≥ 1 and repetitions ≥ 1");
            }
            concurrency = concurrency.clone();
            if (Arrays.stream(concurrency).anyMatch(c -> c < 1)) {
                throw new IllegalArgumentException("concurrency levels must be ≥ 1: " + Arrays.toString(concurrency));
            }
        }

        @Override
        public int[] concurrency() {
            return concurrency.clone();
        }

        /** The most concurrent streams measured. */
        public int maxConcurrency() {
            return Arrays.stream(concurrency).max().orElse(1);
        }

        /** The context a request needs: the longest prompt plus what it generates. */
        public int contextLength() {
            return Math.max(Math.max(promptTokens + maxTokens, prefixTokens + suffixTokens + 1), prefillTokens + 1);
        }
    }

    /**
     * Throughput at one concurrency.
     *
     * @param concurrency                streams running together
     * @param generatedTokens            tokens generated in the decode phase (after every stream had its first token)
     * @param decodeSeconds              the decode phase: from the last stream's first token to the last token
     * @param generationTokensPerSecond  aggregate generated tokens per second in the decode phase
     * @param meanInterTokenLatencySeconds the mean time between two tokens of one stream
     * @param meanTimeToFirstTokenSeconds the mean time to first token (prefill of all streams included)
     */
    public record Streams(int concurrency, long generatedTokens, double decodeSeconds,
            double generationTokensPerSecond, double meanInterTokenLatencySeconds,
            double meanTimeToFirstTokenSeconds) {
    }

    /**
     * How the engine runs: its backend, threads, step budget and KV type.
     *
     * @param backend          the backend's name, or {@code auto}
     * @param threads          worker threads; 0 for one per processor
     * @param maxBatchedTokens the token budget of one step
     * @param kvType           F16 or F32
     */
    public record Setup(String backend, int threads, int maxBatchedTokens, QuantFormat kvType) {
    }

    /**
     * A run on a model file: what was measured, and on what.
     *
     * @param result      the measurements
     * @param weightBytes the model's bytes of weights
     * @param backend     the backend's name
     * @param threads     its worker threads
     * @param maxBatchedTokens the engine's token budget of one step
     * @param kvCacheType the KV cache's element type
     */
    public record Run(Result result, long weightBytes, String backend, int threads, int maxBatchedTokens,
            QuantFormat kvCacheType) {
    }

    /**
     * Opens {@code model} on the backend of {@code setup} with a KV cache sized for {@code options}, measures, and
     * closes it.
     */
    public static Run run(Path model, Setup setup, Options options) throws IOException {
        EngineConfig config = EngineConfig.defaults().withMaxBatchedTokens(setup.maxBatchedTokens())
                .withKvCacheType(setup.kvType())
                .withMaxSequences(Math.max(EngineConfig.defaults().maxSequences(), options.maxConcurrency()));
        BackendOptions backendOptions = new BackendOptions(setup.threads());
        try (Backend backend = BackendRegistry.open(setup.backend(), backendOptions);
                LanguageModel language = LanguageModel.open(model, backend, options.contextLength())) {
            config = config.withKvCacheBytes(kvCacheBytes(language, config, options));
            return new Run(run(language, config, options), language.weightBytes(), backend.name(),
                    backendOptions.resolvedThreads(), config.maxBatchedTokens(), config.kvCacheType());
        }
    }

    /**
     * What was measured.
     *
     * @param prefillTokensPerSecond  median prompt tokens per second of one {@code prefillTokens} prompt (NaN if
     *                                skipped)
     * @param ttftColdSeconds         median time to first token of a {@code prefixTokens + suffixTokens}-token prompt
     *                                on a cache that holds none of it (NaN if skipped)
     * @param ttftCachedPrefixSeconds median time to first token of a prompt whose first {@code prefixTokens} tokens
     *                                are cached (NaN if skipped)
     * @param cachedPrefixTokens      tokens the cached runs found in the prefix cache
     * @param streams                 one entry per concurrency level
     * @param stats                   the engine's statistics at the end
     */
    public record Result(double prefillTokensPerSecond, double ttftColdSeconds, double ttftCachedPrefixSeconds,
            int cachedPrefixTokens, List<Streams> streams, EngineStats stats) {
    }

    private final EngineCore engine;
    private final int vocabulary;
    private final SplittableRandom random = new SplittableRandom(2024);
    private int requests;

    private EngineBenchmark(EngineCore engine, int vocabulary) {
        this.engine = engine;
        this.vocabulary = vocabulary;
    }

    /**
     * The KV cache bytes {@code options} need on {@code language} with {@code config}'s block size and KV type: every
     * stream of the largest concurrency, the prefix pair and the prefill prompt at once, and at least one full context.
     */
    public static long kvCacheBytes(LanguageModel language, EngineConfig config, Options options) {
        int block = config.blockSize();
        long blocks = (long) options.maxConcurrency() * blocks(options.promptTokens() + options.maxTokens(), block)
                + 2L * blocks(options.prefixTokens() + options.suffixTokens() + 1, block)
                + blocks(options.prefillTokens() + 1, block) + 8;
        blocks = Math.max(blocks, blocks(language.contextLength(), block));
        return blocks * language.transformer().kvCacheSpec(block, config.kvCacheType()).bytesPerBlock();
    }

    private static long blocks(int tokens, int blockSize) {
        return (tokens + blockSize - 1) / blockSize;
    }

    /** Runs a warm-up, then every measurement of {@code options}, on a new engine for {@code language}. */
    public static Result run(LanguageModel language, EngineConfig config, Options options) {
        try (EngineCore engine = EngineCore.start(language, config)) {
            return new EngineBenchmark(engine, language.config().vocabularySize()).measure(options);
        }
    }

    private Result measure(Options options) {
        // Warm-up: the prefill and the batched-decode paths once each (JIT compilation, buffer growth).
        streams(Math.min(4, options.maxConcurrency()), options.promptTokens(), Math.min(8, options.maxTokens()));
        if (options.prefillTokens() > 0) {
            timeToFirstToken(randomTokens(options.prefillTokens()));
        }
        double[] prefill = new double[options.prefillTokens() > 0 ? options.repetitions() : 0];
        for (int i = 0; i < prefill.length; i++) {
            prefill[i] = options.prefillTokens() / timeToFirstToken(randomTokens(options.prefillTokens())).seconds;
        }
        double[] cold = new double[options.prefixTokens() > 0 ? options.repetitions() : 0];
        double[] cached = new double[cold.length];
        int cachedTokens = 0;
        for (int i = 0; i < cold.length; i++) {
            int[] prefix = randomTokens(options.prefixTokens());
            cold[i] = timeToFirstToken(concat(prefix, randomTokens(options.suffixTokens()))).seconds;
            FirstToken hit = timeToFirstToken(concat(prefix, randomTokens(options.suffixTokens())));
            cached[i] = hit.seconds;
            cachedTokens = hit.cachedTokens;
        }
        List<Streams> streams = new ArrayList<>();
        for (int concurrency : options.concurrency()) {
            streams.add(streams(concurrency, options.promptTokens(), options.maxTokens()));
        }
        return new Result(SpeedBenchmark.median(prefill), SpeedBenchmark.median(cold), SpeedBenchmark.median(cached),
                cachedTokens, streams, engine.stats());
    }

    private record FirstToken(double seconds, int cachedTokens) {
    }

    /** Runs one request that generates one token; its time to first token as the engine measured it. */
    private FirstToken timeToFirstToken(int[] prompt) {
        TokenChunk last = request(prompt, 1).blockLast(Duration.ofHours(1));
        RequestMetrics metrics = last.metrics();
        return new FirstToken(metrics.timeToFirstToken().orElseThrow().toNanos() / 1e9, metrics.cachedTokens());
    }

    /** Runs {@code concurrency} streams together and measures their decode phase. */
    private Streams streams(int concurrency, int promptTokens, int maxTokens) {
        long[][] arrivals = new long[concurrency][maxTokens];
        AtomicLongArray counts = new AtomicLongArray(concurrency);
        long start = System.nanoTime();
        List<Flux<TokenChunk>> fluxes = new ArrayList<>();
        for (int s = 0; s < concurrency; s++) {
            int stream = s;
            fluxes.add(request(randomTokens(promptTokens), maxTokens).doOnNext(chunk -> {
                long now = System.nanoTime();
                for (int t = 0; t < chunk.tokens().size(); t++) {
                    arrivals[stream][(int) counts.getAndIncrement(stream)] = now;
                }
            }));
        }
        Flux.merge(fluxes).blockLast(Duration.ofHours(1));
        long decodeStart = IntStream.range(0, concurrency).mapToLong(s -> arrivals[s][0]).max().orElseThrow();
        long end = IntStream.range(0, concurrency).mapToLong(s -> arrivals[s][maxTokens - 1]).max().orElseThrow();
        long decoded = 0;
        double firstTokens = 0;
        for (long[] stream : arrivals) {
            decoded += Arrays.stream(stream).filter(time -> time > decodeStart).count();
            firstTokens += (stream[0] - start) / 1e9;
        }
        double seconds = (end - decodeStart) / 1e9;
        double meanGap = IntStream.range(0, concurrency)
                .mapToDouble(s -> (arrivals[s][maxTokens - 1] - arrivals[s][0]) / 1e9 / (maxTokens - 1))
                .average().orElseThrow();
        return new Streams(concurrency, decoded, seconds, seconds > 0 ? decoded / seconds : Double.NaN, meanGap,
                firstTokens / concurrency);
    }

    private Flux<TokenChunk> request(int[] prompt, int maxTokens) {
        SamplingParameters greedy = SamplingParameters.greedy().toBuilder().maxTokens(maxTokens).build();
        return engine.generate(EngineRequest.of("bench-" + requests++, prompt, greedy).withIgnoreEos(true));
    }

    private int[] randomTokens(int count) {
        return random.ints(count, 3, vocabulary).toArray();
    }

    private static int[] concat(int[] first, int[] second) {
        int[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
