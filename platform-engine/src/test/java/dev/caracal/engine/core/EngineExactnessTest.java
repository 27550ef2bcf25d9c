package dev.caracal.engine.core;

import static dev.caracal.engine.core.EngineFixtures.alone;
import static dev.caracal.engine.core.EngineFixtures.assertSameAsAlone;
import static dev.caracal.engine.core.EngineFixtures.collect;
import static dev.caracal.engine.core.EngineFixtures.greedy;
import static dev.caracal.engine.core.EngineFixtures.prompts;
import static dev.caracal.engine.core.EngineFixtures.seeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.EngineStats;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.core.EngineFixtures.Outcome;
import dev.caracal.engine.core.EngineFixtures.TestModel;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.TextGenerator;
import dev.caracal.engine.api.SamplingParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

/**
 * Under greedy (and seeded) sampling every request's output is identical whether it runs alone (the
 * {@link TextGenerator} oracle), batched with 15 others of different lengths, preempted and resumed, after a
 * prefix-cache hit, or prefilled in small chunks; on the scalar reference backend and on the CPU backend, on real text
 * (stories260K) and on random Q4_0 weights.
 */
class EngineExactnessTest {

    private static EngineFixtures fixtures;

    @BeforeAll
    static void open() {
        fixtures = new EngineFixtures();
    }

    @AfterAll
    static void close() {
        fixtures.close();
    }

    static Stream<Arguments> backendsAndModels() {
        return Stream.of("reference", "cpu").flatMap(backend -> Arrays.stream(TestModel.values())
                .map(model -> Arguments.of(backend, model)));
    }

    private static EngineConfig config() {
        return EngineConfig.defaults().withKvCacheBytes(32L << 20);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndModels")
    void sixteenConcurrentRequestsOfDifferentLengthsMatchEachRunAlone(String backend, TestModel model) {
        // held while the requests are submitted, so that they run together however fast this machine's engine is
        try (GatedBackend gated = new GatedBackend(BackendRegistry.open(backend, new BackendOptions(2)));
                LanguageModel language = LanguageModel.open(EngineFixtures.path(model), gated,
                        EngineFixtures.CONTEXT)) {
            sixteenConcurrentRequests(language, gated);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static void sixteenConcurrentRequests(LanguageModel language, GatedBackend gated) {
        List<int[]> prompts = prompts(language, 16, 3, 5);
        List<SamplingParameters> sampling = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sampling.add(greedy(6 + (i * 7) % 23));
        }
        sampling.set(5, sampling.get(5).toBuilder().stop(List.of("the", "e ")).build());
        sampling.set(9, sampling.get(9).toBuilder().topLogprobs(3).build());
        try (EngineCore engine = EngineCore.start(language, config())) {
            gated.hold();
            long generated = runTogether(engine, language, prompts, sampling, gated::release).stream()
                    .mapToLong(outcome -> outcome.ids().length).sum();
            assertThat(collectLogprobs(engine, language, prompts.get(9), sampling.get(9)))
                    .allSatisfy(chunk -> assertThat(chunk.tokens()).allSatisfy(token -> {
                        assertThat(token.hasLogprob()).isTrue();
                        assertThat(token.topLogprobs()).hasSize(3);
                    }));
            EngineStats stats = engine.stats();
            assertThat(stats.work().steps()).as("the requests ran together").isLessThan(generated / 4);
            assertThat(stats.kvCache().blocksUsed()).isZero();
            assertThat(stats.requests().finished()).isEqualTo(17);
        }
    }

    private static List<TokenChunk> collectLogprobs(EngineCore engine, LanguageModel language, int[] prompt,
            SamplingParameters sampling) {
        return collect(engine.generate(EngineRequest.of("logprobs", prompt, sampling))).chunks().stream()
                .filter(chunk -> !chunk.tokens().isEmpty()).toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndModels")
    void preemptedAndResumedRequestsMatchEachRunAlone(String backend, TestModel model) {
        LanguageModel language = fixtures.model(backend, model);
        // The smallest cache the context allows: 16 blocks of 16 tokens, for 8 requests that want up to 5 each.
        long bytes = language.transformer().kvCacheSpec(16, QuantFormat.F16).bytesPerBlock() * 16;
        List<int[]> prompts = prompts(language, 8, 10, 4);
        List<SamplingParameters> sampling = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sampling.add(i % 2 == 0 ? greedy(40) : seeded(100 + i, 40));
        }
        try (EngineCore engine = EngineCore.start(language, config().withKvCacheBytes(bytes))) {
            assertThat(engine.stats().kvCache().blocksTotal()).isEqualTo(16);
            int preempted = runTogether(engine, language, prompts, sampling).stream()
                    .mapToInt(outcome -> outcome.metrics().preemptions()).sum();
            assertThat(engine.stats().requests().preemptions()).isPositive().isEqualTo(preempted);
            assertThat(engine.stats().kvCache().blocksUsed()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndModels")
    void aPrefixCacheHitGivesTheSameOutput(String backend, TestModel model) {
        LanguageModel language = fixtures.model(backend, model);
        int[] prefix = prompts(language, 1, 70, 0).getFirst();
        int[] first = concat(prefix, 300, 301, 302);
        int[] second = concat(prefix, 310, 311);
        try (EngineCore engine = EngineCore.start(language, config())) {
            Outcome cold = collect(engine.generate(EngineRequest.of("cold", first, greedy(20))));
            assertThat(cold.metrics().cachedTokens()).isZero();
            Outcome warm = collect(engine.generate(EngineRequest.of("warm", second, greedy(20))));
            assertThat(warm.metrics().cachedTokens()).as("the 4 full blocks of the shared prefix").isEqualTo(64);
            assertSameAsAlone("shared prefix", warm, alone(language, second, greedy(20)));
            Outcome again = collect(engine.generate(EngineRequest.of("again", first, greedy(20))));
            assertThat(again.metrics().cachedTokens()).as("every full block of the same prompt").isEqualTo(64);
            assertSameAsAlone("same prompt", again, alone(language, first, greedy(20)));
            assertThat(again.ids()).containsExactly(cold.ids());
            // Prompt and generated tokens of the first request are cached: a prompt extending its output hits more.
            int[] continued = concat(concat(first, cold.ids()), 320);
            Outcome extended = collect(engine.generate(EngineRequest.of("extended", continued, greedy(10))));
            assertThat(extended.metrics().cachedTokens()).isEqualTo((continued.length - 1) / 16 * 16);
            assertSameAsAlone("continued", extended, alone(language, continued, greedy(10)));
            // Another tenant's salt finds nothing.
            Outcome salted = collect(engine.generate(EngineRequest.of("salted", first, greedy(20))
                    .withCacheSalt("tenant-2")));
            assertThat(salted.metrics().cachedTokens()).isZero();
            assertThat(salted.ids()).containsExactly(cold.ids());
            EngineStats stats = engine.stats();
            assertThat(stats.kvCache().prefixHitTokens()).isEqualTo(64 + 64 + extended.metrics().cachedTokens());
            assertThat(stats.kvCache().prefixQueryTokens()).isEqualTo(
                    2L * first.length + second.length + continued.length + first.length);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndModels")
    void chunkedPrefillWithASmallTokenBudgetMatchesAlone(String backend, TestModel model) {
        LanguageModel language = fixtures.model(backend, model);
        List<int[]> prompts = prompts(language, 4, 20, 13);
        try (EngineCore engine = EngineCore.start(language, config().withMaxBatchedTokens(7))) {
            runTogether(engine, language, prompts, Collections.nCopies(prompts.size(), greedy(12)));
            int promptTokens = prompts.stream().mapToInt(p -> p.length).sum();
            assertThat(engine.stats().work().steps()).as("at most 7 tokens a step").isGreaterThanOrEqualTo(promptTokens / 7);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndModels")
    void seededSamplingIsTheSameAloneAndBatched(String backend, TestModel model) {
        LanguageModel language = fixtures.model(backend, model);
        List<int[]> prompts = prompts(language, 8, 5, 6);
        List<SamplingParameters> sampling = IntStream.range(0, prompts.size()).mapToObj(i -> seeded(i, 24)).toList();
        try (EngineCore engine = EngineCore.start(language, config())) {
            runTogether(engine, language, prompts, sampling);
        }
    }

    /**
     * Submits one request per prompt at once, waits for all, and asserts that each gave what it gives alone; returns
     * the outcomes in order.
     */
    private static List<Outcome> runTogether(EngineCore engine, LanguageModel language, List<int[]> prompts,
            List<SamplingParameters> sampling) {
        return runTogether(engine, language, prompts, sampling, () -> { });
    }

    /** {@link #runTogether}, running {@code submitted} once every request is submitted. */
    private static List<Outcome> runTogether(EngineCore engine, LanguageModel language, List<int[]> prompts,
            List<SamplingParameters> sampling, Runnable submitted) {
        List<Flux<TokenChunk>> streams = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            streams.add(engine.generate(EngineRequest.of("r" + i, prompts.get(i), sampling.get(i))));
        }
        submitted.run();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            Outcome outcome = collect(streams.get(i));
            assertSameAsAlone("request " + i, outcome, alone(language, prompts.get(i), sampling.get(i)));
            outcomes.add(outcome);
        }
        return outcomes;
    }

    static int[] concat(int[] first, int... more) {
        int[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
