package dev.caracal.app.server.openai;

import dev.caracal.app.server.admission.Admission;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.app.server.error.OpenAiException;
import dev.caracal.app.server.http.ConnectionThread;
import dev.caracal.app.server.security.RouteAccess;
import dev.caracal.app.server.security.Tenant;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The OpenAI-compatible API: {@code GET /v1/models}, {@code GET /v1/models/{id}}, {@code POST /v1/completions} and
 * {@code POST /v1/chat/completions}, for tenants with the user role ({@link RouteAccess#user}). The caller's tenant
 * ({@link Tenant#of}) sees only its models; a generation request is read and planned ({@link GenerationRequests}),
 * admitted ({@link Admission}) and answered.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "caracal.role", havingValue = "worker", matchIfMissing = true)
class OpenAiRoutes {

    private final DeploymentRegistry registry;
    private final GenerationRequests requests;
    private final ChatCompletions chat;
    private final Completions completions;
    private final Admission admission;
    private final RouteAccess access;

    OpenAiRoutes(DeploymentRegistry registry, GenerationRequests requests, ChatCompletions chat,
            Completions completions, Admission admission, RouteAccess access) {
        this.access = access;
        this.registry = registry;
        this.requests = requests;
        this.chat = chat;
        this.completions = completions;
        this.admission = admission;
    }

    @Bean
    RouterFunction<ServerResponse> openAiApi() {
        return access.user(RouterFunctions.route()
                .GET("/v1/models", this::models)
                .GET("/v1/models/{model}", this::model)
                .POST("/v1/chat/completions", this::chatCompletions)
                .POST("/v1/completions", this::completions)
                .build());
    }

    /** The admin UI's playground: the chat completions endpoint, for admins (docs/ADMIN.md). */
    @Bean
    RouterFunction<ServerResponse> playgroundApi() {
        return access.admin(RouterFunctions.route().POST("/admin/chat/completions", this::chatCompletions).build());
    }

    private Mono<ServerResponse> models(ServerRequest request) {
        Tenant tenant = Tenant.of(request.exchange());
        List<ModelList.Model> data = registry.aliases().stream().filter(tenant::mayUse).map(this::card).toList();
        return ResponseContext.json(new ModelList("list", data));
    }

    private Mono<ServerResponse> model(ServerRequest request) {
        String name = request.pathVariable("model");
        if (!Tenant.of(request.exchange()).mayUse(name) || registry.group(name).isEmpty()) {
            return Mono.error(OpenAiException.unknownModel(name));
        }
        return ResponseContext.json(card(name));
    }

    /** The model served as {@code alias}, with the context of its first loaded deployment. */
    private ModelList.Model card(String alias) {
        int context = registry.group(alias).stream().mapToInt(ModelDeployment::contextLength).filter(c -> c > 0)
                .findFirst().orElse(0);
        return ModelList.Model.of(alias, context > 0 ? context : null);
    }

    private Mono<ServerResponse> chatCompletions(ServerRequest request) {
        return generate(request, GenerationRequests.Endpoint.CHAT_COMPLETIONS, chat::answer);
    }

    private Mono<ServerResponse> completions(ServerRequest request) {
        return generate(request, GenerationRequests.Endpoint.COMPLETIONS, completions::answer);
    }

    /**
     * Reads and plans the request ({@link GenerationRequests}), admits it and answers it. The answer starts only once
     * the request is admitted, so that a refusal is a plain error response (429, 503) and never a broken stream.
     */
    private Mono<ServerResponse> generate(ServerRequest request, GenerationRequests.Endpoint endpoint,
            BiFunction<GenerationPlan, Long, Mono<ServerResponse>> answer) {
        long arrival = System.nanoTime();
        Tenant tenant = Tenant.of(request.exchange());
        return requests.plan(request, endpoint)
                .flatMap(planned -> admission.admit(planned.demand(planned.deployment().alias()), tenant, arrival,
                        request.exchange()).map(grant -> planned.admittedAs(grant,
                        ConnectionThread.of(request.exchange()))))
                .flatMap(admitted -> answer.apply(admitted, arrival));
    }
}
