package dev.caracal.app.cli;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.tools.bench.EngineBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code caracal bench-engine}: load on the batching engine, in process (no HTTP). */
@Command(
        name = "bench-engine",
        mixinStandardHelpOptions = true,
        description = {
            "Loads the continuous-batching engine in process: prompt processing (one P-token prompt), time to first",
            "token of a prompt with and without a cached shared prefix, and aggregate generation throughput of",
            "C concurrent streams (random prompts, greedy, end-of-generation ignored), for each C given.",
        })
final class BenchEngineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE|DIR", description = "the model")
    Path model;

    @Option(names = "--prompt-tokens", defaultValue = "32", paramLabel = "N",
            description = "prompt length of each stream (default: ${DEFAULT-VALUE})")
    int promptTokens;

    @Option(names = "--max-tokens", defaultValue = "64", paramLabel = "N",
            description = "tokens each stream generates (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--concurrency", defaultValue = "1,2,4,8,16,32", split = ",", paramLabel = "C,...",
            description = "concurrent streams to measure (default: ${DEFAULT-VALUE})")
    int[] concurrency;

    @Option(names = "--prefix-tokens", defaultValue = "1024", paramLabel = "N",
            description = "shared prefix for time to first token (default: ${DEFAULT-VALUE}; 0 to skip)")
    int prefixTokens;

    @Option(names = "--suffix-tokens", defaultValue = "8", paramLabel = "N",
            description = "new tokens after the shared prefix (default: ${DEFAULT-VALUE})")
    int suffixTokens;

    @Option(names = "--prefill-tokens", defaultValue = "512", paramLabel = "N",
            description = "prompt length for prompt-processing speed (default: ${DEFAULT-VALUE}; 0 to skip)")
    int prefillTokens;

    @Option(names = {"-r", "--repetitions"}, defaultValue = "3", paramLabel = "R",
            description = "repetitions of prompt processing and time to first token, median reported"
                    + " (default: ${DEFAULT-VALUE})")
    int repetitions;

    @Option(names = "--max-batched-tokens", defaultValue = "512", paramLabel = "N",
            description = "the engine's token budget per step (default: ${DEFAULT-VALUE})")
    int maxBatchedTokens;

    @Option(names = "--kv-type", defaultValue = "F16", paramLabel = "F16|F32",
            description = "KV cache values (default: ${DEFAULT-VALUE})")
    QuantFormat kvType;

    @Mixin
    BackendSelection backendSelection;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        // Reactor looks for SLF4J, which the command line ships without a provider: keep SLF4J's notice off stderr.
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        EngineBenchmark.Options options;
        try {
            options = new EngineBenchmark.Options(promptTokens, maxTokens, concurrency, prefixTokens, suffixTokens,
                    prefillTokens, repetitions);
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), invalid.getMessage());
        }
        if (backendSelection.threads < 0 || maxBatchedTokens < 1) {
            throw new ParameterException(spec.commandLine(), "-t must be ≥ 0 and --max-batched-tokens ≥ 1");
        }
        EngineBenchmark.Run run = EngineBenchmark.run(model, new EngineBenchmark.Setup(backendSelection.backendName,
                backendSelection.threads, maxBatchedTokens, kvType), options);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonMapper.builder().build().writeValueAsString(report(run, options)));
        } else {
            printText(out, run, options);
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> report(EngineBenchmark.Run run, EngineBenchmark.Options options) {
        EngineBenchmark.Result result = run.result();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", model.toString());
        report.put("model_bytes", run.weightBytes());
        report.put("backend", run.backend());
        report.put("threads", run.threads());
        report.put("max_batched_tokens", run.maxBatchedTokens());
        report.put("kv_type", run.kvCacheType().name());
        report.put("prompt_tokens", options.promptTokens());
        report.put("max_tokens", options.maxTokens());
        report.put("prefill_tokens", options.prefillTokens());
        report.put("prefix_tokens", options.prefixTokens());
        report.put("suffix_tokens", options.suffixTokens());
        report.put("repetitions", options.repetitions());
        report.put("prefill_tokens_per_second", number(result.prefillTokensPerSecond()));
        report.put("ttft_cold_seconds", number(result.ttftColdSeconds()));
        report.put("ttft_cached_prefix_seconds", number(result.ttftCachedPrefixSeconds()));
        report.put("ttft_cached_to_cold_ratio", number(result.ttftCachedPrefixSeconds() / result.ttftColdSeconds()));
        report.put("cached_prefix_tokens", result.cachedPrefixTokens());
        List<Map<String, Object>> streams = new ArrayList<>();
        for (EngineBenchmark.Streams level : result.streams()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("concurrency", level.concurrency());
            entry.put("generation_tokens_per_second", number(level.generationTokensPerSecond()));
            entry.put("ratio_to_prefill", number(level.generationTokensPerSecond() / result.prefillTokensPerSecond()));
            entry.put("mean_inter_token_latency_seconds", number(level.meanInterTokenLatencySeconds()));
            entry.put("mean_ttft_seconds", number(level.meanTimeToFirstTokenSeconds()));
            entry.put("decode_tokens", level.generatedTokens());
            entry.put("decode_seconds", number(level.decodeSeconds()));
            streams.add(entry);
        }
        report.put("streams", streams);
        report.put("preemptions", result.stats().requests().preemptions());
        report.put("kv_blocks_total", result.stats().kvCache().blocksTotal());
        report.put("steps", result.stats().work().steps());
        return report;
    }

    private void printText(PrintWriter out, EngineBenchmark.Run run, EngineBenchmark.Options options) {
        EngineBenchmark.Result result = run.result();
        out.printf("model: %s (%,d bytes of weights), backend %s, %d threads, %d tokens per step, %s KV%n", model,
                run.weightBytes(), run.backend(), run.threads(), run.maxBatchedTokens(),
                run.kvCacheType());
        if (options.prefillTokens() > 0) {
            out.printf("prompt processing (%d tokens): %.1f tokens/s%n", options.prefillTokens(),
                    result.prefillTokensPerSecond());
        }
        if (options.prefixTokens() > 0) {
            out.printf("time to first token, %d-token prefix + %d: cold %.1f ms, cached %.1f ms (%d tokens cached,"
                            + " %.2f%% of cold)%n", options.prefixTokens(), options.suffixTokens(),
                    result.ttftColdSeconds() * 1e3, result.ttftCachedPrefixSeconds() * 1e3,
                    result.cachedPrefixTokens(), 100 * result.ttftCachedPrefixSeconds() / result.ttftColdSeconds());
        }
        out.printf("streams (%d-token prompts, %d tokens each): aggregate generation tokens/s%n",
                options.promptTokens(), options.maxTokens());
        for (EngineBenchmark.Streams level : result.streams()) {
            out.printf("  %3d: %8.1f tokens/s (%.0f%% of prompt processing), %.1f ms between tokens, first token"
                            + " after %.1f ms%n", level.concurrency(), level.generationTokensPerSecond(),
                    100 * level.generationTokensPerSecond() / result.prefillTokensPerSecond(),
                    level.meanInterTokenLatencySeconds() * 1e3, level.meanTimeToFirstTokenSeconds() * 1e3);
        }
        if (result.stats().requests().preemptions() > 0) {
            out.printf("preemptions: %d%n", result.stats().requests().preemptions());
        }
    }

    /** The value, or null (JSON null) when it was not measured. */
    private static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
