package dev.caracal.engine.core;

import static dev.caracal.engine.core.EngineFixtures.alone;
import static dev.caracal.engine.core.EngineFixtures.assertSameAsAlone;
import static dev.caracal.engine.core.EngineFixtures.awaitStats;
import static dev.caracal.engine.core.EngineFixtures.collect;
import static dev.caracal.engine.core.EngineFixtures.greedy;
import static dev.caracal.engine.core.EngineFixtures.prompts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.EngineStats;
import dev.caracal.engine.api.RequestMetrics;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.core.EngineFixtures.Outcome;
import dev.caracal.engine.core.EngineFixtures.TestModel;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.Priority;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;

/** Cancellation, metrics, refusals, failing steps, closing and idling of an engine on stories260K (CPU backend). */
class EngineLifecycleTest {

    private static EngineFixtures fixtures;
    private static LanguageModel language;

    @BeforeAll
    static void open() {
        fixtures = new EngineFixtures();
        language = fixtures.model("cpu", TestModel.STORIES);
    }

    @AfterAll
    static void close() {
        fixtures.close();
    }

    private static EngineConfig config() {
        return EngineConfig.defaults().withKvCacheBytes(16L << 20);
    }

    @Test
    void disposingTheFluxCancelsTheRequestAndFreesItsBlocksWithinOneStep() throws Exception {
        int[] prompt = prompts(language, 1, 40, 0).getFirst();
        try (EngineCore engine = EngineCore.start(language, config())) {
            Flux<TokenChunk> chunks = engine.generate(EngineRequest.of("long", prompt, greedy(200)));
            List<TokenChunk> firstThree = chunks.take(3).collectList().block(Duration.ofSeconds(30));
            assertThat(firstThree).hasSize(3).noneMatch(TokenChunk::isFinal);
            long stepsAtCancel = engine.stats().work().steps();
            EngineStats after = awaitStats(engine, stats -> stats.requests().finished() == 1);
            assertThat(after.kvCache().blocksUsed()).isZero();
            assertThat(after.requests().running()).isZero();
            assertThat(after.work().steps()).as("freed at the next step boundary").isLessThanOrEqualTo(stepsAtCancel + 1);
            assertThat(after.kvCache().blocksCached()).as("its full blocks stay cached").isPositive();
            assertThat(engine.cancel("long")).isFalse();
        }
    }

    @Test
    void aRequestWhoseReaderStopsReadingIsPausedKeepsItsBlocksAndResumesExactly() throws Exception {
        int[] prompt = prompts(language, 1, 20, 0).getFirst();
        SamplingParameters sampling = greedy(300);
        try (EngineCore engine = EngineCore.start(language, config())) {
            List<TokenChunk> received = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            BaseSubscriber<TokenChunk> reader = new BaseSubscriber<>() {
                @Override
                protected void hookOnSubscribe(Subscription subscription) {
                    request(1); // reads one chunk, then nothing until told
                }

                @Override
                protected void hookOnNext(TokenChunk chunk) {
                    received.add(chunk);
                }

                @Override
                protected void hookFinally(SignalType type) {
                    done.countDown();
                }
            };
            engine.generate(EngineRequest.of("slow-reader", prompt, sampling).withIgnoreEos(true)).subscribe(reader);
            awaitStats(engine, stats -> stats.work().generatedTokens() >= EngineCore.OUTPUT_BUFFER);
            Thread.sleep(300);
            EngineStats paused = engine.stats();
            assertThat(paused.work().generatedTokens()).as("the output buffer bounds what is generated ahead of the reader")
                    .isLessThanOrEqualTo(EngineCore.OUTPUT_BUFFER + EngineCore.DELIVERY_PREFETCH);
            assertThat(paused.requests().running()).isEqualTo(1);
            assertThat(paused.kvCache().blocksUsed()).as("a paused request keeps its blocks").isPositive();
            Thread.sleep(200);
            assertThat(engine.stats().work().steps()).as("a paused request costs no compute").isEqualTo(paused.work().steps());

            Outcome other = collect(engine.generate(EngineRequest.of("other", prompt, greedy(20))));
            assertSameAsAlone("a request beside the paused one", other, alone(language, prompt, greedy(20)));

            reader.requestUnbounded();
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            Outcome resumed = collect(Flux.fromIterable(received));
            Outcome uninterrupted = collect(engine.generate(
                    EngineRequest.of("reference", prompt, sampling).withIgnoreEos(true)));
            assertThat(resumed.ids()).hasSizeGreaterThan(EngineCore.OUTPUT_BUFFER + EngineCore.DELIVERY_PREFETCH)
                    .containsExactly(uninterrupted.ids());
            assertThat(resumed.text()).isEqualTo(uninterrupted.text());
            assertThat(awaitStats(engine, stats -> stats.requests().finished() == 3).kvCache().blocksUsed()).isZero();
        }
    }

    @Test
    void cancelByIdEndsTheStreamWithCancelled() throws Exception {
        int[] prompt = prompts(language, 1, 30, 0).getFirst();
        try (EngineCore engine = EngineCore.start(language, config())) {
            Flux<TokenChunk> chunks = engine.generate(EngineRequest.of("to-cancel", prompt, greedy(200)));
            Flux<TokenChunk> other = engine.generate(EngineRequest.of("other", prompt, greedy(20)));
            awaitStats(engine, stats -> stats.work().generatedTokens() >= 4);
            assertThat(engine.cancel("to-cancel")).isTrue();
            Outcome cancelled = collect(chunks);
            assertThat(cancelled.finish()).isEqualTo(FinishReason.CANCELLED);
            assertThat(cancelled.metrics().generatedTokens()).isEqualTo(cancelled.ids().length).isLessThan(200);
            assertThat(cancelled.chunks().getLast().tokens()).isEmpty();
            assertSameAsAlone("the other request", collect(other), alone(language, prompt, greedy(20)));
            assertThat(awaitStats(engine, stats -> stats.requests().finished() == 2).kvCache().blocksUsed()).isZero();
        }
    }

    @Test
    void metricsAreFilledSensibly() {
        int[] prompt = prompts(language, 1, 40, 0).getFirst();
        try (EngineCore engine = EngineCore.start(language, config())) {
            RequestMetrics first = collect(engine.generate(EngineRequest.of("a", prompt, greedy(10)))).metrics();
            assertThat(first.promptTokens()).isEqualTo(40);
            assertThat(first.cachedTokens()).isZero();
            assertThat(first.generatedTokens()).isEqualTo(10);
            assertThat(first.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(first.preemptions()).isZero();
            assertThat(first.queueTime().isNegative()).isFalse();
            assertThat(first.timeToFirstToken()).hasValueSatisfying(ttft -> assertThat(ttft)
                    .isGreaterThan(first.queueTime()).isLessThanOrEqualTo(first.totalTime()));
            assertThat(first.interTokenLatencies()).hasSize(9).allSatisfy(latency -> assertThat(latency).isPositive());
            RequestMetrics second = collect(engine.generate(EngineRequest.of("b", prompt, greedy(10)))).metrics();
            assertThat(second.cachedTokens()).isEqualTo(32);
            EngineStats stats = engine.stats();
            assertThat(stats.requests().submitted()).isEqualTo(2);
            assertThat(stats.requests().finished()).isEqualTo(2);
            assertThat(stats.work().generatedTokens()).isEqualTo(20);
            assertThat(stats.work().computedTokens()).as("40 + 9, then 8 + 9").isEqualTo(66);
            assertThat(stats.kvCache().prefixQueryTokens()).isEqualTo(80);
            assertThat(stats.kvCache().prefixHitTokens()).isEqualTo(32);
            assertThat(stats.kvCache().prefixHitRate()).isEqualTo(0.4);
            assertThat(stats.kvCache().blocksTotal()).isEqualTo(engine.kvCacheSizing().blocks());
            assertThat(stats.kvCache().blockSize()).isEqualTo(16);
        }
    }

    @Test
    void aStopTokenEndsTheRequestWithStopAndIsReportedWithoutText() {
        int[] prompt = language.tokenizer().encode("Once upon a time");
        int[] greedyIds = alone(language, prompt, greedy(8)).generatedIds();
        SamplingParameters stopAtThird = greedy(8).toBuilder().stopTokenIds(Set.of(greedyIds[2])).build();
        try (EngineCore engine = EngineCore.start(language, config())) {
            Outcome outcome = collect(engine.generate(EngineRequest.of("stop", prompt, stopAtThird)
                    .withPriority(Priority.BATCH)));
            assertThat(outcome.finish()).isEqualTo(FinishReason.STOP);
            assertThat(outcome.ids()).containsExactly(Arrays.copyOf(greedyIds, 3));
            assertThat(outcome.metrics().generatedTokens()).isEqualTo(3);
            assertSameAsAlone("stop token", outcome, alone(language, prompt, stopAtThird));
        }
    }

    @Test
    void refusesRequestsThatCanNeverRun() {
        try (EngineCore engine = EngineCore.start(language, config())) {
            int[] tooLong = new int[EngineFixtures.CONTEXT + 1];
            Arrays.fill(tooLong, 300);
            assertThatThrownBy(() -> engine.generate(EngineRequest.of("long", tooLong, greedy(4))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the prompt is 257 tokens; the context holds 256");
            assertThatThrownBy(() -> engine.generate(EngineRequest.of("bad", new int[] {1, 9999}, greedy(4))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("prompt token id 9999 is outside the vocabulary [0, 512)");
            assertThatThrownBy(() -> engine.generate(EngineRequest.of("bias", new int[] {1},
                    greedy(4).toBuilder().logitBias(java.util.Map.of(600, 1f)).build())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logitBias");
            Flux<TokenChunk> first = engine.generate(EngineRequest.of("same", new int[] {1, 300}, greedy(50)));
            assertThatThrownBy(() -> engine.generate(EngineRequest.of("same", new int[] {1, 301}, greedy(4))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already in use");
            collect(first);
        }
    }

    @Test
    void aKvCacheTooSmallForOneRequestOfTheContextIsRefusedAtStart() {
        long fifteenBlocks = language.transformer().kvCacheSpec(16, QuantFormat.F16).bytesPerBlock() * 15;
        assertThatThrownBy(() -> EngineCore.start(language, config().withKvCacheBytes(fifteenBlocks)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 15 blocks of 16 tokens")
                .hasMessageContaining("one request of the 256-token context needs 16 blocks");
    }

    @Test
    void aFailingStepFailsItsRequestsForgetsWhatItCachedAndTheLoopGoesOn() throws Exception {
        try (FaultyBackend backend = new FaultyBackend(BackendRegistry.open("cpu", new BackendOptions(2)));
                LanguageModel faulty = LanguageModel.open(EngineFixtures.path(TestModel.STORIES), backend,
                        EngineFixtures.CONTEXT);
                EngineCore engine = EngineCore.start(faulty, config())) {
            int[] poison = prompts(faulty, 1, FaultyBackend.POISON, 0).getFirst();
            Outcome failed = collect(engine.generate(EngineRequest.of("poison", poison, greedy(5))));
            assertThat(failed.finish()).isEqualTo(FinishReason.ERROR);
            assertThat(failed.chunks()).hasSize(1);
            assertThat(failed.chunks().getFirst().error()).contains("the model step failed")
                    .contains("injected fault");
            EngineStats stats = engine.stats();
            assertThat(stats.work().failedSteps()).isEqualTo(1);
            assertThat(stats.kvCache().blocksUsed()).isZero();
            assertThat(stats.kvCache().blocksCached()).as("the blocks cached for the failed step are forgotten").isZero();
            // The same first 64 tokens: nothing is reused from the failed step, and the output is right.
            int[] sharing = Arrays.copyOf(poison, 70);
            Outcome next = collect(engine.generate(EngineRequest.of("next", sharing, greedy(5))));
            assertThat(next.metrics().cachedTokens()).isZero();
            assertSameAsAlone("after a failed step", next, alone(language, sharing, greedy(5)));
        }
    }

    @Test
    void closingEndsUnfinishedRequestsAndRefusesNewOnes() {
        int[] prompt = prompts(language, 1, 10, 0).getFirst();
        EngineCore engine = EngineCore.start(language, config());
        Flux<TokenChunk> running = engine.generate(EngineRequest.of("running", prompt, greedy(240)));
        engine.close();
        Outcome ended = collect(running);
        assertThat(ended.finish()).isEqualTo(FinishReason.ERROR);
        assertThat(ended.chunks().getLast().error()).isEqualTo("the engine was closed before the request finished");
        assertThat(ended.metrics().generatedTokens()).isLessThan(240);
        assertThatThrownBy(() -> engine.generate(EngineRequest.of("late", prompt, greedy(4))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        engine.close();
    }

    @Test
    void theLoopThreadWaitsWhenIdle() throws Exception {
        try (EngineCore engine = EngineCore.start(language, config())) {
            collect(engine.generate(EngineRequest.of("a", new int[] {1, 300}, greedy(3))));
            Thread loop = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("caracal-engine-") && thread.isAlive())
                    .findFirst().orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (loop.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(loop.getState()).isEqualTo(Thread.State.WAITING);
            long steps = engine.stats().work().steps();
            Thread.sleep(50);
            assertThat(engine.stats().work().steps()).isEqualTo(steps);
        }
    }
}
