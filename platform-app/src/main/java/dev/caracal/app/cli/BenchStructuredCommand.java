package dev.caracal.app.cli;

import dev.caracal.engine.api.EngineOptions;
import dev.caracal.engine.api.LocalEngine;
import dev.caracal.tools.bench.StructuredOutputBenchmark;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code caracal bench-structured}: what enforcing a JSON schema costs in throughput, and the mask time per step. */
@Command(
        name = "bench-structured",
        mixinStandardHelpOptions = true,
        description = {
            "Runs C concurrent streams (random prompts, temperature 1, seeded) with and without a JSON schema enforced,",
            "in interleaved rounds on one engine, and prints the throughput of each, the cost of the constraint and",
            "the time each constrained step waited for its token mask.",
        },
        footer = {"", "Example:", "  caracal bench-structured -m model.gguf --concurrency 1,16 --max-tokens 128"})
final class BenchStructuredCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE|DIR", description = "the model")
    Path model;

    @Option(names = "--concurrency", defaultValue = "1,16", split = ",", paramLabel = "C,...",
            description = "concurrent streams to measure (default: ${DEFAULT-VALUE})")
    int[] concurrency;

    @Option(names = "--prompt-tokens", defaultValue = "32", paramLabel = "N",
            description = "random prompt tokens per stream (default: ${DEFAULT-VALUE})")
    int promptTokens;

    @Option(names = "--max-tokens", defaultValue = "128", paramLabel = "N",
            description = "tokens each stream generates at most (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = {"-r", "--rounds"}, defaultValue = "3", paramLabel = "R",
            description = "interleaved rounds per stream count, medians reported (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--schema", paramLabel = "FILE",
            description = "the JSON schema to enforce (default: objects with strings, enums and ranged integers in an"
                    + " open-ended array)")
    Path schema;

    @Mixin
    BackendSelection backendSelection;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        StructuredOutputBenchmark.Options options;
        try {
            options = new StructuredOutputBenchmark.Options(concurrency, promptTokens, maxTokens, rounds,
                    schema == null ? StructuredOutputBenchmark.DEFAULT_SCHEMA : Files.readString(schema));
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), invalid.getMessage());
        }
        int most = java.util.Arrays.stream(concurrency).max().orElse(1);
        EngineOptions engineOptions = EngineOptions.defaults().withBackend(backendSelection.backendName)
                .withThreads(backendSelection.threads).withMaxSequences(most);
        engineOptions = engineOptions.withContextLength(promptTokens + maxTokens + 16);
        long kv = LocalEngine.kvCacheNeed(model, engineOptions).bytes() * most;
        List<StructuredOutputBenchmark.Level> levels;
        try (LocalEngine engine = LocalEngine.open(model, engineOptions.withKvCacheBytes(kv))) {
            try {
                levels = StructuredOutputBenchmark.run(engine, options);
            } catch (IllegalArgumentException unsupported) {
                throw new ParameterException(spec.commandLine(), "--schema: " + unsupported.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (StructuredOutputBenchmark.Level level : levels) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("concurrency", level.concurrency());
                entry.put("free_tokens_per_second", level.freeTokensPerSecond());
                entry.put("constrained_tokens_per_second", level.constrainedTokensPerSecond());
                entry.put("cost", level.cost());
                entry.put("mask_microseconds_per_step", level.maskMicrosPerStep());
                entry.put("constrained_tokens_per_stream", level.constrainedTokensPerStream());
                entries.add(entry);
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", model.toString());
            report.put("max_tokens", maxTokens);
            report.put("rounds", rounds);
            report.put("levels", entries);
            out.println(JsonMapper.builder().build().writeValueAsString(report));
        } else {
            out.printf(Locale.ROOT, "%s, %d tokens per stream at most, %d rounds (medians)%n", model, maxTokens, rounds);
            out.printf(Locale.ROOT, "%8s %14s %16s %8s %16s %14s%n", "streams", "free tok/s", "schema tok/s", "cost",
                    "mask µs/step", "tokens/stream");
            for (StructuredOutputBenchmark.Level level : levels) {
                out.printf(Locale.ROOT, "%8d %14.1f %16.1f %7.1f%% %16.1f %14.1f%n", level.concurrency(),
                        level.freeTokensPerSecond(), level.constrainedTokensPerSecond(), level.cost() * 100,
                        level.maskMicrosPerStep(), level.constrainedTokensPerStream());
            }
        }
        out.flush();
        return 0;
    }
}
