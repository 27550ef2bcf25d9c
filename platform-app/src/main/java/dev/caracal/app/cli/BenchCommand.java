package dev.caracal.app.cli;

import dev.caracal.tools.bench.SpeedBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code caracal bench}: prompt-processing and generation speed of a model, like llama.cpp's {@code llama-bench}. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures prompt processing (a P-token prompt in one go) and generation (N tokens one at a time).",
            "Reports the median tokens per second over the repetitions, as llama-bench does."
        })
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE|DIR", description = "the model")
    Path model;

    @Option(names = {"-p", "--prompt-tokens"}, defaultValue = "512", paramLabel = "P",
            description = "prompt length (default: ${DEFAULT-VALUE}; 0 to skip)")
    int promptTokens;

    @Option(names = {"-n", "--generated-tokens"}, defaultValue = "128", paramLabel = "N",
            description = "tokens to generate (default: ${DEFAULT-VALUE}; 0 to skip)")
    int generatedTokens;

    @Mixin
    BackendSelection backendSelection;

    @Option(names = {"-r", "--repetitions"}, defaultValue = "5", paramLabel = "R",
            description = "measured repetitions after one warm-up (default: ${DEFAULT-VALUE})")
    int repetitions;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (promptTokens < 0 || generatedTokens < 0 || repetitions < 1 || backendSelection.threads < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "-p and -n must be ≥ 0, -r ≥ 1 and -t ≥ 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        SpeedBenchmark.Run run = SpeedBenchmark.run(model, backendSelection.backendName, backendSelection.threads,
                promptTokens, generatedTokens, repetitions);
        SpeedBenchmark.Result measured = run.result();
        double[] promptSpeeds = measured.promptTokensPerSecond();
        double[] generationSpeeds = measured.generationTokensPerSecond();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", model.toString());
        result.put("model_bytes", run.weightBytes());
        result.put("backend", run.backend());
        result.put("threads", run.threads());
        result.put("prompt_tokens", promptTokens);
        result.put("generated_tokens", generatedTokens);
        result.put("repetitions", repetitions);
        result.put("load_seconds", run.loadSeconds());
        result.put("prompt_tokens_per_second", promptTokens > 0 ? measured.medianPromptTokensPerSecond() : null);
        result.put("generation_tokens_per_second",
                generatedTokens > 0 ? measured.medianGenerationTokensPerSecond() : null);
        result.put("prompt_runs", promptSpeeds);
        result.put("generation_runs", generationSpeeds);
        result.put("resident_bytes", residentBytes("VmRSS"));
        result.put("peak_resident_bytes", residentBytes("VmHWM"));
        if (json) {
            out.println(JsonMapper.builder().build().writeValueAsString(result));
        } else {
            out.printf("model: %s (%,d bytes of weights), backend %s, %d threads%n", model,
                    run.weightBytes(), run.backend(), run.threads());
            out.printf("load: %.2f s to the first token's logits (file, repacking, first forward pass)%n",
                    run.loadSeconds());
            if (promptTokens > 0) {
                out.printf("pp%d: %.2f tokens/s (median of %d: %s)%n", promptTokens, measured.medianPromptTokensPerSecond(),
                        repetitions, rounded(promptSpeeds));
            }
            if (generatedTokens > 0) {
                out.printf("tg%d: %.2f tokens/s (median of %d: %s)%n", generatedTokens,
                        measured.medianGenerationTokensPerSecond(), repetitions, rounded(generationSpeeds));
            }
        }
        out.flush();
        return 0;
    }

    /**
     * A size line of {@code /proc/self/status} ({@code VmRSS}: resident now, {@code VmHWM}: peak resident) in bytes,
     * or null where there is no such file.
     */
    static Long residentBytes(String field) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException unavailable) {
            return null;
        }
        return null;
    }

    private static String rounded(double[] values) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(String.format("%.1f", values[i]));
        }
        return text.append("]").toString();
    }
}
