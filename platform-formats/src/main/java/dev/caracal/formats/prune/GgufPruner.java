package dev.caracal.formats.prune;

import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.gguf.GgufWriter;
import dev.caracal.formats.quantize.GgufQuantizer;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Rewrites an F32, F16 or BF16 GGUF model with its block matrices pruned by magnitude, Wanda or SparseGPT: the same
 * tensors in the same types, zeros stored as any other weight (GGUF has no sparse type), labelled
 * {@code caracal.prune.*}. Pruned are the 2-D weight matrices {@code quantize} would convert, except the token
 * embedding and the output matrix, which stay dense as in the Wanda and SparseGPT papers. The same input, options and
 * statistics give the same bytes.
 */
public final class GgufPruner {

    /** {@code magnitude}, {@code wanda} or {@code sparsegpt}. */
    public static final String METHOD_KEY = "caracal.prune.method";
    /** The fraction of the pruned matrices' weights zeroed, for either kind of pattern. */
    public static final String SPARSITY_KEY = "caracal.prune.sparsity";
    /** {@code N:M} for a semi-structured pattern; absent for unstructured sparsity. */
    public static final String PATTERN_KEY = "caracal.prune.pattern";
    /** The matrices pruned. */
    public static final String TENSORS_KEY = "caracal.prune.tensors";
    /** {@code dense}: zeros are stored as weights, the file is no smaller. */
    public static final String STORAGE_KEY = "caracal.prune.storage";

    private static final String EMBEDDING = "token_embd.weight";
    private static final String OUTPUT = "output.weight";

    /**
     * What to do.
     *
     * @param method    how weights are scored
     * @param pattern   which weights of a row are zeroed
     * @param blockSize SparseGPT's columns per block
     * @param dampening SparseGPT's λ as a fraction of H's mean diagonal
     */
    public record Options(PruningMethod method, SparsityPattern pattern, int blockSize, double dampening) {

        public static Options of(PruningMethod method, SparsityPattern pattern) {
            return new Options(method, pattern, SparseGpt.DEFAULT_BLOCK_SIZE, SparseGpt.DEFAULT_DAMPENING);
        }
    }

    /**
     * A matrix's input activations over the calibration tokens.
     *
     * @param sumsOfSquares per input column, Σ x² ({@code [columns]}), for Wanda
     * @param gram          XᵀX ({@code [columns][columns]} row-major) for SparseGPT, else null
     */
    public record InputStatistics(double[] sumsOfSquares, double[] gram) {
    }

    /**
     * One pruned matrix.
     *
     * @param dimensions     ggml order, row length first
     * @param zeroed         weights the pattern zeroed: exactly {@link SparsityPattern#zeroedInMatrix}
     * @param zeros          weights that are zero in the file (the zeroed ones, those that were zero, and any that
     *                       round to zero in {@code format})
     * @param relativeChange ‖W − W'‖ / ‖W‖ of the values written
     */
    public record TensorResult(String name, long[] dimensions, QuantFormat format, long elements, long zeroed,
            long zeros, double relativeChange) {
    }

    /**
     * The whole run.
     *
     * @param tensors the pruned matrices in file order
     */
    public record Result(Options options, List<TensorResult> tensors, long inputFileBytes, long outputFileBytes) {

        public long elements() {
            return tensors.stream().mapToLong(TensorResult::elements).sum();
        }

        public long zeroed() {
            return tensors.stream().mapToLong(TensorResult::zeroed).sum();
        }

        public long zeros() {
            return tensors.stream().mapToLong(TensorResult::zeros).sum();
        }

        /** The fraction of the pruned matrices' weights the pattern zeroed. */
        public double sparsity() {
            return elements() == 0 ? 0 : zeroed() / (double) elements();
        }
    }

    /** Told after each tensor. */
    public interface Progress {
        void tensorDone(int done, int total, String name);
    }

    private GgufPruner() {
    }

    /** Whether {@code tensor} is pruned: a 2-D weight matrix other than the token embedding and the output matrix. */
    public static boolean isPruned(GgufTensorInfo tensor) {
        return GgufQuantizer.isWeightMatrix(tensor) && tensor.dimensions().length == 2
                && !tensor.name().equals(EMBEDDING) && !tensor.name().equals(OUTPUT);
    }

    /**
     * Checks, before any work, that {@code input} exists and can be pruned as {@code options} say.
     *
     * @throws IllegalArgumentException when a weight is quantized, or a matrix's rows are not whole N:M groups
     */
    public static void check(Path input, Options options) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString());
        }
        try (GgufFile file = GgufFile.open(input)) {
            check(input, file.tensors(), options);
        }
    }

    /**
     * Writes {@code output}, a copy of {@code input} with its matrices pruned; {@code statistics} gives a matrix's
     * input activations by tensor name (unused by magnitude pruning).
     *
     * @throws IllegalArgumentException when {@code output} is {@code input}, the input cannot be pruned as asked (see
     *     {@link #check}), or a matrix has no statistics
     */
    public static Result write(Path input, Path output, Options options,
            Function<String, InputStatistics> statistics, Progress progress) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString());
        }
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new IllegalArgumentException("OUT is IN (" + input + "); write the pruned model to another file");
        }
        try (GgufFile file = GgufFile.open(input); Arena arena = Arena.ofShared()) {
            List<GgufTensorInfo> tensors = file.tensors();
            check(input, tensors, options);
            List<TensorResult> results = new ArrayList<>();
            GgufWriter writer = new GgufWriter().putAll(file.metadata());
            List<MemorySegment> written = new ArrayList<>();
            int done = 0;
            for (GgufTensorInfo tensor : tensors) {
                MemorySegment data = file.tensorData(tensor);
                if (isPruned(tensor)) {
                    MemorySegment pruned = arena.allocate(tensor.byteSize(), 64);
                    results.add(prune(tensor, data, pruned, options,
                            options.method().needsCalibration() ? statistics.apply(tensor.name()) : null));
                    data = pruned;
                }
                written.add(data);
                if (progress != null) {
                    progress.tensorDone(++done, tensors.size(), tensor.name());
                }
            }
            Result partial = new Result(options, results, 0, 0);
            writer.put(METHOD_KEY, GgufValue.ofString(options.method().label()))
                    .put(SPARSITY_KEY, GgufValue.ofFloat32((float) partial.sparsity()))
                    .put(TENSORS_KEY, GgufValue.ofUint32(results.size()))
                    .put(STORAGE_KEY, GgufValue.ofString("dense"));
            if (options.pattern().isStructured()) {
                writer.put(PATTERN_KEY, GgufValue.ofString(options.pattern().describe()));
            }
            for (int i = 0; i < tensors.size(); i++) {
                GgufTensorInfo tensor = tensors.get(i);
                writer.addTensor(tensor.name(), tensor.dimensions(), tensor.format(), written.get(i));
            }
            writer.write(output);
            return new Result(options, List.copyOf(results), Files.size(input), Files.size(output));
        }
    }

    /**
     * Prunes, in place in the GGUF file {@code file}, the matrices whose names {@code which} accepts, leaving the rest
     * and the metadata as they are: the step of layer-by-layer calibration, where block {@code b}'s activations are
     * recorded on a model whose earlier blocks are pruned already.
     *
     * @return the matrices pruned, in file order
     * @throws IllegalArgumentException as {@link #write} does
     */
    public static List<TensorResult> pruneInPlace(Path file, Options options, Predicate<String> which,
            Function<String, InputStatistics> statistics) throws IOException {
        List<TensorResult> results = new ArrayList<>();
        try (GgufFile gguf = GgufFile.open(file); Arena arena = Arena.ofConfined();
                FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            check(file, gguf.tensors(), options);
            for (GgufTensorInfo tensor : gguf.tensors()) {
                if (isPruned(tensor) && which.test(tensor.name())) {
                    MemorySegment pruned = arena.allocate(tensor.byteSize(), 64);
                    results.add(prune(tensor, gguf.tensorData(tensor), pruned, options,
                            options.method().needsCalibration() ? statistics.apply(tensor.name()) : null));
                    ByteBuffer bytes = pruned.asByteBuffer();
                    long position = gguf.dataStart() + tensor.relativeOffset();
                    while (bytes.hasRemaining()) {
                        position += channel.write(bytes, position);
                    }
                }
            }
        }
        return List.copyOf(results);
    }

    private static TensorResult prune(GgufTensorInfo tensor, MemorySegment data, MemorySegment target,
            Options options, InputStatistics statistics) {
        int columns = Math.toIntExact(tensor.dimensions()[0]);
        int rows = Math.toIntExact(tensor.dimensions()[1]);
        if ((long) rows * columns > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " has " + (long) rows * columns
                    + " elements; at most 2^31 are supported");
        }
        int elements = rows * columns;
        QuantCodec codec = QuantCodecs.of(tensor.format());
        // values: [rows][columns], ggml order
        float[] values = new float[elements];
        codec.dequantize(data, 0, values, 0, elements);
        float[] original = values.clone();
        long zeroed = switch (options.method()) {
            case MAGNITUDE -> MatrixPruning.magnitude(values, rows, columns, options.pattern());
            case WANDA -> MatrixPruning.wanda(values, rows, columns,
                    norms(tensor, required(tensor, statistics).sumsOfSquares(), columns), options.pattern());
            case SPARSEGPT -> SparseGpt.prune(values, rows, columns, gram(tensor, statistics, columns),
                    options.pattern(), options.blockSize(), options.dampening());
        };
        codec.quantize(values, 0, target, 0, elements);
        codec.dequantize(target, 0, values, 0, elements);
        long zeros = 0;
        double change = 0;
        double total = 0;
        for (int i = 0; i < elements; i++) {
            zeros += values[i] == 0 ? 1 : 0;
            double difference = (double) original[i] - values[i];
            change += difference * difference;
            total += (double) original[i] * original[i];
        }
        return new TensorResult(tensor.name(), tensor.dimensions(), tensor.format(), elements, zeroed, zeros,
                total == 0 ? 0 : Math.sqrt(change / total));
    }

    /** ‖X_j‖₂ = √(Σ x²) per column. */
    private static double[] norms(GgufTensorInfo tensor, double[] sumsOfSquares, int columns) {
        if (sumsOfSquares == null || sumsOfSquares.length != columns) {
            throw new IllegalArgumentException("activations of " + tensor.name() + " have "
                    + (sumsOfSquares == null ? 0 : sumsOfSquares.length) + " columns, the matrix " + columns);
        }
        double[] norms = new double[columns];
        for (int c = 0; c < columns; c++) {
            norms[c] = Math.sqrt(sumsOfSquares[c]);
        }
        return norms;
    }

    private static double[] gram(GgufTensorInfo tensor, InputStatistics statistics, int columns) {
        double[] gram = required(tensor, statistics).gram();
        if (gram == null || gram.length != (long) columns * columns) {
            throw new IllegalArgumentException("no " + columns + " x " + columns + " input Gram matrix for "
                    + tensor.name());
        }
        return gram;
    }

    private static InputStatistics required(GgufTensorInfo tensor, InputStatistics statistics) {
        if (statistics == null) {
            throw new IllegalArgumentException("no activations were recorded for " + tensor.name()
                    + ": the calibration never multiplied it");
        }
        return statistics;
    }

    private static void check(Path input, List<GgufTensorInfo> tensors, Options options) {
        Map<QuantFormat, Integer> quantized = new EnumMap<>(QuantFormat.class);
        for (GgufTensorInfo tensor : tensors) {
            if (!tensor.format().isFloatingPoint()) {
                quantized.merge(tensor.format(), 1, Integer::sum);
            }
        }
        quantized.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(most -> {
            throw new IllegalArgumentException(input.getFileName() + " is " + most.getKey()
                    + " already; prune F32, F16 or BF16 weights (then quantize)");
        });
        SparsityPattern pattern = options.pattern();
        for (GgufTensorInfo tensor : tensors) {
            if (isPruned(tensor) && pattern.isStructured() && tensor.dimensions()[0] % pattern.group() != 0) {
                throw new IllegalArgumentException(tensor.name() + " has rows of " + tensor.dimensions()[0]
                        + " columns, not whole groups of " + pattern.group() + " for " + pattern.describe());
            }
        }
    }
}
