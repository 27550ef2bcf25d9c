package dev.caracal.formats.share;

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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Rewrites a GGUF model with shared weights: every weight matrix {@code quantize} would convert is palettized by
 * {@link KMeans} into at most 2^bits values per tensor or per group of rows, and/or {@code output.weight} is left out
 * so that the output reuses the token embedding. GGUF has no palette type, so each palettized matrix is written
 * decoded (every value replaced by its centroid) in its own float type: the file is as large as its input, its
 * metadata says so ({@code caracal.share.*}), and the result gives the size a palette format would take. The same
 * input and options give the same bytes.
 */
public final class GgufWeightSharing {

    /** {@code kmeans} in a palettized file. */
    public static final String METHOD_KEY = "caracal.share.method";
    /** Palette index bits. */
    public static final String BITS_KEY = "caracal.share.bits";
    /** Rows per palette; 0 for one palette per tensor. */
    public static final String GROUP_ROWS_KEY = "caracal.share.group_rows";
    /** The k-means++ seed. */
    public static final String SEED_KEY = "caracal.share.seed";
    /** {@code decoded}: the matrices hold their palettes' values, not indices, and take their float type's bytes. */
    public static final String STORAGE_KEY = "caracal.share.storage";
    /** Bits per weight of the palettized matrices were they stored as indices and F16 palettes. */
    public static final String POTENTIAL_BITS_KEY = "caracal.share.potential_bits_per_weight";
    /** True when {@code output.weight} was left out for the token embedding. */
    public static final String TIED_KEY = "caracal.share.tied_embeddings";

    /** The tensor a model without it replaces by {@link #EMBEDDING}. */
    public static final String OUTPUT = "output.weight";
    /** The token embedding. */
    public static final String EMBEDDING = "token_embd.weight";

    /** Bytes of one palette entry in the potential size (F16). */
    private static final int PALETTE_ENTRY_BYTES = 2;

    /**
     * What to write.
     *
     * @param bits       palette index bits (1 to 8: 2^bits values per palette), or 0 to leave the weights as they are
     * @param groupRows  rows sharing one palette, or 0 for one palette per tensor
     * @param seed       the k-means++ seed
     * @param dropOutput leave {@code output.weight} out, so that the output reuses {@code token_embd.weight}
     */
    public record Options(int bits, int groupRows, long seed, boolean dropOutput) {
        public Options {
            if (bits < 0 || bits > 8) {
                throw new IllegalArgumentException("palette bits must be 1 to 8 (or 0 for none), got " + bits);
            }
            if (groupRows < 0) {
                throw new IllegalArgumentException("rows per palette must be ≥ 1 (or 0 for one per tensor), got "
                        + groupRows);
            }
        }

        /** Palettization into 2^bits values per tensor ({@code groupRows} 0) or per group of rows. */
        public static Options palettize(int bits, int groupRows, long seed) {
            return new Options(bits, groupRows, seed, false);
        }

        /** The same with {@code output.weight} left out or not. */
        public Options withDropOutput(boolean value) {
            return new Options(bits, groupRows, seed, value);
        }

        /** 2^bits, or 0 when nothing is palettized. */
        public int paletteSize() {
            return bits == 0 ? 0 : 1 << bits;
        }
    }

    /**
     * One palettized matrix.
     *
     * @param dimensions     ggml order, row length first
     * @param groups         palettes
     * @param bytes          bytes written (decoded, in {@code format})
     * @param potentialBytes bytes as indices of {@code bits} each plus F16 palettes
     * @param relativeError  √(Σ (w − palettized w)² / Σ w²) before rounding to {@code format}
     */
    public record TensorResult(String name, long[] dimensions, QuantFormat format, long elements, int groups,
            long bytes, long potentialBytes, double relativeError) {

        public double potentialBitsPerWeight() {
            return potentialBytes * 8.0 / elements;
        }
    }

    /**
     * The whole run.
     *
     * @param tensors       the palettized matrices in file order (none when {@code bits} is 0)
     * @param droppedOutput true when the input had an {@code output.weight} that was left out
     */
    public record Result(Options options, List<TensorResult> tensors, boolean droppedOutput, long inputFileBytes,
            long outputFileBytes) {

        public long elements() {
            return tensors.stream().mapToLong(TensorResult::elements).sum();
        }

        /** Bytes the palettized matrices take in the file. */
        public long bytes() {
            return tensors.stream().mapToLong(TensorResult::bytes).sum();
        }

        /** Bytes the palettized matrices would take as indices and palettes. */
        public long potentialBytes() {
            return tensors.stream().mapToLong(TensorResult::potentialBytes).sum();
        }

        /** The file's size were its palettized matrices stored as indices and palettes (alignment aside). */
        public long potentialFileBytes() {
            return outputFileBytes - bytes() + potentialBytes();
        }

        /** Bits per weight of the palettized matrices as indices and palettes; 0 when there are none. */
        public double potentialBitsPerWeight() {
            return tensors.isEmpty() ? 0 : potentialBytes() * 8.0 / elements();
        }
    }

    /** Told after each tensor. */
    public interface Progress {
        void tensorDone(int done, int total, String name);
    }

    private GgufWeightSharing() {
    }

    /**
     * Writes {@code output}, a copy of {@code input} with the sharing {@code options} ask for.
     *
     * @throws IllegalArgumentException when {@code output} is {@code input}, or a matrix to palettize is not F32, F16
     *     or BF16
     */
    public static Result write(Path input, Path output, Options options, Progress progress) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString());
        }
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new IllegalArgumentException("OUT is IN (" + input + "); write the shared model to another file");
        }
        try (GgufFile file = GgufFile.open(input); Arena arena = Arena.ofShared()) {
            List<GgufTensorInfo> tensors = file.tensors();
            if (options.bits() > 0) {
                requireFloatingPoint(input, tensors);
            }
            List<TensorResult> results = new ArrayList<>();
            List<MemorySegment> written = new ArrayList<>();
            boolean dropped = false;
            int done = 0;
            for (GgufTensorInfo tensor : tensors) {
                MemorySegment data = file.tensorData(tensor);
                if (options.dropOutput() && tensor.name().equals(OUTPUT)) {
                    dropped = true;
                } else if (options.bits() > 0 && GgufQuantizer.isWeightMatrix(tensor)) {
                    MemorySegment palettized = arena.allocate(tensor.byteSize(), 64);
                    results.add(palettize(tensor, data, palettized, options));
                    data = palettized;
                }
                written.add(data);
                if (progress != null) {
                    progress.tensorDone(++done, tensors.size(), tensor.name());
                }
            }
            GgufWriter writer = new GgufWriter().putAll(file.metadata());
            if (options.bits() > 0) {
                Result partial = new Result(options, results, dropped, 0, 0);
                writer.put(METHOD_KEY, GgufValue.ofString("kmeans"))
                        .put(BITS_KEY, GgufValue.ofUint32(options.bits()))
                        .put(GROUP_ROWS_KEY, GgufValue.ofUint32(options.groupRows()))
                        .put(SEED_KEY, GgufValue.ofUint64(options.seed()))
                        .put(STORAGE_KEY, GgufValue.ofString("decoded"))
                        .put(POTENTIAL_BITS_KEY, GgufValue.ofFloat32((float) partial.potentialBitsPerWeight()));
            }
            if (dropped) {
                writer.put(TIED_KEY, GgufValue.ofBool(true));
            }
            for (int i = 0; i < tensors.size(); i++) {
                GgufTensorInfo tensor = tensors.get(i);
                if (!(dropped && tensor.name().equals(OUTPUT))) {
                    writer.addTensor(tensor.name(), tensor.dimensions(), tensor.format(), written.get(i));
                }
            }
            writer.write(output);
            return new Result(options, List.copyOf(results), dropped, Files.size(input), Files.size(output));
        }
    }

    /**
     * Bytes of {@code elements} weights stored as indices of {@code bits} each plus {@code groups} palettes of
     * 2^bits F16 values.
     */
    public static long potentialBytes(long elements, int groups, int bits) {
        return (elements * bits + 7) / 8 + (long) groups * (1 << bits) * PALETTE_ENTRY_BYTES;
    }

    /** Clusters each group of rows of {@code tensor} and writes its values' centroids into {@code target}. */
    private static TensorResult palettize(GgufTensorInfo tensor, MemorySegment data, MemorySegment target,
            Options options) {
        long count = tensor.elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " has " + count
                    + " elements; at most 2^31 are supported");
        }
        int elements = (int) count;
        int row = Math.toIntExact(tensor.dimensions()[0]);
        int rows = elements / row;
        int groupRows = options.groupRows() == 0 ? rows : Math.min(options.groupRows(), rows);
        int groups = (rows + groupRows - 1) / groupRows;
        QuantCodec codec = QuantCodecs.of(tensor.format());
        // values: [rows][row] in ggml order, replaced group by group with their centroids
        float[] values = new float[elements];
        codec.dequantize(data, 0, values, 0, elements);
        double[] squaredErrors = new double[groups];
        double[] squaredValues = new double[groups];
        IntStream.range(0, groups).parallel().forEach(group -> {
            int offset = group * groupRows * row;
            int length = Math.min(groupRows, rows - group * groupRows) * row;
            KMeans.Clusters clusters = KMeans.fit(values, offset, length, options.paletteSize(),
                    groupSeed(options.seed(), tensor.name(), group));
            clusters.replace(values, offset, length);
            squaredErrors[group] = clusters.squaredError();
            squaredValues[group] = clusters.squaredValues();
        });
        codec.quantize(values, 0, target, 0, elements);
        double error = 0;
        double total = 0;
        for (int group = 0; group < groups; group++) {
            error += squaredErrors[group];
            total += squaredValues[group];
        }
        return new TensorResult(tensor.name(), tensor.dimensions(), tensor.format(), elements, groups,
                tensor.byteSize(), potentialBytes(elements, groups, options.bits()),
                total == 0 ? 0 : Math.sqrt(error / total));
    }

    /** A seed per tensor and group, so that groups can be clustered in any order. */
    private static long groupSeed(long seed, String name, int group) {
        return seed * 0x9E3779B97F4A7C15L + name.hashCode() * 0xBF58476D1CE4E5B9L + group;
    }

    private static void requireFloatingPoint(Path input, List<GgufTensorInfo> tensors) {
        for (GgufTensorInfo tensor : tensors) {
            if (GgufQuantizer.isWeightMatrix(tensor) && !tensor.format().isFloatingPoint()) {
                throw new IllegalArgumentException(input.getFileName() + ": " + tensor.name() + " is "
                        + tensor.format() + "; palettize from F32, F16 or BF16 weights");
            }
        }
    }
}
