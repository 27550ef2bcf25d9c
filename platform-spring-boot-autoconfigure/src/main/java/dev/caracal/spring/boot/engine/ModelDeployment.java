package dev.caracal.spring.boot.engine;

import dev.caracal.api.kv.KvBlockStore;
import dev.caracal.engine.api.EngineClient;
import dev.caracal.engine.api.EngineOptions;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.EngineStats;
import dev.caracal.engine.api.LocalEngine;
import dev.caracal.engine.api.ModelSummary;
import dev.caracal.engine.api.Prompts;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.spring.boot.CaracalProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One model of the application: its configuration, its engine ({@link LocalEngine}, the engine API's entry point),
 * which it serves as an {@link EngineClient}, and its state. Loaded once, before the application is ready or in the
 * background; closed gracefully: it takes no new requests while those running finish, for a while.
 */
public final class ModelDeployment implements EngineClient, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelDeployment.class);

    /** The longest the warm-up step may take (a large model on a slow backend). */
    private static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(10);

    /** Where a deployment is in its life. */
    public enum State {
        LOADING, READY, FAILED, DRAINING, STOPPED
    }

    /** How often draining looks whether the engine has finished its requests. */
    private static final Duration DRAIN_POLL = Duration.ofMillis(20);

    private final String name;
    private final String alias;
    private final CaracalProperties.Model config;
    private final Callable<Path> file;
    private volatile State state = State.LOADING;
    private volatile String failure;
    private volatile Path path;
    private volatile LocalEngine engine;
    private volatile ModelSummary summary;
    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile boolean pinned;
    private volatile long lastUsedNanos = System.nanoTime();
    private final Set<String> unfinished = ConcurrentHashMap.newKeySet();

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
        this.pinned = config.pinned();
    }

    /** The engine options of a configured model (and the second tier of the prefix cache, or null). */
    static EngineOptions options(CaracalProperties.Model config, KvBlockStore blockStore) {
        EngineOptions options = EngineOptions.defaults().withBackend(config.backend()).withThreads(config.threads())
                .withContextLength(config.contextLength()).withMaxSequences(config.maxSequences())
                .withBlockStore(blockStore);
        return config.kvMemory() == null ? options : options.withKvCacheBytes(config.kvMemory().toBytes());
    }

    /**
     * Opens the model's engine (over {@code blockStore}, the second tier of the prefix cache, when not null) and warms
     * it up; on failure the deployment is {@link State#FAILED}.
     */
    synchronized void load(KvBlockStore blockStore) {
        if (state != State.LOADING) {
            return;
        }
        try {
            open(blockStore);
        } finally {
            settled.countDown();
        }
    }

    private void open(KvBlockStore blockStore) {
        try {
            path = file.call();
            engine = LocalEngine.open(path, options(config, blockStore));
            if (engine.prompts().usesFallbackTemplate()) {
                LOG.info("model {} has no chat template; chat requests join the messages' contents with line breaks",
                        name);
            }
            engine.warmUp(WARM_UP_TIMEOUT);
            summary = engine.summary();
            state = State.READY;
            LOG.info("model {} is ready: {}", name, summary.describe());
        } catch (Exception | LinkageError problem) {
            failure = problem.getMessage() == null ? problem.toString() : problem.getMessage();
            state = State.FAILED;
            LOG.error("model {} failed to load: {}", name, failure);
            release();
        }
    }

    /** Whether it stays loaded however long it is idle ({@link DeploymentRegistry#keepAlive()}). */
    public boolean pinned() {
        return pinned;
    }

    /** Pins it (never unloaded for being idle) or unpins it. */
    public void pin(boolean value) {
        pinned = value;
    }

    /** How long since its last request (or since it was created), in whole seconds. */
    public long idleSeconds() {
        return (System.nanoTime() - lastUsedNanos) / 1_000_000_000L;
    }

    /** Whether it is ready, not pinned, running no request, and had none for {@code keepAlive}. */
    boolean idleFor(Duration keepAlive) {
        return state == State.READY && !pinned && System.nanoTime() - lastUsedNanos > keepAlive.toNanos()
                && !busy(engine);
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
        LocalEngine running = engine;
        return running != null ? running.backend() : config.backend();
    }

    /** The most tokens one request may hold; 0 before the model is loaded. */
    public int contextLength() {
        LocalEngine running = engine;
        return running == null ? 0 : running.contextLength();
    }

    /** Tokens per KV block; 0 before the model is loaded. */
    public int blockSize() {
        LocalEngine running = engine;
        return running == null ? 0 : running.blockSize();
    }

    /**
     * The prefix-cache hashes of the full blocks of {@code tokens} for a request with {@code cacheSalt}
     * ({@link LocalEngine#blockHashes}); only when {@link State#READY}.
     */
    public List<String> blockHashes(int[] tokens, String cacheSalt) {
        requireReady();
        return engine.blockHashes(tokens, cacheSalt);
    }

    /** The hashes of every KV block that holds one ({@link LocalEngine#cachedBlockHashes}); none unless ready. */
    public List<String> cachedBlockHashes() {
        LocalEngine running = engine;
        return running == null || state != State.READY ? List.of() : running.cachedBlockHashes();
    }

    /** The model's prompts and texts (tokenizer and chat template); only when {@link State#READY}. */
    public Prompts prompts() {
        requireReady();
        return engine.prompts();
    }

    /** What the deployment is and holds, once it is ready (null before). */
    public ModelSummary summary() {
        return summary;
    }

    /** The engine itself, through the engine API (for benchmarks measuring it without HTTP); only when ready. */
    public EngineClient engine() {
        requireReady();
        return engine;
    }

    /**
     * Waits until loading has ended (for a model loading in the background), at most {@code timeout}.
     *
     * @throws IllegalStateException when the model is not ready then (still loading, failed, closed), saying which
     */
    public void awaitReady(Duration timeout) {
        try {
            settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        requireReady();
    }

    /** Runs one request: its chunks end with a final one; cancelling the subscription cancels the request. */
    @Override
    public Flux<TokenChunk> generate(EngineRequest request) {
        return generate(request, Schedulers.parallel());
    }

    /** As {@link #generate(EngineRequest)}, the chunks delivered on {@code delivery} (a connection's thread). */
    @Override
    public Flux<TokenChunk> generate(EngineRequest request, Scheduler delivery) {
        requireReady();
        lastUsedNanos = System.nanoTime();
        Flux<TokenChunk> chunks = engine.generate(request, delivery);
        unfinished.add(request.requestId());
        return chunks.doFinally(signal -> unfinished.remove(request.requestId()));
    }

    @Override
    public boolean cancel(String requestId) {
        LocalEngine running = engine;
        return running != null && running.cancel(requestId);
    }

    /** The engine's requests and caches now ({@link EngineStats#IDLE} when not running). */
    @Override
    public EngineStats stats() {
        LocalEngine running = engine;
        return running == null || state != State.READY && state != State.DRAINING ? EngineStats.IDLE
                : running.stats();
    }

    /**
     * Takes no new requests and waits, at most {@code timeout}, for those running to finish; those still unfinished
     * then are cancelled (their streams end with finish reason {@code CANCELLED}). The engine stays open: {@link #close}
     * releases it.
     *
     * @return the number of requests cancelled
     */
    public int drain(Duration timeout) {
        LocalEngine running;
        synchronized (this) {
            if (state != State.READY && state != State.DRAINING) {
                return 0;
            }
            state = State.DRAINING;
            running = engine;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (busy(running) && System.nanoTime() < deadline) {
            pause();
        }
        int cancelled = 0;
        for (String requestId : Set.copyOf(unfinished)) {
            cancelled += running.cancel(requestId) ? 1 : 0;
        }
        if (cancelled > 0) {
            LOG.info("model {}: cancelled {} request(s) still running after {} of shutdown", name, cancelled,
                    timeout);
            long grace = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (busy(running) && System.nanoTime() < grace) {
                pause(); // the cancelled requests end at the engine's next step
            }
        }
        return cancelled;
    }

    /** Takes no new requests from now on (a ready deployment becomes {@link State#DRAINING}). */
    void startDraining() {
        if (state == State.READY) {
            state = State.DRAINING;
        }
    }

    private static boolean busy(LocalEngine engine) {
        if (engine == null) {
            return false;
        }
        EngineStats.Requests requests = engine.stats().requests();
        return requests.running() + requests.waiting() + requests.paused() > 0;
    }

    private static void pause() {
        try {
            Thread.sleep(DRAIN_POLL);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireReady() {
        if (state != State.READY) {
            throw new IllegalStateException("model " + name + " is " + state.name().toLowerCase());
        }
    }

    @Override
    public synchronized void close() {
        if (state == State.READY || state == State.DRAINING) {
            state = State.STOPPED;
        }
        release();
        settled.countDown();
    }

    private void release() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
