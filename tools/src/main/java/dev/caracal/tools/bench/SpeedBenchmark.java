package dev.caracal.tools.bench;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Measures a model's prompt processing (a prompt of P random tokens in one go) and generation (N tokens one at a time
 * from an empty context), as llama.cpp's {@code llama-bench} does for {@code pp} and {@code tg}.
 */
public final class SpeedBenchmark {

    /**
     * Tokens per second of each measured repetition.
     *
     * @param promptTokensPerSecond     one entry per repetition (empty when P is 0)
     * @param generationTokensPerSecond one entry per repetition (empty when N is 0)
     */
    public record Result(double[] promptTokensPerSecond, double[] generationTokensPerSecond) {

        public double medianPromptTokensPerSecond() {
            return median(promptTokensPerSecond);
        }

        public double medianGenerationTokensPerSecond() {
            return median(generationTokensPerSecond);
        }
    }

    private SpeedBenchmark() {
    }

    /**
     * A run on a model file: what was measured, and on what.
     *
     * @param result      the measurements
     * @param weightBytes the model's bytes of weights
     * @param backend     the backend's name
     * @param threads     its worker threads
     * @param loadSeconds from opening the backend to the first token's logits: loading the file, repacking weights,
     *                    the first forward pass (llama.cpp's load time and first token); not the JVM's start
     */
    public record Run(Result result, long weightBytes, String backend, int threads, double loadSeconds) {
    }

    /** Opens {@code model} on {@code backend} ({@code auto} for the best available), measures, and closes it. */
    public static Run run(Path model, String backend, int threads, int promptTokens, int generatedTokens,
            int repetitions) throws IOException {
        BackendOptions options = new BackendOptions(threads);
        long start = System.nanoTime();
        try (Backend opened = BackendRegistry.open(backend, options);
                LanguageModel language = LanguageModel.open(model, opened, promptTokens + generatedTokens + 1)) {
            firstToken(language);
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            return new Run(measure(language, promptTokens, generatedTokens, repetitions), language.weightBytes(),
                    opened.name(), options.resolvedThreads(), loadSeconds);
        }
    }

    /** The logits after one token (BOS, or token 0) in a new sequence: what a first token waits for once loaded. */
    public static float[] firstToken(LanguageModel model) {
        try (SequenceRunner sequence = model.newSequence(2, QuantFormat.F16)) {
            return sequence.append(new int[] {model.tokenizer().bosToken().orElse(0)});
        }
    }

    /** Runs one warm-up and then {@code repetitions} measured runs of pp{@code promptTokens} and tg{@code generatedTokens}. */
    public static Result measure(LanguageModel model, int promptTokens, int generatedTokens, int repetitions) {
        int vocabulary = model.config().vocabularySize();
        SplittableRandom random = new SplittableRandom(42);
        double[] prompt = new double[promptTokens > 0 ? repetitions : 0];
        double[] generation = new double[generatedTokens > 0 ? repetitions : 0];
        try (SequenceRunner sequence = model.newSequence(promptTokens + generatedTokens + 1,
                QuantFormat.F16)) {
            for (int run = -1; run < repetitions; run++) {
                if (promptTokens > 0) {
                    int[] tokens = random.ints(promptTokens, 0, vocabulary).toArray();
                    sequence.reset();
                    long start = System.nanoTime();
                    sequence.append(tokens);
                    if (run >= 0) {
                        prompt[run] = promptTokens / ((System.nanoTime() - start) / 1e9);
                    }
                }
                if (generatedTokens > 0) {
                    sequence.reset();
                    int token = model.tokenizer().bosToken().orElse(0);
                    long start = System.nanoTime();
                    for (int i = 0; i < generatedTokens; i++) {
                        float[] logits = sequence.append(new int[] {token});
                        token = argmax(logits);
                    }
                    if (run >= 0) {
                        generation[run] = generatedTokens / ((System.nanoTime() - start) / 1e9);
                    }
                }
            }
        }
        return new Result(prompt, generation);
    }

    /** The median of {@code values} (NaN when empty). */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
