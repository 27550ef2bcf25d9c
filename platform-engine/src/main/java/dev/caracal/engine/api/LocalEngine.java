package dev.caracal.engine.api;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.engine.core.EngineConfig;
import dev.caracal.engine.core.EngineCore;
import dev.caracal.engine.kv.KvCacheSizing;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelFiles;
import dev.caracal.formats.OpenModel;
import dev.caracal.formats.template.ChatMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * A model running on an engine in this process: the one entry point of the gateway, the command line and embedding
 * applications. It opens the backend, the model and its continuous-batching engine ({@link #open}), turns a prompt or
 * a conversation into tokens ({@link #prompts}), generates from token ids, a text or a conversation, and reports what
 * it is ({@link #summary}) and does ({@link #stats}). Closing it stops the engine and releases the model and backend.
 */
public final class LocalEngine implements EngineClient, AutoCloseable {

    private final Path file;
    private final Backend backend;
    private final LanguageModel model;
    private final EngineCore engine;
    private final Prompts prompts;
    private final String backendChoice;
    private final long loadMillis;
    private volatile long warmUpMillis = -1;

    private LocalEngine(Path file, Backend backend, LanguageModel model, EngineCore engine, String backendChoice,
            long loadMillis) {
        this.file = file;
        this.backend = backend;
        this.model = model;
        this.engine = engine;
        this.prompts = new Prompts(model.tokenizer(), model.chatTemplate());
        this.backendChoice = backendChoice;
        this.loadMillis = loadMillis;
    }

    /**
     * Opens the model at {@code file} (a GGUF file or a Hugging Face model directory) on the backend {@code options}
     * names and starts its engine.
     *
     * @throws IOException                  when a file cannot be read
     * @throws dev.caracal.formats.ModelFormatException when the model, its tokenizer or template is malformed
     * @throws IllegalArgumentException     when the KV memory cannot hold one request of the context
     * @throws IllegalStateException        when the backend is not available
     */
    public static LocalEngine open(Path file, EngineOptions options) throws IOException {
        long start = System.nanoTime();
        Backend backend = BackendRegistry.open(options.backend(), new BackendOptions(options.threads()));
        LanguageModel model = null;
        try {
            BackendChoice.warnIfSlower(backend.name(), options.backend());
            model = LanguageModel.open(file, backend, options.contextLength());
            EngineConfig config = EngineConfig.defaults().withMaxSequences(options.maxSequences())
                    .withMaxBatchedTokens(options.maxBatchedTokens()).withKvCacheType(options.kvCacheType())
                    .withBlockStore(options.blockStore());
            if (options.kvCacheBytes() > 0) {
                config = config.withKvCacheBytes(options.kvCacheBytes());
            }
            EngineCore engine = EngineCore.start(model, config);
            return new LocalEngine(file, backend, model, engine, BackendChoice.choice(backend.name(),
                    options.backend()), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException | Error failure) {
            if (model != null) {
                model.close();
            }
            backend.close();
            throw failure;
        }
    }

    /**
     * What one request of the whole context needs of the KV cache.
     *
     * @param contextLength the context: configured, or the model's own
     * @param bytes         KV cache bytes for one request of it, in whole blocks
     */
    public record KvCacheNeed(int contextLength, long bytes) {
    }

    /**
     * The KV cache one request of the whole context needs, for the model at {@code file} opened with {@code options},
     * reading only the model's hyperparameters: what a configured KV memory must hold at least.
     */
    public static KvCacheNeed kvCacheNeed(Path file, EngineOptions options) throws IOException {
        try (OpenModel open = ModelFiles.open(file)) {
            ModelConfig config = open.description().config();
            int context = options.contextLength() > 0 ? options.contextLength() : config.contextLength();
            KvCacheSpec spec = new KvCacheSpec(config.blockCount(), config.headCountKv(), config.keyLength(),
                    EngineConfig.defaults().blockSize(), options.kvCacheType());
            return new KvCacheNeed(context, KvCacheSizing.bytesForOneRequest(spec, context));
        }
    }

    /** The model's prompts and texts: completion prompts, conversations, token texts. */
    public Prompts prompts() {
        return prompts;
    }

    /** The most tokens one request may hold (prompt and generated). */
    public int contextLength() {
        return engine.contextLength();
    }

    /** The backend's name. */
    public String backend() {
        return backend.name();
    }

    /** Tokens per KV block: the unit of the paged KV cache and of prefix caching. */
    public int blockSize() {
        return engine.config().blockSize();
    }

    /**
     * The prefix-cache keys of a prompt: the chained hashes of the full blocks of {@code tokens} (block {@code i} covers
     * tokens {@code [i * blockSize(), (i + 1) * blockSize())}; a partial last block has none), each as 32 lower-case hex
     * digits, exactly as the engine computes them for a request of these prompt tokens with {@code cacheSalt} (with
     * this model's fingerprint). Generates nothing; any thread.
     *
     * @param cacheSalt the request's {@link EngineRequest#cacheSalt()}, or null
     */
    public List<String> blockHashes(int[] tokens, String cacheSalt) {
        return engine.blockHashes(tokens, cacheSalt);
    }

    /**
     * The hashes (as {@link #blockHashes}) of every block of the KV cache that holds one now, held by a request or
     * cached and free: what a new request's prefix lookup could find here. Any thread, while the engine runs; a block
     * cached or evicted during the call may or may not be listed.
     */
    public List<String> cachedBlockHashes() {
        return engine.cachedBlockHashes();
    }

    /** The tokens of the request's prompt come already encoded: see {@link EngineClient#generate(EngineRequest)}. */
    @Override
    public Flux<TokenChunk> generate(EngineRequest request) {
        return engine.generate(request);
    }

    @Override
    public Flux<TokenChunk> generate(EngineRequest request, Scheduler delivery) {
        return engine.generate(request, delivery);
    }

    /** Generates after {@code text} as a completion prompt (BOS and the text). */
    public Flux<TokenChunk> complete(String text, SamplingParameters sampling) {
        return engine.generate(EngineRequest.of(EngineRequest.newId(), prompts.text(text), sampling));
    }

    /** Answers {@code conversation} through the model's chat template. */
    public Flux<TokenChunk> chat(List<ChatMessage> conversation, SamplingParameters sampling) {
        return engine.generate(EngineRequest.of(EngineRequest.newId(), prompts.chat(conversation), sampling));
    }

    @Override
    public boolean cancel(String requestId) {
        return engine.cancel(requestId);
    }

    @Override
    public EngineStats stats() {
        return engine.stats();
    }

    /**
     * Runs one short request (a few tokens of prompt, one generated) and waits for it, so that the first caller does
     * not pay for the first step's compilation and allocation.
     *
     * @throws IllegalStateException when the step fails or does not finish within {@code timeout}
     */
    public void warmUp(Duration timeout) {
        long start = System.nanoTime();
        SamplingParameters oneToken = SamplingParameters.greedy().toBuilder().maxTokens(1).build();
        TokenChunk last = engine.generate(EngineRequest.of("warm-up-" + EngineRequest.newId(), prompts.text("Hello"),
                oneToken)).blockLast(timeout);
        if (last == null || last.finishReason() == FinishReason.ERROR) {
            throw new IllegalStateException("the warm-up step failed" + (last == null ? "" : ": " + last.error()));
        }
        warmUpMillis = (System.nanoTime() - start) / 1_000_000;
    }

    /** What was loaded and how the KV cache was sized (the warm-up time is -1 before {@link #warmUp}). */
    public ModelSummary summary() {
        KvCacheSizing sizing = engine.kvCacheSizing();
        int blockSize = engine.config().blockSize();
        int context = engine.contextLength();
        int blocksPerRequest = (context + blockSize - 1) / blockSize;
        return new ModelSummary(file.toString(), model.containerFormat(), model.config().architecture(),
                model.description().parameterCount(), model.weightBytes(), backend.name(), backendChoice,
                sizing.bytes(), engine.config().kvCacheType().name(), sizing.memory(), sizing.blocks(), blockSize,
                (long) sizing.blocks() * blockSize, context, sizing.blocks() / blocksPerRequest,
                engine.config().maxSequences(), loadMillis, warmUpMillis);
    }

    /** Stops the engine (unfinished requests end with an error) and releases the model and the backend. */
    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            try {
                model.close();
            } finally {
                backend.close();
            }
        }
    }
}
