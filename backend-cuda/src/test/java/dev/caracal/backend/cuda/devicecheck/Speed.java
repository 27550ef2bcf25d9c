package dev.caracal.backend.cuda.devicecheck;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.backend.cuda.devicecheck.DeviceCheck.Json;
import dev.caracal.backend.cuda.devicecheck.DeviceCheck.Options;
import dev.caracal.engine.core.EngineConfig;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.formats.TensorView;
import dev.caracal.tools.bench.EngineBenchmark;
import dev.caracal.tools.bench.SpeedBenchmark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code speed --model M --backend cuda --label Q4_0 --batches 1,16 --prefill 512 --prompt 512 --decode 256}: the
 * tools' benchmarks on one model file, opened once. Through the engine ({@link EngineBenchmark}, greedy, end of
 * sequence ignored): for each batch B, B streams of a {@code prompt}-token random prompt generating {@code decode}
 * tokens together, aggregate decode tokens per second once every stream has its first token; with the first batch,
 * prefill of one {@code prefill}-token prompt (median of {@code repetitions}). Then, unless {@code --sequence false},
 * the same on one sequence without the engine ({@link SpeedBenchmark}, llama-bench's pp and tg): the engine's own
 * cost shows as the difference. {@code --engine false} measures only that (after one warm-up run), {@code --variant V}
 * labels the lines (a run with other settings, such as cuBLAS off), and unless {@code --sampling false} the logits'
 * trip to the host and the engine's sampler are timed ({@link Sampling}). Backends that compile programs per shape
 * report what each phase compiled ({@link Compilations}).
 *
 * <p>Each measurement is printed, and appended as a JSON line, as soon as it is made: a step stopped by its time limit
 * keeps what it finished. {@code bytes_per_step} is what one decode step must read: every weight tensor but the token
 * embedding (one row of it is read), the embedding too when the output reuses it. The summary turns it into memory
 * bandwidth utilisation: {@code bytes_per_step × (decode tokens/s ÷ batch) ÷ peak bandwidth} (KV cache reads, a few
 * percent at these lengths, are not counted).
 */
final class Speed {

    private Speed() {
    }

    static int run(Options options, Json json) {
        Path model = options.path("model", null);
        if (model == null) {
            throw new IllegalArgumentException("--model is required");
        }
        String backendName = options.text("backend", "cuda");
        String label = options.text("label", model.getFileName().toString());
        int[] batches = options.integers("batches", "1,16");
        int prefill = options.integer("prefill", 512);
        int prompt = options.integer("prompt", 512);
        int decode = options.integer("decode", 256);
        int repetitions = options.integer("repetitions", 3);
        int threads = options.integer("threads", 0);
        int maxBatchedTokens = options.integer("max-batched-tokens", 512);
        boolean sequence = Boolean.parseBoolean(options.text("sequence", "true"));
        boolean engine = Boolean.parseBoolean(options.text("engine", "true"));
        boolean sampling = Boolean.parseBoolean(options.text("sampling", "true"));
        String variant = options.text("variant", "");
        int context = Math.max(Math.max(prompt + decode, prefill + 1), sequence ? prefill + decode + 1 : 0);
        int failures = 0;
        BackendOptions backendOptions = new BackendOptions(threads);
        long start = System.nanoTime();
        try (Backend backend = BackendRegistry.open(backendName, backendOptions);
                LanguageModel language = LanguageModel.open(model, backend, context)) {
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            long bytesPerStep = bytesPerStep(language);
            Map<String, Object> common = Json.object("event", "speed", "backend", backend.name(), "format", label,
                    "model", model.toString(), "weight_bytes", language.weightBytes(), "bytes_per_step", bytesPerStep,
                    "threads", backendOptions.resolvedThreads(), "variant", variant.isEmpty() ? null : variant);
            Map<String, Object> info = new LinkedHashMap<>(common);
            info.putAll(Json.object("event", "backend-info", "load_seconds", loadSeconds));
            backend.devices().forEach(device -> {
                info.put("device", device.name());
                device.details().forEach((key, value) -> info.put("detail." + key, value));
            });
            json.emit(info);
            System.out.printf(Locale.ROOT, "%s on %s: %,d bytes of weights, %,d read per decode step, opened in %.1f s"
                    + " (%d threads)%n", label, backend.name(), language.weightBytes(), bytesPerStep, loadSeconds,
                    backendOptions.resolvedThreads());
            for (int i = 0; engine && i < batches.length; i++) {
                int batch = batches[i];
                int prefillHere = i == 0 ? prefill : 0;
                int compiledBefore = Compilations.of(backend).size();
                try {
                    EngineBenchmark.Options measure = new EngineBenchmark.Options(prompt, decode, new int[] {batch}, 0,
                            1, prefillHere, repetitions);
                    EngineConfig config = EngineConfig.defaults().withMaxBatchedTokens(maxBatchedTokens)
                            .withKvCacheType(QuantFormat.F16)
                            .withMaxSequences(Math.max(EngineConfig.defaults().maxSequences(), batch));
                    config = config.withKvCacheBytes(EngineBenchmark.kvCacheBytes(language, config, measure));
                    long began = System.nanoTime();
                    EngineBenchmark.Result result = EngineBenchmark.run(language, config, measure);
                    EngineBenchmark.Streams streams = result.streams().getFirst();
                    Map<String, Object> line = new LinkedHashMap<>(common);
                    line.putAll(Json.object("engine", "caracal", "batch", batch, "prompt_tokens", prompt,
                            "decode_tokens", decode, "prefill_tokens", prefillHere > 0 ? prefillHere : null,
                            "prefill_tok_s", prefillHere > 0 ? result.prefillTokensPerSecond() : null,
                            "decode_tok_s", streams.generationTokensPerSecond(),
                            "inter_token_ms", streams.meanInterTokenLatencySeconds() * 1e3,
                            "seconds", (System.nanoTime() - began) / 1e9));
                    json.emit(line);
                    Compilations.report(backend, compiledBefore, "engine batch " + batch, common, json);
                    System.out.printf(Locale.ROOT, "  engine batch %2d: decode %,.1f tok/s (%.2f ms between tokens)%s"
                            + "  [%.1f s]%n", batch, streams.generationTokensPerSecond(),
                            streams.meanInterTokenLatencySeconds() * 1e3, prefillHere > 0
                                    ? String.format(Locale.ROOT, ", prefill %d: %,.1f tok/s", prefillHere,
                                            result.prefillTokensPerSecond()) : "",
                            (System.nanoTime() - began) / 1e9);
                } catch (RuntimeException | Error failure) {
                    failures++;
                    fail(json, common, "caracal", batch, failure);
                }
            }
            if (sequence) {
                int compiledBefore = Compilations.of(backend).size();
                try {
                    if (!engine) {
                        SpeedBenchmark.measure(language, prefill, 4, 1); // warm-up: nothing ran before in this JVM
                    }
                    long began = System.nanoTime();
                    SpeedBenchmark.Result result = SpeedBenchmark.measure(language, prefill, decode, repetitions);
                    Map<String, Object> line = new LinkedHashMap<>(common);
                    line.putAll(Json.object("engine", "caracal-seq", "batch", 1, "prompt_tokens", 0,
                            "decode_tokens", decode, "prefill_tokens", prefill,
                            "prefill_tok_s", result.medianPromptTokensPerSecond(),
                            "decode_tok_s", result.medianGenerationTokensPerSecond(),
                            "seconds", (System.nanoTime() - began) / 1e9));
                    json.emit(line);
                    Compilations.report(backend, compiledBefore, "one sequence", common, json);
                    System.out.printf(Locale.ROOT, "  one sequence, no engine: pp%d %,.1f tok/s, tg%d %,.1f tok/s"
                            + " (medians of %d: pp %s, tg %s)  [%.1f s]%n", prefill,
                            result.medianPromptTokensPerSecond(), decode, result.medianGenerationTokensPerSecond(),
                            repetitions, rounded(result.promptTokensPerSecond()),
                            rounded(result.generationTokensPerSecond()), (System.nanoTime() - began) / 1e9);
                } catch (RuntimeException | Error failure) {
                    failures++;
                    fail(json, common, "caracal-seq", 1, failure);
                }
            }
            if (sampling) {
                try {
                    Sampling.measure(backend, language.config().vocabularySize(), batches, common, json);
                } catch (RuntimeException | Error failure) {
                    failures++;
                    fail(json, common, "sampling", 1, failure);
                }
            }
        } catch (RuntimeException | java.io.IOException | Error failure) {
            failures++;
            String message = DeviceCheck.describe(failure);
            System.out.println(label + " on " + backendName + " FAILED: " + message);
            json.emit(Json.object("event", "speed", "engine", "caracal", "backend", backendName, "format", label,
                    "model", model.toString(), "error", message));
        }
        return failures == 0 ? 0 : 1;
    }

    private static void fail(Json json, Map<String, Object> common, String engine, int batch, Throwable failure) {
        String message = DeviceCheck.describe(failure);
        System.out.println("  " + engine + " batch " + batch + " FAILED: " + message);
        Map<String, Object> line = new LinkedHashMap<>(common);
        line.putAll(Json.object("engine", engine, "batch", batch, "error", message));
        json.emit(line);
    }

    /** The bytes one decode step reads: every tensor but the token embedding, unless the output reuses it. */
    static long bytesPerStep(LanguageModel language) {
        long bytes = 0;
        for (TensorView tensor : language.description().tensors()) {
            boolean embedding = tensor.name().equals("token_embd.weight");
            if (!embedding || language.config().tiedEmbeddings()) {
                bytes += tensor.data().byteSize();
            }
        }
        return bytes;
    }

    private static String rounded(double[] values) {
        return Arrays.toString(Arrays.stream(values).map(v -> Math.round(v * 10) / 10.0).toArray());
    }
}
