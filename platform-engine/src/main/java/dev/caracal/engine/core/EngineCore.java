package dev.caracal.engine.core;

import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvBlockNamespace;
import dev.caracal.api.kv.KvBlockStore;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.engine.api.EngineClient;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.EngineStats;
import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.SampledToken;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.connector.BlockStoreConnector;
import dev.caracal.engine.connector.KvConnector;
import dev.caracal.engine.connector.TierTransfers;
import dev.caracal.engine.kv.BlockHash;
import dev.caracal.engine.kv.BlockHashChain;
import dev.caracal.engine.kv.BlockHasher;
import dev.caracal.engine.kv.BlockPool;
import dev.caracal.engine.kv.KvCacheManager;
import dev.caracal.engine.kv.KvCacheSizing;
import dev.caracal.engine.kv.ModelFingerprint;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.StepBuffers;
import dev.caracal.engine.model.TransformerModel;
import dev.caracal.engine.sampling.SamplingWorkspace;
import dev.caracal.engine.sampling.TokenGeneration;
import dev.caracal.engine.scheduler.RequestState;
import dev.caracal.engine.scheduler.ScheduledRequest;
import dev.caracal.engine.scheduler.Scheduler;
import dev.caracal.engine.scheduler.SchedulerConfig;
import dev.caracal.engine.scheduler.SchedulerOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The engine of one loaded model: a thread that runs the step loop (vLLM's engine core) over a paged KV cache shared
 * by every request.
 *
 * <p>Each step: take new submissions and cancellations; let the {@link Scheduler} pick the requests and token ranges
 * of the step under its token budget (decodes, then prefill chunks, then new requests after their cached prefix),
 * preempting when blocks run out; run {@link TransformerModel#forward} once for all of them (each weight matrix read
 * once per step, attention per request over its block table); sample the requests whose last known token was
 * computed; stream their text; free the blocks of finished requests. The thread blocks while there is nothing to do.
 *
 * <p>With a second cache tier (a {@link KvConnector} over {@link EngineConfig#blockStore()}, driven by
 * {@link TierTransfers}), a new request whose prompt blocks are not all in the local prefix cache waits for the tier's
 * answer (the connector bounds the wait) before it can be scheduled; the answer is loaded between steps, and after each
 * step the tier is handed the blocks the step completed. A tier that fails or does not answer only means computing.
 *
 * <p>A step whose forward pass throws fails only that step's requests (a final chunk with {@link FinishReason#ERROR}
 * and the message) and the loop goes on. {@link #close()} stops the loop and ends unfinished requests with
 * {@link FinishReason#ERROR}. The caller keeps and closes the {@link LanguageModel}; the engine owns its KV cache.
 */
public final class EngineCore implements EngineClient, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EngineCore.class.getName());
    private static final AtomicInteger ENGINES = new AtomicInteger();

    private sealed interface Command {
    }

    private record Submit(ActiveRequest request) implements Command {
    }

    private record Cancel(String requestId) implements Command {
    }

    private record Stop() implements Command {
    }

    /** A paused request's reader asked for more: the loop looks again. */
    private record Wake() implements Command {
    }

    private static final Wake WAKE = new Wake();

    /**
     * Chunks a request may produce beyond what its subscriber asked for: its output buffer. When it is full the request
     * is paused (it keeps its KV blocks, costs no compute) until the subscriber reads.
     */
    static final int OUTPUT_BUFFER = 64;

    /** Chunks handed at a time to the thread that delivers them. */
    static final int DELIVERY_PREFETCH = 8;

    /** Logits rows a step reads back in one transfer at most (16 rows of Qwen3's vocabulary: 9.7 MB). */
    static final int LOGIT_ROWS_AT_ONCE = 16;

    /** The second tier's answer for a request's prompt blocks. */
    private record Fetched(ActiveRequest request, TierTransfers.Answer answer) implements Command {
    }

    private final LanguageModel language;
    private final TransformerModel model;
    private final EngineConfig config;
    private final KvCacheSizing sizing;
    private final KvCache cache;
    private final StepBuffers buffers;
    private final BlockPool pool;
    private final KvCacheManager kv;
    private final Scheduler scheduler;
    private final BlockHasher hasher;
    private final TierTransfers tier;
    private final SamplingWorkspace workspace = new SamplingWorkspace();
    /** Logits rows read back from the backend together, up to {@link #LOGIT_ROWS_AT_ONCE} at a time. */
    private final float[][] logitValues;
    private final int contextLength;
    private final Map<String, ActiveRequest> active = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Command> inbox = new LinkedBlockingQueue<>();
    private final Object submitLock = new Object();
    private final Thread thread;
    private volatile boolean closed;
    private final AtomicBoolean cacheOpen = new AtomicBoolean(true);
    private volatile EngineStats stats;
    private long requestsSubmitted;
    private long requestsFinished;
    private long computedTokens;
    private long generatedTokens;
    private long steps;
    private long failedSteps;
    private int pausedCount;

    private EngineCore(LanguageModel language, EngineConfig config) {
        this.language = language;
        this.model = language.transformer();
        this.config = config;
        this.contextLength = language.contextLength();
        KvCacheSpec spec = model.kvCacheSpec(config.blockSize(), config.kvCacheType());
        this.sizing = KvCacheSizing.resolve(config.kvCacheBytes(), config.kvCacheMemoryFraction(), spec,
                model.backend(), contextLength);
        byte[] fingerprint = ModelFingerprint.of(language.description(), language.metadata(), language.fileBytes(),
                spec);
        this.hasher = new BlockHasher(fingerprint);
        this.pool = new BlockPool(sizing.blocks());
        this.kv = new KvCacheManager(pool, config.blockSize(), config.prefixCaching());
        this.scheduler = new Scheduler(new SchedulerConfig(config.maxBatchedTokens(), config.maxSequences()), kv);
        this.logitValues = new float[Math.min(LOGIT_ROWS_AT_ONCE, Math.max(1, config.maxSequences()))]
                [language.config().vocabularySize()];
        this.cache = model.backend().allocateKvCache(spec, sizing.blocks());
        try {
            this.buffers = model.newStepBuffers(config.maxBatchedTokens(), config.maxSequences());
        } catch (RuntimeException | Error failure) {
            cache.close();
            throw failure;
        }
        String name = "caracal-engine-" + ENGINES.incrementAndGet();
        KvBlockStore store = config.prefixCaching() ? config.blockStore() : null;
        this.tier = new TierTransfers(store == null ? KvConnector.NONE
                : new BlockStoreConnector(store, new KvBlockNamespace(fingerprint, spec), name), kv, cache);
        publishStats();
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
    }

    /**
     * Sizes the KV cache, allocates it and starts the step loop for {@code language} (which must stay open until the
     * engine is closed).
     *
     * @throws IllegalArgumentException when the KV memory cannot hold one request of the model's context length
     */
    public static EngineCore start(LanguageModel language, EngineConfig config) {
        EngineCore engine = new EngineCore(language, config);
        engine.thread.start();
        return engine;
    }

    /** The client of this engine (the engine itself). */
    public EngineClient client() {
        return this;
    }

    public EngineConfig config() {
        return config;
    }

    /** How the KV cache was sized. */
    public KvCacheSizing kvCacheSizing() {
        return sizing;
    }

    /** The most tokens one request may hold (prompt and generated). */
    public int contextLength() {
        return contextLength;
    }

    @Override
    public EngineStats stats() {
        return stats;
    }

    /**
     * The prefix-cache hashes of the full blocks of {@code tokens}, as this engine computes them for a request of those
     * prompt tokens with {@code cacheSalt}, in 32 hex digits each. Any thread.
     */
    public List<String> blockHashes(int[] tokens, String cacheSalt) {
        BlockHashChain chain = new BlockHashChain(hasher, config.blockSize(), cacheSalt);
        chain.update(tokens, tokens.length);
        List<String> hashes = new ArrayList<>(chain.size());
        for (int i = 0; i < chain.size(); i++) {
            hashes.add(chain.get(i).toHex());
        }
        return hashes;
    }

    /** The hashes of every block of the KV cache that holds one now (see {@link BlockPool#cachedHashes()}). */
    public List<String> cachedBlockHashes() {
        return pool.cachedHashes().stream().map(BlockHash::toHex).toList();
    }

    @Override
    public Flux<TokenChunk> generate(EngineRequest request) {
        return generate(request, Schedulers.parallel());
    }

    @Override
    public Flux<TokenChunk> generate(EngineRequest request, reactor.core.scheduler.Scheduler delivery) {
        int[] prompt = request.promptTokens();
        int vocabulary = language.config().vocabularySize();
        for (int token : prompt) {
            if (token < 0 || token >= vocabulary) {
                throw new IllegalArgumentException("request " + request.requestId() + ": prompt token id " + token
                        + " is outside the vocabulary [0, " + vocabulary + ")");
            }
        }
        if (prompt.length > contextLength) {
            throw new IllegalArgumentException("request " + request.requestId() + ": the prompt is " + prompt.length
                    + " tokens; the context holds " + contextLength);
        }
        long kvTokens = Math.min((long) prompt.length + request.sampling().maxTokens() - 1, contextLength);
        long blocks = (kvTokens + config.blockSize() - 1) / config.blockSize();
        if (blocks > pool.blockCount()) {
            throw new IllegalArgumentException("request " + request.requestId() + ": " + kvTokens
                    + " tokens of prompt and output need " + blocks + " KV blocks; the whole cache has "
                    + pool.blockCount());
        }
        TokenGeneration generation = new TokenGeneration(language.tokenizer(), prompt, request.sampling(),
                vocabulary, workspace, request.ignoreEos());
        RequestState state = new RequestState(request.requestId(), prompt, request.priority(),
                new BlockHashChain(hasher, config.blockSize(), request.cacheSalt()));
        Sinks.Many<TokenChunk> sink = Sinks.many().unicast().onBackpressureBuffer();
        ActiveRequest entry = new ActiveRequest(request, state, generation, sink, () -> inbox.add(WAKE));
        synchronized (submitLock) {
            if (closed) {
                throw new IllegalStateException("the engine is closed");
            }
            if (active.putIfAbsent(request.requestId(), entry) != null) {
                throw new IllegalArgumentException("request id " + request.requestId() + " is already in use");
            }
            inbox.add(new Submit(entry));
        }
        String id = request.requestId();
        return sink.asFlux().doOnRequest(entry::demanded).doOnCancel(() -> cancel(id))
                .publishOn(delivery, DELIVERY_PREFETCH);
    }

    @Override
    public boolean cancel(String requestId) {
        if (!active.containsKey(requestId)) {
            return false;
        }
        inbox.add(new Cancel(requestId));
        return true;
    }

    /** Stops the step loop, ends unfinished requests with an error and frees the KV cache. */
    @Override
    public void close() {
        synchronized (submitLock) {
            if (!closed) {
                closed = true;
                inbox.add(new Stop());
            }
        }
        tier.close(); // a lookup in flight answers empty; its request is ended with the rest
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
            if (cacheOpen.compareAndSet(true, false)) {
                cache.close();
            }
        }
    }

    private void loop() {
        try {
            boolean stalled = false;
            while (true) {
                Command command;
                if (!scheduler.hasRequests()) {
                    command = inbox.take(); // idle: sleep until a submission, cancellation or stop
                } else if (stalled) {
                    // Nothing could run (every request waits for its reader, or for blocks they hold): a reader's
                    // demand, a cancellation or a submission comes as a command; the time-out is a safety net.
                    command = inbox.poll(100, TimeUnit.MILLISECONDS);
                } else {
                    command = inbox.poll();
                }
                while (command != null) {
                    if (command instanceof Stop) {
                        endAll("the engine was closed before the request finished");
                        return;
                    }
                    handle(command);
                    command = inbox.poll();
                }
                publishStats();
                stalled = scheduler.hasRequests() && !step();
                publishStats();
            }
        } catch (InterruptedException interrupted) {
            endAll("the engine thread was interrupted");
        } catch (RuntimeException | Error failure) {
            LOG.log(System.Logger.Level.ERROR, "the engine loop failed; failing every request", failure);
            endAll("the engine failed: " + describe(failure));
            throw failure;
        }
    }

    private void handle(Command command) {
        switch (command) {
            case Submit(ActiveRequest request) -> {
                if (!request.ended()) {
                    requestsSubmitted++;
                    RequestState state = request.state;
                    if (!tier.lookUp(state.blockHashes(), state.numTokens(),
                            answer -> inbox.add(new Fetched(request, answer)))) {
                        scheduler.add(state);
                    }
                }
            }
            case Fetched(ActiveRequest request, TierTransfers.Answer answer) -> {
                tier.load(request.id(), request.state.blockHashes(), answer);
                if (!request.ended()) {
                    scheduler.add(request.state);
                }
            }
            case Cancel(String requestId) -> {
                ActiveRequest request = active.get(requestId);
                if (request != null) {
                    request.generation.end(FinishReason.CANCELLED);
                    finish(request, List.of(), null, "", FinishReason.CANCELLED, null);
                }
            }
            case Wake() -> {
                // nothing to do: the next schedule() sees the reader's demand
            }
            case Stop() -> throw new IllegalStateException("Stop is handled by the loop");
        }
    }

    /** Runs one step; false when the scheduler found nothing to run. */
    private boolean step() {
        int paused = 0;
        for (ActiveRequest request : active.values()) {
            boolean waitsForReader = !request.hasRoom();
            request.state.setPaused(waitsForReader);
            paused += waitsForReader && request.state.status() == RequestState.Status.RUNNING ? 1 : 0;
        }
        pausedCount = paused;
        SchedulerOutput output = scheduler.schedule();
        if (output.isEmpty()) {
            return false;
        }
        long now = System.nanoTime();
        List<ScheduledRequest> parts = output.scheduled();
        int sequences = parts.size();
        int[] tokens = new int[output.totalTokens()];
        int[] queryLength = new int[sequences];
        int[] contextAfter = new int[sequences];
        int[][] blockTables = new int[sequences][];
        int logitCount = 0;
        for (ScheduledRequest part : parts) {
            logitCount += part.needsLogits() ? 1 : 0;
        }
        int[] logitRows = new int[logitCount];
        int row = 0;
        int logit = 0;
        for (int s = 0; s < sequences; s++) {
            ScheduledRequest part = parts.get(s);
            RequestState request = part.request();
            request.copyTokens(part.firstToken(), part.tokenCount(), tokens, row);
            queryLength[s] = part.tokenCount();
            contextAfter[s] = part.endToken();
            blockTables[s] = kv.blockTable(request.requestId());
            row += part.tokenCount();
            if (part.needsLogits()) {
                logitRows[logit++] = row - 1;
            }
            active.get(request.requestId()).scheduled(now);
        }
        Tensor logits;
        try {
            AttentionBatch batch = AttentionBatch.of(queryLength, contextAfter, blockTables, config.blockSize());
            logits = model.forward(buffers, tokens, batch, cache, logitRows);
        } catch (RuntimeException | Error failure) {
            failedSteps++;
            LOG.log(System.Logger.Level.WARNING, "a model step of " + sequences + " requests failed", failure);
            scheduler.failStep();
            String message = "the model step failed: " + describe(failure);
            for (ScheduledRequest part : parts) {
                fail(active.get(part.request().requestId()), message);
            }
            return true;
        }
        tier.saveCompleted();
        scheduler.completeStep(output);
        steps++;
        computedTokens += output.totalTokens();
        // The logits rows come back a group at a time (one transfer from a device), then each is sampled.
        int sampled = 0;
        for (ScheduledRequest part : parts) {
            if (part.needsLogits()) {
                int index = sampled % logitValues.length;
                if (index == 0) {
                    logits.readRows(sampled, Math.min(logitValues.length, logit - sampled), logitValues);
                }
                sample(active.get(part.request().requestId()), logitValues[index]);
                sampled++;
            }
        }
        return true;
    }

    private void sample(ActiveRequest request, float[] logits) {
        TokenGeneration.Step step;
        try {
            step = request.generation.next(logits);
        } catch (RuntimeException failure) {
            fail(request, "sampling failed: " + describe(failure));
            return;
        }
        request.tokenSampled(System.nanoTime());
        request.state.appendToken(step.token().id());
        generatedTokens++;
        String text = step.text();
        FinishReason finish = step.finish();
        if (finish == null && request.state.numTokens() - 1 >= contextLength) {
            text += request.generation.end(FinishReason.LENGTH); // every context position is computed
            finish = FinishReason.LENGTH;
        }
        if (finish == null) {
            request.emit(step.token(), text);
        } else {
            // A stop token ends the request but is not output: the final chunk carries it apart.
            finish(request, step.stopToken() ? List.of() : List.of(step.token()),
                    step.stopToken() ? step.token() : null, text, finish, null);
        }
    }

    private void fail(ActiveRequest request, String message) {
        request.generation.end(FinishReason.ERROR);
        finish(request, List.of(), null, "", FinishReason.ERROR, message);
    }

    private void finish(ActiveRequest request, List<SampledToken> tokens, SampledToken stopToken, String text,
            FinishReason reason, String error) {
        scheduler.finish(request.state);
        active.remove(request.id());
        requestsFinished++;
        publishStats(); // whoever sees the final chunk sees statistics that count it
        request.end(tokens, stopToken, text, reason, error);
    }

    /** Refuses new submissions and fails every unfinished request (the loop is ending). */
    private void endAll(String message) {
        synchronized (submitLock) {
            closed = true;
        }
        for (ActiveRequest request : List.copyOf(active.values())) {
            fail(request, message);
        }
        publishStats();
    }

    private void publishStats() {
        stats = new EngineStats(
                new EngineStats.Requests(scheduler.runningCount(), scheduler.waitingCount() + tier.lookupsInFlight(),
                        pausedCount, requestsSubmitted, requestsFinished, scheduler.preemptions()),
                new EngineStats.KvCache(config.blockSize(), pool.blockCount(), pool.usedCount(), pool.cachedCount(),
                        pool.evictions(), kv.prefixQueryTokens(), kv.prefixHitTokens()),
                new EngineStats.Work(steps, failedSteps, computedTokens, generatedTokens),
                tier.stats());
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
