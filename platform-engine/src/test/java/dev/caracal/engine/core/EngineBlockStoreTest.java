package dev.caracal.engine.core;

import static dev.caracal.engine.core.EngineExactnessTest.concat;
import static dev.caracal.engine.core.EngineFixtures.alone;
import static dev.caracal.engine.core.EngineFixtures.assertSameAsAlone;
import static dev.caracal.engine.core.EngineFixtures.awaitStats;
import static dev.caracal.engine.core.EngineFixtures.collect;
import static dev.caracal.engine.core.EngineFixtures.greedy;
import static dev.caracal.engine.core.EngineFixtures.prompts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.EngineStats;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.core.EngineFixtures.Outcome;
import dev.caracal.engine.core.EngineFixtures.TestModel;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.TextGenerator;
import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.testing.InMemoryKvBlockStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The second tier of the prefix cache as the engine uses it, with a store in memory (cache-redis's tests do the same
 * against a real Redis): an engine that misses locally loads the blocks another engine computed and wrote behind, and
 * its output is exactly what computing them gives; a store that fails, answers with blocks of the wrong size or is
 * slow only means computing.
 */
class EngineBlockStoreTest {

    @AutoClose
    private static final EngineFixtures fixtures = new EngineFixtures();

    private static EngineConfig config(InMemoryKvBlockStore store) {
        return EngineConfig.defaults().withKvCacheBytes(32L << 20).withBlockStore(store);
    }

    /** A 100-token prefix (6 full blocks) and two prompts that extend it differently. */
    private static int[][] promptsSharingAPrefix(LanguageModel language) {
        int[] prefix = prompts(language, 1, 100, 0).getFirst();
        return new int[][] {concat(prefix, 300, 301, 302), concat(prefix, 310, 311)};
    }

    /** Runs {@code prompt} greedily for 20 tokens on a new engine over {@code store}. */
    private static Outcome runOnNewEngine(LanguageModel language, InMemoryKvBlockStore store, int[] prompt,
            List<EngineStats> stats) {
        try (EngineCore engine = EngineCore.start(language, config(store))) {
            Outcome outcome = collect(engine.generate(EngineRequest.of("r", prompt, greedy(20))));
            stats.add(engine.stats());
            return outcome;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.caracal.engine.core.EngineExactnessTest#backendsAndModels")
    void blocksLoadedFromTheStoreGiveExactlyTheOutputOfComputingThem(String backend, TestModel model) {
        LanguageModel language = fixtures.model(backend, model);
        int[][] prompts = promptsSharingAPrefix(language);
        InMemoryKvBlockStore store = new InMemoryKvBlockStore();
        List<EngineStats> stats = new ArrayList<>();

        Outcome computed = runOnNewEngine(language, store, prompts[0], stats);
        EngineStats first = stats.getFirst();
        assertThat(first.tier().lookups()).as("nothing to find in an empty store, but it was asked").isEqualTo(1);
        assertThat(first.tier().blocksLoaded()).isZero();
        int fullBlocks = (prompts[0].length + computed.ids().length - 1) / 16;
        assertThat(first.tier().blocksWritten()).as("every full block of prompt and output").isEqualTo(fullBlocks);
        assertThat(store.size()).isEqualTo(fullBlocks);

        try (EngineCore engine = EngineCore.start(language, config(store))) {
            Outcome loaded = collect(engine.generate(EngineRequest.of("loaded", prompts[1], greedy(20))));
            assertThat(engine.stats().tier().blocksLoaded()).as("the 6 blocks of the shared prefix").isEqualTo(6);
            assertThat(loaded.metrics().cachedTokens()).isEqualTo(96);
            assertSameAsAlone("shared prefix loaded from the store", loaded, alone(language, prompts[1], greedy(20)));
            // The loaded blocks are now local: the same prompt again does not ask the store.
            Outcome local = collect(engine.generate(EngineRequest.of("local", prompts[1], greedy(20))));
            assertThat(local.metrics().cachedTokens()).isEqualTo(96);
            assertThat(local.ids()).containsExactly(loaded.ids());
            assertThat(engine.stats().tier().lookups()).isEqualTo(1);
            assertThat(engine.stats().tier().blocksWritten()).as("only the blocks it computed")
                    .isEqualTo((prompts[1].length + loaded.ids().length - 1) / 16 - 6);
        }
        Outcome again = runOnNewEngine(language, store, prompts[0], stats);
        assertThat(again.metrics().cachedTokens()).as("every full block of the prompt but the last token's")
                .isEqualTo((prompts[0].length - 1) / 16 * 16);
        assertSameAsAlone("the same prompt loaded from the store", again, alone(language, prompts[0], greedy(20)));
        assertThat(again.ids()).containsExactly(computed.ids());
    }

    @Test
    void aStoreThatFailsOrAnswersWithBlocksOfTheWrongSizeOnlyMeansComputing() {
        LanguageModel language = fixtures.model("cpu", TestModel.STORIES);
        int[][] prompts = promptsSharingAPrefix(language);
        InMemoryKvBlockStore store = new InMemoryKvBlockStore();
        List<EngineStats> stats = new ArrayList<>();
        runOnNewEngine(language, store, prompts[0], stats);
        TextGenerator.Result expected = alone(language, prompts[1], greedy(20));

        store.answerWith(blocks -> {
            throw new IllegalStateException("the store is broken");
        });
        Outcome failed = runOnNewEngine(language, store, prompts[1], stats);
        assertThat(failed.metrics().cachedTokens()).isZero();
        assertSameAsAlone("store failed", failed, expected);

        store.answerWith(blocks -> {
            List<byte[]> damaged = new ArrayList<>(blocks);
            damaged.set(2, Arrays.copyOf(blocks.get(2), blocks.get(2).length - 1));
            return damaged;
        });
        Outcome truncated = runOnNewEngine(language, store, prompts[1], stats);
        assertThat(truncated.metrics().cachedTokens()).as("the two blocks before the short one").isEqualTo(32);
        assertThat(stats.getLast().tier().blocksLoaded()).isEqualTo(2);
        assertSameAsAlone("third block truncated", truncated, expected);
    }

    @Test
    void aRequestCancelledWhileTheStoreIsAskedEndsAndHoldsNoBlocks() throws Exception {
        LanguageModel language = fixtures.model("cpu", TestModel.STORIES);
        int[][] prompts = promptsSharingAPrefix(language);
        InMemoryKvBlockStore store = new InMemoryKvBlockStore();
        runOnNewEngine(language, store, prompts[0], new ArrayList<>());
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        store.answerWith(blocks -> {
            asked.countDown();
            try {
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return blocks;
        });
        try (EngineCore engine = EngineCore.start(language, config(store))) {
            var chunks = engine.generate(EngineRequest.of("slow", prompts[1], greedy(20))).collectList().toFuture();
            assertThat(asked.await(30, TimeUnit.SECONDS)).isTrue();
            awaitStats(engine, stats -> stats.requests().waiting() == 1); // waiting for the store counts as waiting
            assertThat(engine.cancel("slow")).isTrue();
            List<TokenChunk> ended = chunks.get(30, TimeUnit.SECONDS);
            assertThat(ended.getLast().finishReason()).isEqualTo(FinishReason.CANCELLED);
            answer.countDown();
            EngineStats after = awaitStats(engine, stats -> stats.tier().blocksLoaded() > 0);
            assertThat(after.tier().blocksLoaded()).as("the answer still fills the local cache").isEqualTo(6);
            assertThat(after.kvCache().blocksUsed()).isZero();
            assertThat(after.requests().waiting()).isZero();
            assertThat(after.requests().running()).isZero();
        }
    }
}
