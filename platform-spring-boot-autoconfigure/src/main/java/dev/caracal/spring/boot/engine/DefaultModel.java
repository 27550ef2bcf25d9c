package dev.caracal.spring.boot.engine;

import dev.caracal.engine.api.EngineClient;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.EngineStats;
import dev.caracal.engine.api.TokenChunk;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * The engine API on the application's default model ({@code caracal.chat.model}, or the first model), looked up at
 * each call, so that it follows models loaded and unloaded while the application runs.
 */
public final class DefaultModel implements EngineClient {

    private final DeploymentRegistry deployments;
    private final String alias;

    /**
     * @param alias the model's alias, or null for the first model
     */
    public DefaultModel(DeploymentRegistry deployments, String alias) {
        this.deployments = deployments;
        this.alias = alias;
    }

    /**
     * The default model's deployment now: its state, {@link ModelDeployment#prompts()} (tokenizer and chat template).
     *
     * @throws IllegalStateException when no such model is loaded
     */
    public ModelDeployment deployment() {
        return deployments.first(alias).orElseThrow(() -> new IllegalStateException(alias != null
                ? "the model " + alias + " (caracal.chat.model) is not loaded; the models are " + deployments.aliases()
                : "no model is loaded: set caracal.models[0].path, or caracal.demo-model=true for the bundled demo"
                        + " model"));
    }

    @Override
    public Flux<TokenChunk> generate(EngineRequest request) {
        return deployment().generate(request);
    }

    @Override
    public Flux<TokenChunk> generate(EngineRequest request, Scheduler delivery) {
        return deployment().generate(request, delivery);
    }

    @Override
    public boolean cancel(String requestId) {
        return deployments.first(alias).map(deployment -> deployment.cancel(requestId)).orElse(false);
    }

    @Override
    public EngineStats stats() {
        return deployments.first(alias).map(ModelDeployment::stats).orElse(EngineStats.IDLE);
    }
}
