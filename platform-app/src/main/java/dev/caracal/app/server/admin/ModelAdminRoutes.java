package dev.caracal.app.server.admin;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.backend.DeviceInfo;
import dev.caracal.app.inspect.ModelInspection;
import dev.caracal.app.server.error.OpenAiException;
import dev.caracal.app.server.security.RouteAccess;
import dev.caracal.engine.api.ModelSummary;
import dev.caracal.spring.boot.CaracalProperties;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The admin API of models and backends (docs/ADMIN.md): the models loaded and those in {@code caracal.model-directories},
 * loading and unloading them without a restart, pinning, a file's inspection, the backends with their probes and
 * devices, the live numbers, and the server-sent events the admin UI's dashboard follows.
 */
@Configuration(proxyBeanMethods = false)
class ModelAdminRoutes {

    /** How often the events stream sends the live numbers. */
    static final Duration EVENT_PERIOD = Duration.ofSeconds(1);

    private final DeploymentRegistry registry;
    private final RouteAccess access;
    private final LiveStatistics live;
    private final ModelPulls pulls;

    ModelAdminRoutes(DeploymentRegistry registry, RouteAccess access, LiveStatistics live, ModelPulls pulls) {
        this.registry = registry;
        this.access = access;
        this.live = live;
        this.pulls = pulls;
    }

    @Bean
    RouterFunction<ServerResponse> modelAdminApi() {
        return access.admin(RouterFunctions.route()
                .GET("/admin/models", this::models)
                .POST("/admin/models", this::load)
                .DELETE("/admin/models/{name}", this::unload)
                .PUT("/admin/models/{name}/pin", this::pin)
                .GET("/admin/inspect", this::inspect)
                .GET("/admin/backends", this::backends)
                .GET("/admin/live", request -> AdminJson.ok(live.sample()))
                .GET("/admin/events", this::events)
                .POST("/admin/pulls", this::pull)
                .GET("/admin/pulls", request -> AdminJson.ok(pulls.all()))
                .DELETE("/admin/cache/{organization}/{name}", this::deleteCached)
                .build());
    }

    /** A loaded model, as the admin API shows it. */
    record ModelView(String name, String alias, String state, String path, String error, String backend,
            int contextLength, boolean pinned, Long keepAliveSeconds, long idleSeconds, ModelSummary summary) {
    }

    /** A model file or directory found in the model directories. */
    record FileView(String path, String name, String format, long bytes, String architecture, String quantization,
            long parameters, List<String> loaded, String error) {
    }

    /** What {@code POST /admin/models} takes. */
    record LoadRequest(String path, String alias, String backend, Integer contextLength, String kvMemory,
            Integer maxSequences, Integer threads, Boolean pinned) {
    }

    /** What {@code POST /admin/pulls} takes. */
    record PullRequest(String repository, String file, String revision) {
    }

    /** A file of a repository in the hub cache. */
    record CachedView(String repository, String revision, String file, String path, long bytes) {
    }

    /** What {@code PUT /admin/models/NAME/pin} takes. */
    record PinRequest(Boolean pinned) {
    }

    ModelView view(ModelDeployment deployment) {
        Duration keepAlive = registry.keepAlive();
        return new ModelView(deployment.name(), deployment.alias(), lower(deployment.state()),
                deployment.path() == null ? null : deployment.path().toString(), deployment.failure(),
                deployment.backend(), deployment.contextLength(), deployment.pinned(),
                keepAlive == null ? null : keepAlive.toSeconds(), deployment.idleSeconds(), deployment.summary());
    }

    private Mono<ServerResponse> models(ServerRequest request) {
        return Mono.fromCallable(this::modelsDocument).subscribeOn(Schedulers.boundedElastic())
                .flatMap(AdminJson::ok);
    }

    /** The loaded models and the files of the model directories (read from their headers). */
    Map<String, Object> modelsDocument() throws IOException {
        List<ModelDeployment> loaded = registry.all();
        List<FileView> files = new ArrayList<>();
        for (Path path : registry.directories().findModels()) {
            List<String> loadedAs = loaded.stream().filter(d -> d.path() != null && sameFile(d.path(), path))
                    .map(ModelDeployment::name).toList();
            String name = Objects.toString(path.getFileName(), path.toString());
            try {
                ModelInspection.Summary summary = ModelInspection.summary(path);
                files.add(new FileView(path.toString(), name, summary.format(), summary.bytes(),
                        summary.architecture(), summary.quantization(), summary.parameters(), loadedAs, null));
            } catch (IOException | RuntimeException unreadable) {
                files.add(new FileView(path.toString(), name, null, path.toFile().length(), null, null, 0, loadedAs,
                        unreadable.getMessage()));
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("loaded", loaded.stream().map(this::view).toList());
        document.put("available", files);
        document.put("cached", cached());
        document.put("directories", registry.directories().directories().stream().map(Path::toString).toList());
        document.put("hubCache", pulls.hub().cache().directory().toString());
        return document;
    }

    private List<CachedView> cached() throws IOException {
        List<CachedView> files = new ArrayList<>();
        for (var repository : pulls.hub().cache().list()) {
            for (var revision : repository.revisions()) {
                for (var file : revision.files()) {
                    files.add(new CachedView(repository.repository(), revision.refs().isEmpty() ? revision.commit()
                            : String.join(",", revision.refs()), file.name(), file.path().toString(),
                            file.sizeBytes()));
                }
            }
        }
        return files;
    }

    private Mono<ServerResponse> pull(ServerRequest request) {
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                .map(body -> AdminJson.read(body, PullRequest.class)).map(body -> {
                    if (body.repository() == null || body.repository().isBlank() || body.file() == null
                            || body.file().isBlank()) {
                        throw OpenAiException.invalid(body.repository() == null ? "repository" : "file",
                                "repository (ORG/NAME) and file (x.gguf) are needed");
                    }
                    try {
                        return pulls.start(body.repository().strip(), body.file().strip(),
                                body.revision() == null || body.revision().isBlank() ? "main" : body.revision());
                    } catch (IllegalArgumentException invalid) {
                        throw OpenAiException.invalid("repository", invalid.getMessage());
                    }
                }).flatMap(started -> AdminJson.status(HttpStatus.ACCEPTED, started));
    }

    private Mono<ServerResponse> deleteCached(ServerRequest request) {
        String repository = request.pathVariable("organization") + "/" + request.pathVariable("name");
        return Mono.fromCallable(() -> {
            var cached = pulls.hub().cache().find(repository).orElseThrow(() -> new OpenAiException(
                    HttpStatus.NOT_FOUND, "invalid_request_error", repository + " is not in the hub cache", null,
                    "not_found", Map.of()));
            for (ModelDeployment deployment : registry.all()) {
                if (deployment.path() != null && deployment.path().toAbsolutePath().startsWith(cached.path())) {
                    throw new OpenAiException(HttpStatus.CONFLICT, "invalid_request_error", repository + " is loaded"
                            + " as the model " + deployment.name() + "; unload it first", null, "model_loaded", Map.of());
                }
            }
            pulls.hub().cache().delete(repository);
            return true;
        }).subscribeOn(Schedulers.boundedElastic()).onErrorMap(IllegalArgumentException.class,
                invalid -> OpenAiException.invalid("repository", invalid.getMessage()))
                .flatMap(deleted -> ServerResponse.noContent().build());
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException gone) {
            return false;
        }
    }

    private Mono<ServerResponse> load(ServerRequest request) {
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map(body -> AdminJson.read(body, LoadRequest.class))
                .publishOn(Schedulers.boundedElastic()).map(this::load)
                .flatMap(deployment -> AdminJson.status(HttpStatus.ACCEPTED, view(deployment)));
    }

    private ModelDeployment load(LoadRequest body) {
        if (body.path() == null || body.path().isBlank()) {
            throw OpenAiException.invalid("path", "path is missing: the GGUF file or model directory to load");
        }
        DataSize kvMemory;
        try {
            kvMemory = body.kvMemory() == null || body.kvMemory().isBlank() ? null : DataSize.parse(body.kvMemory());
        } catch (IllegalArgumentException notASize) {
            throw OpenAiException.invalid("kvMemory", "kvMemory must be a size such as 256MB or 2GB, was '"
                    + body.kvMemory() + "'");
        }
        int maxSequences = body.maxSequences() == null ? 16 : body.maxSequences();
        if (maxSequences < 1 || maxSequences > 1024) {
            throw OpenAiException.invalid("maxSequences", "maxSequences must be between 1 and 1024, was "
                    + maxSequences);
        }
        int context = body.contextLength() == null ? 0 : body.contextLength();
        int threads = body.threads() == null ? 0 : body.threads();
        if (context < 0 || threads < 0) {
            throw OpenAiException.invalid(context < 0 ? "contextLength" : "threads", "contextLength and threads must"
                    + " be 0 (the model's, all processors) or more");
        }
        CaracalProperties.Model model = new CaracalProperties.Model(body.path(), blankToNull(body.alias()),
                body.backend() == null || body.backend().isBlank() ? "auto" : body.backend(), context, kvMemory,
                maxSequences, threads, Boolean.TRUE.equals(body.pinned()));
        try {
            return registry.load(model);
        } catch (IllegalStateException taken) {
            throw new OpenAiException(HttpStatus.CONFLICT, "invalid_request_error", taken.getMessage(), "alias",
                    "model_exists", Map.of());
        } catch (IllegalArgumentException invalid) {
            throw OpenAiException.invalid("path", invalid.getMessage());
        }
    }

    private Mono<ServerResponse> unload(ServerRequest request) {
        String name = request.pathVariable("name");
        ModelDeployment deployment = registry.unload(name).orElseThrow(() -> OpenAiException.unknownModel(name));
        return AdminJson.status(HttpStatus.ACCEPTED, view(deployment));
    }

    private Mono<ServerResponse> pin(ServerRequest request) {
        String name = request.pathVariable("name");
        ModelDeployment deployment = registry.find(name).orElseThrow(() -> OpenAiException.unknownModel(name));
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map(body -> AdminJson.read(body, PinRequest.class))
                .flatMap(body -> {
                    if (body.pinned() == null) {
                        return Mono.error(OpenAiException.invalid("pinned", "pinned (true or false) is missing"));
                    }
                    deployment.pin(body.pinned());
                    return AdminJson.ok(view(deployment));
                });
    }

    private Mono<ServerResponse> inspect(ServerRequest request) {
        String path = request.queryParam("path").orElseThrow(() -> OpenAiException.invalid("path",
                "path is missing: /admin/inspect?path=FILE"));
        return Mono.fromCallable(() -> {
            Path confined = registry.directories().confine(Path.of(path), "path");
            return ModelInspection.report(confined);
        }).subscribeOn(Schedulers.boundedElastic()).onErrorMap(failure -> !(failure instanceof OpenAiException),
                failure -> OpenAiException.invalid("path", failure.getMessage())).flatMap(AdminJson::ok);
    }

    /** A backend found on the class path, its probe, and its devices when available. */
    record BackendView(String name, boolean available, List<String> reasons, int score, Map<String, String> details,
            List<DeviceView> devices, String error) {
    }

    /** One device of a backend. */
    record DeviceView(String name, String kind, Long memoryBytes) {
    }

    private Mono<ServerResponse> backends(ServerRequest request) {
        return Mono.fromCallable(ModelAdminRoutes::backendViews).subscribeOn(Schedulers.boundedElastic())
                .flatMap(AdminJson::ok);
    }

    static List<BackendView> backendViews() {
        List<BackendView> views = new ArrayList<>();
        for (BackendRegistry.Entry entry : BackendRegistry.discover()) {
            var availability = entry.availability();
            List<DeviceView> devices = new ArrayList<>();
            String error = null;
            if (availability.available()) {
                try (Backend backend = entry.provider().open(BackendOptions.defaults())) {
                    for (DeviceInfo device : backend.devices()) {
                        devices.add(new DeviceView(device.name(), String.valueOf(device.kind()),
                                device.memoryBytes() >= 0 ? device.memoryBytes() : null));
                    }
                } catch (RuntimeException failure) {
                    error = "could not open: " + failure.getMessage();
                }
            }
            views.add(new BackendView(entry.provider().name(), availability.available(), availability.reasons(),
                    entry.provider().score(), new java.util.TreeMap<>(availability.details()), devices, error));
        }
        return views;
    }

    /**
     * Server-sent events: {@code live} every second, {@code models} when a model's state changes, {@code pull} on each
     * step of a pull's progress.
     */
    private Mono<ServerResponse> events(ServerRequest request) {
        Flux<ServerSentEvent<String>> numbers = Flux.interval(Duration.ZERO, EVENT_PERIOD)
                .onBackpressureDrop()
                .publishOn(Schedulers.boundedElastic())
                .scan(new EventState(List.of(), null), (state, tick) -> state.next(live.sample(), registry.all()))
                .skip(1)
                .concatMapIterable(EventState::events);
        Flux<ServerSentEvent<String>> progress = pulls.progress().onBackpressureLatest()
                .map(pull -> ServerSentEvent.builder(AdminJson.string(pull)).event("pull").build());
        Flux<ServerSentEvent<String>> events = Flux.merge(numbers, progress);
        return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(events, ServerSentEvent.class);
    }

    /** What the event stream sent last, to send the models only when their states change. */
    private record EventState(List<ServerSentEvent<String>> events, String modelStates) {
        EventState next(LiveStatistics.Live numbers, List<ModelDeployment> models) {
            List<ServerSentEvent<String>> out = new ArrayList<>();
            out.add(ServerSentEvent.builder(AdminJson.string(numbers)).event("live").build());
            String states = models.stream().map(d -> d.name() + "=" + d.state() + ":" + d.pinned())
                    .reduce("", (a, b) -> a + "," + b);
            if (!states.equals(modelStates)) {
                out.add(ServerSentEvent.builder(AdminJson.string(Map.of("loaded", models.stream()
                        .map(d -> Map.of("name", d.name(), "state", lower(d.state()), "pinned", d.pinned())).toList())))
                        .event("models").build());
            }
            return new EventState(out, states);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
