package dev.caracal.app.server.router;

import dev.caracal.app.server.admission.Admission;
import dev.caracal.app.server.error.OpenAiException;
import dev.caracal.app.server.openai.EventStream;
import dev.caracal.app.server.openai.ModelList;
import dev.caracal.app.server.openai.OpenAiJson;
import dev.caracal.app.server.openai.RequestBodies;
import dev.caracal.app.server.security.CacheSalt;
import dev.caracal.app.server.security.RouteAccess;
import dev.caracal.app.server.security.Tenant;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI API of a router: each request is checked against its tenant's key and limits here, its block hashes are
 * computed by a worker ({@code POST /cluster/v1/prefix/...}), a worker is chosen ({@link WorkerPicker}) and the
 * request is forwarded to it, its answer streamed back byte for byte. Both calls carry the salt the request has here
 * ({@link CacheSalt}), so the router's tenants share no cached block at the workers. A worker that fails before the
 * first token (refuses the connection, answers 429 or 5xx, or breaks its stream before any output) is replaced by the
 * next one, up to {@code caracal.router.max-attempts}. Also the admin API of the workers: list, join, leave.
 */
final class RouterRoutes {

    /** The response header naming the worker that answered, when {@code caracal.router.expose-worker} is on. */
    static final String WORKER_HEADER = "X-Caracal-Worker";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WorkerDirectory directory;
    private final WorkerClient client;
    private final WorkerPicker picker;
    private final RouterProperties properties;
    private final Admission admission;
    private final RouterMetrics metrics;
    private final int maxRequestBytes;

    RouterRoutes(WorkerDirectory directory, WorkerClient client, WorkerPicker picker, RouterProperties properties,
            Admission admission, RouterMetrics metrics, int maxRequestBytes) {
        this.directory = directory;
        this.client = client;
        this.picker = picker;
        this.properties = properties;
        this.admission = admission;
        this.metrics = metrics;
        this.maxRequestBytes = maxRequestBytes;
    }

    RouterFunction<ServerResponse> openAiApi(RouteAccess access) {
        return access.user(RouterFunctions.route()
                .GET("/v1/models", this::models)
                .GET("/v1/models/{model}", this::model)
                .POST("/v1/chat/completions", this::forward)
                .POST("/v1/completions", this::forward)
                .build());
    }

    RouterFunction<ServerResponse> adminApi(RouteAccess access) {
        return access.admin(RouterFunctions.route()
                .GET("/admin/workers", request -> json(HttpStatus.OK, workers()))
                .POST("/admin/workers", this::join)
                .DELETE("/admin/workers", this::leave)
                .build());
    }

    /** What one request asks, read leniently: the worker that plans it gives the exact errors. */
    private record Asked(String model, int choices, Integer maxTokens) {

        static Asked read(byte[] body) {
            try {
                JsonNode root = JSON.readTree(body);
                JsonNode model = root.path("model");
                JsonNode max = root.has("max_completion_tokens") ? root.path("max_completion_tokens")
                        : root.path("max_tokens");
                return new Asked(model.isString() ? model.asString("") : null, Math.max(1, root.path("n").asInt(1)),
                        max.isIntegralNumber() ? max.asInt(0) : null);
            } catch (JacksonException | IllegalArgumentException unreadable) {
                return new Asked(null, 1, null);
            }
        }
    }

    /** One request on its way: what the workers need and what must be released when it ends. */
    private record Forward(String endpoint, byte[] body, HttpHeaders headers, String salt, String model,
            List<String> hashes, String session, List<Worker> order, Runnable release) {

        int attempts(RouterProperties properties) {
            return Math.min(order.size(), properties.maxAttempts());
        }
    }

    private Mono<ServerResponse> forward(ServerRequest request) {
        String endpoint = request.path();
        Tenant tenant = Tenant.of(request.exchange());
        String session = properties.sessionHeader().isBlank() ? null
                : request.headers().firstHeader(properties.sessionHeader());
        HttpHeaders headers = request.headers().asHttpHeaders();
        String salt;
        try {
            salt = CacheSalt.of(request.exchange());
        } catch (OpenAiException refused) {
            return Mono.error(refused);
        }
        return RequestBodies.read(request, maxRequestBytes).flatMap(body -> {
            Asked asked = Asked.read(body);
            if (asked.model() != null && !tenant.mayUse(asked.model())) {
                return Mono.error(OpenAiException.unknownModel(asked.model()));
            }
            // A request without a readable model is planned (and refused, with the right error) by any worker.
            List<Worker> hashers = asked.model() == null
                    ? directory.all().stream().filter(worker -> worker.state().reachable()).toList()
                    : picker.order(directory.all(), asked.model(), List.of(), null);
            if (hashers.isEmpty()) {
                return Mono.error(noWorker(asked.model()));
            }
            return prefix(hashers, 0, endpoint, body, salt).flatMap(reply -> {
                if (!reply.ok()) {
                    return answer(reply.status(), reply.contentType(), Flux.just(reply.body()), false);
                }
                WorkerClient.Prefix prefix = WorkerClient.parsePrefix(reply.body());
                if (!tenant.mayUse(prefix.model())) {
                    return Mono.error(OpenAiException.unknownModel(prefix.model()));
                }
                long tokens = (long) asked.choices() * (prefix.promptTokens() + (asked.maxTokens() == null ? 0
                        : asked.maxTokens()));
                Runnable release = admission.admitForwarded(prefix.model(), tenant, tokens);
                List<Worker> order = picker.order(directory.all(), prefix.model(), prefix.blockHashes(), session);
                if (order.isEmpty()) {
                    release.run();
                    return Mono.error(noWorker(prefix.model()));
                }
                metrics.routed(prefix.blockHashes().size(),
                        order.getFirst().cachedPrefix(prefix.model(), prefix.blockHashes()));
                Forward forward = new Forward(endpoint, body, headers, salt, prefix.model(), prefix.blockHashes(),
                        session, order, release);
                return attempt(forward, 0).doOnError(failure -> release.run()).doOnCancel(release);
            });
        });
    }

    /** The block hashes of the request salted with {@code salt}, from the first of {@code hashers} that answers. */
    private Mono<WorkerClient.Reply> prefix(List<Worker> hashers, int index, String endpoint, byte[] body,
            String salt) {
        Worker worker = hashers.get(index);
        boolean last = index + 1 >= hashers.size();
        // Only this worker's own failure marks it: the next ones' are theirs.
        return client.prefix(worker, endpoint, body, salt)
                .onErrorResume(failure -> {
                    worker.markUnreachable(WorkerClient.describe(failure));
                    return last ? Mono.error(OpenAiException.unavailable("No worker could be reached: "
                            + WorkerClient.describe(failure), 1)) : Mono.empty();
                })
                .flatMap(reply -> retryable(reply.status()) && !last
                        ? prefix(hashers, index + 1, endpoint, body, salt) : Mono.just(reply))
                .switchIfEmpty(Mono.defer(() -> prefix(hashers, index + 1, endpoint, body, salt)));
    }

    /** Tries the request on worker {@code index} of its order, and on the next ones while they fail before output. */
    private Mono<ServerResponse> attempt(Forward forward, int index) {
        Worker worker = forward.order().get(index);
        Runnable finished = startedOn(worker);
        boolean last = index + 1 >= forward.attempts(properties);
        return client.forward(worker, forward.endpoint(), forward.body(), forward.headers(), forward.salt())
                .onErrorResume(failure -> {
                    finished.run();
                    failedBeforeOutput(worker, failure, !last);
                    return last ? Mono.error(OpenAiException.unavailable("No worker could take the request: the"
                            + " last one tried failed (" + WorkerClient.describe(failure) + ")", 1))
                            : Mono.empty();
                })
                .flatMap(entity -> {
                    int status = entity.getStatusCode().value();
                    if (retryable(status) && !last) {
                        finished.run();
                        metrics.attempt(worker, "retried");
                        return drain(entity).then(attempt(forward, index + 1));
                    }
                    metrics.attempt(worker, status / 100 == 2 ? "ok" : status / 100 == 4 && status != 429
                            ? "client_error" : "failed");
                    routedTo(forward, worker);
                    MediaType type = entity.getHeaders().getContentType();
                    Flux<byte[]> body = entity.getBody().map(RequestBodies::bytes);
                    boolean stream = status == 200 && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type);
                    if (stream) {
                        body = gated(body, forward, index);
                    }
                    body = body.doFinally(signal -> {
                        finished.run();
                        forward.release().run();
                    });
                    return answer(status, type, body, stream, entity.getHeaders(), worker);
                })
                .switchIfEmpty(Mono.defer(() -> attempt(forward, index + 1)));
    }

    /**
     * The stream of a worker's events, held back until the first output: if the worker fails before it, the request
     * goes on on the next worker of its order, and the client sees only that worker's events.
     */
    private Flux<byte[]> gated(Flux<byte[]> events, Forward forward, int index) {
        return Flux.defer(() -> {
            FirstTokenGate gate = new FirstTokenGate();
            return events.concatMapIterable(gate::offer)
                    .concatWith(Flux.defer(() -> gate.failed()
                            ? Flux.error(new WorkerRefused("an error event before the first token"))
                            : Flux.fromIterable(gate.release())))
                    .onErrorResume(failure -> gate.isOpen() ? Flux.error(failure)
                            : continueStream(forward, index, failure));
        });
    }

    /** Streams the request from the worker after {@code failedIndex}, whose stream failed before any output. */
    private Flux<byte[]> continueStream(Forward forward, int failedIndex, Throwable failure) {
        Worker failed = forward.order().get(failedIndex);
        int next = failedIndex + 1;
        if (next >= forward.attempts(properties)) {
            failedBeforeOutput(failed, failure, false);
            return EventStream.endingWith(OpenAiJson.bytes(OpenAiException.unavailable("No worker could take the request: the last one tried"
                    + " failed before its first token (" + WorkerClient.describe(failure) + ")", 1).body()));
        }
        failedBeforeOutput(failed, failure, true);
        Worker worker = forward.order().get(next);
        Runnable finished = startedOn(worker);
        // Once this worker's stream is taken, its own gate decides what a failure means: the next worker if before
        // output, the client's broken stream after it. Only a failure before that is this method's to resume.
        AtomicBoolean streaming = new AtomicBoolean();
        return client.forward(worker, forward.endpoint(), forward.body(), forward.headers(), forward.salt())
                .flatMapMany(entity -> {
                    int status = entity.getStatusCode().value();
                    Flux<byte[]> body = entity.getBody().map(RequestBodies::bytes);
                    if (status == 200 && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(
                            entity.getHeaders().getContentType())) {
                        metrics.attempt(worker, "ok");
                        routedTo(forward, worker);
                        streaming.set(true);
                        return gated(body, forward, next);
                    }
                    if (retryable(status)) {
                        return body.then(Mono.<byte[]>error(new WorkerRefused("answered " + status)));
                    }
                    metrics.attempt(worker, "client_error");
                    return body.collectList().flatMapMany(parts -> EventStream.endingWith(concat(parts)));
                })
                .onErrorResume(error -> streaming.get() ? Flux.error(error) : continueStream(forward, next, error))
                .doFinally(signal -> finished.run());
    }

    /**
     * Counts a worker's failure before output; one that broke the connection (not one that answered an error) is
     * taken as unreachable until its next poll says otherwise.
     */
    private void failedBeforeOutput(Worker worker, Throwable failure, boolean retried) {
        worker.failed();
        metrics.attempt(worker, retried ? "retried" : "failed");
        if (!(failure instanceof WorkerRefused)) {
            worker.markUnreachable(WorkerClient.describe(failure));
        }
    }

    /** A worker answered, but with an error before any output. */
    private static final class WorkerRefused extends RuntimeException {
        WorkerRefused(String message) {
            super(message, null, false, false);
        }
    }

    private Runnable startedOn(Worker worker) {
        worker.started();
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                worker.finished();
            }
        };
    }

    private void routedTo(Forward forward, Worker worker) {
        worker.routed(forward.hashes());
        picker.served(forward.session(), worker);
    }

    private static boolean retryable(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    private static Mono<Void> drain(ResponseEntity<Flux<DataBuffer>> entity) {
        Flux<DataBuffer> body = entity.getBody();
        return body == null ? Mono.empty() : body.map(RequestBodies::bytes).then();
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        return all.toByteArray();
    }

    private Mono<ServerResponse> answer(int status, MediaType type, Flux<byte[]> body, boolean stream) {
        return answer(status, type, body, stream, HttpHeaders.EMPTY, null);
    }

    private Mono<ServerResponse> answer(int status, MediaType type, Flux<byte[]> body, boolean stream,
            HttpHeaders from, Worker worker) {
        ServerResponse.BodyBuilder response = ServerResponse.status(status);
        if (type != null) {
            response.contentType(type);
        }
        for (String name : List.of(HttpHeaders.RETRY_AFTER, HttpHeaders.CACHE_CONTROL, "X-Accel-Buffering")) {
            String value = from.getFirst(name);
            if (value != null) {
                response.header(name, value);
            }
        }
        if (worker != null && properties.exposeWorker()) {
            response.header(WORKER_HEADER, worker.base().toString());
        }
        return response.body((message, context) -> stream
                ? message.writeAndFlushWith(body.map(bytes -> Mono.just(message.bufferFactory().wrap(bytes))))
                : message.writeWith(body.map(bytes -> message.bufferFactory().wrap(bytes))));
    }

    /** Why no worker can take a request for {@code model}: none reachable, none ready, or no such model. */
    private OpenAiException noWorker(String model) {
        List<Worker> reachable = directory.all().stream().filter(worker -> worker.state().reachable()).toList();
        if (reachable.isEmpty()) {
            return OpenAiException.unavailable("No worker is reachable (" + directory.all().size() + " known); try"
                    + " again shortly", 5);
        }
        if (model == null || reachable.stream().anyMatch(worker -> worker.state().models().containsKey(model))) {
            return OpenAiException.unavailable("The model `" + model + "` is not ready on any worker; try again"
                    + " shortly", 5);
        }
        return OpenAiException.unknownModel(model);
    }

    private Mono<ServerResponse> models(ServerRequest request) {
        Tenant tenant = Tenant.of(request.exchange());
        TreeSet<String> names = new TreeSet<>();
        for (Worker worker : directory.all()) {
            if (worker.state().reachable()) {
                names.addAll(worker.state().models().keySet());
            }
        }
        List<ModelList.Model> data = names.stream().filter(tenant::mayUse).map(name -> ModelList.Model.of(name, null))
                .toList();
        return json(HttpStatus.OK, new ModelList("list", data));
    }

    private Mono<ServerResponse> model(ServerRequest request) {
        String name = request.pathVariable("model");
        boolean served = directory.all().stream().anyMatch(worker -> worker.state().reachable()
                && worker.state().models().containsKey(name));
        if (!Tenant.of(request.exchange()).mayUse(name) || !served) {
            return Mono.error(OpenAiException.unknownModel(name));
        }
        return json(HttpStatus.OK, ModelList.Model.of(name, null));
    }

    private List<Map<String, Object>> workers() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Worker worker : directory.all()) {
            Worker.State state = worker.state();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("url", worker.base().toString());
            entry.put("reachable", state.reachable());
            entry.put("problem", state.problem());
            entry.put("in_flight", worker.inFlight());
            entry.put("routed", worker.routedCount());
            entry.put("failures", worker.failureCount());
            List<Map<String, Object>> models = new ArrayList<>();
            for (Worker.ModelState model : state.models().values()) {
                Map<String, Object> of = new LinkedHashMap<>();
                of.put("model", model.model());
                of.put("ready", model.ready());
                of.put("waiting", model.waiting());
                of.put("running", model.running());
                of.put("kv_cache_usage", model.kvCacheUsage());
                of.put("cached_blocks", model.cachedBlocks().size());
                models.add(of);
            }
            entry.put("models", models);
            list.add(entry);
        }
        return list;
    }

    private Mono<ServerResponse> join(ServerRequest request) {
        return RequestBodies.read(request, maxRequestBytes).flatMap(body -> directory.add(url(body)))
                .flatMap(joined -> json(HttpStatus.CREATED, workers()));
    }

    private Mono<ServerResponse> leave(ServerRequest request) {
        return RequestBodies.read(request, maxRequestBytes).flatMap(body -> directory.remove(url(body))
                ? json(HttpStatus.OK, workers())
                : Mono.error(new OpenAiException(HttpStatus.NOT_FOUND, "invalid_request_error",
                        "No worker was configured or added with that URL", "url", "worker_not_found", Map.of())));
    }

    /** The {@code url} of a join or leave request, checked. */
    private static String url(byte[] body) {
        String url;
        try {
            url = JSON.readTree(body).path("url").asString("");
        } catch (JacksonException unreadable) {
            throw OpenAiException.invalid(null, "The body must be JSON: {\"url\": \"http://HOST:PORT\"}");
        }
        if (url.isBlank()) {
            throw OpenAiException.invalid("url", "Give the worker's base URL: {\"url\": \"http://HOST:PORT\"}");
        }
        try {
            return WorkerDirectory.parse(url).toString();
        } catch (IllegalArgumentException wrong) {
            throw OpenAiException.invalid("url", wrong.getMessage());
        }
    }

    private static Mono<ServerResponse> json(HttpStatus status, Object body) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(OpenAiJson.bytes(body));
    }
}
