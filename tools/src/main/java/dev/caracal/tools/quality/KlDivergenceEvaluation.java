package dev.caracal.tools.quality;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.engine.sampling.Sampler;
import dev.caracal.engine.sampling.TokenHistory;
import dev.caracal.formats.ModelDescription;
import dev.caracal.formats.TensorView;
import dev.caracal.formats.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Compares a candidate model (a quantization) with its base on the same tokens, as llama.cpp's
 * {@code llama-perplexity --kl-divergence} does: the tokens are cut into chunks of {@code context} tokens whose first
 * token is replaced by BOS, each chunk runs in one go on both models, and only the second half of each chunk is scored
 * (positions {@code [context/2, context − 1)}, each predicting the next token). The base's side can be saved to and
 * read from llama.cpp's {@code --kl-divergence-base} file ({@link KlDivergenceBaseFile}), so that a candidate is
 * compared without the base model, and with llama.cpp's own figures.
 */
public final class KlDivergenceEvaluation {

    /** Called after each chunk with the chunks done and the chunks in all. */
    @FunctionalInterface
    public interface Progress {
        void chunkDone(int done, int total);
    }

    /**
     * Bits per weight of one tensor type in a model file.
     *
     * @param format   the type
     * @param tensors  tensors stored in it
     * @param elements their elements
     * @param bytes    their bytes
     */
    public record TypeBits(QuantFormat format, int tensors, long elements, long bytes) {

        public double bitsPerWeight() {
            return bytes * 8.0 / elements;
        }
    }

    /**
     * The comparison's outcome.
     *
     * @param tokens     tokens available
     * @param context    tokens per chunk
     * @param chunks     chunks evaluated
     * @param statistics the statistics over the scored positions
     * @param baseSpeed      the base model's forward passes in tokens per second (NaN when read from a file)
     * @param candidateSpeed the candidate's forward passes in tokens per second (chunks evaluated whole, as a prompt)
     */
    public record Report(int tokens, int context, int chunks, KlDivergenceStatistics.Summary statistics,
            double baseSpeed, double candidateSpeed) {
    }

    /**
     * Where the evaluated tokens come from: a text file through the base model's tokenizer, or the base model's own
     * samples.
     *
     * @param text       a UTF-8 text file, or null to self-sample
     * @param selfSample tokens to sample when {@code text} is null
     * @param seed       the sampling seed
     */
    public record Input(Path text, int selfSample, long seed) {

        public static Input text(Path text) {
            return new Input(text, 0, 0);
        }

        public static Input selfSample(int count, long seed) {
            return new Input(null, count, seed);
        }
    }

    /**
     * A run on two model files.
     *
     * @param report           the comparison
     * @param candidateBits    the candidate's bits per weight by tensor type
     * @param backend          the backend's name
     * @param threads          its worker threads
     */
    public record Run(Report report, List<TypeBits> candidateBits, String backend, int threads) {
    }

    /**
     * What {@link #saveBase} wrote.
     *
     * @param file       the {@link KlDivergenceBaseFile} written
     * @param tokens     tokens available
     * @param context    tokens per chunk
     * @param chunks     chunks evaluated and stored
     * @param positions  scored positions stored
     * @param perplexity the base's perplexity over them, as llama.cpp's {@code perplexity} reports it (exp of the mean
     *                   NLL, the error propagated from the mean's standard error)
     * @param bytes      the file's size
     */
    public record SavedBase(Path file, int tokens, int context, int chunks, long positions,
            KlDivergenceStatistics.Estimate perplexity, long bytes) {
    }

    /**
     * A {@link #saveBase} run on a model file.
     *
     * @param saved   what was written
     * @param backend the backend's name
     * @param threads its worker threads
     */
    public record SaveRun(SavedBase saved, String backend, int threads) {
    }

    private KlDivergenceEvaluation() {
    }

    /**
     * Opens {@code base} on {@code backend}, gets the tokens from {@code input}, and writes its log-probabilities at
     * the scored positions to {@code file} (llama.cpp's {@code llama-perplexity -f TEXT --kl-divergence-base FILE}).
     */
    public static SaveRun saveBase(Path base, Path file, Input input, String backend, int threads, int context,
            int maxChunks, Progress progress) throws IOException {
        BackendOptions options = new BackendOptions(threads);
        try (Backend opened = BackendRegistry.open(backend, options);
                LanguageModel baseModel = LanguageModel.open(base, opened, 0)) {
            int[] tokens = tokens(baseModel, input, context);
            SavedBase saved = saveBase(baseModel, tokens, context, maxChunks, file, progress);
            return new SaveRun(saved, opened.name(), options.resolvedThreads());
        }
    }

    /**
     * Opens {@code candidate} on {@code backend} and compares it with the base log-probabilities in {@code baseFile} on
     * the file's tokens (llama.cpp's {@code llama-perplexity --kl-divergence-base FILE --kl-divergence}).
     *
     * @param context tokens per chunk, which must be the file's; 0 to take the file's
     */
    public static Run runAgainstBase(Path baseFile, Path candidate, String backend, int threads, int context,
            int maxChunks, Progress progress) throws IOException {
        BackendOptions options = new BackendOptions(threads);
        try (KlDivergenceBaseFile.Reader base = KlDivergenceBaseFile.Reader.open(baseFile);
                Backend opened = BackendRegistry.open(backend, options);
                LanguageModel candidateModel = LanguageModel.open(candidate, opened, 0)) {
            Report report = evaluate(base, baseFile, candidateModel, context, maxChunks, progress);
            return new Run(report, bitsPerWeight(candidateModel.description()), opened.name(),
                    options.resolvedThreads());
        }
    }

    private static int[] tokens(LanguageModel model, Input input, int context) throws IOException {
        return input.text() != null
                ? tokenize(model, Files.readString(input.text(), StandardCharsets.UTF_8))
                : selfSample(model, input.selfSample(), input.seed(), Math.min(context, model.contextLength()));
    }

    /**
     * Opens both models on {@code backend} ({@code auto} for the best available), gets the tokens from {@code input},
     * evaluates, and closes everything.
     */
    public static Run run(Path base, Path candidate, Input input, String backend, int threads, int context,
            int maxChunks, Progress progress) throws IOException {
        BackendOptions options = new BackendOptions(threads);
        try (Backend opened = BackendRegistry.open(backend, options);
                LanguageModel baseModel = LanguageModel.open(base, opened, 0);
                LanguageModel candidateModel = LanguageModel.open(candidate, opened, 0)) {
            int[] tokens = tokens(baseModel, input, context);
            Report report = evaluate(baseModel, candidateModel, tokens, context, maxChunks, progress);
            return new Run(report, bitsPerWeight(candidateModel.description()), opened.name(),
                    options.resolvedThreads());
        }
    }

    /** {@code text} through the model's tokenizer, with its BOS as a prompt gets it (llama.cpp's perplexity input). */
    public static int[] tokenize(LanguageModel model, String text) {
        return model.tokenizer().encode(text, true, false);
    }

    /**
     * {@code count} tokens sampled from {@code model} itself at temperature 1 with {@code seed}: sequences of
     * {@code context} tokens (the last one shorter), each BOS followed by what the model samples, so that each
     * sequence is one chunk of the evaluation. The same model, count, context and seed give the same tokens.
     */
    public static int[] selfSample(LanguageModel model, int count, long seed, int context) {
        int bos = model.tokenizer().bosToken().orElse(0);
        int vocabulary = model.config().vocabularySize();
        Sampler sampler = new Sampler(SamplingParameters.builder().temperature(1).seed(seed).build(), vocabulary);
        int[] tokens = new int[count];
        try (SequenceRunner sequence = model.newSequence(context, QuantFormat.F32)) {
            for (int start = 0; start < count; start += context) {
                sequence.reset();
                int end = Math.min(count, start + context);
                tokens[start] = bos;
                TokenHistory history = TokenHistory.ofPrompt(bos);
                for (int i = start + 1; i < end; i++) {
                    float[] logits = sequence.append(new int[] {tokens[i - 1]});
                    tokens[i] = sampler.sample(logits, history).id();
                    history.add(tokens[i]);
                }
            }
        }
        return tokens;
    }

    /**
     * Runs both models over {@code tokens} in chunks of {@code context} (at most {@code maxChunks} of them; 0 for all)
     * and accumulates the statistics.
     *
     * @throws IllegalArgumentException when the vocabularies differ, the context does not fit a model, or there are
     *     fewer tokens than one chunk
     */
    public static Report evaluate(LanguageModel base, LanguageModel candidate, int[] tokens, int context,
            int maxChunks, Progress progress) {
        requireSameVocabulary(base.tokenizer(), candidate.tokenizer());
        if (base.config().vocabularySize() != candidate.config().vocabularySize()) {
            throw new IllegalArgumentException("the models' output vocabularies differ: base "
                    + base.config().vocabularySize() + " tokens, candidate " + candidate.config().vocabularySize());
        }
        requireContext(context, Math.min(base.contextLength(), candidate.contextLength()));
        int chunks = chunkCount(tokens, context, maxChunks);
        KlDivergenceStatistics statistics = new KlDivergenceStatistics();
        var bos = base.tokenizer().bosToken();
        int first = context / 2;
        long baseNanos = 0;
        long candidateNanos = 0;
        try (SequenceRunner baseSequence = base.newSequence(context, QuantFormat.F16);
                SequenceRunner candidateSequence = candidate.newSequence(context, QuantFormat.F16)) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                int[] window = chunk(tokens, chunk, context, bos);
                baseSequence.reset();
                candidateSequence.reset();
                long start = System.nanoTime();
                float[][] baseLogits = baseSequence.evaluateAll(window);
                long middle = System.nanoTime();
                float[][] candidateLogits = candidateSequence.evaluateAll(window);
                baseNanos += middle - start;
                candidateNanos += System.nanoTime() - middle;
                for (int j = first; j < context - 1; j++) {
                    statistics.add(baseLogits[j], candidateLogits[j], window[j + 1]);
                }
                if (progress != null) {
                    progress.chunkDone(chunk + 1, chunks);
                }
            }
        }
        return new Report(tokens.length, context, chunks, statistics.summary(),
                tokensPerSecond(chunks * context, baseNanos), tokensPerSecond(chunks * context, candidateNanos));
    }

    /**
     * Runs {@code base} over {@code tokens} in chunks of {@code context} (at most {@code maxChunks}; 0 for all) and
     * writes {@code file}: the chunks' tokens, then at each scored position the base's log-probabilities compressed to
     * 16 bits, as llama.cpp's {@code perplexity} does with {@code --kl-divergence-base}.
     *
     * @throws IllegalArgumentException when the context does not fit the model or there are fewer tokens than one chunk
     */
    public static SavedBase saveBase(LanguageModel base, int[] tokens, int context, int maxChunks, Path file,
            Progress progress) throws IOException {
        requireContext(context, base.contextLength());
        int chunks = chunkCount(tokens, context, maxChunks);
        int vocabulary = base.config().vocabularySize();
        var bos = base.tokenizer().bosToken();
        int first = context / 2;
        double sumNll = 0;
        double sumNll2 = 0;
        long positions = 0;
        try (KlDivergenceBaseFile.Writer writer = new KlDivergenceBaseFile.Writer(file, context, vocabulary, chunks,
                Arrays.copyOf(tokens, chunks * context));
                SequenceRunner sequence = base.newSequence(context, QuantFormat.F16)) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                int[] window = chunk(tokens, chunk, context, bos);
                sequence.reset();
                float[][] logits = sequence.evaluateAll(window);
                for (int j = first; j < context - 1; j++) {
                    KlDivergenceBaseFile.StoredLogProbabilities stored =
                            KlDivergenceBaseFile.StoredLogProbabilities.compress(logits[j]);
                    writer.write(stored);
                    double nll = negativeLogLikelihood(logits[j], window[j + 1]);
                    sumNll += nll;
                    sumNll2 += nll * nll;
                    positions++;
                }
                if (progress != null) {
                    progress.chunkDone(chunk + 1, chunks);
                }
            }
        }
        double mean = sumNll / positions;
        double variance = sumNll2 / positions - mean * mean;
        double perplexity = Math.exp(mean);
        double error = variance > 0 && positions > 1 ? perplexity * Math.sqrt(variance / (positions - 1)) : 0;
        return new SavedBase(file, tokens.length, context, chunks, positions,
                new KlDivergenceStatistics.Estimate(perplexity, error), Files.size(file));
    }

    /**
     * Runs {@code candidate} over the chunks of {@code base} (at most {@code maxChunks}; 0 for all) and accumulates the
     * statistics against the stored log-probabilities, as llama.cpp's {@code --kl-divergence} does.
     *
     * @param baseFile the file's name, for messages
     * @param context  tokens per chunk, which must be the file's; 0 to take the file's
     * @throws IllegalArgumentException when the file's vocabulary or context is not the candidate's or the one asked
     *     for
     */
    public static Report evaluate(KlDivergenceBaseFile.Reader base, Path baseFile, LanguageModel candidate,
            int context, int maxChunks, Progress progress) throws IOException {
        KlDivergenceBaseFile.Header header = base.header();
        int vocabulary = candidate.config().vocabularySize();
        if (header.vocabulary() != vocabulary) {
            throw new IllegalArgumentException(baseFile + " holds distributions over " + header.vocabulary()
                    + " tokens, the candidate's vocabulary has " + vocabulary);
        }
        if (context != 0 && context != header.context()) {
            throw new IllegalArgumentException(baseFile + " holds chunks of " + header.context() + " tokens, not "
                    + context + "; leave -c out or give -c " + header.context());
        }
        requireContext(header.context(), candidate.contextLength());
        int chunks = chunkCount(header.tokens(), header.context(), maxChunks);
        KlDivergenceStatistics statistics = new KlDivergenceStatistics();
        var bos = candidate.tokenizer().bosToken();
        int first = header.context() / 2;
        long candidateNanos = 0;
        try (SequenceRunner sequence = candidate.newSequence(header.context(), QuantFormat.F16)) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                KlDivergenceBaseFile.StoredLogProbabilities[] stored = base.nextChunk();
                int[] window = chunk(header.tokens(), chunk, header.context(), bos);
                sequence.reset();
                long start = System.nanoTime();
                float[][] logits = sequence.evaluateAll(window);
                candidateNanos += System.nanoTime() - start;
                for (int j = first; j < header.context() - 1; j++) {
                    statistics.add(stored[j - first], logits[j], window[j + 1]);
                }
                if (progress != null) {
                    progress.chunkDone(chunk + 1, chunks);
                }
            }
        }
        return new Report(header.tokens().length, header.context(), chunks, statistics.summary(), Double.NaN,
                tokensPerSecond(chunks * header.context(), candidateNanos));
    }

    private static double tokensPerSecond(long tokens, long nanos) {
        return nanos == 0 ? Double.NaN : tokens / (nanos / 1e9);
    }

    /** llama.cpp's NLL of {@code next}: {@code max + ln Σ exp(logit − max) − logit[next]} in float. */
    static float negativeLogLikelihood(float[] logits, int next) {
        float max = logits[KlDivergenceStatistics.argmax(logits)];
        return max + KlDivergenceBaseFile.logSumExp(logits, max) - logits[next];
    }

    private static void requireContext(int context, int modelContext) {
        if (context < 4 || context > modelContext) {
            throw new IllegalArgumentException("context " + context + " must be at least 4 and at most the"
                    + " model's " + modelContext + " tokens");
        }
    }

    /**
     * How many whole chunks of {@code context} tokens {@code tokens} holds, at most {@code maxChunks} (0 for all).
     *
     * @throws IllegalArgumentException when there is not even one
     */
    public static int chunkCount(int[] tokens, int context, int maxChunks) {
        int chunks = tokens.length / context;
        if (maxChunks > 0) {
            chunks = Math.min(chunks, maxChunks);
        }
        if (chunks == 0) {
            throw new IllegalArgumentException("there are " + tokens.length + " tokens, fewer than one chunk of "
                    + context + "; give more text or a smaller context (-c)");
        }
        return chunks;
    }

    /** Chunk {@code index} of {@code tokens}, its first token replaced by {@code bos} where the model has one. */
    static int[] chunk(int[] tokens, int index, int context, OptionalInt bos) {
        int start = index * context;
        int[] window = Arrays.copyOfRange(tokens, start, start + context);
        if (bos.isPresent()) {
            window[0] = bos.getAsInt();
        }
        return window;
    }

    /** The model's tensors grouped by type, in the order of {@link QuantFormat}. */
    public static List<TypeBits> bitsPerWeight(ModelDescription model) {
        Map<QuantFormat, long[]> byType = new TreeMap<>();
        for (TensorView tensor : model.tensors()) {
            long elements = 1;
            for (long dimension : tensor.shape()) {
                elements *= dimension;
            }
            long[] totals = byType.computeIfAbsent(tensor.format(), format -> new long[3]);
            totals[0]++;
            totals[1] += elements;
            totals[2] += tensor.data().byteSize();
        }
        List<TypeBits> types = new ArrayList<>();
        byType.forEach((format, totals) -> types.add(new TypeBits(format, (int) totals[0], totals[1], totals[2])));
        return types;
    }

    private static void requireSameVocabulary(Tokenizer base, Tokenizer candidate) {
        if (base.vocabularySize() != candidate.vocabularySize()) {
            throw new IllegalArgumentException("the vocabularies differ: base has " + base.vocabularySize()
                    + " tokens, candidate " + candidate.vocabularySize());
        }
        for (int token = 0; token < base.vocabularySize(); token++) {
            if (!base.piece(token).equals(candidate.piece(token))) {
                throw new IllegalArgumentException("the vocabularies differ at token " + token + ": base "
                        + base.piece(token) + ", candidate " + candidate.piece(token));
            }
        }
    }
}
