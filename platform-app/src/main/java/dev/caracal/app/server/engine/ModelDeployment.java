package dev.caracal.app.server.engine;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.kv.KvBlockStore;
import dev.caracal.app.server.CaracalProperties;
import dev.caracal.engine.kv.KvCacheSizing;
import dev.caracal.engine.model.LanguageModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One served model: its file, its backend, its engine and its state. Loaded once, in the background; requests for it
 * before then are refused (503) by the gateway.
 */
public final class ModelDeployment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelDeployment.class);

    /** Where a deployment is in its life. */
    public enum State {
        LOADING, READY, FAILED, STOPPED
    }

    private final String name;
    private final String alias;
    private final CaracalProperties.Model config;
    private final Callable<Path> file;
    private volatile State state = State.LOADING;
    private volatile String failure;
    private volatile Path path;
    private volatile String backendName;
    private volatile int contextLength;
    private volatile PromptEncoder prompts;
    private volatile EngineAdapter engine;
    private volatile ModelSummary summary;
    private Backend backend;
    private LanguageModel model;

    /**
     * A deployment, not loaded yet.
     *
     * @param name   unique among deployments: the alias, with {@code #2}, {@code #3}, ... for further deployments of
     *               the same alias
     * @param alias  the name clients use
     * @param config how to run it
     * @param file   where the model file is (resolved when loading: the demo model is extracted then)
     */
    ModelDeployment(String name, String alias, CaracalProperties.Model config, Callable<Path> file) {
        this.name = name;
        this.alias = alias;
        this.config = config;
        this.file = file;
    }

    /**
     * Opens the backend, the model and its engine (over {@code blockStore}, the second tier of the prefix cache, when
     * not null); on failure the deployment is {@link State#FAILED}.
     */
    synchronized void load(KvBlockStore blockStore) {
        if (state != State.LOADING) {
            return;
        }
        long start = System.nanoTime();
        try {
            path = file.call();
            backend = BackendRegistry.open(config.backend(), new BackendOptions(config.threads()));
            backendName = backend.name();
            BackendWarnings.warnIfSlower(backend.name(), config.backend());
            model = LanguageModel.open(path, backend, config.contextLength());
            contextLength = model.contextLength();
            prompts = new PromptEncoder(model.tokenizer(), model.chatTemplate());
            if (prompts.usesFallbackTemplate()) {
                LOG.info("model {} has no chat template; chat requests join the messages' contents with blank lines",
                        name);
            }
            engine = EngineAdapter.start(name, model, backend, config, blockStore);
            long loaded = System.nanoTime();
            engine.warmUp(prompts.encodeText("Hello"), WARM_UP_TIMEOUT);
            summary = summarize(start, loaded, System.nanoTime());
            state = State.READY;
            LOG.info("model {} is ready: {}", name, summary.describe());
        } catch (Exception | LinkageError problem) {
            failure = problem.getMessage() == null ? problem.toString() : problem.getMessage();
            state = State.FAILED;
            LOG.error("model {} failed to load: {}", name, failure);
            release();
        }
    }

    /** The longest the warm-up step may take (a large model on a slow backend). */
    private static final java.time.Duration WARM_UP_TIMEOUT = java.time.Duration.ofMinutes(10);

    private ModelSummary summarize(long start, long loaded, long warmed) {
        KvCacheSizing sizing = engine.kvCacheSizing();
        int blocksPerRequest = (contextLength + engine.blockSize() - 1) / engine.blockSize();
        return new ModelSummary(path.toString(), model.containerFormat(), model.config().architecture(),
                model.description().parameterCount(), model.weightBytes(), backendName,
                BackendWarnings.choice(backendName, config.backend()), sizing.bytes(), engine.kvCacheType(),
                sizing.memory(), sizing.blocks(), engine.blockSize(), (long) sizing.blocks() * engine.blockSize(),
                contextLength,
                sizing.blocks() / blocksPerRequest, config.maxSequences(), (loaded - start) / 1_000_000,
                (warmed - loaded) / 1_000_000);
    }

    /** What the deployment is and holds, once it is ready (null before). */
    public ModelSummary summary() {
        return summary;
    }

    /** The deployment's own name (metrics, health, logs): the alias, or the alias and {@code #N} for a fallback. */
    public String name() {
        return name;
    }

    /** The model name clients use; deployments sharing it serve the same model, the later ones as fallbacks. */
    public String alias() {
        return alias;
    }

    /** The most requests its engine runs at once. */
    public int maxSequences() {
        return config.maxSequences();
    }

    public State state() {
        return state;
    }

    /** Why loading failed, or null. */
    public String failure() {
        return failure;
    }

    /** The model file, once loading has resolved it (null before). */
    public Path path() {
        return path;
    }

    /** The backend's name once opened, or the configured preference before. */
    public String backend() {
        return backendName != null ? backendName : config.backend();
    }

    /** The most tokens one request may hold; 0 before the model is loaded. */
    public int contextLength() {
        return contextLength;
    }

    /** The model's tokenizer and chat template; only when {@link State#READY}. */
    public PromptEncoder prompts() {
        requireReady();
        return prompts;
    }

    /** Runs one request: its events end with a final one; cancelling the subscription cancels the request. */
    public Flux<GenerationEvent> generate(GenerationRequest request) {
        return generate(request, Schedulers.parallel());
    }

    /** As {@link #generate(GenerationRequest)}, the events delivered on {@code delivery} (a connection's thread). */
    public Flux<GenerationEvent> generate(GenerationRequest request, Scheduler delivery) {
        requireReady();
        return engine.generate(request, delivery);
    }

    /** The engine's requests and caches now ({@link DeploymentStats#IDLE} when not running). */
    public DeploymentStats stats() {
        EngineAdapter running = engine;
        return running == null || state != State.READY ? DeploymentStats.IDLE : running.stats();
    }

    private void requireReady() {
        if (state != State.READY) {
            throw new IllegalStateException("model " + name + " is " + state.name().toLowerCase());
        }
    }

    @Override
    public synchronized void close() {
        if (state == State.READY) {
            state = State.STOPPED;
        }
        release();
    }

    private void release() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
        if (model != null) {
            model.close();
            model = null;
        }
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }
}
