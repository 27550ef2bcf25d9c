package dev.caracal.tools.quality;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.quantize.GgufQuantizer;
import dev.caracal.formats.quantize.QuantizationType;
import dev.caracal.formats.share.EmbeddingComparison;
import dev.caracal.formats.share.GgufWeightSharing;
import dev.caracal.formats.share.GgufWeightSharing.TensorResult;
import dev.caracal.tools.quality.KlDivergenceEvaluation.Input;
import dev.caracal.tools.quality.KlDivergenceStatistics.Estimate;
import dev.caracal.tools.quality.KlDivergenceStatistics.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code caracal share}: weight sharing measured against the model it starts from. Tying drops {@code output.weight}
 * for the token embedding only when the KL divergence that alone costs is at most a threshold; then a codebook
 * (k-means palettes written decoded by {@link GgufWeightSharing}, or llama.cpp's IQ4_NL through {@code quantize})
 * writes the output, whose KL divergence and same-top rate against the input are measured on the same tokens.
 */
public final class WeightSharing {

    /**
     * The default {@code --max-kld} of tying: a mean KL divergence of 0.01 nats, about what a 5- or 6-bit K-quant
     * costs on 7–8B models in llama.cpp's tables and ten times a Q8_0 copy; tying should cost no more than a
     * quantization taken as near-lossless.
     */
    public static final double DEFAULT_MAX_TIE_KLD = 0.01;

    /** How the weights are shared. */
    public enum Codebook {
        /** Weights as they are (tying alone). */
        NONE,
        /** k-means palettes of 2^bits values per tensor or group of rows, written decoded. */
        KMEANS,
        /** llama.cpp's IQ4_NL (one fixed 16-value non-linear codebook, a scale per 32 weights). */
        IQ4_NL
    }

    /**
     * What to do.
     *
     * @param codebook      how to share the weights
     * @param bits          palette index bits for {@link Codebook#KMEANS}
     * @param groupRows     rows per palette, 0 for one per tensor
     * @param seed          the k-means++ seed
     * @param tieEmbeddings drop {@code output.weight} when that costs at most {@code maxTieKld}
     * @param maxTieKld     the largest mean KL divergence tying may cost
     */
    public record Plan(Codebook codebook, int bits, int groupRows, long seed, boolean tieEmbeddings,
            double maxTieKld) {

        public static Plan kmeans(int bits, int groupRows, long seed) {
            return new Plan(Codebook.KMEANS, bits, groupRows, seed, false, DEFAULT_MAX_TIE_KLD);
        }

        public Plan withTie(double maxKld) {
            return new Plan(codebook, bits, groupRows, seed, true, maxKld);
        }

        /** In words: "kmeans 4-bit per tensor", "kmeans 3-bit per 8 rows", "iq4_nl", "weights unchanged". */
        public String describe() {
            return switch (codebook) {
                case NONE -> "weights unchanged";
                case IQ4_NL -> "iq4_nl";
                case KMEANS -> "kmeans " + bits + "-bit per " + (groupRows == 0 ? "tensor"
                        : groupRows == 1 ? "row" : groupRows + " rows");
            };
        }
    }

    /**
     * How far a written model is from the input on the evaluation tokens.
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
     * The tying step.
     *
     * @param embeddings how {@code output.weight} relates to the embedding
     * @param requested  whether tying was asked for
     * @param cost       what tying alone costs, measured when asked for and possible, else null
     * @param maxKld     the threshold
     * @param tied       whether the output has no {@code output.weight} because of this step
     */
    public record Tie(EmbeddingComparison embeddings, boolean requested, Quality cost, double maxKld, boolean tied) {

        /** True when tying was asked for, was not done and is not done already: nothing was written. */
        public boolean refused() {
            return requested && !tied && embeddings.state() != EmbeddingComparison.State.ALREADY_TIED;
        }

        /** Why tying was refused, for a message. */
        public String refusal() {
            return cost == null ? "cannot tie: output.weight is " + embeddings.describe()
                    : String.format(Locale.ROOT, "tying output.weight to token_embd.weight costs a mean KLD of %.6f,"
                            + " above --max-kld %s; nothing written", cost.kld().value(), maxKld);
        }
    }

    /**
     * What the codebook step wrote.
     *
     * @param method             the plan in words
     * @param tensors            matrices converted
     * @param elements           their weights
     * @param bytes              the bytes they take in the file
     * @param potentialBytes     the bytes they would take as indices and palettes (= {@code bytes} for a real format)
     * @param outputFileBytes    the file's size
     * @param potentialFileBytes the file's size with {@code potentialBytes} for {@code bytes}
     * @param palettized         per matrix, for {@link Codebook#KMEANS}; empty otherwise
     */
    public record Sharing(String method, int tensors, long elements, long bytes, long potentialBytes,
            long outputFileBytes, long potentialFileBytes, List<TensorResult> palettized) {

        public double bitsPerWeight() {
            return elements == 0 ? 0 : bytes * 8.0 / elements;
        }

        public double potentialBitsPerWeight() {
            return elements == 0 ? 0 : potentialBytes * 8.0 / elements;
        }
    }

    /**
     * The run.
     *
     * @param inputFileBytes the input's size
     * @param tie            the tying step
     * @param sharing        what was written, or null when tying was refused
     * @param quality        the output against the input, or null when tying was refused
     * @param tokens         evaluation tokens
     * @param context        tokens per chunk
     * @param chunks         chunks evaluated per comparison
     */
    public record Report(Plan plan, long inputFileBytes, Tie tie, Sharing sharing, Quality quality, int tokens,
            int context, int chunks, String backend, int threads) {
    }

    /** Told as work proceeds: {@code unit} is {@code tensor} while writing, {@code chunk} while evaluating. */
    @FunctionalInterface
    public interface Progress {
        void update(String unit, int done, int total, String detail);
    }

    private WeightSharing() {
    }

    /**
     * Shares the weights of {@code input} as {@code plan} says into {@code output}, evaluating on {@code tokens} with
     * {@code backend} ({@code auto} for the best available). When tying is refused nothing is written and the report
     * says why ({@link Tie#refused()}).
     *
     * @throws IllegalArgumentException      when {@code output} is {@code input} or the plan is out of range
     */
    public static Report run(Path input, Path output, Plan plan, Input tokens, String backend, int threads,
            int context, int maxChunks, Progress progress) throws IOException {
        QuantizationType iq4 = plan.codebook() == Codebook.IQ4_NL ? QuantizationType.IQ4_NL : null;
        if (plan.codebook() == Codebook.KMEANS && (plan.bits() < 1 || plan.bits() > 8)) {
            throw new IllegalArgumentException("k-means palettes need 1 to 8 bits, got " + plan.bits());
        }
        GgufWeightSharing.Options palettes = plan.codebook() == Codebook.KMEANS
                ? GgufWeightSharing.Options.palettize(plan.bits(), plan.groupRows(), plan.seed())
                : new GgufWeightSharing.Options(0, 0, plan.seed(), false);
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString());
        }
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new IllegalArgumentException("OUT is IN (" + input + "); write the shared model to another file");
        }
        EmbeddingComparison embeddings;
        try (GgufFile file = GgufFile.open(input)) {
            embeddings = EmbeddingComparison.of(file);
        }
        BackendOptions options = new BackendOptions(threads);
        try (Backend opened = BackendRegistry.open(backend, options);
                LanguageModel base = LanguageModel.open(input, opened, 0)) {
            int[] evaluated = tokens.text() != null
                    ? KlDivergenceEvaluation.tokenize(base, Files.readString(tokens.text(), StandardCharsets.UTF_8))
                    : KlDivergenceEvaluation.selfSample(base, tokens.selfSample(), tokens.seed(),
                            Math.min(context, base.contextLength()));
            int chunks = KlDivergenceEvaluation.chunkCount(evaluated, context, maxChunks);
            Evaluator evaluator = new Evaluator(base, opened, evaluated, context, maxChunks, progress);
            Path tied = null;
            try {
                Tie tie = new Tie(embeddings, plan.tieEmbeddings(), null, plan.maxTieKld(), false);
                if (plan.tieEmbeddings() && (embeddings.state() == EmbeddingComparison.State.IDENTICAL
                        || embeddings.state() == EmbeddingComparison.State.DIFFERENT)) {
                    tied = Files.createTempFile(output.toAbsolutePath().getParent(), "tied-", ".gguf");
                    GgufWeightSharing.write(input, tied, new GgufWeightSharing.Options(0, 0, plan.seed(), true),
                            tensors(progress));
                    Quality cost = evaluator.against(tied);
                    tie = new Tie(embeddings, true, cost, plan.maxTieKld(), cost.kld().value() <= plan.maxTieKld());
                }
                Sharing sharing = null;
                Quality quality = null;
                if (!tie.refused()) {
                    sharing = iq4 != null ? quantize(tie.tied() ? tied : input, output, iq4, progress)
                            : palettize(input, output, palettes.withDropOutput(tie.tied()), plan, progress);
                    quality = evaluator.against(output);
                }
                return new Report(plan, Files.size(input), tie, sharing, quality, evaluated.length, context, chunks,
                        opened.name(), options.resolvedThreads());
            } finally {
                if (tied != null) {
                    Files.deleteIfExists(tied);
                }
            }
        }
    }

    private static Sharing palettize(Path input, Path output, GgufWeightSharing.Options options, Plan plan,
            Progress progress) throws IOException {
        GgufWeightSharing.Result result = GgufWeightSharing.write(input, output, options, tensors(progress));
        return new Sharing(plan.describe(), result.tensors().size(), result.elements(), result.bytes(),
                result.potentialBytes(), result.outputFileBytes(), result.potentialFileBytes(), result.tensors());
    }

    private static Sharing quantize(Path input, Path output, QuantizationType type, Progress progress)
            throws IOException {
        GgufQuantizer.Result result = GgufQuantizer.quantize(input, output, GgufQuantizer.Options.of(type),
                progress == null ? null : (done, total, name) -> progress.update("tensor", done, total, name));
        List<GgufQuantizer.TensorResult> converted = result.tensors().stream()
                .filter(tensor -> tensor.reason() != GgufQuantizer.Reason.COPIED).toList();
        long elements = converted.stream().mapToLong(GgufQuantizer.TensorResult::elements).sum();
        long bytes = converted.stream().mapToLong(GgufQuantizer.TensorResult::writtenBytes).sum();
        return new Sharing("iq4_nl", converted.size(), elements, bytes, bytes, result.outputFileBytes(),
                result.outputFileBytes(), List.of());
    }

    private static GgufWeightSharing.Progress tensors(Progress progress) {
        return progress == null ? null : (done, total, name) -> progress.update("tensor", done, total, name);
    }

    /** The input model and the evaluation tokens, against which each written file is measured. */
    private record Evaluator(LanguageModel base, Backend backend, int[] tokens, int context, int maxChunks,
            Progress progress) {

        Quality against(Path candidate) throws IOException {
            try (LanguageModel model = LanguageModel.open(candidate, backend, 0)) {
                return Quality.of(KlDivergenceEvaluation.evaluate(base, model, tokens, context, maxChunks,
                        progress == null ? null : (done, total) -> progress.update("chunk", done, total, ""))
                        .statistics());
            }
        }
    }
}
