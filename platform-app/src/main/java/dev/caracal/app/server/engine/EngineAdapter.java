package dev.caracal.app.server.engine;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.kv.KvBlockStore;
import dev.caracal.app.server.CaracalProperties;
import dev.caracal.engine.core.EngineConfig;
import dev.caracal.engine.core.EngineCore;
import dev.caracal.engine.core.EngineRequest;
import dev.caracal.engine.core.EngineStats;
import dev.caracal.engine.core.RequestMetrics;
import dev.caracal.engine.core.TokenChunk;
import dev.caracal.engine.kv.KvCacheSizing;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.sampling.FinishReason;
import dev.caracal.engine.sampling.SampledToken;
import dev.caracal.engine.sampling.SamplingParameters;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * The one place where the gateway meets the engine ({@code dev.caracal.engine.core}): it starts a model's
 * {@link EngineCore}, submits requests to it and turns its {@link TokenChunk}s and {@link EngineStats} into the
 * gateway's {@link GenerationEvent}s and {@link DeploymentStats}.
 */
final class EngineAdapter implements AutoCloseable {

    private final EngineCore engine;
    private final Set<Integer> endOfGeneration;

    private EngineAdapter(EngineCore engine, Set<Integer> endOfGeneration) {
        this.engine = engine;
        this.endOfGeneration = endOfGeneration;
    }

    /**
     * Starts the engine of {@code model} (which the caller keeps open until {@link #close()}).
     *
     * @param blockStore the second tier of the prefix cache, shared by every deployment; null for none
     */
    static EngineAdapter start(String name, LanguageModel model, Backend backend, CaracalProperties.Model config,
            KvBlockStore blockStore) {
        EngineConfig engineConfig = EngineConfig.defaults().withMaxSequences(config.maxSequences())
                .withBlockStore(blockStore);
        if (config.kvMemory() != null) {
            engineConfig = engineConfig.withKvCacheBytes(config.kvMemory().toBytes());
        }
        return new EngineAdapter(EngineCore.start(model, engineConfig), model.tokenizer().endOfGenerationTokens());
    }

    /**
     * Submits {@code request}; cancelling the returned Flux cancels it in the engine.
     *
     * @throws IllegalArgumentException when the request can never run here (for example it needs more KV blocks than
     *     the cache has)
     */
    Flux<GenerationEvent> generate(GenerationRequest request, Scheduler delivery) {
        EngineRequest engineRequest = EngineRequest.of(request.requestId(), request.promptTokens(), request.sampling())
                .withPriority(request.priority()).withCacheSalt(request.cacheSalt())
                .withIgnoreEos(request.ignoreEos());
        return engine.generate(engineRequest, delivery).map(chunk -> toEvent(chunk, request));
    }

    private GenerationEvent toEvent(TokenChunk chunk, GenerationRequest request) {
        List<SampledToken> tokens = chunk.tokens();
        GenerationEvent.Usage usage = null;
        if (chunk.isFinal()) {
            if (chunk.finishReason() == FinishReason.STOP && !tokens.isEmpty()) {
                int last = tokens.getLast().id();
                if (endOfGeneration.contains(last) || request.sampling().isStopToken(last)) {
                    tokens = tokens.subList(0, tokens.size() - 1); // a stop token is not output
                }
            }
            RequestMetrics metrics = chunk.metrics();
            usage = metrics == null ? null : new GenerationEvent.Usage(metrics.promptTokens(), metrics.cachedTokens(),
                    metrics.generatedTokens(), metrics.queueTime(), metrics.timeToFirstToken(),
                    metrics.interTokenLatencies());
        }
        return new GenerationEvent(chunk.text(), tokens, chunk.finishReason(), usage, chunk.error());
    }

    /**
     * Runs one short request (a few tokens of prompt, one generated) through the engine and waits for it, so that the
     * first client does not pay for the first step's compilation and allocation.
     *
     * @throws IllegalStateException when the step fails or does not finish within {@code timeout}
     */
    void warmUp(int[] prompt, java.time.Duration timeout) {
        SamplingParameters oneToken = SamplingParameters.greedy().toBuilder().maxTokens(1).build();
        TokenChunk last = engine.generate(EngineRequest.of("warm-up-" + EngineRequest.newId(), prompt, oneToken))
                .blockLast(timeout);
        if (last == null || last.finishReason() == FinishReason.ERROR) {
            throw new IllegalStateException("the warm-up step failed" + (last == null ? "" : ": " + last.error()));
        }
    }

    /** How the KV cache was sized. */
    KvCacheSizing kvCacheSizing() {
        return engine.kvCacheSizing();
    }

    /** Tokens per KV block. */
    int blockSize() {
        return engine.config().blockSize();
    }

    /** The KV cache's element type. */
    String kvCacheType() {
        return engine.config().kvCacheType().name();
    }

    DeploymentStats stats() {
        EngineStats stats = engine.stats();
        return new DeploymentStats(stats.runningRequests(), stats.waitingRequests(), stats.kvBlocksUsed(),
                stats.kvBlocksTotal(), stats.prefixCacheQueryTokens(), stats.prefixCacheHitTokens(),
                stats.blockSize(), stats.kvBlocksCached(), stats.preemptions(), stats.requestsFinished(),
                stats.generatedTokens(), stats.failedSteps());
    }

    @Override
    public void close() {
        engine.close();
    }
}
