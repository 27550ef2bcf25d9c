package dev.caracal.app.server.openai;

import dev.caracal.app.server.CaracalProperties;
import dev.caracal.app.server.engine.DeploymentRegistry;
import dev.caracal.app.server.engine.ModelDeployment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI-compatible API: {@code GET /v1/models}, {@code GET /v1/models/{id}}, {@code POST /v1/completions} and
 * {@code POST /v1/chat/completions}, behind the API-key check when {@code caracal.api-keys} is set.
 */
@Configuration(proxyBeanMethods = false)
class OpenAiRoutes {

    private final DeploymentRegistry registry;
    private final GenerationPlanner planner;
    private final ChatCompletions chat;
    private final Completions completions;
    private final List<byte[]> apiKeys;

    OpenAiRoutes(DeploymentRegistry registry, GenerationPlanner planner, ChatCompletions chat, Completions completions,
            CaracalProperties properties) {
        this.registry = registry;
        this.planner = planner;
        this.chat = chat;
        this.completions = completions;
        this.apiKeys = properties.apiKeys().stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Bean
    RouterFunction<ServerResponse> openAiApi() {
        return RouterFunctions.route()
                .GET("/v1/models", this::models)
                .GET("/v1/models/{model}", this::model)
                .POST("/v1/chat/completions", this::chatCompletions)
                .POST("/v1/completions", this::completions)
                .filter(apiKeyCheck())
                .build();
    }

    private Mono<ServerResponse> models(ServerRequest request) {
        List<ModelList.Model> data = registry.all().stream().map(OpenAiRoutes::card).toList();
        return ResponseContext.json(new ModelList("list", data));
    }

    private Mono<ServerResponse> model(ServerRequest request) {
        String name = request.pathVariable("model");
        return ResponseContext.json(card(registry.find(name).orElseThrow(() -> OpenAiException.unknownModel(name))));
    }

    private static ModelList.Model card(ModelDeployment deployment) {
        int context = deployment.contextLength();
        return new ModelList.Model(deployment.name(), "model", OpenAiIds.created(), "caracal",
                context > 0 ? context : null);
    }

    private Mono<ServerResponse> chatCompletions(ServerRequest request) {
        return generate(request, ChatCompletionRequest.class, UnsupportedParameters::checkChat, planner::chat,
                chat::answer);
    }

    private Mono<ServerResponse> completions(ServerRequest request) {
        return generate(request, CompletionRequest.class, UnsupportedParameters::checkCompletion,
                planner::completion, completions::answer);
    }

    /**
     * Reads the body as {@code type}, plans the generation and answers it. Planning (chat template, tokenizer) runs
     * off the event loop.
     */
    private static <T> Mono<ServerResponse> generate(ServerRequest request, Class<T> type, Consumer<ObjectNode> check,
            Function<T, GenerationPlan> plan, BiFunction<GenerationPlan, Long, Mono<ServerResponse>> answer) {
        long arrival = System.nanoTime();
        String endpoint = request.path();
        return body(request)
                .publishOn(Schedulers.boundedElastic())
                .map(bytes -> plan.apply(RequestReader.read(bytes, type, check, endpoint)))
                .flatMap(generation -> answer.apply(generation, arrival));
    }

    /** The request body; 415 unless it is JSON (a request without a Content-Type is read as JSON). */
    private static Mono<byte[]> body(ServerRequest request) {
        var type = request.headers().contentType();
        if (type.isPresent() && !MediaType.APPLICATION_JSON.isCompatibleWith(type.get())) {
            return Mono.error(new OpenAiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request_error",
                    "Unsupported Content-Type " + type.get() + ": send the request body as application/json", null,
                    "unsupported_media_type", Map.of()));
        }
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]);
    }

    /** 401 unless the request carries {@code Authorization: Bearer KEY} with a configured key (when any is). */
    private HandlerFilterFunction<ServerResponse, ServerResponse> apiKeyCheck() {
        return (request, next) -> {
            if (apiKeys.isEmpty()) {
                return next.handle(request);
            }
            String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Mono.error(OpenAiException.unauthorized("You didn't provide an API key. Provide it in an"
                        + " Authorization header using Bearer auth (Authorization: Bearer YOUR_KEY)"));
            }
            byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
            boolean known = false;
            for (byte[] key : apiKeys) {
                known |= MessageDigest.isEqual(key, given);
            }
            return known ? next.handle(request)
                    : Mono.error(OpenAiException.unauthorized("Incorrect API key provided"));
        };
    }
}
