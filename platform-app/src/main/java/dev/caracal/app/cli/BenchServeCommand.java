package dev.caracal.app.cli;

import dev.caracal.app.server.CaracalServer;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.tools.bench.EngineTarget;
import dev.caracal.tools.bench.HttpTarget;
import dev.caracal.tools.bench.ServingBenchmark;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code caracal bench-serve}: N concurrent streaming clients over HTTP, against a running server ({@code --url}) or
 * against a gateway this command starts on loopback ({@code -m}), where the same workload also runs straight on the
 * model's engine so that what HTTP adds shows side by side.
 */
@Command(
        name = "bench-serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serving benchmark: C concurrent clients each send one streaming /v1/completions request at a time",
            "(random token-id prompts, greedy, end-of-generation ignored) until R requests are done, for each C;",
            "prints throughput and percentiles of time to first token, time per output token, inter-chunk and",
            "end-to-end latency. With -m it starts the gateway on loopback in this process and runs the same",
            "workload straight on the model's engine too, so the HTTP path's cost shows side by side."
        },
        footer = {"", "Examples:", "  caracal bench-serve -m model.gguf --concurrency 1,4,16,32 --max-tokens 128",
            "  caracal bench-serve --url http://127.0.0.1:8000 --served-model my-model --json"})
final class BenchServeCommand implements Callable<Integer> {

    /** Warm-up rounds of each path (16 requests at 4 clients each). */
    private static final int WARM_UP_ROUNDS = 2;

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE|DIR",
            description = "start a gateway serving this model on loopback, and compare with its engine in process")
    Path model;

    @Option(names = "--url", paramLabel = "URL", description = "a running server instead (http://host:port)")
    String url;

    @Option(names = "--served-model", paramLabel = "NAME", description = "with --url: the model name to send")
    String servedModel;

    @Option(names = "--api-key", paramLabel = "KEY", description = "with --url: the API key to send")
    String apiKey;

    @Option(names = "--concurrency", defaultValue = "1,4,16,32", split = ",", paramLabel = "C,...",
            description = "concurrent clients to measure (default: ${DEFAULT-VALUE})")
    int[] concurrency;

    @Option(names = "--requests-per-client", defaultValue = "4", paramLabel = "N",
            description = "requests per client at each concurrency, at least 16 in all (default: ${DEFAULT-VALUE})")
    int requestsPerClient;

    @Option(names = {"-r", "--rounds"}, defaultValue = "3", paramLabel = "R",
            description = "with -m: rounds of engine then HTTP at each concurrency, medians reported"
                    + " (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--prompt-tokens", defaultValue = "32", paramLabel = "N",
            description = "prompt length of each request (default: ${DEFAULT-VALUE})")
    int promptTokens;

    @Option(names = "--max-tokens", defaultValue = "128", paramLabel = "N",
            description = "tokens each request generates (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--range-ratio", defaultValue = "0.5", paramLabel = "R",
            description = "output lengths are drawn from max-tokens x [1 - R, 1 + R] so that requests do not start and"
                    + " finish in waves (vLLM's --random-range-ratio; default: ${DEFAULT-VALUE}; 0 for equal lengths)")
    double rangeRatio;

    @Option(names = "--vocabulary", defaultValue = "259", paramLabel = "N",
            description = "with --url: prompt token ids are drawn below this (default: ${DEFAULT-VALUE}, valid in"
                    + " every vocabulary); with -m the model's vocabulary is used")
    int vocabulary;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME", description = "with -m: the backend")
    String backend;

    @Option(names = {"-t", "--threads"}, defaultValue = "0", paramLabel = "N",
            description = "with -m: worker threads of the backend (default: all processors)")
    int threads;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if ((model == null) == (url == null)) {
            throw new ParameterException(spec.commandLine(), "give either -m FILE (start a gateway) or --url URL");
        }
        if (url != null && servedModel == null) {
            throw new ParameterException(spec.commandLine(), "--url needs --served-model NAME");
        }
        if (model != null && !Files.exists(model)) {
            throw new ParameterException(spec.commandLine(), "no such model file or directory: " + model);
        }
        if (promptTokens < 1 || maxTokens < 2 || requestsPerClient < 1 || rounds < 1 || concurrency.length == 0
                || !(rangeRatio >= 0 && rangeRatio < 1)) {
            throw new ParameterException(spec.commandLine(), "--prompt-tokens must be ≥ 1, --max-tokens ≥ 2,"
                    + " --requests-per-client and --rounds ≥ 1, --range-ratio in [0, 1)");
        }
        for (int clients : concurrency) {
            if (clients < 1) {
                throw new ParameterException(spec.commandLine(), "--concurrency levels must be ≥ 1");
            }
        }
        List<ServingBenchmark.Level> levels = new ArrayList<>();
        Map<String, Object> setup = new LinkedHashMap<>();
        if (url != null) {
            setup.put("url", url);
            setup.put("model", servedModel);
            ServingBenchmark benchmark = new ServingBenchmark(vocabulary, rangeRatio);
            HttpTarget http = new HttpTarget(url, servedModel, apiKey);
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                benchmark.run(http, 4, 16, promptTokens, maxTokens); // warm-up
            }
            for (int clients : concurrency) {
                levels.add(benchmark.run(http, clients, requests(clients), promptTokens, maxTokens));
            }
        } else {
            try (ConfigurableApplicationContext server = startGateway()) {
                ModelDeployment deployment = server.getBean(DeploymentRegistry.class).all().iterator().next();
                if (deployment.state() != ModelDeployment.State.READY) {
                    throw new IllegalStateException("the model did not load: " + deployment.failure());
                }
                String base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
                setup.put("model", model.toString());
                setup.put("backend", deployment.backend());
                setup.put("summary", deployment.summary());
                ServingBenchmark benchmark = new ServingBenchmark(Math.min(deployment.prompts().vocabularySize(),
                        32_000), rangeRatio);
                EngineTarget engine = new EngineTarget(deployment.engine());
                HttpTarget http = new HttpTarget(base, deployment.alias(), null);
                // Warm-up of both paths until the JIT compiler is done with them (it otherwise takes a core from
                // whichever path is measured first).
                for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                    benchmark.run(engine, 4, 16, promptTokens, maxTokens);
                    benchmark.run(http, 4, 16, promptTokens, maxTokens);
                }
                for (int clients : concurrency) {
                    List<ServingBenchmark.Level> engineRounds = new ArrayList<>();
                    List<ServingBenchmark.Level> httpRounds = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) { // interleaved, so drift hits both alike
                        engineRounds.add(benchmark.run(engine, clients, requests(clients), promptTokens, maxTokens));
                        httpRounds.add(benchmark.run(http, clients, requests(clients), promptTokens, maxTokens));
                    }
                    levels.add(ServingBenchmark.median(engineRounds));
                    levels.add(ServingBenchmark.median(httpRounds));
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>(setup);
            report.put("prompt_tokens", promptTokens);
            report.put("max_tokens", maxTokens);
            report.put("range_ratio", rangeRatio);
            report.put("levels", levels);
            report.put("http_tpot_overhead", overheads(levels));
            out.println(JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build()
                    .writeValueAsString(report));
        } else {
            printText(out, setup, levels);
        }
        out.flush();
        return 0;
    }

    private int requests(int clients) {
        return Math.max(16, clients * requestsPerClient);
    }

    /** The gateway on a free loopback port with the model, its log kept to warnings. */
    private ConfigurableApplicationContext startGateway() throws InterruptedException {
        ConfigurableApplicationContext server = CaracalServer.start(new String[] {"--server.port=0",
            "--caracal.host=127.0.0.1", "--caracal.models[0].path=" + model.toAbsolutePath(),
            "--caracal.models[0].backend=" + backend, "--caracal.models[0].threads=" + threads,
            "--logging.level.root=WARN", "--logging.level.dev.caracal=WARN"});
        DeploymentRegistry registry = server.getBean(DeploymentRegistry.class);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!registry.isSettled() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return server;
    }

    /** By concurrency: the HTTP path's median time per output token over the engine's, less one. */
    private static Map<String, Double> overheads(List<ServingBenchmark.Level> levels) {
        Map<String, Double> overheads = new LinkedHashMap<>();
        for (ServingBenchmark.Level http : levels) {
            if (!http.target().equals("http")) {
                continue;
            }
            for (ServingBenchmark.Level engine : levels) {
                if (engine.target().equals("engine") && engine.concurrency() == http.concurrency()) {
                    overheads.put(Integer.toString(http.concurrency()),
                            http.timePerOutputToken().p50() / engine.timePerOutputToken().p50() - 1);
                }
            }
        }
        return overheads;
    }

    private void printText(PrintWriter out, Map<String, Object> setup, List<ServingBenchmark.Level> levels) {
        out.printf(Locale.ROOT, "bench-serve: %s; prompts of %d random tokens, %d ± %.0f%% tokens generated each"
                + " (greedy, end-of-generation ignored)%n", setup.get("model"), promptTokens, maxTokens,
                rangeRatio * 100);
        out.printf(Locale.ROOT, "%-7s %-6s %8s %9s %19s %19s %19s %17s %14s%n", "clients", "path", "requests",
                "tok/s", "TTFT p50/p99 ms", "TPOT p50/p99 ms", "ITL p50/p99 ms", "E2E p50/p99 s", "ramp TTFT ms");
        for (ServingBenchmark.Level level : levels) {
            out.printf(Locale.ROOT, "%-7d %-6s %8d %9.1f %9.1f/%-9.1f %9.2f/%-9.2f %9.2f/%-9.2f %8.2f/%-8.2f %14.1f%n",
                    level.concurrency(), level.target(), level.requests(), level.outputTokensPerSecond(),
                    level.timeToFirstToken().p50() * 1e3, level.timeToFirstToken().p99() * 1e3,
                    level.timePerOutputToken().p50() * 1e3, level.timePerOutputToken().p99() * 1e3,
                    level.interChunkLatency().p50() * 1e3, level.interChunkLatency().p99() * 1e3,
                    level.endToEnd().p50(), level.endToEnd().p99(), level.timeToFirstTokenAtRamp().p99() * 1e3);
        }
        overheads(levels).forEach((clients, overhead) -> out.printf(Locale.ROOT,
                "HTTP adds %+.1f%% to the median time per output token at %s clients%n", overhead * 100, clients));
        out.println("(TTFT: steady state, each client's first request left out; ramp TTFT: p99 of those first"
                + " requests, sent all at once)");
    }
}
