package dev.caracal.formats.quantize;

import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.ModelDescription;
import dev.caracal.formats.TensorView;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufMetadata;
import dev.caracal.formats.gguf.GgufModelMetadata;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.gguf.GgufWriter;
import dev.caracal.formats.safetensors.HuggingFaceGgufMetadata;
import dev.caracal.formats.safetensors.SafetensorsModelReader;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Rewrites an F32, F16 or BF16 GGUF model, or converts a Hugging Face model directory (safetensors, config.json and
 * tokenizer.json, with the metadata llama.cpp's converter writes), with its weight matrices in another format, choosing
 * each tensor's format as llama-quantize does ({@code llama_tensor_get_type}): the output matrix gets Q6_K, the K-quant
 * mixes give attn_v and ffn_down Q6_K on some layers (IQ4_NL gives some of them Q5_K), {@code --tensor-type} rules
 * override, and a matrix whose rows are not whole blocks of the chosen format falls back to one whose blocks fit
 * (reported as such). 1-D tensors and norms are copied (in F32 from a Hugging Face directory). With an importance
 * matrix, each matrix that has an entry is quantized by its codec's importance-weighted search
 * ({@link QuantCodec#quantizeWeighted}) where its format uses importance, as llama-quantize {@code --imatrix} does. The same input and options give the same bytes.
 */
public final class GgufQuantizer {

    /** {@code GGML_QNT_VERSION}, the version of the block layouts, written as {@code general.quantization_version}. */
    public static final int QUANTIZATION_VERSION = GgufModelMetadata.QUANTIZATION_VERSION;

    private static final Pattern LAYER = Pattern.compile("^blk\\.(\\d+)\\.");
    private static final int CHUNK_ELEMENTS = 1 << 16;

    /**
     * What to write.
     *
     * @param type             the format or mix
     * @param overrides        {@code --tensor-type} rules, the last matching one wins
     * @param pure             every matrix gets the type's base format (no output or layer rules), like {@code --pure}
     * @param importanceMatrix per weight matrix, the importance of its columns ({@code --imatrix}); null for none
     */
    public record Options(QuantizationType type, List<TensorTypeOverride> overrides, boolean pure,
            ImportanceMatrixFile importanceMatrix) {
        public Options {
            overrides = List.copyOf(overrides);
        }

        public Options(QuantizationType type, List<TensorTypeOverride> overrides, boolean pure) {
            this(type, overrides, pure, null);
        }

        public static Options of(QuantizationType type) {
            return new Options(type, List.of(), false, null);
        }

        /** These options with {@code importanceMatrix} (null for none). */
        public Options withImportanceMatrix(ImportanceMatrixFile importanceMatrix) {
            return new Options(type, overrides, pure, importanceMatrix);
        }
    }

    /** Why a tensor got its format. */
    public enum Reason {
        /** Not a weight matrix (a 1-D tensor, a norm): copied as it is. */
        COPIED,
        /** The type's format. */
        DEFAULT,
        /** A rule of llama.cpp's mixes (output matrix, attn_v or ffn_down on a more-bits layer). */
        RULE,
        /** A {@code --tensor-type} rule. */
        OVERRIDE,
        /** The wanted format's blocks do not fit the rows; a format whose blocks do was used. */
        FALLBACK
    }

    /** What the importance matrix did for a tensor. */
    public enum Importance {
        /** No importance matrix was given, or the tensor is not a weight matrix. */
        NONE,
        /** The matrix was quantized weighted by its entry's importance. */
        USED,
        /** The importance matrix has no entry for this matrix (llama.cpp warns too); quantized without. */
        NO_ENTRY,
        /** The written format ignores importance (Q8_0, F16, BF16, F32, as in llama.cpp). */
        IGNORED_BY_FORMAT
    }

    /**
     * One tensor's outcome.
     *
     * @param dimensions ggml order, row length first
     * @param wanted     the format the rules chose, before any fallback
     * @param importance what the importance matrix did for it
     */
    public record TensorResult(String name, long[] dimensions, QuantFormat source, QuantFormat wanted,
            QuantFormat written, Reason reason, long elements, long sourceBytes, long writtenBytes,
            Importance importance) {

        public boolean isFallback() {
            return reason == Reason.FALLBACK;
        }
    }

    /** The whole run: every tensor in file order, and the file sizes. */
    public record Result(Options options, List<TensorResult> tensors, long inputFileBytes, long outputFileBytes) {

        public List<TensorResult> fallbacks() {
            return tensors.stream().filter(TensorResult::isFallback).toList();
        }

        /** The matrices quantized weighted by the importance matrix. */
        public List<TensorResult> importanceUsed() {
            return tensors.stream().filter(tensor -> tensor.importance() == Importance.USED).toList();
        }

        /** The matrices the importance matrix has no entry for. */
        public List<TensorResult> importanceMissing() {
            return tensors.stream().filter(tensor -> tensor.importance() == Importance.NO_ENTRY).toList();
        }

        /** Tensor count, elements and bytes per written format, in the order of {@link QuantFormat}. */
        public Map<QuantFormat, long[]> byFormat() {
            Map<QuantFormat, long[]> totals = new EnumMap<>(QuantFormat.class);
            for (TensorResult tensor : tensors) {
                long[] sums = totals.computeIfAbsent(tensor.written(), format -> new long[3]);
                sums[0]++;
                sums[1] += tensor.elements();
                sums[2] += tensor.writtenBytes();
            }
            return totals;
        }

        public long elements() {
            return tensors.stream().mapToLong(TensorResult::elements).sum();
        }

        public long sourceBytes() {
            return tensors.stream().mapToLong(TensorResult::sourceBytes).sum();
        }

        public long writtenBytes() {
            return tensors.stream().mapToLong(TensorResult::writtenBytes).sum();
        }
    }

    /** Told after each tensor. */
    public interface Progress {
        void tensorDone(int done, int total, String name);
    }

    private GgufQuantizer() {
    }

    /**
     * Quantizes {@code input} into {@code output}: {@code input} is a GGUF file, or a Hugging Face model directory
     * ({@code config.json}, {@code model.safetensors} or shards, {@code tokenizer.json}), whose metadata is built as
     * llama.cpp's converter builds it ({@link HuggingFaceGgufMetadata}) and whose 1-D tensors are written in F32, as
     * that converter writes them.
     *
     * @throws NoSuchFileException      when the input, or a model directory's config.json or tokenizer.json, is missing
     * @throws IllegalArgumentException when the input already holds quantized tensors or is the output file, or when
     *                                  an importance matrix entry does not fit its tensor's rows
     */
    public static Result quantize(Path input, Path output, Options options, Progress progress) throws IOException {
        if (Files.isDirectory(input)) {
            try (Source source = Source.huggingFace(input, options.type().llamaFileType())) {
                return quantize(input, source, output, options, progress);
            }
        }
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString());
        }
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new IllegalArgumentException("OUT is IN (" + input + "); write the quantized model to another file");
        }
        try (Source source = Source.gguf(input)) {
            return quantize(input, source, output, options, progress);
        }
    }

    private static Result quantize(Path input, Source source, Path output, Options options, Progress progress)
            throws IOException {
        try (Arena arena = Arena.ofShared()) {
            requireUnquantized(input, source.tensors());
            Plan plan = new Plan(options, source.tensors(), queryHeadsPerKeyValueHead(source.metadata()),
                    source.vectorsInF32());
            GgufWriter writer = new GgufWriter().putAll(source.metadata())
                    .put("general.quantization_version", GgufValue.ofUint32(QUANTIZATION_VERSION))
                    .put("general.file_type", GgufValue.ofUint32(options.type().llamaFileType()));
            List<TensorResult> results = new ArrayList<>();
            int done = 0;
            for (GgufTensorInfo tensor : source.tensors()) {
                TensorResult result = plan.decide(tensor);
                MemorySegment data = source.data(tensor);
                float[] importance = result.importance() == Importance.USED
                        ? options.importanceMatrix().entry(tensor.name()).orElseThrow().importance() : null;
                MemorySegment written = result.written() == tensor.format() && importance == null ? data
                        : convert(tensor, data, result.written(), importance, arena);
                writer.addTensor(tensor.name(), tensor.dimensions(), result.written(), written);
                results.add(result);
                if (progress != null) {
                    progress.tensorDone(++done, source.tensors().size(), tensor.name());
                }
            }
            writer.write(output);
            return new Result(options, List.copyOf(results), source.fileBytes(), Files.size(output));
        }
    }

    /**
     * The model read: its metadata, its tensors in ggml order with their bytes, and the bytes of its files.
     *
     * @param vectorsInF32 true to write 1-D F16 and BF16 tensors in F32 (llama.cpp's converter does)
     */
    private record Source(GgufMetadata metadata, List<GgufTensorInfo> tensors, Map<String, MemorySegment> bytes,
            long fileBytes, boolean vectorsInF32, AutoCloseable owner) implements AutoCloseable {

        static Source gguf(Path input) throws IOException {
            GgufFile file = GgufFile.open(input);
            Map<String, MemorySegment> bytes = new HashMap<>();
            for (GgufTensorInfo tensor : file.tensors()) {
                bytes.put(tensor.name(), file.tensorData(tensor));
            }
            return new Source(file.metadata(), file.tensors(), bytes, Files.size(input), false, file);
        }

        static Source huggingFace(Path directory, int fileType) throws IOException {
            Path config = directory.resolve(SafetensorsModelReader.CONFIG_FILE);
            if (!Files.isRegularFile(config)) {
                throw new NoSuchFileException(config.toString());
            }
            Path tokenizer = directory.resolve(HuggingFaceGgufMetadata.TOKENIZER_FILE);
            if (!Files.isRegularFile(tokenizer)) {
                throw new NoSuchFileException(tokenizer.toString());
            }
            SafetensorsModelReader reader = SafetensorsModelReader.open(directory);
            Arena arena = Arena.ofShared();
            try {
                ModelDescription description = reader.description();
                GgufMetadata metadata = new GgufMetadata(HuggingFaceGgufMetadata.keys(directory,
                        description.config(), fileType));
                List<TensorView> views = new ArrayList<>(description.tensors());
                List<TensorView> extra = HuggingFaceGgufMetadata.extraTensors(description.config(), arena);
                int firstBlock = 0;
                while (firstBlock < views.size() && !views.get(firstBlock).name().startsWith("blk.")) {
                    firstBlock++;
                }
                views.addAll(firstBlock, extra);
                List<GgufTensorInfo> tensors = new ArrayList<>();
                Map<String, MemorySegment> bytes = new HashMap<>();
                for (TensorView view : views) {
                    long[] shape = view.shape();
                    long[] dimensions = new long[shape.length];
                    for (int i = 0; i < shape.length; i++) {
                        dimensions[i] = shape[shape.length - 1 - i];
                    }
                    tensors.add(new GgufTensorInfo(view.name(), dimensions, view.format(), 0));
                    bytes.put(view.name(), view.data());
                }
                long fileBytes = 0;
                for (Path file : SafetensorsModelReader.weightFiles(directory)) {
                    fileBytes += Files.size(file);
                }
                fileBytes += Files.size(tokenizer);
                AutoCloseable owner = () -> {
                    arena.close();
                    reader.close();
                };
                return new Source(metadata, List.copyOf(tensors), bytes, fileBytes, true, owner);
            } catch (RuntimeException | IOException failure) {
                arena.close();
                reader.close();
                throw failure;
            }
        }

        MemorySegment data(GgufTensorInfo tensor) {
            return bytes.get(tensor.name());
        }

        @Override
        public void close() throws IOException {
            try {
                owner.close();
            } catch (IOException | RuntimeException failure) {
                throw failure;
            } catch (Exception other) {
                throw new IOException(other);
            }
        }
    }

    /** Whether {@code quantize} converts {@code tensor}: 2-D or more, named {@code *weight}, not a norm. */
    public static boolean isWeightMatrix(GgufTensorInfo tensor) {
        return Plan.isWeightMatrix(tensor);
    }

    private static void requireUnquantized(Path input, List<GgufTensorInfo> tensors) {
        Map<QuantFormat, Integer> counts = new EnumMap<>(QuantFormat.class);
        for (GgufTensorInfo tensor : tensors) {
            if (!tensor.format().isFloatingPoint()) {
                counts.merge(tensor.format(), 1, Integer::sum);
            }
        }
        counts.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(most -> {
            throw new IllegalArgumentException(input.getFileName() + " is " + most.getKey()
                    + " already; quantize from F32, F16 or BF16");
        });
    }

    /** llama.cpp's {@code n_gqa()}: query heads per key/value head, 1 where the metadata does not say. */
    private static int queryHeadsPerKeyValueHead(GgufMetadata metadata) {
        String architecture = metadata.findString("general.architecture").orElse("");
        long heads = metadata.findLong(architecture + ".attention.head_count").orElse(1L);
        long keyValueHeads = metadata.findLong(architecture + ".attention.head_count_kv").orElse(heads);
        return keyValueHeads > 0 ? (int) (heads / keyValueHeads) : 1;
    }

    /**
     * Decodes {@code data} to floats and encodes them in {@code target}, in parallel chunks of whole rows; with
     * {@code importance} (one value per column for each matrix, i.e. expert, of the tensor), each row is weighted by
     * its own matrix's.
     */
    private static MemorySegment convert(GgufTensorInfo tensor, MemorySegment data, QuantFormat target,
            float[] importance, Arena arena) {
        long count = tensor.elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " has " + count
                    + " elements; at most 2^31 are supported");
        }
        int elements = (int) count;
        float[] values = new float[elements];
        QuantCodecs.of(tensor.format()).dequantize(data, 0, values, 0, elements);
        MemorySegment result = arena.allocate(target.bytesFor(elements), 64);
        int row = Math.toIntExact(tensor.dimensions()[0]);
        int rowsPerChunk = Math.max(1, CHUNK_ELEMENTS / row);
        int rows = elements / row;
        int chunks = (rows + rowsPerChunk - 1) / rowsPerChunk;
        long rowBytes = target.bytesFor(row);
        int rowsPerMatrix = tensor.dimensions().length > 1 ? Math.toIntExact(tensor.dimensions()[1]) : 1;
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            QuantCodec codec = QuantCodecs.of(target);
            int first = chunk * rowsPerChunk;
            int last = Math.min(rows, first + rowsPerChunk);
            if (importance == null) {
                codec.quantize(values, first * row, result, first * rowBytes, (last - first) * row);
                return;
            }
            for (int r = first; r < last; r++) {
                int matrix = importance.length == row ? 0 : r / rowsPerMatrix;
                codec.quantizeWeighted(values, r * row, importance, matrix * row, result, r * rowBytes, row);
            }
        });
        return result;
    }

    /** The per-tensor rules, with the counters llama.cpp keeps across tensors (attn_v seen so far). */
    private static final class Plan {
        private final Options options;
        private final boolean hasOutput;
        private final int attentionValueCount;
        private final int layers;
        private final int queryHeadsPerKeyValueHead;
        private final boolean vectorsInF32;
        private int attentionValueIndex;

        Plan(Options options, List<GgufTensorInfo> tensors, int queryHeadsPerKeyValueHead, boolean vectorsInF32) {
            this.options = options;
            this.vectorsInF32 = vectorsInF32;
            this.queryHeadsPerKeyValueHead = queryHeadsPerKeyValueHead;
            if (options.importanceMatrix() != null) {
                for (GgufTensorInfo tensor : tensors) {
                    if (isWeightMatrix(tensor)) {
                        options.importanceMatrix().entry(tensor.name()).ifPresent(entry -> requireFits(entry, tensor));
                    }
                }
            }
            this.hasOutput = tensors.stream().anyMatch(tensor -> tensor.name().equals("output.weight"));
            this.attentionValueCount = (int) tensors.stream()
                    .filter(tensor -> tensor.name().contains("attn_v.weight")).count();
            int maxLayer = -1;
            for (GgufTensorInfo tensor : tensors) {
                maxLayer = Math.max(maxLayer, layerOf(tensor.name()));
            }
            this.layers = maxLayer + 1;
        }

        TensorResult decide(GgufTensorInfo tensor) {
            String name = tensor.name();
            long[] dimensions = tensor.dimensions();
            long elements = tensor.elementCount();
            if (!isWeightMatrix(tensor)) {
                QuantFormat kept = vectorsInF32 && dimensions.length == 1 && tensor.format().isFloatingPoint()
                        ? QuantFormat.F32 : tensor.format();
                return result(tensor, kept, kept, Reason.COPIED, Importance.NONE);
            }
            QuantizationType type = options.type();
            QuantFormat wanted = type.base();
            Reason reason = Reason.DEFAULT;
            long row = dimensions[0];
            if (!options.pure() && !wanted.isFloatingPoint()) {
                if (name.equals("output.weight") || (!hasOutput && name.equals("token_embd.weight"))) {
                    QuantFormat output = row % wanted.blockSize() != 0 ? QuantFormat.Q8_0
                            : wanted != QuantFormat.Q8_0 ? QuantFormat.Q6_K : wanted;
                    reason = output != wanted ? Reason.RULE : reason;
                    wanted = output;
                } else if (name.contains("attn_v.weight")) {
                    if (type.isMix() && QuantizationType.usesMoreBits(attentionValueIndex, attentionValueCount)) {
                        wanted = QuantFormat.Q6_K;
                        reason = Reason.RULE;
                    } else if (type == QuantizationType.IQ4_NL && queryHeadsPerKeyValueHead >= 4) {
                        wanted = QuantFormat.Q5_K;
                        reason = Reason.RULE;
                    }
                    attentionValueIndex++;
                } else if (name.contains("ffn_down")) {
                    int layer = layerOf(name);
                    if (type.isMix() && layer >= 0 && QuantizationType.usesMoreBits(layer, layers)) {
                        wanted = QuantFormat.Q6_K;
                        reason = Reason.RULE;
                    } else if (type == QuantizationType.IQ4_NL && options.importanceMatrix() == null && layer >= 0
                            && layer < layers / 8) {
                        // llama.cpp's rule without an importance matrix
                        wanted = QuantFormat.Q5_K;
                        reason = Reason.RULE;
                    }
                } else if (name.contains("attn_qkv.weight") && type.isMix()) {
                    wanted = type == QuantizationType.Q4_K_M ? QuantFormat.Q5_K : QuantFormat.Q6_K;
                    reason = Reason.RULE;
                } else if (name.contains("attn_qkv.weight") && type == QuantizationType.IQ4_NL
                        && queryHeadsPerKeyValueHead >= 4) {
                    wanted = QuantFormat.Q5_K;
                    reason = Reason.RULE;
                }
            }
            for (TensorTypeOverride override : options.overrides()) {
                if (override.matches(name)) {
                    wanted = override.format();
                    reason = Reason.OVERRIDE;
                }
            }
            QuantFormat written = wanted;
            if (row % written.blockSize() != 0) {
                written = fallback(written);
                if (row % written.blockSize() != 0) {
                    written = QuantFormat.F16;
                }
                reason = Reason.FALLBACK;
            }
            return result(tensor, wanted, written, reason, importance(name, written));
        }

        private Importance importance(String name, QuantFormat written) {
            ImportanceMatrixFile matrix = options.importanceMatrix();
            if (matrix == null) {
                return Importance.NONE;
            }
            if (matrix.entry(name).isEmpty()) {
                return Importance.NO_ENTRY;
            }
            return QuantCodecs.of(written).usesImportance() ? Importance.USED : Importance.IGNORED_BY_FORMAT;
        }

        /** llama-quantize's check: the entry holds one importance per column of each matrix of the tensor. */
        private static void requireFits(ImportanceMatrixFile.Entry entry, GgufTensorInfo tensor) {
            long[] dimensions = tensor.dimensions();
            long matrices = 1;
            for (int d = 2; d < dimensions.length; d++) {
                matrices *= dimensions[d];
            }
            long needed = dimensions[0] * matrices;
            if (entry.sums().length != needed) {
                String expected = matrices == 1 ? needed + " (one per column)"
                        : needed + " (" + dimensions[0] + " columns for each of " + matrices + " matrices)";
                throw new IllegalArgumentException("imatrix entry " + entry.weight() + " has " + entry.sums().length
                        + " values, but tensor " + tensor.name() + " " + shape(dimensions) + " needs " + expected
                        + "; was the importance matrix computed for another model?");
            }
        }

        private static String shape(long[] dimensions) {
            StringBuilder text = new StringBuilder("[");
            for (long dimension : dimensions) {
                text.append(text.length() == 1 ? "" : " x ").append(dimension);
            }
            return text.append(']').toString();
        }

        private static TensorResult result(GgufTensorInfo tensor, QuantFormat wanted, QuantFormat written,
                Reason reason, Importance importance) {
            long elements = tensor.elementCount();
            return new TensorResult(tensor.name(), tensor.dimensions(), tensor.format(), wanted, written, reason,
                    elements, tensor.byteSize(), written.bytesFor(elements), importance);
        }

        /**
         * llama.cpp's fallbacks for K-quants ({@code tensor_type_fallback}; Q2_K and Q3_K go to Q4_0 as in current
         * llama.cpp, where older versions chose IQ4_NL); F16 otherwise, where llama.cpp refuses the tensor (the legacy
         * formats and IQ4_NL have no fallback there).
         */
        private static QuantFormat fallback(QuantFormat format) {
            return switch (format) {
                case Q2_K, Q3_K -> QuantFormat.Q4_0;
                case Q4_K -> QuantFormat.Q5_0;
                case Q5_K -> QuantFormat.Q5_1;
                case Q6_K, Q8_K -> QuantFormat.Q8_0;
                default -> QuantFormat.F16;
            };
        }

        /** Weight matrices llama.cpp quantizes: 2-D or more, named {@code *weight}, not a norm. */
        private static boolean isWeightMatrix(GgufTensorInfo tensor) {
            String name = tensor.name();
            return tensor.dimensions().length >= 2 && name.endsWith("weight") && !name.contains("_norm.weight")
                    && !name.contains("ffn_gate_inp.weight");
        }

        private static int layerOf(String name) {
            Matcher matcher = LAYER.matcher(name);
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
        }
    }
}
