package dev.caracal.spring.boot.metrics;

import dev.caracal.engine.api.EngineStats;
import dev.caracal.engine.api.RequestMetrics;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import reactor.core.publisher.Flux;

/**
 * Caracal's Micrometer meters (on Prometheus, named after vLLM's: {@code vllm:time_to_first_token_seconds} is
 * {@code caracal_time_to_first_token_seconds} here), tagged with {@code model_name}: latency histograms of each
 * request, token and finish-reason counters, and gauges of each model's engine. The gauges of the model-server protocol
 * ({@link ModelServerLoad}: waiting, running, KV cache usage) can also be registered under vLLM's own names, which an
 * endpoint picker reads by default. The same in the gateway and in an embedding application.
 */
public class GenerationMetrics implements GenerationObserver {

    /** Bucket bounds of the latency histograms, in seconds (vLLM's time-to-first-token buckets, extended). */
    private static final double[] LATENCY_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5,
        0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};

    private final MeterRegistry registry;
    private final QueuedRequests queued;
    private final boolean vllmNames;
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();
    private final Map<String, RecentLatencies> recent = new ConcurrentHashMap<>();

    /**
     * @param queued    the requests each deployment holds in front of its engine, counted as waiting
     * @param vllmNames also register the protocol's gauges under vLLM's names
     */
    public GenerationMetrics(MeterRegistry registry, DeploymentRegistry deployments, QueuedRequests queued,
            boolean vllmNames) {
        this.registry = registry;
        this.queued = queued;
        this.vllmNames = vllmNames;
        for (ModelDeployment deployment : deployments.all()) {
            gauges(deployment);
            meters.put(deployment.name(), new Meters(deployment.name()));
        }
        deployments.addListener(new DeploymentRegistry.Listener() {
            @Override
            public void added(ModelDeployment deployment) {
                gauges(deployment);
                meters.put(deployment.name(), new Meters(deployment.name()));
            }

            @Override
            public void removed(ModelDeployment deployment) {
                forget(deployment.name());
            }
        });
    }

    /** Removes every meter tagged with the model {@code name} (its gauges read a closed engine). */
    private void forget(String name) {
        meters.remove(name);
        recent.remove(name);
        registry.getMeters().stream().filter(meter -> name.equals(meter.getId().getTag("model_name")))
                .toList().forEach(registry::remove);
    }

    /** The latency percentiles of the model's requests in the last minute. */
    public RecentLatencies.Snapshot recent(String model) {
        return recent.computeIfAbsent(model, name -> new RecentLatencies()).snapshot();
    }

    private void gauges(ModelDeployment deployment) {
        loadGauge("caracal.num.requests.running", "vllm:num_requests_running",
                "Requests running in the engine (holding KV blocks)", deployment, ModelServerLoad::running);
        loadGauge("caracal.num.requests.waiting", "vllm:num_requests_waiting",
                "Requests waiting: for admission, or in the engine to be scheduled", deployment,
                ModelServerLoad::waiting);
        loadGauge("caracal.kv.cache.usage.perc", "vllm:kv_cache_usage_perc",
                "Share of KV cache blocks in use (1 = 100%)", deployment, ModelServerLoad::kvCacheUsage);
        gauge("caracal.prefix.cache.hit.rate", "Prompt tokens found in the prefix cache over tokens looked up",
                deployment, stats -> stats.kvCache().prefixHitRate());
        FunctionCounter.builder("caracal.prefix.cache.queries", deployment,
                        d -> d.stats().kvCache().prefixQueryTokens())
                .description("Prompt tokens looked up in the prefix cache").tag("model_name", deployment.name())
                .register(registry);
        FunctionCounter.builder("caracal.prefix.cache.hits", deployment, d -> d.stats().kvCache().prefixHitTokens())
                .description("Prompt tokens found in the prefix cache").tag("model_name", deployment.name())
                .register(registry);
        MonotonicCount generated = new MonotonicCount();
        FunctionCounter.builder("caracal.generation.tokens", deployment,
                        d -> generated.read(d.stats().work().generatedTokens()))
                .description("Tokens generated (sampled by the engine), those of cancelled and failed requests too")
                .tag("model_name", deployment.name()).register(registry);
    }

    /**
     * A counter read from an engine's statistics, kept monotonic across engine restarts (whose counts start again at
     * zero): what it reads is added as it grows.
     */
    private static final class MonotonicCount {
        private long total;
        private long last;

        synchronized double read(long current) {
            total += current >= last ? current - last : current;
            last = current;
            return total;
        }
    }

    /** A gauge of the model-server protocol: under Caracal's name, and under vLLM's too when asked. */
    private void loadGauge(String name, String vllmName, String description, ModelDeployment deployment,
            ToDoubleFunction<ModelServerLoad> value) {
        for (String each : vllmNames ? List.of(name, vllmName) : List.of(name)) {
            Gauge.builder(each, deployment, d -> value.applyAsDouble(ModelServerLoad.of(d, queued)))
                    .description(description).tag("model_name", deployment.name()).strongReference(true)
                    .register(registry);
        }
    }

    private void gauge(String name, String description, ModelDeployment deployment,
            ToDoubleFunction<EngineStats> value) {
        Gauge.builder(name, deployment, d -> value.applyAsDouble(d.stats()))
                .description(description).tag("model_name", deployment.name()).strongReference(true)
                .register(registry);
    }

    /**
     * Records one request's metrics as its events pass: latencies and prompt tokens from its last event, its finish
     * reason, or {@code abort} and its prompt tokens when the client cancels it. (Generated tokens are counted by the
     * engine, cancelled requests' too.)
     *
     * @param promptTokens the request's prompt length
     * @param arrivalNanos when the request arrived ({@link System#nanoTime()})
     */
    @Override
    public Flux<TokenChunk> observe(String model, int promptTokens, Flux<TokenChunk> events,
            long arrivalNanos) {
        Meters of = meters.computeIfAbsent(model, Meters::new);
        AtomicBoolean finished = new AtomicBoolean();
        return events.doOnNext(event -> {
            if (event.isFinal() && finished.compareAndSet(false, true)) {
                of.finished(event, Duration.ofNanos(System.nanoTime() - arrivalNanos));
            }
        }).doOnCancel(() -> {
            if (finished.compareAndSet(false, true)) {
                of.reason("abort").increment();
                of.promptTokens.increment(promptTokens);
            }
        });
    }

    /** The meters of one model. */
    private final class Meters {
        private final String model;
        private final Timer timeToFirstToken;
        private final Timer interTokenLatency;
        private final Timer endToEnd;
        private final Timer queueTime;
        private final Counter promptTokens;
        private final Counter cachedTokens;
        private final Map<String, Counter> reasons = new ConcurrentHashMap<>();

        Meters(String model) {
            this.model = model;
            timeToFirstToken = timer("caracal.time.to.first.token", "Time from submission to the first token");
            interTokenLatency = timer("caracal.inter.token.latency", "Time between consecutive output tokens");
            endToEnd = timer("caracal.e2e.request.latency", "Time from arrival at the gateway to the last token");
            queueTime = timer("caracal.request.queue.time", "Time a request waited before it was first scheduled");
            promptTokens = counter("caracal.prompt.tokens", "Prompt tokens of requests, finished or cancelled");
            cachedTokens = counter("caracal.prompt.tokens.cached", "Prompt tokens served from the prefix cache");
        }

        private Timer timer(String name, String description) {
            return Timer.builder(name).description(description).tag("model_name", model)
                    .serviceLevelObjectives(Arrays.stream(LATENCY_BUCKETS)
                            .mapToObj(seconds -> Duration.ofNanos((long) (seconds * 1e9))).toArray(Duration[]::new))
                    .register(registry);
        }

        private Counter counter(String name, String description) {
            return Counter.builder(name).description(description).tag("model_name", model).register(registry);
        }

        Counter reason(String reason) {
            return reasons.computeIfAbsent(reason, r -> Counter.builder("caracal.request.success")
                    .description("Finished requests by finish reason (abort: the client went away)")
                    .tag("model_name", model).tag("finished_reason", r).register(registry));
        }

        void finished(TokenChunk event, Duration endToEndTime) {
            reason(event.finishReason().name().toLowerCase()).increment();
            endToEnd.record(endToEndTime);
            RequestMetrics usage = event.metrics();
            if (usage == null) {
                return;
            }
            queueTime.record(usage.queueTime());
            usage.timeToFirstToken().ifPresent(timeToFirstToken::record);
            double first = usage.timeToFirstToken().map(time -> time.toNanos() / 1e9).orElse(Double.NaN);
            double perToken = usage.interTokenLatencies().isEmpty() ? Double.NaN
                    : usage.interTokenLatencies().stream().mapToLong(Duration::toNanos).average().orElseThrow() / 1e9;
            recent.computeIfAbsent(model, name -> new RecentLatencies()).record(first, perToken);
            usage.interTokenLatencies().forEach(interTokenLatency::record);
            promptTokens.increment(usage.promptTokens());
            cachedTokens.increment(usage.cachedTokens());
        }
    }
}
