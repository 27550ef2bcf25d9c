package dev.caracal.cache.redis.testing;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.engine.core.EngineCore;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.RequestMetrics;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.SampledToken;
import dev.caracal.engine.api.SamplingParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import reactor.core.publisher.Flux;

/**
 * Models opened as separate instances (each on a CPU backend of its own, as two processes would), for the tests and
 * the benchmark of the Redis tier with real engines; closes what it opened.
 */
public final class EngineInstances implements AutoCloseable {

    /**
     * What one request produced.
     *
     * @param tokens  the sampled tokens with their logprobs
     * @param finish  why it ended
     * @param error   the error message, or null
     * @param metrics its metrics
     */
    public record Run(List<SampledToken> tokens, FinishReason finish, String error, RequestMetrics metrics) {

        public int[] ids() {
            return tokens.stream().mapToInt(SampledToken::id).toArray();
        }
    }

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** {@code file} opened on a new CPU backend of {@code threads} threads with a context of {@code context} tokens. */
    public LanguageModel open(Path file, int threads, int context) {
        Backend backend = BackendRegistry.open("cpu", new BackendOptions(threads));
        opened.add(backend);
        try {
            LanguageModel model = LanguageModel.open(file, backend, context);
            opened.add(model);
            return model;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Greedy decoding of up to {@code maxTokens} tokens with logprobs, not stopping at end-of-generation tokens. */
    public static SamplingParameters greedy(int maxTokens) {
        return SamplingParameters.greedy().toBuilder().maxTokens(maxTokens).logprobs(true).build();
    }

    /** Submits a greedy request that ignores end-of-generation tokens. */
    public static Flux<TokenChunk> submit(EngineCore engine, String id, int[] prompt, int maxTokens) {
        return engine.generate(EngineRequest.of(id, prompt, greedy(maxTokens)).withIgnoreEos(true));
    }

    /** Waits for every chunk of a request. */
    public static Run collect(Flux<TokenChunk> chunks) {
        List<TokenChunk> all = chunks.collectList().block(Duration.ofSeconds(120));
        List<SampledToken> tokens = new ArrayList<>();
        all.forEach(chunk -> tokens.addAll(chunk.tokens()));
        TokenChunk last = all.getLast();
        return new Run(tokens, last.finishReason(), last.error(), last.metrics());
    }

    /** Runs a greedy request to its end. */
    public static Run run(EngineCore engine, String id, int[] prompt, int maxTokens) {
        return collect(submit(engine, id, prompt, maxTokens));
    }

    /** BOS (id 1), then {@code length - 1} random token ids in [3, vocabulary), the same for the same seed. */
    public static int[] randomPrompt(long seed, int length, int vocabulary) {
        return concat(new int[] {1}, randomTokens(seed, length - 1, vocabulary));
    }

    /** {@code count} random token ids in [3, vocabulary), the same for the same seed. */
    public static int[] randomTokens(long seed, int count, int vocabulary) {
        return new SplittableRandom(seed).ints(count, 3, vocabulary).toArray();
    }

    /** {@code first} followed by {@code more}. */
    public static int[] concat(int[] first, int... more) {
        int[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : opened.reversed()) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // Closing the rest matters more.
            }
        }
        opened.clear();
    }
}
