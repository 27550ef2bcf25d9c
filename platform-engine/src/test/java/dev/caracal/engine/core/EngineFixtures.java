package dev.caracal.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.api.EngineStats;
import dev.caracal.engine.api.RequestMetrics;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.engine.model.TextGenerator;
import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.SampledToken;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.formats.testing.RandomModels;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.formats.random.RandomModelWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;

/**
 * Models on backends for the engine tests, opened once per test class, and the single-sequence oracle
 * ({@link TextGenerator} on a {@link SequenceRunner}) that every engine output must equal.
 */
final class EngineFixtures implements AutoCloseable {

    /** The most tokens a request holds in these tests. */
    static final int CONTEXT = 256;

    /** The models the exactness tests run: real text, and random Q4_0 weights. */
    enum TestModel {
        STORIES, RANDOM_Q4_0
    }

    /** What one request produced. */
    record Outcome(int[] ids, String text, FinishReason finish, RequestMetrics metrics, List<TokenChunk> chunks) {
    }

    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private final Map<String, LanguageModel> models = new LinkedHashMap<>();

    /** {@code model} opened on the backend named {@code backendName} with a {@value #CONTEXT}-token context. */
    LanguageModel model(String backendName, TestModel model) {
        Backend backend = backends.computeIfAbsent(backendName,
                name -> BackendRegistry.open(name, new BackendOptions(2)));
        return models.computeIfAbsent(backendName + "/" + model, key -> {
            try {
                return LanguageModel.open(path(model), backend, CONTEXT);
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        });
    }

    static Path path(TestModel model) {
        return switch (model) {
            case STORIES -> SharedData.require("models/stories260K.gguf");
            case RANDOM_Q4_0 -> RandomModels.file(RandomModelWriter.Spec.small()
                    .withFormats(QuantFormat.Q4_0, Optional.empty()).withName("engine-small-q4_0"));
        };
    }

    /**
     * {@code count} distinct prompts of different lengths starting with BOS: pieces of a story for real text, random
     * token ids for random weights.
     */
    static List<int[]> prompts(LanguageModel language, int count, int shortest, int step) {
        SplittableRandom random = new SplittableRandom(count * 31L + shortest);
        String story = "Once upon a time, there was a little girl named Lily. She loved to play outside in the park."
                + " One day, she saw a big red ball under a tree. Her friend Ben came and they played together"
                + " until the sun went down. Then their mom called them home for dinner and a warm bath.";
        int[] text = language.tokenizer().encode(story);
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = shortest + i * step;
            int[] prompt = new int[length];
            prompt[0] = language.tokenizer().bosToken().orElse(1);
            int offset = random.nextInt(text.length);
            for (int t = 1; t < length; t++) {
                prompt[t] = language.tokenizer().isSpecial(text[(offset + t) % text.length])
                        ? 300 + random.nextInt(100) : text[(offset + t) % text.length];
            }
            prompt[length - 1] = 260 + i; // makes every prompt distinct
            prompts.add(prompt);
        }
        return prompts;
    }

    /** Greedy decoding of up to {@code maxTokens} tokens, with logprobs. */
    static SamplingParameters greedy(int maxTokens) {
        return SamplingParameters.greedy().toBuilder().maxTokens(maxTokens).logprobs(true).build();
    }

    /** Seeded sampling with temperature, top-k, top-p and a repetition penalty, with logprobs. */
    static SamplingParameters seeded(long seed, int maxTokens) {
        return SamplingParameters.builder().temperature(0.9).topK(40).topP(0.95).repetitionPenalty(1.1)
                .seed(seed).maxTokens(maxTokens).logprobs(true).build();
    }

    /** The request run alone on a sequence of its own with the engine's context and KV dtype: the oracle. */
    static TextGenerator.Result alone(LanguageModel language, int[] prompt, SamplingParameters sampling) {
        try (SequenceRunner sequence = language.newSequence(language.contextLength(), QuantFormat.F16)) {
            return TextGenerator.generate(language, sequence, prompt, sampling, text -> { });
        }
    }

    /** Polls the engine's statistics until {@code condition} holds (the engine thread publishes them). */
    static EngineStats awaitStats(EngineCore engine, Predicate<EngineStats> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.test(engine.stats())) {
            assertThat(System.nanoTime()).as("stats never reached the condition: %s", engine.stats())
                    .isLessThan(deadline);
            Thread.sleep(1);
        }
        return engine.stats();
    }

    /** Waits for every chunk of {@code chunks}. */
    static Outcome collect(Flux<TokenChunk> chunks) {
        List<TokenChunk> all = chunks.collectList().block(Duration.ofSeconds(120));
        IntStream.Builder ids = IntStream.builder();
        StringBuilder text = new StringBuilder();
        for (TokenChunk chunk : all) {
            for (int id : chunk.tokenIds()) {
                ids.add(id);
            }
            text.append(chunk.text());
        }
        TokenChunk last = all.getLast();
        assertThat(last.isFinal()).isTrue();
        if (last.stopToken() != null) {
            ids.add(last.stopToken().id()); // sampled, but not output: the oracle counts it among its ids
        }
        return new Outcome(ids.build().toArray(), text.toString(), last.finishReason(), last.metrics(), all);
    }

    /**
     * Asserts that the engine gave exactly the oracle's tokens, text and finish reason, and, where logprobs were asked
     * for, exactly the same logprobs (equal doubles: the logits were bit-identical).
     */
    static void assertSameAsAlone(String what, Outcome engine, TextGenerator.Result alone) {
        assertThat(engine.ids()).as("%s: token ids", what).containsExactly(alone.generatedIds());
        assertThat(engine.text()).as("%s: text", what).isEqualTo(alone.text());
        assertThat(engine.finish()).as("%s: finish reason", what).isEqualTo(alone.finishReason());
        List<SampledToken> sampled = new ArrayList<>();
        engine.chunks().forEach(chunk -> {
            sampled.addAll(chunk.tokens());
            if (chunk.stopToken() != null) {
                sampled.add(chunk.stopToken());
            }
        });
        assertThat(sampled).as("%s: sampled tokens with their logprobs", what).isEqualTo(alone.sampledTokens());
    }

    @Override
    public void close() {
        models.values().forEach(LanguageModel::close);
        backends.values().forEach(Backend::close);
    }
}
