package dev.caracal.formats.gguf;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.MappedFile;
import dev.caracal.formats.ModelFormatException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A GGUF file (versions 2 and 3), memory-mapped: its metadata, its tensor infos and zero-copy views of tensor data.
 *
 * <p>Layout (little-endian): magic {@code GGUF}, uint32 version, uint64 tensor count, uint64 metadata count, the
 * metadata entries (string key, uint32 type, value), the tensor infos (string name, uint32 dimension count, uint64
 * dimensions, uint32 ggml type, uint64 offset), padding to {@code general.alignment} (default 32), then the tensor
 * data. Every count, length, dimension and offset is checked against the file's size before anything is allocated, so
 * a damaged or hostile file fails with a {@link ModelFormatException} naming the byte offset, never an
 * {@link OutOfMemoryError}. Views stay valid until {@link #close()}.
 */
public final class GgufFile implements AutoCloseable {

    /** "GGUF" read as a little-endian uint32. */
    public static final int MAGIC = 0x46554747;
    /** The tensor data alignment when {@code general.alignment} is absent. */
    public static final int DEFAULT_ALIGNMENT = 32;
    /** The metadata key that sets the alignment. */
    public static final String ALIGNMENT_KEY = "general.alignment";
    /** ggml's {@code GGML_MAX_DIMS}. */
    public static final int MAX_DIMENSIONS = 4;
    /** Deepest nesting of arrays in arrays accepted (real files use none). */
    static final int MAX_ARRAY_NESTING = 8;

    static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble LE_DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final String fileName;
    private final Arena arena;
    private final MemorySegment contents;
    private final int version;
    private final GgufMetadata metadata;
    private final List<GgufTensorInfo> tensors;
    private final Map<String, GgufTensorInfo> tensorsByName;
    private final int alignment;
    private final long dataStart;

    private GgufFile(String fileName, Arena arena, MemorySegment contents) {
        this.fileName = fileName;
        this.arena = arena;
        this.contents = contents;
        Parser parser = new Parser(fileName, contents);
        this.version = parser.header();
        long tensorCount = parser.tensorCount;
        this.metadata = parser.metadata();
        this.alignment = parser.alignment(metadata);
        this.tensors = parser.tensorInfos(tensorCount, alignment);
        this.dataStart = alignUp(parser.position, alignment);
        parser.checkTensorPlacement(tensors, dataStart);
        Map<String, GgufTensorInfo> byName = new LinkedHashMap<>();
        for (GgufTensorInfo tensor : tensors) {
            byName.put(tensor.name(), tensor);
        }
        this.tensorsByName = byName;
    }

    /**
     * Maps and parses the GGUF file at {@code path}.
     *
     * @throws ModelFormatException when the file is not a well-formed GGUF v2/v3 file
     * @throws IOException          when it cannot be read
     */
    public static GgufFile open(Path path) throws IOException {
        String fileName = path.toString();
        return MappedFile.open(path, (arena, contents) -> new GgufFile(fileName, arena, contents));
    }

    /**
     * Parses GGUF bytes already in memory (a test's mutated file, a downloaded buffer); views share {@code contents}.
     *
     * @param name a name for messages
     */
    public static GgufFile parse(MemorySegment contents, String name) {
        return new GgufFile(name, null, contents.asReadOnly());
    }

    /** The file name given when opening, for messages. */
    public String fileName() {
        return fileName;
    }

    /** The GGUF version, 2 or 3. */
    public int version() {
        return version;
    }

    public GgufMetadata metadata() {
        return metadata;
    }

    /** The tensor infos, in file order. */
    public List<GgufTensorInfo> tensors() {
        return tensors;
    }

    public Optional<GgufTensorInfo> tensor(String name) {
        return Optional.ofNullable(tensorsByName.get(name));
    }

    /** The alignment of tensor data, from {@code general.alignment} or the default. */
    public int alignment() {
        return alignment;
    }

    /** The byte offset where tensor data starts. */
    public long dataStart() {
        return dataStart;
    }

    /** The file's size in bytes. */
    public long size() {
        return contents.byteSize();
    }

    /** A read-only, zero-copy view of one tensor's bytes. */
    public MemorySegment tensorData(GgufTensorInfo tensor) {
        if (tensorsByName.get(tensor.name()) != tensor && !tensor.equals(tensorsByName.get(tensor.name()))) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " is not one of " + fileName + "'s");
        }
        return contents.asSlice(dataStart + tensor.relativeOffset(), tensor.byteSize());
    }

    /** Unmaps the file; views obtained from it must not be used afterwards. */
    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }

    static long alignUp(long offset, long alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    /** The name ggml gives a type id Caracal does not read, for messages. */
    static String ggmlTypeName(long id) {
        return switch ((int) id) {
            case 4 -> "Q4_2 (removed from ggml)";
            case 5 -> "Q4_3 (removed from ggml)";
            case 9 -> "Q8_1";
            case 16 -> "IQ2_XXS";
            case 17 -> "IQ2_XS";
            case 18 -> "IQ3_XXS";
            case 19 -> "IQ1_S";
            case 21 -> "IQ3_S";
            case 22 -> "IQ2_S";
            case 23 -> "IQ4_XS";
            case 24 -> "I8";
            case 25 -> "I16";
            case 26 -> "I32";
            case 27 -> "I64";
            case 28 -> "F64";
            case 29 -> "IQ1_M";
            case 31, 32, 33 -> "Q4_0_4_4/Q4_0_4_8/Q4_0_8_8 (removed from ggml)";
            case 34 -> "TQ1_0";
            case 35 -> "TQ2_0";
            case 36, 37, 38 -> "IQ4_NL_4_4/IQ4_NL_4_8/IQ4_NL_8_8 (removed from ggml)";
            case 39 -> "MXFP4";
            default -> "unknown";
        };
    }

    /** Reads the header, metadata and tensor infos, checking each against the bytes that are there. */
    private static final class Parser {
        private final String fileName;
        private final MemorySegment contents;
        private final long size;
        private long position;
        private long tensorCount;
        private long metadataCount;

        Parser(String fileName, MemorySegment contents) {
            this.fileName = fileName;
            this.contents = contents;
            this.size = contents.byteSize();
        }

        ModelFormatException problem(long offset, String what) {
            return new ModelFormatException(fileName, offset, what);
        }

        int header() {
            if (size < 4) {
                throw problem(0, "truncated: " + size + " bytes is too short for a GGUF file (it starts with 'GGUF')");
            }
            int magic = contents.get(LE_INT, 0);
            if (magic != MAGIC) {
                throw problem(0, "not a GGUF file: it starts with " + describeMagic(magic) + ", not 'GGUF'");
            }
            position = 4;
            int version = readInt("the version");
            if (version == 1) {
                throw problem(4, "GGUF version 1 is not supported (Caracal reads versions 2 and 3)");
            }
            if (version != 2 && version != 3) {
                if (Integer.reverseBytes(version) == 2 || Integer.reverseBytes(version) == 3) {
                    throw problem(4, "big-endian GGUF files are not supported");
                }
                throw problem(4, "unknown GGUF version " + Integer.toUnsignedString(version)
                        + " (Caracal reads versions 2 and 3)");
            }
            long countsAt = position;
            tensorCount = readCount("the tensor count");
            metadataCount = readCount("the metadata count");
            // Each metadata entry needs at least a key length, a type and one byte of value; each tensor info a name
            // length, a dimension count, one dimension, a type and an offset.
            long remaining = size - position;
            if (metadataCount > remaining / 13) {
                throw problem(countsAt + 8, "metadata count " + Long.toUnsignedString(metadataCount)
                        + " is more than the " + remaining + " remaining bytes could hold");
            }
            if (tensorCount > remaining / 32) {
                throw problem(countsAt, "tensor count " + Long.toUnsignedString(tensorCount)
                        + " is more than the " + remaining + " remaining bytes could hold");
            }
            return version;
        }

        private static String describeMagic(int magic) {
            StringBuilder text = new StringBuilder("bytes");
            for (int i = 0; i < 4; i++) {
                text.append(String.format(" %02x", (magic >>> (8 * i)) & 0xff));
            }
            return text.toString();
        }

        GgufMetadata metadata() {
            Map<String, GgufValue> values = new LinkedHashMap<>();
            for (long i = 0; i < metadataCount; i++) {
                long keyAt = position;
                String key = readString("metadata key " + i);
                if (key.isEmpty()) {
                    throw problem(keyAt, "metadata key " + i + " is empty");
                }
                long typeAt = position;
                GgufValueType type = readType("the type of metadata key " + key);
                GgufValue value = readValue(type, key, 0);
                if (values.putIfAbsent(key, value) != null) {
                    throw problem(keyAt, "duplicate metadata key " + key);
                }
                assert typeAt < position;
            }
            return new GgufMetadata(values);
        }

        int alignment(GgufMetadata metadata) {
            Optional<GgufValue> declared = metadata.get(ALIGNMENT_KEY);
            if (declared.isEmpty()) {
                return DEFAULT_ALIGNMENT;
            }
            GgufValue value = declared.get();
            if (value.type() != GgufValueType.UINT32) {
                throw problem(ModelFormatException.NO_OFFSET,
                        ALIGNMENT_KEY + " must be a UINT32, but is a " + value.type());
            }
            long alignment = value.asLong();
            if (alignment == 0 || Long.bitCount(alignment) != 1 || alignment > (1 << 20)) {
                throw problem(ModelFormatException.NO_OFFSET,
                        ALIGNMENT_KEY + " is " + alignment + "; it must be a power of two up to 1 MiB");
            }
            return (int) alignment;
        }

        List<GgufTensorInfo> tensorInfos(long count, int alignment) {
            List<GgufTensorInfo> infos = new ArrayList<>((int) count);
            Set<String> names = new HashSet<>();
            for (long i = 0; i < count; i++) {
                long nameAt = position;
                String name = readString("the name of tensor " + i);
                if (name.isEmpty()) {
                    throw problem(nameAt, "tensor " + i + " has an empty name");
                }
                if (!names.add(name)) {
                    throw problem(nameAt, "duplicate tensor name " + name);
                }
                long dimensionCountAt = position;
                long dimensionCount = Integer.toUnsignedLong(readInt("the dimension count of tensor " + name));
                if (dimensionCount == 0 || dimensionCount > MAX_DIMENSIONS) {
                    throw problem(dimensionCountAt, "tensor " + name + " has " + dimensionCount
                            + " dimensions; GGUF tensors have 1 to " + MAX_DIMENSIONS);
                }
                long[] dimensions = new long[(int) dimensionCount];
                long elementCount = 1;
                for (int d = 0; d < dimensions.length; d++) {
                    long dimensionAt = position;
                    long dimension = readLong("dimension " + d + " of tensor " + name);
                    if (dimension <= 0) {
                        throw problem(dimensionAt, "tensor " + name + " has dimension " + d + " = "
                                + Long.toUnsignedString(dimension) + "; dimensions must be positive");
                    }
                    if (elementCount > Long.MAX_VALUE / 8 / dimension) {
                        throw problem(dimensionAt, "tensor " + name + "'s dimensions "
                                + "multiply to more elements than any file can hold");
                    }
                    elementCount *= dimension;
                    dimensions[d] = dimension;
                }
                long typeAt = position;
                int typeId = readInt("the type of tensor " + name);
                QuantFormat format = QuantFormat.fromGgmlTypeId(typeId).orElseThrow(() -> problem(typeAt,
                        "tensor " + name + " has ggml type " + Integer.toUnsignedString(typeId) + " ("
                                + ggmlTypeName(Integer.toUnsignedLong(typeId)) + "), which Caracal does not read"));
                if (dimensions[0] % format.blockSize() != 0) {
                    throw problem(typeAt, "tensor " + name + " is " + format + " but its rows of " + dimensions[0]
                            + " elements are not a whole number of " + format.blockSize() + "-element blocks");
                }
                long offsetAt = position;
                long offset = readLong("the offset of tensor " + name);
                if (offset < 0 || offset % alignment != 0) {
                    throw problem(offsetAt, "tensor " + name + " has offset " + Long.toUnsignedString(offset)
                            + ", which is not a multiple of the alignment " + alignment);
                }
                infos.add(new GgufTensorInfo(name, dimensions, format, offset));
            }
            return List.copyOf(infos);
        }

        void checkTensorPlacement(List<GgufTensorInfo> infos, long dataStart) {
            if (!infos.isEmpty() && dataStart > size) {
                throw problem(size, "truncated: tensor data should start at byte " + dataStart
                        + " but the file ends at " + size);
            }
            List<GgufTensorInfo> byOffset = new ArrayList<>(infos);
            byOffset.sort(Comparator.comparingLong(GgufTensorInfo::relativeOffset));
            GgufTensorInfo previous = null;
            for (GgufTensorInfo tensor : byOffset) {
                long start = dataStart + tensor.relativeOffset();
                long bytes = tensor.byteSize();
                if (tensor.relativeOffset() > size || start > size || bytes > size - start) {
                    throw problem(start, "tensor " + tensor.name() + " (" + bytes + " bytes at data offset "
                            + tensor.relativeOffset() + ") extends past the end of the file (" + size + " bytes)");
                }
                if (previous != null && previous.relativeOffset() + previous.byteSize() > tensor.relativeOffset()) {
                    throw problem(start, "tensor " + tensor.name() + " overlaps tensor " + previous.name()
                            + " (which ends at data offset " + (previous.relativeOffset() + previous.byteSize()) + ")");
                }
                previous = tensor;
            }
        }

        private GgufValueType readType(String what) {
            long at = position;
            int id = readInt(what);
            return GgufValueType.fromId(Integer.toUnsignedLong(id))
                    .orElseThrow(() -> problem(at, "unknown metadata value type " + Integer.toUnsignedString(id)
                            + " for " + what.replace("the type of ", "")));
        }

        private GgufValue readValue(GgufValueType type, String key, int depth) {
            return switch (type) {
                case UINT8, INT8 -> new GgufValue(type, readByte(key));
                case UINT16, INT16 -> new GgufValue(type, readShort(key));
                case UINT32, INT32 -> new GgufValue(type, readInt(key));
                case UINT64, INT64 -> new GgufValue(type, readLong(key));
                case FLOAT32 -> new GgufValue(type, Float.intBitsToFloat(readInt(key)));
                case FLOAT64 -> new GgufValue(type, Double.longBitsToDouble(readLong(key)));
                case BOOL -> new GgufValue(type, readBoolean(key));
                case STRING -> new GgufValue(type, readString(key));
                case ARRAY -> new GgufValue(type, readArray(key, depth));
            };
        }

        private GgufArray readArray(String key, int depth) {
            long arrayAt = position;
            if (depth >= MAX_ARRAY_NESTING) {
                throw problem(arrayAt, key + " nests arrays more than " + MAX_ARRAY_NESTING + " deep");
            }
            GgufValueType elementType = readType("the element type of array " + key);
            long countAt = position;
            long count = readCount("the length of array " + key);
            long remaining = size - position;
            if (count > remaining / elementType.minimumBytes() || count > Integer.MAX_VALUE - 8) {
                throw problem(countAt, "array " + key + " claims " + Long.toUnsignedString(count) + " "
                        + elementType + " elements, more than the " + remaining + " remaining bytes could hold");
            }
            int length = (int) count;
            Object values = switch (elementType) {
                case UINT8, INT8 -> bulk(new byte[length], ValueLayout.JAVA_BYTE, length);
                case BOOL -> {
                    byte[] flags = new byte[length];
                    for (int i = 0; i < length; i++) {
                        flags[i] = readBoolean(key) ? (byte) 1 : (byte) 0;
                    }
                    yield flags;
                }
                case UINT16, INT16 -> bulk(new short[length], LE_SHORT, length);
                case UINT32, INT32 -> bulk(new int[length], LE_INT, length);
                case UINT64, INT64 -> bulk(new long[length], LE_LONG, length);
                case FLOAT32 -> bulk(new float[length], LE_FLOAT, length);
                case FLOAT64 -> bulk(new double[length], LE_DOUBLE, length);
                case STRING -> {
                    String[] strings = new String[length];
                    for (int i = 0; i < length; i++) {
                        strings[i] = readString("element " + i + " of array " + key);
                    }
                    yield strings;
                }
                case ARRAY -> {
                    GgufArray[] arrays = new GgufArray[length];
                    for (int i = 0; i < length; i++) {
                        arrays[i] = readArray("element " + i + " of array " + key, depth + 1);
                    }
                    yield arrays;
                }
            };
            return new GgufArray(elementType, values);
        }

        private <A> A bulk(A array, ValueLayout layout, int length) {
            long bytes = (long) length * layout.byteSize();
            need(bytes, "array elements");
            MemorySegment.copy(contents, layout, position, array, 0, length);
            position += bytes;
            return array;
        }

        private void need(long bytes, String what) {
            if (bytes > size - position) {
                throw problem(position, "truncated: " + what + " need " + bytes + " bytes but the file ends at byte "
                        + size);
            }
        }

        private byte readByte(String what) {
            need(1, what);
            return contents.get(ValueLayout.JAVA_BYTE, position++);
        }

        private boolean readBoolean(String what) {
            long at = position;
            byte value = readByte(what);
            if (value != 0 && value != 1) {
                throw problem(at, what + " is a BOOL holding " + (value & 0xff) + "; only 0 and 1 are valid");
            }
            return value == 1;
        }

        private short readShort(String what) {
            need(2, what);
            short value = contents.get(LE_SHORT, position);
            position += 2;
            return value;
        }

        private int readInt(String what) {
            need(4, what);
            int value = contents.get(LE_INT, position);
            position += 4;
            return value;
        }

        private long readLong(String what) {
            need(8, what);
            long value = contents.get(LE_LONG, position);
            position += 8;
            return value;
        }

        /** A uint64 count, which must fit a signed long (any real count does). */
        private long readCount(String what) {
            long at = position;
            long count = readLong(what);
            if (count < 0) {
                throw problem(at, what + " is " + Long.toUnsignedString(count) + ", more than any file can hold");
            }
            return count;
        }

        private String readString(String what) {
            long lengthAt = position;
            long length = readLong("the length of " + what);
            if (length < 0 || length > size - position || length > Integer.MAX_VALUE - 8) {
                throw problem(lengthAt, "truncated or corrupt: " + what + " claims "
                        + Long.toUnsignedString(length) + " bytes but only " + (size - position) + " remain");
            }
            byte[] bytes = contents.asSlice(position, length).toArray(ValueLayout.JAVA_BYTE);
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
                position += length;
                return text;
            } catch (CharacterCodingException invalid) {
                throw problem(position, what + " is not valid UTF-8");
            }
        }
    }
}
