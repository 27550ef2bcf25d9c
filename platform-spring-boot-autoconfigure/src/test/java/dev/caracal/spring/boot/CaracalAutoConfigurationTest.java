package dev.caracal.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.engine.api.EngineClient;
import dev.caracal.engine.api.EngineOptions;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.LocalEngine;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.api.chat.ChatOptions;
import dev.caracal.formats.template.ChatMessage;
import dev.caracal.spring.boot.chat.ChatReply;
import dev.caracal.spring.boot.chat.ChatSampling;
import dev.caracal.spring.boot.chat.ChatTurn;
import dev.caracal.spring.boot.chat.LocalChat;
import dev.caracal.spring.boot.engine.DefaultModel;
import dev.caracal.spring.boot.engine.DemoModel;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.spring.boot.metrics.CacheConfigInfo;
import dev.caracal.spring.boot.metrics.DeploymentsHealthIndicator;
import dev.caracal.spring.boot.metrics.GenerationMetrics;
import dev.caracal.spring.boot.metrics.GenerationObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Flux;

/**
 * Caracal's auto-configuration in an application context: which beans appear and when they back off, the bundled
 * demo model loaded before the context is ready and answering as the engine does, the meters and the health
 * indicator, and a graceful shutdown that lets running requests finish or cancels them.
 */
class CaracalAutoConfigurationTest {

    private static final AutoConfigurations ALL = AutoConfigurations.of(CaracalAutoConfiguration.class,
            CaracalMetricsAutoConfiguration.class, CaracalHealthAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(ALL);

    private static LocalEngine oracle;

    @BeforeAll
    static void openOracle() throws IOException {
        oracle = LocalEngine.open(DemoModel.extract(), EngineOptions.defaults().withKvCacheBytes(64L << 20));
    }

    @AfterAll
    static void closeOracle() {
        oracle.close();
    }

    /** The engine's own greedy reply to one user message. */
    private static String oracleReply(String prompt, int maxTokens) {
        return oracle.chat(List.of(ChatMessage.user(prompt)), SamplingParameters.greedy().toBuilder()
                .maxTokens(maxTokens).build()).map(TokenChunk::text).collect(Collectors.joining()).block();
    }

    @Test
    void theDemoModelIsReadyWhenTheContextIsAndAnswersAsTheEngineDoes() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(DeploymentRegistry.class)
                    .hasSingleBean(EngineClient.class).hasSingleBean(LocalChat.class);
            ModelDeployment model = context.getBean(DefaultModel.class).deployment();
            assertThat(model.alias()).isEqualTo(DemoModel.NAME);
            assertThat(model.state()).isEqualTo(ModelDeployment.State.READY);
            assertThat(model.prompts().usesFallbackTemplate()).isTrue();
            for (String prompt : List.of("Once upon a time", "The little dog")) {
                ChatTurn turn = context.getBean(LocalChat.class).submit(null, List.of(ChatMessage.user(prompt)),
                        ChatOptions.NONE, new ChatSampling(0.0, null, null, 24, List.of(), null, null, null));
                ChatReply.Collector collector = new ChatReply.Collector(turn);
                turn.steps().doOnNext(collector::add).blockLast(Duration.ofMinutes(1));
                ChatReply reply = collector.reply();
                assertThat(reply.output().content()).isEqualTo(oracleReply(prompt, 24));
                assertThat(reply.finishReason()).isIn(FinishReason.LENGTH, FinishReason.STOP);
                assertThat(reply.promptTokens()).isEqualTo(model.prompts().chat(List.of(ChatMessage.user(prompt)))
                        .length);
            }
        });
    }

    @Test
    void theEngineClientBeanRunsTokenRequests() {
        runner.run(context -> {
            EngineClient engine = context.getBean(EngineClient.class);
            int[] prompt = oracle.prompts().text("Lily went to the park");
            String text = engine.generate(EngineRequest.of("t-1", prompt, SamplingParameters.greedy().toBuilder()
                    .maxTokens(16).build())).map(TokenChunk::text).collect(Collectors.joining()).block();
            String expected = oracle.generate(EngineRequest.of("o-1", prompt, SamplingParameters.greedy()
                    .toBuilder().maxTokens(16).build())).map(TokenChunk::text).collect(Collectors.joining()).block();
            assertThat(text).isNotEmpty().isEqualTo(expected);
        });
    }

    @Test
    void nothingIsConfiguredWhenCaracalIsDisabled() {
        runner.withPropertyValues("caracal.enabled=false").withBean(SimpleMeterRegistry.class).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(DeploymentRegistry.class)
                        .doesNotHaveBean(EngineClient.class).doesNotHaveBean(LocalChat.class)
                        .doesNotHaveBean(GenerationMetrics.class).doesNotHaveBean(DeploymentsHealthIndicator.class));
    }

    @Test
    void theUsersOwnBeansWin() {
        LocalChat own = new LocalChat(new DeploymentRegistry(new CaracalProperties(true, List.of(), false, List.of(),
                false, Duration.ZERO, null, null, null)), GenerationObserver.NONE,
                new CaracalProperties.Chat(null, null, null, null, null, null), Duration.ZERO);
        GenerationObserver observer = (model, promptTokens, events, arrival) -> events;
        runner.withBean(LocalChat.class, () -> own).withBean(GenerationObserver.class, () -> observer)
                .withBean(SimpleMeterRegistry.class).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(LocalChat.class)).isSameAs(own);
                    assertThat(context.getBean(GenerationObserver.class)).isSameAs(observer);
                    assertThat(context).doesNotHaveBean(GenerationMetrics.class);
                });
        EngineClient ownEngine = new EngineClient() { // not AutoCloseable: the context leaves the oracle open
            @Override
            public Flux<TokenChunk> generate(EngineRequest request) {
                return oracle.generate(request);
            }

            @Override
            public Flux<TokenChunk> generate(EngineRequest request, reactor.core.scheduler.Scheduler delivery) {
                return oracle.generate(request, delivery);
            }

            @Override
            public boolean cancel(String requestId) {
                return oracle.cancel(requestId);
            }

            @Override
            public dev.caracal.engine.api.EngineStats stats() {
                return oracle.stats();
            }
        };
        runner.withBean("myEngine", EngineClient.class, () -> ownEngine).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(EngineClient.class).hasSingleBean(DeploymentRegistry.class);
            assertThat(context.getBean(EngineClient.class)).isSameAs(ownEngine);
        });
    }

    @Test
    void metersAppearWithAMeterRegistryOnly() {
        runner.run(context -> assertThat(context).doesNotHaveBean(GenerationMetrics.class));
        runner.withBean(SimpleMeterRegistry.class).withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(GenerationMetrics.class));
        runner.withBean(SimpleMeterRegistry.class).run(context -> {
            assertThat(context).hasSingleBean(GenerationMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            LocalChat chat = context.getBean(LocalChat.class);
            ChatTurn turn = chat.submit(null, List.of(ChatMessage.user("Once upon a time")), ChatOptions.NONE,
                    new ChatSampling(0.0, null, null, 5, List.of(), null, null, null));
            turn.steps().blockLast(Duration.ofMinutes(1));
            String model = DemoModel.NAME;
            assertThat(registry.get("caracal.request.success").tag("model_name", model)
                    .tag("finished_reason", "length").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("caracal.prompt.tokens").tag("model_name", model).counter().count())
                    .isEqualTo(turn.promptTokens());
            assertThat(registry.get("caracal.time.to.first.token").tag("model_name", model).timer().count())
                    .isEqualTo(1);
            assertThat(registry.get("caracal.generation.tokens").tag("model_name", model).functionCounter().count())
                    .isGreaterThanOrEqualTo(5.0);
            assertThat(registry.get("caracal.num.requests.running").tag("model_name", model).gauge().value())
                    .isZero();
            assertThat(registry.get("caracal.kv.cache.usage.perc").tag("model_name", model).gauge().value())
                    .isBetween(0.0, 1.0);
        });
    }

    @Test
    void vllmNamesAndTheCacheInfoFollowTheSwitchAndPrometheus() {
        runner.withBean(SimpleMeterRegistry.class).run(context -> {
            assertThat(context.getBean(MeterRegistry.class).find("vllm:num_requests_waiting").gauge()).isNull();
            assertThat(context).doesNotHaveBean(CacheConfigInfo.class);
        });
        runner.withBean(SimpleMeterRegistry.class).withBean(PrometheusRegistry.class)
                .withPropertyValues("caracal.metrics.vllm-names=true").run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    for (String name : List.of("vllm:num_requests_waiting", "vllm:num_requests_running",
                            "vllm:kv_cache_usage_perc")) {
                        assertThat(registry.get(name).tag("model_name", DemoModel.NAME).gauge().value()).isZero();
                    }
                    int blocks = context.getBean(DeploymentRegistry.class).find(DemoModel.NAME).orElseThrow().stats()
                            .kvCache().blocksTotal();
                    Map<String, String> labels = new TreeMap<>();
                    for (MetricSnapshot snapshot : context.getBean(PrometheusRegistry.class).scrape()) {
                        for (var point : snapshot.getDataPoints()) {
                            point.getLabels().forEach(label -> labels.put(snapshot.getMetadata().getPrometheusName()
                                    + "." + label.getName(), label.getValue()));
                        }
                    }
                    assertThat(labels).containsEntry("caracal_cache_config.num_blocks", Integer.toString(blocks))
                            .containsEntry("vllm:cache_config.num_gpu_blocks", Integer.toString(blocks))
                            .containsEntry("vllm:cache_config.block_size", "16")
                            .containsEntry("vllm:cache_config.model_name", DemoModel.NAME);
                });
    }

    @Test
    void theHealthIndicatorReportsTheModelsAndBacksOff() {
        runner.run(context -> {
            Health health = context.getBean("caracalHealthIndicator", DeploymentsHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails().get("models").toString()).contains(DemoModel.NAME, "state=ready");
        });
        runner.withPropertyValues("management.health.caracal.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DeploymentsHealthIndicator.class));
        runner.withClassLoader(new FilteredClassLoader(AbstractHealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DeploymentsHealthIndicator.class));
    }

    @Test
    void aModelThatFailsToLoadFailsStartUpOrIsReportedWhenLoadingInTheBackground() {
        Path missing = Path.of("/nonexistent/model.gguf");
        runner.withPropertyValues("caracal.models[0].path=" + missing).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("model.gguf");
        });
        runner.withPropertyValues("caracal.models[0].path=" + missing, "caracal.load-in-background=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ModelDeployment model = context.getBean(DefaultModel.class).deployment();
                    assertThat(model.alias()).isEqualTo("model");
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (model.state() == ModelDeployment.State.LOADING && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    Health health = context.getBean(DeploymentsHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails().get("models").toString()).contains("state=failed", "error=");
                });
    }

    @Test
    void shutdownLetsARunningRequestFinishWithinTheTimeout() {
        runner.withPropertyValues("caracal.shutdown-timeout=1m").run(context ->
                assertThat(finishReasonWhenClosedMidway(context, 1500)).isEqualTo(FinishReason.LENGTH));
    }

    @Test
    void shutdownCancelsWhatIsStillRunningAfterTheTimeout() {
        runner.withPropertyValues("caracal.shutdown-timeout=0s").run(context ->
                assertThat(finishReasonWhenClosedMidway(context, 1900)).isEqualTo(FinishReason.CANCELLED));
    }

    /** Starts a long request, closes the context after its first token, and returns how the request ended. */
    private static FinishReason finishReasonWhenClosedMidway(
            org.springframework.context.ConfigurableApplicationContext context, int maxTokens) throws Exception {
        ModelDeployment model = context.getBean(DefaultModel.class).deployment();
        SamplingParameters sampling = SamplingParameters.builder().temperature(1.0).seed(7L).maxTokens(maxTokens)
                .build();
        Flux<TokenChunk> chunks = model.generate(EngineRequest.of("long", model.prompts().text("Once"), sampling)
                .withIgnoreEos(true)).cache();
        chunks.next().block(Duration.ofMinutes(1));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
        TokenChunk last = chunks.blockLast(Duration.ofMinutes(1));
        closing.get();
        assertThat(model.state()).isEqualTo(ModelDeployment.State.STOPPED);
        assertThat(last.error()).as("the request's error").isNull();
        return last.finishReason();
    }
}
