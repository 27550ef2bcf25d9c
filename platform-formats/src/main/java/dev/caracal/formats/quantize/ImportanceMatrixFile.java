package dev.caracal.formats.quantize;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.MappedFile;
import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufMetadata;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.gguf.GgufValueType;
import dev.caracal.formats.gguf.GgufWriter;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An importance matrix as llama.cpp's {@code llama-imatrix} stores it: per weight matrix, the per-column sums of
 * squared input activations and the number of activation rows summed, whose ratio is the importance
 * {@link GgufQuantizer} weighs each column's quantization error by. Read from the GGUF layout or the legacy
 * {@code .dat} layout, written in the GGUF one.
 *
 * <p>GGUF: {@code general.type = imatrix}, {@code imatrix.datasets} (strings), {@code imatrix.chunk_count} and
 * {@code imatrix.chunk_size} (uint32), and per weight NAME two F32 tensors, {@code NAME.in_sum2} ({@code [columns]},
 * or {@code [columns, matrices]} for the experts of a mixture-of-experts tensor) and {@code NAME.counts} ({@code [1]}
 * or {@code [1, matrices]}); llama.cpp's {@code NAME.in_sum} (plain sums) is ignored. Legacy {@code .dat}
 * (little-endian): int32 entry count; per entry int32 name length, the name, int32 ncall (chunks seen), int32 value
 * count and the float values (per column the mean square times ncall); then, optionally, int32 chunk count, int32
 * dataset name length and the dataset name.
 */
public final class ImportanceMatrixFile {

    /** The {@code general.type} of an importance matrix. */
    public static final String TYPE = "imatrix";
    /** Metadata: where the calibration tokens came from. */
    public static final String DATASETS_KEY = "imatrix.datasets";
    /** Metadata: chunks evaluated. */
    public static final String CHUNK_COUNT_KEY = "imatrix.chunk_count";
    /** Metadata: tokens per chunk. */
    public static final String CHUNK_SIZE_KEY = "imatrix.chunk_size";
    /** Suffix of a weight's per-column sums of squares. */
    public static final String SUMS_SUFFIX = ".in_sum2";
    /** Suffix of a weight's row counts. */
    public static final String COUNTS_SUFFIX = ".counts";

    private static final String GENERAL_TYPE_KEY = "general.type";
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat LE_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * One weight's statistics.
     *
     * @param weight the weight tensor's name, e.g. {@code blk.0.attn_q.weight}
     * @param sums   per matrix, per column, the sum of squared inputs (matrix-major)
     * @param counts per matrix, the activation rows summed
     */
    public record Entry(String weight, float[] sums, float[] counts) {
        public Entry {
            if (counts.length == 0 || sums.length == 0 || sums.length % counts.length != 0) {
                throw new IllegalArgumentException("entry " + weight + ": " + sums.length + " sums are not a whole,"
                        + " non-zero number of columns for each of " + counts.length + " matrices");
            }
        }

        /** Matrices (experts) the sums cover; 1 for a dense weight. */
        public int matrices() {
            return counts.length;
        }

        /** Sums per matrix: the weight's row length. */
        public int columns() {
            return sums.length / counts.length;
        }

        /**
         * The importance llama-quantize weighs each column by: per matrix, sums / count, and 1 for a matrix that saw
         * no rows (an expert the calibration text never chose), as llama.cpp does.
         */
        public float[] importance() {
            int columns = columns();
            float[] importance = new float[sums.length];
            for (int matrix = 0; matrix < counts.length; matrix++) {
                float count = counts[matrix];
                for (int column = 0; column < columns; column++) {
                    int at = matrix * columns + column;
                    importance[at] = count > 0 ? sums[at] / count : 1.0f;
                }
            }
            return importance;
        }
    }

    private final Map<String, Entry> entries;
    private final List<String> datasets;
    private final int chunkCount;
    private final int chunkSize;

    /**
     * @param chunkCount chunks evaluated (0 when unknown)
     * @param chunkSize  tokens per chunk (0 when unknown, as in legacy files)
     */
    public ImportanceMatrixFile(List<Entry> entries, List<String> datasets, int chunkCount, int chunkSize) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (byName.put(entry.weight(), entry) != null) {
                throw new IllegalArgumentException("two entries for " + entry.weight());
            }
        }
        this.entries = byName;
        this.datasets = List.copyOf(datasets);
        this.chunkCount = chunkCount;
        this.chunkSize = chunkSize;
    }

    /** The entries, in file order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The entry of the weight named {@code weight}, if there is one. */
    public Optional<Entry> entry(String weight) {
        return Optional.ofNullable(entries.get(weight));
    }

    public List<String> datasets() {
        return datasets;
    }

    public int chunkCount() {
        return chunkCount;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Reads a GGUF or legacy {@code .dat} importance matrix, told apart by the GGUF magic.
     *
     * @throws ModelFormatException when the file is neither, is truncated, or holds values that are not sums of squares
     */
    public static ImportanceMatrixFile read(Path path) throws IOException {
        String name = path.toString();
        return MappedFile.open(path, (arena, contents) -> {
            // Everything is copied out, so the mapping goes when parsing succeeds (MappedFile releases it on failure).
            boolean gguf = contents.byteSize() >= 4 && contents.get(LE_INT, 0) == GgufFile.MAGIC;
            ImportanceMatrixFile read = gguf ? readGguf(GgufFile.parse(contents, name)) : readLegacy(contents, name);
            arena.close();
            return read;
        });
    }

    /** Writes the GGUF layout, replacing any file at {@code path}. */
    public void write(Path path) throws IOException {
        GgufWriter writer = new GgufWriter()
                .put(GENERAL_TYPE_KEY, GgufValue.ofString(TYPE))
                .put(DATASETS_KEY, GgufValue.ofArray(new GgufArray(GgufValueType.STRING,
                        datasets.toArray(String[]::new))))
                .put(CHUNK_COUNT_KEY, GgufValue.ofUint32(chunkCount))
                .put(CHUNK_SIZE_KEY, GgufValue.ofUint32(chunkSize));
        for (Entry entry : entries.values()) {
            boolean dense = entry.matrices() == 1;
            writer.addTensor(entry.weight() + SUMS_SUFFIX,
                    dense ? new long[] {entry.columns()} : new long[] {entry.columns(), entry.matrices()},
                    QuantFormat.F32, littleEndian(entry.sums()));
            writer.addTensor(entry.weight() + COUNTS_SUFFIX,
                    dense ? new long[] {1} : new long[] {1, entry.matrices()}, QuantFormat.F32,
                    littleEndian(entry.counts()));
        }
        writer.write(path);
    }

    private static ImportanceMatrixFile readGguf(GgufFile file) {
        String name = file.fileName();
        GgufMetadata metadata = file.metadata();
        Optional<String> type = metadata.findString(GENERAL_TYPE_KEY);
        if (type.isPresent() && !type.get().equals(TYPE)) {
            throw new ModelFormatException(name, ModelFormatException.NO_OFFSET, "general.type is '" + type.get()
                    + "', not '" + TYPE + "': this GGUF file is not an importance matrix");
        }
        Map<String, GgufTensorInfo> sums = new TreeMap<>();
        Map<String, GgufTensorInfo> counts = new TreeMap<>();
        for (GgufTensorInfo tensor : file.tensors()) {
            if (tensor.name().endsWith(SUMS_SUFFIX)) {
                sums.put(stripSuffix(tensor.name(), SUMS_SUFFIX), tensor);
            } else if (tensor.name().endsWith(COUNTS_SUFFIX)) {
                counts.put(stripSuffix(tensor.name(), COUNTS_SUFFIX), tensor);
            }
        }
        if (sums.isEmpty() && counts.isEmpty()) {
            throw new ModelFormatException(name, ModelFormatException.NO_OFFSET, "holds no NAME" + SUMS_SUFFIX
                    + " and NAME" + COUNTS_SUFFIX + " tensors: not an importance matrix");
        }
        List<Entry> entries = new ArrayList<>();
        for (GgufTensorInfo tensor : file.tensors()) {
            String weight;
            if (tensor.name().endsWith(SUMS_SUFFIX)) {
                weight = stripSuffix(tensor.name(), SUMS_SUFFIX);
            } else if (tensor.name().endsWith(COUNTS_SUFFIX) && !sums.containsKey(
                    stripSuffix(tensor.name(), COUNTS_SUFFIX))) {
                throw new ModelFormatException(name, offset(file, tensor), tensor.name() + " has no "
                        + stripSuffix(tensor.name(), COUNTS_SUFFIX) + SUMS_SUFFIX + " beside it");
            } else {
                continue;
            }
            GgufTensorInfo countTensor = counts.get(weight);
            if (countTensor == null) {
                throw new ModelFormatException(name, offset(file, tensor), tensor.name() + " has no " + weight
                        + COUNTS_SUFFIX + " beside it");
            }
            float[] sumValues = floats(file, tensor);
            float[] countValues = floats(file, countTensor);
            if (countValues.length == 0 || sumValues.length % countValues.length != 0) {
                throw new ModelFormatException(name, offset(file, tensor), tensor.name() + " holds "
                        + sumValues.length + " sums, not a whole number of columns for each of the "
                        + countValues.length + " matrices " + countTensor.name() + " counts");
            }
            requireSumsOfSquares(name, offset(file, tensor), tensor.name(), sumValues);
            requireSumsOfSquares(name, offset(file, countTensor), countTensor.name(), countValues);
            entries.add(new Entry(weight, sumValues, countValues));
        }
        List<String> datasets = metadata.findArray(DATASETS_KEY)
                .filter(array -> array.elementType() == GgufValueType.STRING)
                .map(array -> List.of(array.strings())).orElse(List.of());
        int chunkCount = metadata.findLong(CHUNK_COUNT_KEY).map(Long::intValue).orElse(0);
        int chunkSize = metadata.findLong(CHUNK_SIZE_KEY).map(Long::intValue).orElse(0);
        return new ImportanceMatrixFile(entries, datasets, chunkCount, chunkSize);
    }

    private static float[] floats(GgufFile file, GgufTensorInfo tensor) {
        if (tensor.format() != QuantFormat.F32) {
            throw new ModelFormatException(file.fileName(), offset(file, tensor), tensor.name() + " is "
                    + tensor.format() + "; an importance matrix holds F32 tensors");
        }
        return file.tensorData(tensor).toArray(LE_FLOAT);
    }

    private static long offset(GgufFile file, GgufTensorInfo tensor) {
        return file.dataStart() + tensor.relativeOffset();
    }

    private static ImportanceMatrixFile readLegacy(MemorySegment contents, String name) {
        LegacyReader in = new LegacyReader(contents, name);
        int entryCount = in.int32("the entry count");
        // The smallest entry: name length, a one-byte name, ncall, value count and one value.
        if (entryCount < 1 || entryCount > (contents.byteSize() - 4) / 17) {
            throw new ModelFormatException(name, 0, "neither a GGUF file nor llama.cpp's legacy imatrix layout: its"
                    + " first int32, the entry count, is " + entryCount + ", which " + contents.byteSize()
                    + " bytes cannot hold");
        }
        List<Entry> entries = new ArrayList<>();
        for (int index = 0; index < entryCount; index++) {
            String what = "entry " + (index + 1) + " of " + entryCount;
            long at = in.position;
            int nameLength = in.int32(what + "'s name length");
            if (nameLength < 1 || nameLength > in.remaining()) {
                throw new ModelFormatException(name, at, what + " has a name length of " + nameLength + " with "
                        + in.remaining() + " bytes left");
            }
            String weight = new String(in.bytes(nameLength), StandardCharsets.UTF_8);
            int calls = in.int32(weight + "'s ncall");
            at = in.position;
            int valueCount = in.int32(weight + "'s value count");
            if (valueCount < 1) {
                throw new ModelFormatException(name, at, weight + " has " + valueCount + " values");
            }
            at = in.position;
            float[] values = in.floats(valueCount, weight + "'s " + valueCount + " values");
            requireSumsOfSquares(name, at, weight, values);
            // The values are mean squares times ncall; llama-quantize divides by ncall when it is positive.
            entries.add(new Entry(weight, values, new float[] {calls > 0 ? calls : 1}));
        }
        int chunkCount = 0;
        List<String> datasets = List.of();
        if (in.remaining() > 0) {
            chunkCount = in.int32("the chunk count after the entries");
            if (in.remaining() > 0) {
                long at = in.position;
                int datasetLength = in.int32("the dataset name's length");
                if (datasetLength < 0 || datasetLength != in.remaining()) {
                    throw new ModelFormatException(name, at, "the dataset name's length is " + datasetLength
                            + " but " + in.remaining() + " bytes follow it");
                }
                datasets = List.of(new String(in.bytes(datasetLength), StandardCharsets.UTF_8));
            }
        }
        try {
            return new ImportanceMatrixFile(entries, datasets, chunkCount, 0);
        } catch (IllegalArgumentException duplicate) {
            throw new ModelFormatException(name, ModelFormatException.NO_OFFSET, duplicate.getMessage());
        }
    }

    /** Sums of squares and row counts are finite and never negative; anything else is a damaged file. */
    private static void requireSumsOfSquares(String file, long offset, String what, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0) || Float.isInfinite(values[i])) {
                throw new ModelFormatException(file, offset + (long) Float.BYTES * i, what + " value " + i + " is "
                        + values[i] + "; sums of squares and counts are finite and not negative");
            }
        }
    }

    private static String stripSuffix(String name, String suffix) {
        return name.substring(0, name.length() - suffix.length());
    }

    private static MemorySegment littleEndian(float[] values) {
        MemorySegment bytes = MemorySegment.ofArray(new byte[values.length * Float.BYTES]);
        for (int i = 0; i < values.length; i++) {
            bytes.set(LE_FLOAT, (long) Float.BYTES * i, values[i]);
        }
        return bytes;
    }

    /** A cursor over the legacy layout that names what it was reading when the file ends too early. */
    private static final class LegacyReader {
        private final MemorySegment contents;
        private final String name;
        private long position;

        LegacyReader(MemorySegment contents, String name) {
            this.contents = contents;
            this.name = name;
        }

        long remaining() {
            return contents.byteSize() - position;
        }

        int int32(String what) {
            require(Integer.BYTES, what);
            int value = contents.get(LE_INT, position);
            position += Integer.BYTES;
            return value;
        }

        byte[] bytes(int count) {
            require(count, "a name");
            byte[] bytes = contents.asSlice(position, count).toArray(ValueLayout.JAVA_BYTE);
            position += count;
            return bytes;
        }

        float[] floats(int count, String what) {
            require((long) count * Float.BYTES, what);
            float[] values = contents.asSlice(position, (long) count * Float.BYTES).toArray(LE_FLOAT);
            position += (long) count * Float.BYTES;
            return values;
        }

        private void require(long bytes, String what) {
            if (remaining() < bytes) {
                throw new ModelFormatException(name, position, "truncated: " + bytes + " bytes for " + what
                        + ", only " + remaining() + " left");
            }
        }
    }
}
