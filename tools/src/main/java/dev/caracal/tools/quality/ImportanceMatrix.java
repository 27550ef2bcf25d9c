package dev.caracal.tools.quality;

import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.formats.quantize.ImportanceMatrixFile;
import dev.caracal.tools.quality.ActivationRecorder.Activations;
import dev.caracal.tools.quality.KlDivergenceEvaluation.Input;
import dev.caracal.tools.quality.KlDivergenceEvaluation.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The importance matrix of llama.cpp's {@code llama-imatrix}: for every weight the model multiplies, the per-column sum
 * of the squared input activations over calibration text and the number of rows summed. The tokens are cut into
 * chunks of {@code context} tokens whose first token is replaced by BOS, and every position of each chunk counts once.
 * Written as llama.cpp's GGUF imatrix ({@link ImportanceMatrixFile}): {@code NAME.in_sum2} (F32 {@code [columns]}) and
 * {@code NAME.counts} (F32 {@code [1]}) per weight, with {@code general.type = imatrix} and the {@code imatrix.*}
 * metadata, which {@code caracal quantize --imatrix} reads.
 */
public final class ImportanceMatrix {

    /**
     * One weight's statistics.
     *
     * @param weight the weight's tensor name
     * @param sums   per input column, Σ x²
     * @param count  the activation rows summed
     */
    public record Entry(String weight, float[] sums, long count) {
    }

    /**
     * A collected importance matrix.
     *
     * @param entries  one per weight, by name
     * @param datasets where the tokens came from
     * @param tokens   tokens available
     * @param context  tokens per chunk
     * @param chunks   chunks evaluated
     */
    public record Result(List<Entry> entries, List<String> datasets, int tokens, int context, int chunks) {

        /** The importance matrix as llama.cpp's file holds it. */
        public ImportanceMatrixFile toFile() {
            List<ImportanceMatrixFile.Entry> weights = entries.stream()
                    .map(entry -> new ImportanceMatrixFile.Entry(entry.weight(), entry.sums(),
                            new float[] {entry.count()}))
                    .toList();
            return new ImportanceMatrixFile(weights, datasets, chunks, context);
        }
    }

    /**
     * A run on a model file.
     *
     * @param result  the importance matrix
     * @param backend the backend's name
     * @param threads its worker threads
     */
    public record Run(Result result, String backend, int threads) {
    }

    private ImportanceMatrix() {
    }

    /**
     * Opens {@code model} on {@code backend} ({@code auto} for the best available) behind an {@link
     * ActivationRecorder}, gets the tokens from {@code input}, collects, and closes everything.
     */
    public static Run run(Path model, Input input, String backend, int threads, int context, int maxChunks,
            Progress progress) throws IOException {
        BackendOptions options = new BackendOptions(threads);
        try (ActivationRecorder recorder = new ActivationRecorder(BackendRegistry.open(backend, options));
                LanguageModel opened = LanguageModel.open(model, recorder, 0)) {
            int[] tokens;
            String dataset;
            if (input.text() != null) {
                tokens = KlDivergenceEvaluation.tokenize(opened, Files.readString(input.text(), StandardCharsets.UTF_8));
                dataset = input.text().toString();
            } else {
                tokens = KlDivergenceEvaluation.selfSample(opened, input.selfSample(), input.seed(),
                        Math.min(context, opened.contextLength()));
                dataset = "self-sample:" + input.selfSample() + ":seed=" + input.seed();
            }
            Result result = collect(opened, recorder, tokens, List.of(dataset), context, maxChunks, progress);
            return new Run(result, recorder.name(), options.resolvedThreads());
        }
    }

    /**
     * Runs {@code model}, opened on {@code recorder}, over {@code tokens} in chunks of {@code context} (at most
     * {@code maxChunks} of them; 0 for all). What {@code recorder} held before is forgotten.
     *
     * @throws IllegalArgumentException when the context does not fit the model or there are fewer tokens than one chunk
     */
    public static Result collect(LanguageModel model, ActivationRecorder recorder, int[] tokens, List<String> datasets,
            int context, int maxChunks, Progress progress) {
        recorder.clear();
        int chunks = runChunks(model, tokens, context, maxChunks, progress);
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Activations> recorded : recorder.activations().entrySet()) {
            double[] sums = recorded.getValue().sums();
            float[] values = new float[sums.length];
            for (int c = 0; c < sums.length; c++) {
                values[c] = (float) sums[c];
            }
            entries.add(new Entry(recorded.getKey(), values, recorded.getValue().rows()));
        }
        entries.sort(Comparator.comparing(Entry::weight));
        return new Result(List.copyOf(entries), List.copyOf(datasets), tokens.length, context, chunks);
    }

    /**
     * Runs {@code model} over {@code tokens} in chunks of {@code context} (at most {@code maxChunks}; 0 for all), each
     * chunk's first token replaced by BOS, for what the model's backend records.
     *
     * @return the chunks run
     * @throws IllegalArgumentException when the context does not fit the model or there are fewer tokens than one chunk
     */
    public static int runChunks(LanguageModel model, int[] tokens, int context, int maxChunks, Progress progress) {
        if (context < 2 || context > model.contextLength()) {
            throw new IllegalArgumentException("context " + context + " must be at least 2 and at most the model's "
                    + model.contextLength() + " tokens");
        }
        int chunks = KlDivergenceEvaluation.chunkCount(tokens, context, maxChunks);
        var bos = model.tokenizer().bosToken();
        try (SequenceRunner sequence = model.newSequence(context, QuantFormat.F16)) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                sequence.reset();
                sequence.evaluateAll(KlDivergenceEvaluation.chunk(tokens, chunk, context, bos));
                if (progress != null) {
                    progress.chunkDone(chunk + 1, chunks);
                }
            }
        }
        return chunks;
    }

    /** Writes {@code result} as a GGUF imatrix file, replacing any file at {@code path}. */
    public static void write(Result result, Path path) throws IOException {
        result.toFile().write(path);
    }
}
