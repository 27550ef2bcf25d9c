package dev.caracal.tools.prune;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.prune.GgufPruner;
import dev.caracal.formats.prune.GgufPruner.InputStatistics;
import dev.caracal.formats.prune.PruningMethod;
import dev.caracal.formats.prune.SparsityPattern;
import dev.caracal.tools.quality.ActivationRecorder;
import dev.caracal.tools.quality.ActivationRecorder.Activations;
import dev.caracal.tools.quality.ImportanceMatrix;
import dev.caracal.tools.quality.KlDivergenceEvaluation;
import dev.caracal.tools.quality.KlDivergenceEvaluation.Input;
import dev.caracal.tools.quality.KlDivergenceStatistics.Estimate;
import dev.caracal.tools.quality.KlDivergenceStatistics.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code caracal prune}: unstructured or N:M pruning of a model's block matrices by magnitude, Wanda or SparseGPT,
 * measured against the model it starts from. Wanda and SparseGPT first run the input over calibration tokens to record
 * each matrix's input activations block by block on a copy pruned so far, as the papers do;
 * {@link GgufPruner} writes the output, whose KL divergence and same-top rate against the input are then measured on
 * evaluation tokens other than the calibration ones.
 */
public final class ModelPruning {

    private static final Pattern BLOCK = Pattern.compile("blk\\.(\\d+)\\.");

    /**
     * What to do.
     *
     * @param method  how weights are scored
     * @param pattern which weights of a row are zeroed
     */
    public record Plan(PruningMethod method, SparsityPattern pattern) {

        /** "sparsegpt 50%", "wanda 2:4". */
        public String describe() {
            return method.label() + " " + pattern.describe();
        }
    }

    /**
     * How far the output is from the input on the evaluation tokens.
     *
     * @param positions scored positions
     * @param kld       mean KL divergence (nats) ± its error
     * @param sameTop   how often the top token agrees ± its error
     */
    public record Quality(long positions, Estimate kld, Estimate sameTop) {

        static Quality of(Summary summary) {
            return new Quality(summary.positions(), summary.kld(), summary.sameTop());
        }
    }

    /**
     * The calibration run.
     *
     * @param source     "none" (magnitude), the text file, or {@code self-sample:N:seed=S}
     * @param tokens     calibration tokens
     * @param chunks     chunks run per pass
     * @param passes     passes over the tokens: one per block, each on the model pruned up to that block
     * @param statistics each pruned matrix's input activations, by tensor name
     */
    public record Calibration(String source, int tokens, int chunks, int passes,
            Map<String, InputStatistics> statistics) {

        /** No calibration, for magnitude pruning. */
        public static Calibration none() {
            return new Calibration("none", 0, 0, 0, Map.of());
        }
    }

    /**
     * The run.
     *
     * @param pruned           what was written
     * @param quality          the output against the input
     * @param evaluation       where the evaluation tokens came from
     * @param evaluationTokens evaluation tokens
     * @param context          tokens per chunk
     * @param chunks           evaluation chunks
     */
    public record Report(Plan plan, GgufPruner.Result pruned, Calibration calibration, Quality quality,
            String evaluation, int evaluationTokens, int context, int chunks, String backend, int threads) {
    }

    /** Told as work proceeds: {@code unit} is {@code calibration chunk}, {@code tensor} or {@code chunk}. */
    @FunctionalInterface
    public interface Progress {
        void update(String unit, int done, int total, String detail);
    }

    private ModelPruning() {
    }

    /**
     * Prunes {@code input} as {@code plan} says into {@code output}, calibrating on {@code calibration} (ignored by
     * magnitude pruning) and evaluating on {@code evaluation}, with {@code backend} ({@code auto} for the best).
     *
     * @throws IllegalArgumentException when the input is quantized, a matrix's rows are not whole N:M groups, the
     *     calibration and evaluation tokens are the same, or {@code output} is {@code input}
     */
    public static Report run(Path input, Path output, Plan plan, Input calibration, Input evaluation, String backend,
            int threads, int context, int maxChunks, Progress progress) throws IOException {
        GgufPruner.Options options = GgufPruner.Options.of(plan.method(), plan.pattern());
        GgufPruner.check(input, options);
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new IllegalArgumentException("OUT is IN (" + input + "); write the pruned model to another file");
        }
        boolean calibrated = plan.method().needsCalibration();
        if (calibrated && calibration == null) {
            throw new IllegalArgumentException(plan.method().label() + " needs calibration tokens");
        }
        if (calibrated && overlap(calibration, evaluation)) {
            throw new IllegalArgumentException("the evaluation tokens (" + describe(evaluation) + ") would repeat the"
                    + " calibration tokens (" + describe(calibration) + "); evaluate on other tokens (another seed)");
        }
        Calibration recorded = calibrated ? calibrate(input, calibration, options,
                output.toAbsolutePath().getParent(), backend, threads, context, maxChunks, progress)
                : Calibration.none();
        GgufPruner.Result pruned = write(input, output, options, recorded, progress);
        try (Evaluation evaluator = Evaluation.open(input, evaluation, backend, threads, context, maxChunks)) {
            return new Report(plan, pruned, recorded, evaluator.against(output, progress), evaluator.source(),
                    evaluator.tokens().length, context, evaluator.chunks(), evaluator.backend(), evaluator.threads());
        }
    }

    /** Writes {@code output}, {@code input} pruned with {@code calibration}'s statistics. */
    public static GgufPruner.Result write(Path input, Path output, GgufPruner.Options options,
            Calibration calibration, Progress progress) throws IOException {
        return GgufPruner.write(input, output, options, calibration.statistics()::get,
                progress == null ? null : (done, total, name) -> progress.update("tensor", done, total, name));
    }

    /**
     * Runs the calibration tokens through {@code input} block by block, as the Wanda and SparseGPT papers do: block
     * {@code b}'s matrices see the inputs of a model whose blocks before {@code b} are pruned already as {@code options}
     * say (a scratch copy in {@code scratchDirectory}, pruned in place one block at a time), so each block is fitted to
     * what its pruned predecessors hand it. Keeps each pruned matrix's sums of squared inputs and, for SparseGPT, its
     * input Gram matrix (one block's at a time in memory while recording).
     */
    public static Calibration calibrate(Path input, Input calibration, GgufPruner.Options options,
            Path scratchDirectory, String backend, int threads, int context, int maxChunks, Progress progress)
            throws IOException {
        GgufPruner.check(input, options);
        boolean gram = options.method().needsGram();
        List<Set<String>> blocks = prunedMatricesByBlock(input);
        if (gram) {
            requireGramMemory(input, blocks);
        }
        Files.createDirectories(scratchDirectory);
        Path scratch = Files.createTempFile(scratchDirectory, "caracal-prune-calibration-", ".gguf");
        try {
            Files.copy(input, scratch, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rw-------"));
            Map<String, InputStatistics> statistics = new HashMap<>();
            int[] tokens = null;
            int chunks = 0;
            for (int block = 0; block < blocks.size(); block++) {
                Set<String> matrices = blocks.get(block);
                try (ActivationRecorder recorder = new ActivationRecorder(
                                BackendRegistry.open(backend, new BackendOptions(threads)),
                                gram ? matrices::contains : name -> false);
                        LanguageModel model = LanguageModel.open(scratch, recorder, 0)) {
                    if (tokens == null) {
                        tokens = readTokens(model, calibration, context); // from the dense model: nothing pruned yet
                    }
                    recorder.clear();
                    int passed = block;
                    chunks = ImportanceMatrix.runChunks(model, tokens, context, maxChunks, progress == null ? null
                            : (done, total) -> progress.update("calibration chunk", passed * total + done,
                                    blocks.size() * total, "block " + (passed + 1) + " of " + blocks.size()));
                    for (Map.Entry<String, Activations> activations : recorder.activations().entrySet()) {
                        String name = activations.getKey();
                        if (matrices.contains(name)) {
                            statistics.put(name, new InputStatistics(activations.getValue().sums(),
                                    gram ? recorder.gram(name) : null));
                        }
                    }
                }
                if (block + 1 < blocks.size()) {
                    GgufPruner.pruneInPlace(scratch, options, matrices::contains, statistics::get);
                }
            }
            return new Calibration(describe(calibration), tokens == null ? 0 : tokens.length, chunks, blocks.size(),
                    Map.copyOf(statistics));
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** The input model on a backend with its evaluation tokens, against which pruned files are measured. */
    public static final class Evaluation implements AutoCloseable {

        private final Backend backend;
        private final LanguageModel base;
        private final String source;
        private final int[] tokens;
        private final int context;
        private final int maxChunks;
        private final int threads;

        private Evaluation(Backend backend, LanguageModel base, String source, int[] tokens, int context,
                int maxChunks, int threads) {
            this.backend = backend;
            this.base = base;
            this.source = source;
            this.tokens = tokens;
            this.context = context;
            this.maxChunks = maxChunks;
            this.threads = threads;
        }

        /** Opens {@code input} on {@code backend} and gets the tokens from {@code evaluation}. */
        public static Evaluation open(Path input, Input evaluation, String backend, int threads, int context,
                int maxChunks) throws IOException {
            BackendOptions options = new BackendOptions(threads);
            Backend opened = BackendRegistry.open(backend, options);
            try {
                LanguageModel base = LanguageModel.open(input, opened, 0);
                try {
                    return new Evaluation(opened, base, describe(evaluation), readTokens(base, evaluation, context),
                            context, maxChunks, options.resolvedThreads());
                } catch (IOException | RuntimeException e) {
                    base.close();
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
        }

        /** The KL divergence and same-top rate of {@code candidate} against the input. */
        public Quality against(Path candidate, Progress progress) throws IOException {
            try (LanguageModel model = LanguageModel.open(candidate, backend, 0)) {
                return Quality.of(KlDivergenceEvaluation.evaluate(base, model, tokens, context, maxChunks,
                        progress == null ? null : (done, total) -> progress.update("chunk", done, total, ""))
                        .statistics());
            }
        }

        public String source() {
            return source;
        }

        public int[] tokens() {
            return tokens.clone();
        }

        public int chunks() {
            return KlDivergenceEvaluation.chunkCount(tokens, context, maxChunks);
        }

        public String backend() {
            return backend.name();
        }

        public int threads() {
            return threads;
        }

        @Override
        public void close() {
            base.close();
            backend.close();
        }
    }

    private static int[] readTokens(LanguageModel model, Input input, int context) throws IOException {
        return input.text() != null
                ? KlDivergenceEvaluation.tokenize(model, Files.readString(input.text(), StandardCharsets.UTF_8))
                : KlDivergenceEvaluation.selfSample(model, input.selfSample(), input.seed(),
                        Math.min(context, model.contextLength()));
    }

    /** Whether two token sources give the same tokens: the same file, or samples with the same seed. */
    private static boolean overlap(Input first, Input second) {
        return first.text() != null || second.text() != null ? Objects.equals(first.text(), second.text())
                : first.seed() == second.seed();
    }

    private static String describe(Input input) {
        return input.text() != null ? input.text().toString()
                : "self-sample:" + input.selfSample() + ":seed=" + input.seed();
    }

    /** The pruned matrices grouped by block in block order; matrices outside the blocks come last, on their own. */
    private static List<Set<String>> prunedMatricesByBlock(Path input) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString());
        }
        Map<Integer, Set<String>> byBlock = new TreeMap<>();
        try (GgufFile file = GgufFile.open(input)) {
            for (GgufTensorInfo tensor : file.tensors()) {
                if (GgufPruner.isPruned(tensor)) {
                    Matcher block = BLOCK.matcher(tensor.name());
                    byBlock.computeIfAbsent(block.lookingAt() ? Integer.parseInt(block.group(1)) : Integer.MAX_VALUE,
                            index -> new LinkedHashSet<>()).add(tensor.name());
                }
            }
        }
        return List.copyOf(byBlock.values());
    }

    /** SparseGPT holds one block's columns × columns Gram matrices at once while recording; refuses what won't fit. */
    private static void requireGramMemory(Path input, List<Set<String>> blocks) throws IOException {
        long bytes = 0;
        try (GgufFile file = GgufFile.open(input)) {
            for (Set<String> block : blocks) {
                long blockBytes = 0;
                for (String name : block) {
                    long columns = file.tensor(name).orElseThrow().dimensions()[0];
                    blockBytes += columns * columns * Double.BYTES;
                }
                bytes = Math.max(bytes, blockBytes);
            }
        }
        long available = Runtime.getRuntime().maxMemory() / 2;
        if (bytes > available) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "SparseGPT needs %,d MB for the input Gram"
                    + " matrices of one block, more than half the Java heap (%,d MB); give Java more memory (-Xmx)"
                    + " or use wanda", bytes >> 20, Runtime.getRuntime().maxMemory() >> 20));
        }
    }
}
