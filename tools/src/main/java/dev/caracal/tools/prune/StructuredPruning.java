package dev.caracal.tools.prune;

import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufModelReader;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.gguf.GgufValueType;
import dev.caracal.formats.gguf.GgufWriter;
import dev.caracal.tools.quality.ActivationRecorder;
import dev.caracal.tools.quality.ImportanceMatrix;
import dev.caracal.tools.quality.KlDivergenceEvaluation;
import dev.caracal.tools.quality.KlDivergenceEvaluation.Input;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Structured pruning of a Llama-family GGUF model: whole transformer blocks dropped (chosen by hand or by Block
 * Influence), whole key/value head groups removed from every block, or the MLP narrowed to its most important
 * channels; each writes a smaller GGUF with consistent metadata that Caracal and llama.cpp load. The importance of
 * heads and channels, and Block Influence, are measured by running the input over calibration tokens.
 */
public final class StructuredPruning {

    private static final Pattern BLOCK_TENSOR = Pattern.compile("blk\\.(\\d+)\\.(.+)");
    /**
     * Architectures whose {@code attn_q} llama.cpp expects to be {@code [n_embd, n_embd]} rather than {@code [n_embd,
     * heads × head size]}: with fewer heads such a file would no longer load there.
     */
    private static final Set<String> QUERY_WIDTH_IS_EMBEDDING_WIDTH = Set.of("qwen2");

    /** What a run did. */
    public enum Operation {
        /** Whole blocks removed and the rest renumbered. */
        DROP_LAYERS,
        /** Whole key/value head groups (a key/value head with its query heads) removed from every block. */
        PRUNE_HEADS,
        /** The MLP's intermediate width reduced in every block. */
        NARROW_FEED_FORWARD
    }

    /**
     * Where the calibration tokens come from and how the model runs over them.
     *
     * @param tokens    a text file or the model's own samples (give a seed other than the evaluation's)
     * @param context   tokens per chunk (capped at the model's context when self-sampling)
     * @param maxChunks chunks to run, 0 for all
     * @param backend   the backend's name, {@code auto} for the best available
     * @param threads   worker threads, 0 for the backend's default
     */
    public record Calibration(Input tokens, int context, int maxChunks, String backend, int threads) {

        /** {@code count} tokens self-sampled with {@code seed}, in chunks of 128, on the best available backend. */
        public static Calibration selfSample(int count, long seed) {
            return new Calibration(Input.selfSample(count, seed), 128, 0, "auto", 0);
        }

        public Calibration withBackend(String name, int threadCount) {
            return new Calibration(tokens, context, maxChunks, name, threadCount);
        }
    }

    /**
     * The hyperparameters pruning changes.
     *
     * @param blockCount        transformer blocks
     * @param headCount         query heads per block
     * @param headCountKv       key/value heads per block
     * @param headSize          size of one head (unchanged by pruning)
     * @param feedForwardLength the MLP's intermediate width
     */
    public record Shape(int blockCount, int headCount, int headCountKv, int headSize, int feedForwardLength) {

        static Shape of(ModelConfig config) {
            return new Shape(config.blockCount(), config.headCount(), config.headCountKv(), config.keyLength(),
                    config.feedForwardLength());
        }
    }

    /**
     * A written model.
     *
     * @param operation         what was done
     * @param before            the input's shape
     * @param after             the output's shape
     * @param blockInfluence    per block of the input, {@code 1 − mean cos(x_in, x_out)}; empty when not measured
     * @param droppedLayers     the input's blocks left out, ascending; empty unless {@link Operation#DROP_LAYERS}
     * @param removedHeadGroups per block, the key/value heads removed (with their query heads), ascending
     * @param removedChannels   per block, the MLP channels removed, ascending
     * @param inputFileBytes    the input's size
     * @param outputFileBytes   the output's size
     */
    public record Result(Operation operation, Shape before, Shape after, List<Double> blockInfluence,
            List<Integer> droppedLayers, List<List<Integer>> removedHeadGroups, List<List<Integer>> removedChannels,
            long inputFileBytes, long outputFileBytes) {
    }

    /** Told as work proceeds: {@code unit} is {@code chunk} while calibrating, {@code tensor} while writing. */
    @FunctionalInterface
    public interface Progress {
        void update(String unit, int done, int total, String detail);
    }

    private StructuredPruning() {
    }

    /** Block Influence of every block of {@code input}, measured on the calibration tokens. */
    public static List<Double> blockInfluence(Path input, Calibration calibration, Progress progress)
            throws IOException {
        requireInput(input);
        return boxed(calibrate(input, calibration, progress).blockInfluence());
    }

    /**
     * Writes {@code output}: {@code input} without the blocks {@code layers}, the others renumbered in order and
     * {@code <arch>.block_count} lowered. Works on any tensor format (no tensor is cut).
     *
     * @throws IllegalArgumentException when a layer is out of range or repeated, all layers would go, or
     *     {@code output} is {@code input}
     */
    public static Result dropLayers(Path input, Path output, List<Integer> layers, Progress progress)
            throws IOException {
        return dropLayers(input, output, layers, List.of(), progress);
    }

    /**
     * Measures Block Influence on the calibration tokens and drops the {@code count} blocks of least influence (the
     * blocks that turn the residual stream least), as ShortGPT does.
     *
     * @throws IllegalArgumentException when {@code count} is not between 1 and the block count − 1
     */
    public static Result dropLeastInfluentialLayers(Path input, Path output, int count, Calibration calibration,
            Progress progress) throws IOException {
        ModelConfig config = readConfig(input, output);
        if (count < 1 || count >= config.blockCount()) {
            throw new IllegalArgumentException("can drop 1 to " + (config.blockCount() - 1) + " of the model's "
                    + config.blockCount() + " blocks, not " + count);
        }
        double[] influence = calibrate(input, calibration, progress).blockInfluence();
        return dropLayers(input, output, leastImportant(influence, count), boxed(influence), progress);
    }

    /**
     * Removes {@code groups} key/value head groups from every block, each block losing its least important ones.
     * The unit is a whole group, a key/value head with the {@code headCount / headCountKv} query heads that read it,
     * so that grouped-query attention stays consistent and {@code headCount} stays divisible by {@code headCountKv}
     * (with multi-head attention a group is one head). A group's importance is {@code Σ_c a_c · ‖W_o[:, c]‖²} over its
     * query heads' columns {@code c} of {@code attn_output}, with {@code a_c} the calibration's sum of squares of that
     * attention output column: the energy the group adds to the residual stream, were its columns uncorrelated. The
     * head size stays: {@code <arch>.attention.key_length} and {@code value_length} are written explicitly.
     *
     * @throws IllegalArgumentException when {@code groups} is not between 1 and {@code headCountKv − 1}, a sliced
     *     tensor is not F32, F16 or BF16, or the architecture is one whose query width llama.cpp ties to the model
     *     width (qwen2)
     */
    public static Result pruneHeadGroups(Path input, Path output, int groups, Calibration calibration,
            Progress progress) throws IOException {
        ModelConfig config = readConfig(input, output);
        if (QUERY_WIDTH_IS_EMBEDDING_WIDTH.contains(config.architecture())) {
            throw new IllegalArgumentException("cannot prune heads of a " + config.architecture() + " model: llama.cpp"
                    + " expects its attn_q to be as wide as the model (" + config.embeddingLength() + "), so a file"
                    + " with fewer heads would not load there");
        }
        if (groups < 1 || groups >= config.headCountKv()) {
            throw new IllegalArgumentException("can remove 1 to " + (config.headCountKv() - 1) + " of the model's "
                    + config.headCountKv() + " key/value head groups, not " + groups);
        }
        requireFloatingPoint(input, Set.of("attn_q.weight", "attn_k.weight", "attn_v.weight", "attn_output.weight",
                "attn_q.bias", "attn_k.bias", "attn_v.bias"));
        try (GgufFile file = GgufFile.open(input)) {
            long valueLength = file.metadata().findLong(config.architecture() + ".attention.value_length")
                    .orElse((long) config.keyLength());
            if (valueLength != config.keyLength()) {
                throw new IllegalArgumentException("cannot prune heads whose values (" + valueLength + ") and keys ("
                        + config.keyLength() + ") differ in size");
            }
        }
        Measurements measured = calibrate(input, calibration, progress);
        int perGroup = config.headCount() / config.headCountKv();
        int headSize = config.keyLength();
        List<List<Integer>> removed = new ArrayList<>();
        try (GgufFile file = GgufFile.open(input)) {
            for (int layer = 0; layer < config.blockCount(); layer++) {
                GgufTensorInfo attentionOutput = tensor(file, "blk." + layer + ".attn_output.weight");
                double[] norms = TensorSlicing.columnSquaredNorms(attentionOutput, file.tensorData(attentionOutput));
                double[] activations = measured.sums(attentionOutput.name(), norms.length);
                double[] importance = new double[config.headCountKv()];
                for (int column = 0; column < norms.length; column++) {
                    importance[column / headSize / perGroup] += activations[column] * norms[column];
                }
                removed.add(leastImportant(importance, groups));
            }
        }
        return pruneHeadGroups(input, output, config, removed, boxed(measured.blockInfluence()), progress);
    }

    /**
     * {@link #pruneHeadGroups} with the count given as a fraction of the query heads, rounded to whole groups.
     *
     * @throws IllegalArgumentException when the fraction rounds to no group or to all of them
     */
    public static Result pruneHeads(Path input, Path output, double fraction, Calibration calibration,
            Progress progress) throws IOException {
        ModelConfig config = readConfig(input, output);
        return pruneHeadGroups(input, output, headGroupsFor(config, fraction), calibration, progress);
    }

    /**
     * Keeps the {@code width} most important MLP channels of every block: rows of {@code ffn_gate} and {@code ffn_up},
     * columns of {@code ffn_down}, in their original order, and sets {@code <arch>.feed_forward_length}. A channel's
     * importance is {@code a_j · ‖W_down[:, j]‖²}, {@code a_j} the calibration's sum of squares of {@code ffn_down}'s
     * input {@code j}. Row widths below 256 or not multiples of it limit which K-quants can follow.
     *
     * @throws IllegalArgumentException when {@code width} is not between 1 and the current width − 1, or a sliced
     *     tensor is not F32, F16 or BF16
     */
    public static Result narrowFeedForward(Path input, Path output, int width, Calibration calibration,
            Progress progress) throws IOException {
        ModelConfig config = readConfig(input, output);
        if (width < 1 || width >= config.feedForwardLength()) {
            throw new IllegalArgumentException("the feed-forward width must be 1 to "
                    + (config.feedForwardLength() - 1) + " (the model's is " + config.feedForwardLength() + "), not "
                    + width);
        }
        requireFloatingPoint(input, Set.of("ffn_gate.weight", "ffn_up.weight", "ffn_down.weight"));
        Measurements measured = calibrate(input, calibration, progress);
        List<List<Integer>> removed = new ArrayList<>();
        try (GgufFile file = GgufFile.open(input)) {
            for (int layer = 0; layer < config.blockCount(); layer++) {
                GgufTensorInfo down = tensor(file, "blk." + layer + ".ffn_down.weight");
                double[] norms = TensorSlicing.columnSquaredNorms(down, file.tensorData(down));
                double[] activations = measured.sums(down.name(), norms.length);
                double[] importance = new double[norms.length];
                for (int channel = 0; channel < norms.length; channel++) {
                    importance[channel] = activations[channel] * norms[channel];
                }
                removed.add(leastImportant(importance, norms.length - width));
            }
        }
        return narrowFeedForward(input, output, config, width, removed, boxed(measured.blockInfluence()), progress);
    }

    /**
     * {@link #narrowFeedForward} keeping {@code keptFraction} of the current width (rounded, at least 1).
     *
     * @throws IllegalArgumentException when the fraction is not in (0, 1) or keeps the whole width
     */
    public static Result narrowFeedForwardByFraction(Path input, Path output, double keptFraction,
            Calibration calibration, Progress progress) throws IOException {
        if (!(keptFraction > 0 && keptFraction < 1)) {
            throw new IllegalArgumentException("the kept fraction of the feed-forward width must be between 0 and 1,"
                    + " not " + keptFraction);
        }
        ModelConfig config = readConfig(input, output);
        int width = Math.max(1, (int) Math.round(config.feedForwardLength() * keptFraction));
        return narrowFeedForward(input, output, width, calibration, progress);
    }

    /**
     * Key/value head groups that remove about {@code fraction} of the query heads: {@code round(fraction ×
     * headCountKv)}.
     *
     * @throws IllegalArgumentException when that is no group or all of them
     */
    static int headGroupsFor(ModelConfig config, double fraction) {
        int groups = (int) Math.round(fraction * config.headCountKv());
        if (!(fraction > 0 && fraction < 1) || groups < 1 || groups >= config.headCountKv()) {
            int perGroup = config.headCount() / config.headCountKv();
            throw new IllegalArgumentException("removing " + fraction + " of " + config.headCount() + " heads is no"
                    + " whole number of the " + config.headCountKv() + " key/value groups (" + perGroup
                    + " heads each) between 1 and " + (config.headCountKv() - 1) + "; the nearest fractions are"
                    + " multiples of " + 1.0 / config.headCountKv());
        }
        return groups;
    }

    private static Result dropLayers(Path input, Path output, List<Integer> layers, List<Double> influence,
            Progress progress) throws IOException {
        ModelConfig config = readConfig(input, output);
        TreeSet<Integer> dropped = new TreeSet<>();
        for (int layer : layers) {
            if (layer < 0 || layer >= config.blockCount()) {
                throw new IllegalArgumentException("layer " + layer + " is out of range; the model has blocks 0 to "
                        + (config.blockCount() - 1));
            }
            if (!dropped.add(layer)) {
                throw new IllegalArgumentException("layer " + layer + " is listed twice");
            }
        }
        if (dropped.isEmpty()) {
            throw new IllegalArgumentException("no layer to drop");
        }
        if (dropped.size() == config.blockCount()) {
            throw new IllegalArgumentException("cannot drop all " + config.blockCount() + " blocks; keep at least one");
        }
        int[] renumbered = new int[config.blockCount()];
        int next = 0;
        for (int layer = 0; layer < config.blockCount(); layer++) {
            renumbered[layer] = dropped.contains(layer) ? -1 : next++;
        }
        int blocks = next;
        Shape before = Shape.of(config);
        Shape after = new Shape(blocks, before.headCount(), before.headCountKv(), before.headSize(),
                before.feedForwardLength());
        rewrite(input, output, config, Map.of("block_count", blocks), progress,
                (tensor, layer, suffix, data, arena) -> {
                    if (layer < 0) {
                        return Slice.unchanged(tensor, data);
                    }
                    if (renumbered[layer] < 0) {
                        return null;
                    }
                    return new Slice("blk." + renumbered[layer] + "." + suffix, tensor.dimensions(), data);
                });
        return new Result(Operation.DROP_LAYERS, before, after, influence, List.copyOf(dropped), List.of(), List.of(),
                Files.size(input), Files.size(output));
    }

    private static Result pruneHeadGroups(Path input, Path output, ModelConfig config, List<List<Integer>> removed,
            List<Double> influence, Progress progress) throws IOException {
        int perGroup = config.headCount() / config.headCountKv();
        int headSize = config.keyLength();
        int groups = config.headCountKv() - removed.getFirst().size();
        // per block, the kept rows of attn_q (= columns of attn_output) and of attn_k / attn_v
        int[][] queryRows = new int[config.blockCount()][];
        int[][] keyValueRows = new int[config.blockCount()][];
        for (int layer = 0; layer < config.blockCount(); layer++) {
            int[] kept = complement(config.headCountKv(), removed.get(layer));
            queryRows[layer] = Arrays.stream(kept)
                    .flatMap(group -> IntStream.range(group * perGroup * headSize, (group + 1) * perGroup * headSize))
                    .toArray();
            keyValueRows[layer] = Arrays.stream(kept)
                    .flatMap(group -> IntStream.range(group * headSize, (group + 1) * headSize)).toArray();
        }
        Shape before = Shape.of(config);
        Shape after = new Shape(before.blockCount(), groups * perGroup, groups, headSize, before.feedForwardLength());
        Map<String, Integer> changes = Map.of("attention.head_count", after.headCount(),
                "attention.head_count_kv", after.headCountKv(), "attention.key_length", headSize,
                "attention.value_length", headSize);
        rewrite(input, output, config, changes, progress, (tensor, layer, suffix, data, arena) -> switch (suffix) {
            case "attn_q.weight", "attn_q.bias" -> rows(tensor, data, queryRows[layer], arena);
            case "attn_k.weight", "attn_k.bias", "attn_v.weight", "attn_v.bias" ->
                    rows(tensor, data, keyValueRows[layer], arena);
            case "attn_output.weight" -> new Slice(tensor.name(),
                    TensorSlicing.keptColumnsDimensions(tensor, queryRows[layer].length),
                    TensorSlicing.columns(tensor, data, queryRows[layer], arena));
            default -> Slice.unchanged(tensor, data);
        });
        return new Result(Operation.PRUNE_HEADS, before, after, influence, List.of(), List.copyOf(removed), List.of(),
                Files.size(input), Files.size(output));
    }

    private static Result narrowFeedForward(Path input, Path output, ModelConfig config, int width,
            List<List<Integer>> removed, List<Double> influence, Progress progress) throws IOException {
        int[][] kept = new int[config.blockCount()][];
        for (int layer = 0; layer < config.blockCount(); layer++) {
            kept[layer] = complement(config.feedForwardLength(), removed.get(layer));
        }
        Shape before = Shape.of(config);
        Shape after = new Shape(before.blockCount(), before.headCount(), before.headCountKv(), before.headSize(),
                width);
        rewrite(input, output, config, Map.of("feed_forward_length", width), progress,
                (tensor, layer, suffix, data, arena) -> switch (suffix) {
                    case "ffn_gate.weight", "ffn_up.weight" -> rows(tensor, data, kept[layer], arena);
                    case "ffn_down.weight" -> new Slice(tensor.name(),
                            TensorSlicing.keptColumnsDimensions(tensor, width),
                            TensorSlicing.columns(tensor, data, kept[layer], arena));
                    default -> Slice.unchanged(tensor, data);
                });
        return new Result(Operation.NARROW_FEED_FORWARD, before, after, influence, List.of(), List.of(),
                List.copyOf(removed), Files.size(input), Files.size(output));
    }

    /** A tensor as written: its name, ggml dimensions and bytes. */
    private record Slice(String name, long[] dimensions, MemorySegment data) {

        static Slice unchanged(GgufTensorInfo tensor, MemorySegment data) {
            return new Slice(tensor.name(), tensor.dimensions(), data);
        }
    }

    /** What becomes of one tensor; {@code layer} is −1 outside the blocks; null leaves the tensor out. */
    @FunctionalInterface
    private interface TensorRewrite {
        Slice apply(GgufTensorInfo tensor, int layer, String suffix, MemorySegment data, Arena arena);
    }

    private static Slice rows(GgufTensorInfo tensor, MemorySegment data, int[] rows, Arena arena) {
        return new Slice(tensor.name(), TensorSlicing.keptRowsDimensions(tensor, rows.length),
                TensorSlicing.rows(tensor, data, rows, arena));
    }

    /** Copies {@code input} to {@code output}, {@code <arch>.KEY} set as {@code changes} says, each tensor rewritten. */
    private static void rewrite(Path input, Path output, ModelConfig config, Map<String, Integer> changes,
            Progress progress, TensorRewrite rewrite) throws IOException {
        try (GgufFile file = GgufFile.open(input); Arena arena = Arena.ofConfined()) {
            GgufWriter writer = new GgufWriter().putAll(file.metadata());
            String architecture = config.architecture();
            changes.forEach((key, value) -> writer.put(architecture + "." + key,
                    integer(file.metadata().get(architecture + "." + key).orElse(null), value)));
            List<GgufTensorInfo> tensors = file.tensors();
            int done = 0;
            for (GgufTensorInfo tensor : tensors) {
                Matcher block = BLOCK_TENSOR.matcher(tensor.name());
                boolean inBlock = block.matches();
                Slice slice = rewrite.apply(tensor, inBlock ? Integer.parseInt(block.group(1)) : -1,
                        inBlock ? block.group(2) : tensor.name(), file.tensorData(tensor), arena);
                if (slice != null) {
                    writer.addTensor(slice.name(), slice.dimensions(), tensor.format(), slice.data());
                }
                if (progress != null) {
                    progress.update("tensor", ++done, tensors.size(), tensor.name());
                }
            }
            writer.write(output);
        }
    }

    /** {@code value} in the integer type of {@code existing} (UINT32 when there is none), as llama.cpp checks types. */
    private static GgufValue integer(GgufValue existing, int value) {
        if (existing == null) {
            return GgufValue.ofUint32(value);
        }
        return switch (existing.type()) {
            case UINT8, INT8 -> new GgufValue(existing.type(), (byte) value);
            case UINT16, INT16 -> new GgufValue(existing.type(), (short) value);
            case UINT32, INT32 -> new GgufValue(existing.type(), value);
            case UINT64, INT64 -> new GgufValue(existing.type(), (long) value);
            default -> throw new IllegalArgumentException("metadata " + existing + " is not an integer");
        };
    }

    /** The calibration's measurements: Block Influence per block and each weight's input sums of squares. */
    private record Measurements(double[] blockInfluence, Map<String, double[]> sums) {

        double[] sums(String weight, int columns) {
            double[] values = sums.get(weight);
            if (values == null || values.length != columns) {
                throw new IllegalStateException("the calibration run recorded no " + columns + " inputs of " + weight);
            }
            return values;
        }
    }

    /** Runs {@code input} over the calibration tokens behind both recorders. */
    private static Measurements calibrate(Path input, Calibration calibration, Progress progress) throws IOException {
        BackendOptions options = new BackendOptions(calibration.threads());
        ResidualStreamRecorder residual = new ResidualStreamRecorder(BackendRegistry.open(calibration.backend(),
                options));
        try (ActivationRecorder recorder = new ActivationRecorder(residual);
                LanguageModel model = LanguageModel.open(input, recorder, 0)) {
            int context = Math.min(calibration.context(), model.contextLength());
            Input source = calibration.tokens();
            int[] tokens = source.text() != null
                    ? KlDivergenceEvaluation.tokenize(model, Files.readString(source.text(), StandardCharsets.UTF_8))
                    : KlDivergenceEvaluation.selfSample(model, source.selfSample(), source.seed(), context);
            residual.clear();
            ImportanceMatrix.Result result = ImportanceMatrix.collect(model, recorder, tokens, List.of(), context,
                    calibration.maxChunks(),
                    progress == null ? null : (done, total) -> progress.update("chunk", done, total, ""));
            Map<String, double[]> sums = new HashMap<>();
            for (ImportanceMatrix.Entry entry : result.entries()) {
                double[] values = new double[entry.sums().length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = entry.sums()[i];
                }
                sums.put(entry.weight(), values);
            }
            double[] influence = Arrays.copyOf(residual.blockInfluence(), model.config().blockCount());
            return new Measurements(influence, sums);
        }
    }

    /** The {@code count} indices of least importance (ties by index), ascending. */
    static List<Integer> leastImportant(double[] importance, int count) {
        return IntStream.range(0, importance.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> importance[i]).thenComparing(i -> i))
                .limit(count).sorted().toList();
    }

    private static int[] complement(int size, List<Integer> removed) {
        Set<Integer> gone = Set.copyOf(removed);
        return IntStream.range(0, size).filter(i -> !gone.contains(i)).toArray();
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static void requireInput(Path input) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString());
        }
    }

    /**
     * The input's hyperparameters, after checking that it exists, is not {@code output}, and has no per-block
     * metadata arrays (which pruning would have to cut too).
     */
    private static ModelConfig readConfig(Path input, Path output) throws IOException {
        requireInput(input);
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new IllegalArgumentException("OUT is IN (" + input + "); write the pruned model to another file");
        }
        try (GgufFile file = GgufFile.open(input)) {
            ModelConfig config = GgufModelReader.describe(file).config();
            String prefix = config.architecture() + ".";
            for (Map.Entry<String, GgufValue> entry : file.metadata().asMap().entrySet()) {
                if (entry.getKey().startsWith(prefix) && entry.getValue().type() == GgufValueType.ARRAY
                        && ((GgufArray) entry.getValue().value()).length() == config.blockCount()) {
                    throw new IllegalArgumentException(input.getFileName() + " has per-block metadata "
                            + entry.getKey() + ", which structured pruning does not rewrite");
                }
            }
            return config;
        }
    }

    /** Checks that every block tensor named by one of {@code suffixes} is F32, F16 or BF16. */
    private static void requireFloatingPoint(Path input, Set<String> suffixes) throws IOException {
        try (GgufFile file = GgufFile.open(input)) {
            for (GgufTensorInfo tensor : file.tensors()) {
                Matcher block = BLOCK_TENSOR.matcher(tensor.name());
                if (block.matches() && suffixes.contains(block.group(2)) && !tensor.format().isFloatingPoint()) {
                    throw new IllegalArgumentException(input.getFileName() + ": " + tensor.name() + " is "
                            + tensor.format() + "; structured pruning cuts F32, F16 or BF16 weights only (prune"
                            + " first, then quantize)");
                }
            }
        }
    }

    private static GgufTensorInfo tensor(GgufFile file, String name) {
        return file.tensor(name).orElseThrow(() -> new IllegalArgumentException(file.fileName() + " has no tensor "
                + name));
    }
}
