package dev.caracal.app.server.router;

import dev.caracal.app.server.security.CacheSalt;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The router's HTTP calls to workers, with the router's key (of a tenant with the user and cluster roles where the
 * workers have tenants): their state ({@code GET /cluster/v1/state}), the block hashes of a request
 * ({@code POST /cluster/v1/prefix/...}) and the request itself, forwarded as the client sent it; both of these with the
 * client's cache salt ({@link CacheSalt#HEADER}).
 */
final class WorkerClient {

    /**
     * A worker's answer read whole.
     *
     * @param status the HTTP status
     */
    record Reply(int status, MediaType contentType, byte[] body) {

        boolean ok() {
            return status / 100 == 2;
        }
    }

    /**
     * What a worker computed for a request without running it.
     *
     * @param model        the model name the request sent
     * @param blockHashes  the chained hashes of the full blocks of its (first) prompt, as the worker's prefix cache
     *                     names them
     * @param promptTokens the prompt's length in tokens
     */
    record Prefix(String model, int blockSize, int promptTokens, List<String> blockHashes) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebClient web;
    private final String apiKey;
    private final Duration pollTimeout;

    WorkerClient(RouterProperties properties) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis());
        this.web = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 << 20)).build();
        this.apiKey = properties.workerApiKey();
        this.pollTimeout = properties.pollInterval().multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
                ? properties.pollInterval().multipliedBy(2) : Duration.ofSeconds(2);
    }

    /** The worker's state now; a worker that does not answer in time is unreachable. */
    Mono<Worker.State> state(Worker worker) {
        return web.get().uri(worker.base().resolve("/cluster/v1/state")).headers(this::authorize)
                .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .map(body -> response.statusCode().is2xxSuccessful() ? parseState(body)
                                : new Worker.State(false, Map.of(), System.nanoTime(), "state answered "
                                        + response.statusCode().value() + errorMessage(body))))
                .timeout(pollTimeout)
                .onErrorResume(failure -> Mono.just(new Worker.State(false, Map.of(), System.nanoTime(),
                        describe(failure))));
    }

    /**
     * The block hashes a worker computes for an OpenAI request ({@code endpoint} is its {@code /v1/...} path) salted
     * with {@code salt}, read whole.
     */
    Mono<Reply> prefix(Worker worker, String endpoint, byte[] body, String salt) {
        return web.post().uri(worker.base().resolve("/cluster/v1/prefix" + endpoint.substring("/v1".length())))
                .headers(headers -> authorize(headers, salt)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .map(bytes -> new Reply(response.statusCode().value(),
                                response.headers().contentType().orElse(MediaType.APPLICATION_JSON), bytes)));
    }

    static Prefix parsePrefix(byte[] body) {
        JsonNode root = JSON.readTree(body);
        List<String> hashes = new ArrayList<>();
        root.path("block_hashes").forEach(hash -> hashes.add(hash.asString("")));
        return new Prefix(root.path("model").asString(""), root.path("block_size").asInt(0),
                root.path("prompt_tokens").asInt(0), List.copyOf(hashes));
    }

    /**
     * Forwards a client's request, salted with {@code salt}: the worker's status and headers as soon as they arrive,
     * with its body to stream. Every status is an answer here, errors too.
     */
    Mono<ResponseEntity<Flux<DataBuffer>>> forward(Worker worker, String endpoint, byte[] body,
            HttpHeaders incoming, String salt) {
        return web.post().uri(worker.base().resolve(endpoint)).headers(headers -> {
            authorize(headers, salt);
            headers.setContentType(MediaType.APPLICATION_JSON);
            headers.setAccept(incoming.getAccept());
        }).bodyValue(body).retrieve().onStatus(status -> true, response -> Mono.empty())
                .toEntityFlux(DataBuffer.class);
    }

    private void authorize(HttpHeaders headers) {
        if (apiKey != null && !apiKey.isBlank()) {
            headers.setBearerAuth(apiKey);
        }
    }

    /**
     * The router's key, and the salt of the client's request ({@link CacheSalt#of} at the router) when it has one: so
     * the worker caches each of the router's tenants apart, and hashes the prefix as it will cache it.
     */
    private void authorize(HttpHeaders headers, String salt) {
        authorize(headers);
        if (salt != null) {
            headers.set(CacheSalt.HEADER, CacheSalt.encode(salt));
        }
    }

    private static Worker.State parseState(byte[] body) {
        JsonNode root = JSON.readTree(body);
        Map<String, Worker.ModelState> models = new HashMap<>();
        for (JsonNode model : root.path("models")) {
            Set<String> blocks = new HashSet<>();
            model.path("cached_blocks").forEach(hash -> blocks.add(hash.asString("")));
            Worker.ModelState state = new Worker.ModelState(model.path("model").asString(""),
                    model.path("ready").asBoolean(false), model.path("waiting").asInt(0),
                    model.path("running").asInt(0),
                    model.path("kv_cache_usage").asDouble(0), model.path("block_size").asInt(0),
                    model.path("blocks_total").asLong(0), blocks);
            models.merge(state.model(), state, WorkerClient::merge);
        }
        return new Worker.State(true, Map.copyOf(models), System.nanoTime(), null);
    }

    /** Two deployments of one model on a worker, seen as one. */
    private static Worker.ModelState merge(Worker.ModelState a, Worker.ModelState b) {
        Set<String> blocks = new HashSet<>(a.cachedBlocks());
        blocks.addAll(b.cachedBlocks());
        return new Worker.ModelState(a.model(), a.ready() || b.ready(), a.waiting() + b.waiting(),
                a.running() + b.running(), Math.max(a.kvCacheUsage(), b.kvCacheUsage()), a.blockSize(),
                a.blocksTotal() + b.blocksTotal(), blocks);
    }

    /** The message of an OpenAI error body after a colon (a 403 says the key lacks the cluster role); or nothing. */
    private static String errorMessage(byte[] body) {
        try {
            String message = JSON.readTree(body).path("error").path("message").asString("");
            return message.isEmpty() ? "" : ": " + message;
        } catch (JacksonException unreadable) {
            return "";
        }
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
