package dev.caracal.app.server.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.CaracalServer;
import dev.caracal.app.server.security.ApiKeyHash;
import dev.caracal.app.server.security.CacheSalt;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A router in front of a worker serving the demo model (both gateways in this JVM, over real HTTP): what a client sees
 * through the router is what the worker answers, errors included; keys and limits are checked at the router; a router
 * without a ready worker says so (503, readiness down); workers join and leave through the admin API; the router's
 * tenants share no cached block at a worker that has tenants of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterGatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "sk-router-test-key";
    private static final String COMPLETION = """
            {"model": "stories260K", "max_tokens": 24, "temperature": 0, "prompt": "Once upon a time, there was a \
            little girl named Lily. She loved to play outside in the park with her friends."}""";

    /** Long enough for several full KV blocks of 16 tokens. */
    private static final String STORY = """
            {"model": "stories260K", "max_tokens": 4, "temperature": 0, "prompt": "Once upon a time, there was a \
            little girl named Lily. She loved to play outside in the park with her friends. One day, she saw a big \
            red ball under a tree. She ran to the ball and kicked it very hard. The ball flew over the fence."}""";

    private static final String ROUTER_KEY = "sk-router-to-workers";
    private static final String USER_KEY = "sk-apps-user-only";

    private ConfigurableApplicationContext worker;
    private ConfigurableApplicationContext router;
    private ConfigurableApplicationContext guarded;
    private final List<ConfigurableApplicationContext> others = new ArrayList<>();

    @BeforeAll
    void start() throws InterruptedException {
        worker = CaracalServer.start(new String[] {"--server.port=0"});
        router = router("--caracal.router.workers=" + base(worker), "--caracal.router.expose-worker=true");
        guarded = router("--caracal.router.workers=" + base(worker),
                "--caracal.security.tenants[0].name=team", "--caracal.security.tenants[0].key-hashes[0]="
                        + ApiKeyHash.of(KEY), "--caracal.security.tenants[0].limits.requests-per-minute=3");
        await(() -> client(router).get().uri("/actuator/health/readiness").exchange().returnResult(String.class)
                .getStatus().value() == 200);
    }

    private ConfigurableApplicationContext router(String... properties) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--caracal.role=router",
                "--caracal.demo-model=false", "--caracal.router.poll-interval=100ms"));
        arguments.addAll(List.of(properties));
        ConfigurableApplicationContext context = CaracalServer.start(arguments.toArray(String[]::new));
        others.add(context);
        return context;
    }

    @AfterAll
    void stop() {
        others.forEach(ConfigurableApplicationContext::close);
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void aCompletionThroughTheRouterIsTheWorkersOwnAnswer() {
        JsonNode direct = completion(client(worker));
        JsonNode routed = completion(client(router));
        assertThat(routed.at("/choices/0/text").asString()).isNotBlank()
                .isEqualTo(direct.at("/choices/0/text").asString());
        assertThat(routed.at("/usage/prompt_tokens").asInt()).isEqualTo(direct.at("/usage/prompt_tokens").asInt());
        assertThat(routed.at("/usage/prompt_tokens_details/cached_tokens").asInt())
                .as("the second time, the worker finds the prompt's blocks in its prefix cache").isPositive();
    }

    @Test
    void aStreamedChatThroughTheRouterCarriesTheWorkersEventsAndEndsWithDone() {
        String chat = """
                {"model": "stories260K", "stream": true, "max_tokens": 16, "temperature": 0,
                 "messages": [{"role": "user", "content": "Tell me about a cat"}]}""";
        String direct = stream(client(worker), chat);
        String routed = stream(client(router), chat);
        assertThat(routed).startsWith("data: {").endsWith("data: [DONE]\n\n");
        assertThat(contents(routed)).isNotEmpty().isEqualTo(contents(direct));
    }

    @Test
    void theWorkersRefusalsReachTheClientAsTheWorkerGaveThem() {
        for (String body : List.of("{\"model\": \"stories260K\", \"prompt\": \"x\", \"temperature\": \"hot\"}",
                "{\"model\": \"stories260K\", \"prompt\": \"x\", \"max_tokens\": 100000}",
                "{\"model\": \"stories260K\"}", "{not json")) {
            WebTestClient.ResponseSpec direct = client(worker).post().uri("/v1/completions")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
            var expected = direct.returnResult(String.class);
            WebTestClient.ResponseSpec routed = client(router).post().uri("/v1/completions")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
            var actual = routed.returnResult(String.class);
            assertThat(actual.getStatus()).as(body).isEqualTo(expected.getStatus());
            assertThat(actual.getStatus().is4xxClientError()).as(body).isTrue();
            assertThat(String.join("", actual.getResponseBody().collectList().block()))
                    .isEqualTo(String.join("", expected.getResponseBody().collectList().block()));
        }
    }

    @Test
    void anUnknownModelIsA404AndTheModelListIsTheWorkers() {
        JsonNode error = error(client(router).post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"model\": \"no-such-model\", \"prompt\": \"x\"}").exchange(), HttpStatus.NOT_FOUND);
        assertThat(error.path("code").asString()).isEqualTo("model_not_found");
        JsonNode models = JSON.readTree(client(router).get().uri("/v1/models").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(models.at("/data/0/id").asString()).isEqualTo("stories260K");
        client(router).get().uri("/v1/models/stories260K").exchange().expectStatus().isOk();
        client(router).get().uri("/v1/models/other").exchange().expectStatus().isNotFound();
    }

    @Test
    void keysAndLimitsAreCheckedAtTheRouter() {
        error(client(guarded).post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(COMPLETION).exchange(), HttpStatus.UNAUTHORIZED);
        for (int i = 0; i < 3; i++) {
            client(guarded).post().uri("/v1/completions").header("Authorization", "Bearer " + KEY)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(COMPLETION).exchange().expectStatus().isOk();
        }
        error(client(guarded).post().uri("/v1/completions").header("Authorization", "Bearer " + KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(COMPLETION).exchange(),
                HttpStatus.TOO_MANY_REQUESTS);
    }

    /** A worker with one tenant, {@code name}, whose key is {@code key}. */
    private ConfigurableApplicationContext workerWithTenant(String name, String key, String roles) {
        ConfigurableApplicationContext started = CaracalServer.start(new String[] {"--server.port=0",
            "--caracal.security.tenants[0].name=" + name,
            "--caracal.security.tenants[0].key-hashes[0]=" + ApiKeyHash.of(key),
            "--caracal.security.tenants[0].roles=" + roles});
        others.add(started);
        return started;
    }

    @Test
    void theRoutersTenantsShareNoCachedBlockAtTheWorkers() throws InterruptedException {
        ConfigurableApplicationContext routersOnly = workerWithTenant("router", ROUTER_KEY, "user,cluster");
        ConfigurableApplicationContext tenants = router("--caracal.router.workers=" + base(routersOnly),
                "--caracal.router.worker-api-key=" + ROUTER_KEY,
                "--caracal.security.tenants[0].name=alice",
                "--caracal.security.tenants[0].key-hashes[0]=" + ApiKeyHash.of("sk-alice"),
                "--caracal.security.tenants[1].name=bob",
                "--caracal.security.tenants[1].key-hashes[0]=" + ApiKeyHash.of("sk-bob"));
        await(() -> client(tenants).get().uri("/actuator/health/readiness").exchange().returnResult(String.class)
                .getStatus().value() == 200);
        MeterRegistry meters = tenants.getBean(MeterRegistry.class);

        assertThat(cachedTokens(routed(tenants, "sk-alice", STORY))).isZero();
        double matched = matchedBlocks(meters);
        assertThat(cachedTokens(routed(tenants, "sk-alice", STORY)))
                .as("alice's second request finds her blocks at the worker").isPositive();
        assertThat(matchedBlocks(meters)).as("the router's hashes for alice are those the worker cached for her")
                .isGreaterThan(matched);
        matched = matchedBlocks(meters);
        assertThat(cachedTokens(routed(tenants, "sk-bob", STORY))).as("bob shares no block with alice").isZero();
        assertThat(matchedBlocks(meters)).as("the router's hashes for bob are not alice's").isEqualTo(matched);

        List<String> alice = workerHashes(routersOnly, ROUTER_KEY, "alice");
        List<String> bob = workerHashes(routersOnly, ROUTER_KEY, "bob");
        assertThat(alice).isNotEmpty().doesNotContainAnyElementsOf(bob);
        JsonNode state = JSON.readTree(client(routersOnly).get().uri("/cluster/v1/state")
                .header("Authorization", "Bearer " + ROUTER_KEY).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        List<String> cached = new ArrayList<>();
        state.at("/models/0/cached_blocks").forEach(hash -> cached.add(hash.asString()));
        assertThat(cached).containsAll(alice).containsAll(bob)
                .doesNotContainAnyElementsOf(workerHashes(routersOnly, ROUTER_KEY, null));

        JsonNode refused = error(client(tenants).post().uri("/v1/completions").header("Authorization",
                "Bearer sk-alice").header(CacheSalt.HEADER, "bob").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(STORY).exchange(), HttpStatus.FORBIDDEN);
        assertThat(refused.path("message").asString()).contains("cluster role");
    }

    @Test
    void aRouterWhoseKeyLacksTheClusterRoleSaysWhy() throws InterruptedException {
        ConfigurableApplicationContext misconfigured = router("--caracal.router.workers="
                + base(workerWithTenant("apps", USER_KEY, "user")), "--caracal.router.worker-api-key=" + USER_KEY);
        await(() -> client(misconfigured).get().uri("/admin/workers").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody().contains("cluster role"));
        JsonNode workers = JSON.readTree(client(misconfigured).get().uri("/admin/workers").exchange()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(workers.at("/0/reachable").asBoolean()).isFalse();
        assertThat(workers.at("/0/problem").asString()).isEqualTo("state answered 403: This API key does not have"
                + " the cluster role the cluster API needs (a router's key has it)");
    }

    private static JsonNode routed(ConfigurableApplicationContext router, String key, String body) {
        return JSON.readTree(client(router).post().uri("/v1/completions").header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static int cachedTokens(JsonNode completion) {
        return completion.at("/usage/prompt_tokens_details/cached_tokens").asInt();
    }

    private static double matchedBlocks(MeterRegistry meters) {
        return meters.get("caracal.router.prefix.blocks").tag("kind", "matched").counter().count();
    }

    /** The hashes the worker gives the router for {@link #STORY} salted with {@code salt} (none: the router's). */
    private static List<String> workerHashes(ConfigurableApplicationContext worker, String key, String salt) {
        WebTestClient.RequestBodySpec request = client(worker).post().uri("/cluster/v1/prefix/completions")
                .header("Authorization", "Bearer " + key);
        if (salt != null) {
            request = request.header(CacheSalt.HEADER, salt);
        }
        JsonNode prefix = JSON.readTree(request.contentType(MediaType.APPLICATION_JSON).bodyValue(STORY).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        List<String> hashes = new ArrayList<>();
        prefix.get("block_hashes").forEach(hash -> hashes.add(hash.asString()));
        return hashes;
    }

    @Test
    void aRouterWithoutAReadyWorkerSaysSoAndIsNotReady() throws InterruptedException {
        ConfigurableApplicationContext lonely = router("--caracal.router.workers=http://127.0.0.1:9");
        Thread.sleep(300);
        client(lonely).get().uri("/actuator/health/readiness").exchange().expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        JsonNode error = error(client(lonely).post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(COMPLETION).exchange(), HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(error.path("message").asString()).contains("No worker is reachable");
    }

    @Test
    void workersJoinAndLeaveThroughTheAdminApi() throws InterruptedException {
        ConfigurableApplicationContext empty = router();
        error(client(empty).post().uri("/admin/workers").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"url\": \"ftp://x\"}").exchange(), HttpStatus.BAD_REQUEST);
        String joined = client(empty).post().uri("/admin/workers").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"url\": \"" + base(worker) + "\"}").exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(JSON.readTree(joined).at("/0/reachable").asBoolean()).as(joined).isTrue();
        JsonNode answer = completion(client(empty));
        assertThat(answer.at("/choices/0/text").asString()).isNotBlank();
        client(empty).method(org.springframework.http.HttpMethod.DELETE).uri("/admin/workers")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"url\": \"" + base(worker) + "\"}").exchange()
                .expectStatus().isOk();
        error(client(empty).post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(COMPLETION).exchange(), HttpStatus.SERVICE_UNAVAILABLE);
    }

    private static JsonNode completion(WebTestClient client) {
        return JSON.readTree(client.post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(COMPLETION).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody());
    }

    private static String stream(WebTestClient client, String body) {
        return client.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The concatenated {@code delta.content} of a chat stream's events. */
    private static String contents(String events) {
        StringBuilder text = new StringBuilder();
        for (String line : events.split("\n")) {
            if (line.startsWith("data: {")) {
                text.append(JSON.readTree(line.substring(6)).at("/choices/0/delta/content").asString(""));
            }
        }
        return text.toString();
    }

    private static JsonNode error(WebTestClient.ResponseSpec response, HttpStatus status) {
        String body = response.expectStatus().isEqualTo(status).expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain("\tat ").doesNotContain("Exception");
        return JSON.readTree(body).get("error");
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer().baseUrl(base(context)).responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
