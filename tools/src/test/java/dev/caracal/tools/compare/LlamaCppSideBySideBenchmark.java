package dev.caracal.tools.compare;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.tools.bench.SpeedBenchmark;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Caracal and llama.cpp (de.kherud:llama, its bundled CPU build) on the same GGUF file with the same threads in the
 * same process: prompt processing and generation tokens per second, medians of R repetitions each.
 *
 * <p>Run: {@code ./mvnw -q -pl platform-engine -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.caracal.tools.compare.LlamaCppSideBySideBenchmark -Dexec.args="MODEL.gguf THREADS P N R"}.
 * llama.cpp is timed by wall clock around its completion calls: pp = prompt tokens / time of a 1-token completion of a
 * P-token prompt (prompt cache off); tg = N / time of an N-token completion (EOS ignored) of a 1-token prompt.
 */
public final class LlamaCppSideBySideBenchmark {

    private LlamaCppSideBySideBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        Path model = Path.of(arguments[0]);
        int threads = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 2;
        int promptTokens = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 512;
        int generatedTokens = arguments.length > 3 ? Integer.parseInt(arguments[3]) : 128;
        int repetitions = arguments.length > 4 ? Integer.parseInt(arguments[4]) : 3;

        SpeedBenchmark.Result caracal;
        long weightBytes;
        try (Backend backend = BackendRegistry.open("cpu", new BackendOptions(threads));
                LanguageModel language = LanguageModel.open(model, backend, promptTokens + generatedTokens + 1)) {
            weightBytes = language.weightBytes();
            caracal = SpeedBenchmark.measure(language, promptTokens, generatedTokens, repetitions);
        }

        double[] llamaPrompt = new double[repetitions];
        double[] llamaGeneration = new double[repetitions];
        ModelParameters parameters = new ModelParameters()
                .setModel(model.toString())
                .setGpuLayers(0)
                .setThreads(threads)
                .setThreadsBatch(threads)
                .setCtxSize(promptTokens + generatedTokens + 64)
                .setBatchSize(512)
                .setUbatchSize(512)
                .disableLog();
        int measuredPromptTokens;
        try (LlamaModel llama = new LlamaModel(parameters)) {
            SplittableRandom random = new SplittableRandom(7);
            StringBuilder text = new StringBuilder();
            while (llama.encode(text.toString()).length < promptTokens) {
                text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            String prompt = text.toString();
            measuredPromptTokens = llama.encode(prompt).length;
            for (int run = -1; run < repetitions; run++) {
                long start = System.nanoTime();
                llama.complete(new InferenceParameters(prompt + " " + run).setNPredict(1).setCachePrompt(false)
                        .setTemperature(0f));
                double promptSeconds = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                llama.complete(new InferenceParameters("Once").setNPredict(generatedTokens).setIgnoreEos(true)
                        .setCachePrompt(false).setTemperature(0f));
                double generationSeconds = (System.nanoTime() - start) / 1e9;
                if (run >= 0) {
                    llamaPrompt[run] = measuredPromptTokens / promptSeconds;
                    llamaGeneration[run] = generatedTokens / generationSeconds;
                }
            }
        }
        System.out.printf("model %s, %,d bytes of weights, %d threads, pp%d / tg%d, medians of %d%n", model,
                weightBytes, threads, promptTokens, generatedTokens, repetitions);
        System.out.printf("%-26s %12s %12s%n", "", "pp tok/s", "tg tok/s");
        System.out.printf("%-26s %12.2f %12.2f%n", "Caracal (cpu backend)", caracal.medianPromptTokensPerSecond(),
                caracal.medianGenerationTokensPerSecond());
        System.out.printf("%-26s %12.2f %12.2f%n", "llama.cpp (de.kherud 4.2.0)", SpeedBenchmark.median(llamaPrompt),
                SpeedBenchmark.median(llamaGeneration));
        System.out.printf("ratio Caracal / llama.cpp:  %12.2f %12.2f%n",
                caracal.medianPromptTokensPerSecond() / SpeedBenchmark.median(llamaPrompt),
                caracal.medianGenerationTokensPerSecond() / SpeedBenchmark.median(llamaGeneration));
    }

    private static final String[] WORDS = {"the", "little", "girl", "saw", "a", "big", "red", "ball", "in", "park",
        "and", "wanted", "to", "play", "with", "it", "but", "was", "too", "high", "one", "day", "happy", "dog", "ran"};
}
