package dev.caracal.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's one entry point on the real stories260K model, as an embedding application uses it. */
class LocalEngineTest {

    private static final int CONTEXT = 256;

    private static Path model;
    private static LocalEngine engine;

    @BeforeAll
    static void open() throws IOException {
        model = SharedData.require("models/stories260K.gguf");
        engine = LocalEngine.open(model, options().withMaxSequences(4));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static EngineOptions options() {
        return EngineOptions.defaults().withBackend("cpu").withThreads(2).withContextLength(CONTEXT);
    }

    private static String text(List<TokenChunk> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.text()));
        return text.toString();
    }

    private static SamplingParameters greedy(int tokens) {
        return SamplingParameters.greedy().toBuilder().maxTokens(tokens).build();
    }

    @Test
    void completeContinuesATextAsLlamaCppDoes() {
        for (String prompt : new String[] {"Ben liked to", "The little bird was sad because"}) {
            List<TokenChunk> chunks = engine.complete(prompt, greedy(20)).collectList().block(Duration.ofSeconds(60));
            assertThat(text(chunks)).isEqualTo(LlamaCppReference.greedy(model, prompt, 20));
            TokenChunk last = chunks.getLast();
            assertThat(last.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(last.metrics().promptTokens()).isEqualTo(engine.prompts().text(prompt).length);
            assertThat(chunks.stream().mapToInt(chunk -> chunk.tokens().size()).sum()).isEqualTo(20);
        }
    }

    @Test
    void aModelWithoutATemplateChatsAsAContinuationOfTheJoinedMessages() {
        assertThat(engine.prompts().usesFallbackTemplate()).isTrue();
        assertThat(engine.prompts().modelTemplate()).isEmpty();
        List<ChatMessage> conversation = List.of(ChatMessage.system("Lily had a red ball."),
                ChatMessage.user("One day"));
        assertThat(engine.prompts().chat(conversation))
                .isEqualTo(engine.prompts().text("Lily had a red ball.\nOne day"));
        String chat = text(engine.chat(conversation, greedy(16)).collectList().block(Duration.ofSeconds(60)));
        assertThat(chat).isEqualTo(LlamaCppReference.greedy(model, "Lily had a red ball.\nOne day", 16));
    }

    @Test
    void aTemplateThatWritesBosGetsNoSecondOne(@TempDir Path temporary) throws IOException {
        Path directory = SharedData.storiesWithTokenizerConfig(temporary.resolve("stories-chat"), """
                {"bos_token": "<s>", "eos_token": "</s>", "add_bos_token": true,
                 "chat_template": "{{ bos_token }}{% for m in messages %}[{{ m['role'] }}] {{ m['content'] }}{% endfor %}"}
                """);
        try (LocalEngine chat = LocalEngine.open(directory, options().withMaxSequences(1))) {
            Prompts prompts = chat.prompts();
            assertThat(prompts.usesFallbackTemplate()).isFalse();
            assertThat(prompts.renderChat(List.of(ChatMessage.user("Hi")))).isEqualTo("<s>[user] Hi");
            int[] tokens = prompts.chat(List.of(ChatMessage.user("Hi")));
            int bos = prompts.text("")[0];
            assertThat(tokens[0]).isEqualTo(bos);
            assertThat(Arrays.stream(tokens).filter(token -> token == bos).count()).isEqualTo(1);
            assertThat(tokens).isEqualTo(prompts.text("[user] Hi"));
        }
    }

    @Test
    void theKvNeedOfOneFullContextRequestIsEnoughAndLessIsRefused() throws IOException {
        LocalEngine.KvCacheNeed need = LocalEngine.kvCacheNeed(model, options());
        assertThat(need.contextLength()).isEqualTo(CONTEXT);
        try (LocalEngine small = LocalEngine.open(model, options().withMaxSequences(1).withKvCacheBytes(need.bytes()))) {
            assertThat(small.summary().fullContextRequests()).isEqualTo(1);
            int[] prompt = small.prompts().text("Once upon a time");
            SamplingParameters rest = SamplingParameters.greedy().toBuilder().maxTokens(CONTEXT - prompt.length)
                    .build();
            TokenChunk last = small.generate(EngineRequest.of(EngineRequest.newId(), prompt, rest)).blockLast();
            assertThat(last.error()).isNull();
        }
        assertThatThrownBy(() -> LocalEngine.open(model, options().withKvCacheBytes(need.bytes() / 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KV");
    }

    @Test
    void summaryAndStatsSayWhatWasLoadedAndDone() {
        long finishedBefore = engine.stats().requests().finished();
        engine.complete("Once upon a time", greedy(4)).blockLast(Duration.ofSeconds(60));
        engine.warmUp(Duration.ofSeconds(60));
        ModelSummary summary = engine.summary();
        assertThat(summary.file()).isEqualTo(model.toString());
        assertThat(summary.architecture()).isEqualTo("llama");
        assertThat(summary.backend()).isEqualTo("cpu");
        assertThat(summary.contextLength()).isEqualTo(CONTEXT).isEqualTo(engine.contextLength());
        assertThat(summary.maxSequences()).isEqualTo(4);
        assertThat(summary.warmUpMillis()).isGreaterThanOrEqualTo(0);
        assertThat(summary.describe()).contains("llama").contains("on cpu");
        EngineStats stats = engine.stats();
        assertThat(stats.requests().finished()).isGreaterThanOrEqualTo(finishedBefore + 2);
        assertThat(stats.kvCache().blocksTotal()).isEqualTo(summary.kvBlocks());
        assertThat(stats.work().generatedTokens()).isGreaterThanOrEqualTo(5);
        assertThat(stats.tier().lookups()).isZero();
    }

    @Test
    void blockHashesAreTheKeysThePrefixCacheHoldsOnceThePromptHasRun() throws InterruptedException {
        int[] prompt = engine.prompts().text("Once upon a time, there was a little girl named Lily. She loved to play"
                + " outside in the park with her friends. One day, she saw a big red ball under a tree.");
        assertThat(engine.blockSize()).isEqualTo(16);
        List<String> hashes = engine.blockHashes(prompt, "tenant-a");
        assertThat(hashes).hasSize(prompt.length / 16).hasSizeGreaterThanOrEqualTo(3)
                .allMatch(hash -> hash.matches("[0-9a-f]{32}"));
        assertThat(engine.blockHashes(prompt, "tenant-a")).as("deterministic").isEqualTo(hashes);
        assertThat(engine.blockHashes(prompt, null)).as("the salt is in every hash").doesNotContainAnyElementsOf(hashes);
        assertThat(engine.blockHashes(Arrays.copyOf(prompt, 40), "tenant-a")).as("a chain: a prefix's hashes lead")
                .isEqualTo(hashes.subList(0, 2));
        assertThat(engine.cachedBlockHashes()).doesNotContainAnyElementsOf(hashes);

        // Readers on another thread while the engine thread fills and evicts the pool.
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                while (reading.get()) {
                    assertThat(engine.cachedBlockHashes()).allMatch(hash -> hash.length() == 32);
                    reads.incrementAndGet();
                }
            } catch (Throwable thrown) {
                failure.set(thrown);
            }
        });
        engine.generate(EngineRequest.of(EngineRequest.newId(), prompt, greedy(1)).withCacheSalt("tenant-a"))
                .blockLast(Duration.ofSeconds(60));
        reading.set(false);
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(reads.get()).isPositive();
        assertThat(engine.cachedBlockHashes()).containsAll(hashes);
    }
}
