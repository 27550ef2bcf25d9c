package dev.caracal.app.server.openai;

import dev.caracal.app.server.config.RequestLimits;
import dev.caracal.app.server.error.OpenAiException;
import dev.caracal.app.server.security.CacheSalt;
import dev.caracal.app.server.security.Tenant;
import dev.caracal.spring.boot.engine.ModelDeployment;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and plans the body of a generation request, as {@code POST /v1/chat/completions} and
 * {@code POST /v1/completions} take it: its size and type, the parameters Caracal does not support, the binding, and
 * the {@link GenerationPlanner}'s validation, chat template and tokenizer, each refusal an {@link OpenAiException}.
 * The OpenAI API admits and runs what it plans; the cluster API only hashes the prompt ({@link #prompt}).
 */
@Component
public class GenerationRequests {

    /** The two endpoints that generate, by the body they take. */
    public enum Endpoint {
        CHAT_COMPLETIONS, COMPLETIONS
    }

    /**
     * The first prompt of a planned request and the deployment it was planned with (the first ready one of its model).
     *
     * @param deployment the deployment whose tokenizer and template made the prompt
     * @param tokens     the prompt tokens of the first choice
     * @param cacheSalt  the request's prefix-cache salt, as its generation would have it
     */
    public record PlannedPrompt(ModelDeployment deployment, int[] tokens, String cacheSalt) {

        /** The prefix-cache hashes of the prompt's full blocks, as the deployment's engine would compute them. */
        public List<String> blockHashes() {
            return deployment.blockHashes(tokens, cacheSalt);
        }
    }

    private final GenerationPlanner planner;
    private final int maxRequestBytes;

    GenerationRequests(GenerationPlanner planner, RequestLimits limits) {
        this.planner = planner;
        this.maxRequestBytes = (int) limits.maxRequestSize().toBytes();
    }

    /**
     * Reads the body of {@code request} as {@code endpoint} takes it and plans it for the caller's tenant, off the
     * event loop (chat template, tokenizer), salted as {@link CacheSalt#of} decides.
     */
    Mono<GenerationPlan> plan(ServerRequest request, Endpoint endpoint) {
        return switch (endpoint) {
            case CHAT_COMPLETIONS -> plan(request, ChatCompletionRequest.class, UnsupportedParameters::checkChat,
                    planner::chat);
            case COMPLETIONS -> plan(request, CompletionRequest.class, UnsupportedParameters::checkCompletion,
                    planner::completion);
        };
    }

    /**
     * The first prompt of the request, read and planned exactly as {@code endpoint} plans it (the same refusals), with
     * nothing generated or admitted.
     */
    public Mono<PlannedPrompt> prompt(ServerRequest request, Endpoint endpoint) {
        return plan(request, endpoint).map(plan -> new PlannedPrompt(plan.deployment(), plan.promptOf(0),
                plan.cacheSalt()));
    }

    private <T> Mono<GenerationPlan> plan(ServerRequest request, Class<T> type, Consumer<ObjectNode> check,
            BiFunction<T, Tenant, GenerationPlan> plan) {
        String endpoint = request.path();
        Tenant tenant = Tenant.of(request.exchange());
        String salt;
        try {
            salt = CacheSalt.of(request.exchange());
        } catch (OpenAiException refused) {
            return Mono.error(refused);
        }
        return RequestBodies.read(request, maxRequestBytes)
                .publishOn(Schedulers.boundedElastic())
                .map(bytes -> plan.apply(RequestReader.read(bytes, type, check, endpoint), tenant).saltedWith(salt));
    }
}
