package dev.caracal.formats.safetensors;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.MappedFile;
import dev.caracal.formats.ModelFormatException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/**
 * A safetensors file, memory-mapped: its {@code __metadata__}, its tensor entries and zero-copy views of tensor data.
 *
 * <p>Layout: a little-endian uint64 header length N, N bytes of UTF-8 JSON, then the data section. The JSON is an
 * object mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets relative to
 * the first byte after the header), plus an optional {@code "__metadata__"} object of string to string. As in the
 * reference implementation (huggingface/safetensors, {@code Metadata::validate}), tensors sorted by offset must tile
 * the data section exactly: no overlaps, no gaps, and the last one ends the file. Every length, shape and offset is
 * checked before anything is allocated, so a damaged or hostile file fails with a {@link ModelFormatException} naming
 * the byte offset, never an {@link OutOfMemoryError}. Views stay valid until {@link #close()}.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** The largest header accepted, in bytes: the reference implementation's {@code MAX_HEADER_SIZE}. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The header's JSON starts after the 8-byte length. */
    public static final long HEADER_START = 8;
    /** The key of the free-form string metadata in the header. */
    public static final String METADATA_KEY = "__metadata__";
    /** Most dimensions a tensor may have (PyTorch itself stops at 64). */
    public static final int MAX_DIMENSIONS = 64;

    static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** dtypes the safetensors format defines that Caracal does not read, for a clearer message than "unknown". */
    private static final Set<String> UNSUPPORTED_DTYPES = Set.of(
            "F64", "I8", "U8", "I16", "U16", "I32", "U32", "I64", "U64", "BOOL",
            "F8_E4M3", "F8_E5M2", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4", "C64");

    private final String fileName;
    private final Arena arena;
    private final MemorySegment contents;
    private final Map<String, String> metadata;
    private final List<SafetensorsTensorInfo> tensors;
    private final Map<String, SafetensorsTensorInfo> tensorsByName;
    private final long dataStart;

    private SafetensorsFile(String fileName, Arena arena, MemorySegment contents) {
        this.fileName = fileName;
        this.arena = arena;
        this.contents = contents;
        HeaderParser parser = new HeaderParser(fileName, contents);
        parser.parse();
        this.dataStart = parser.dataStart;
        this.metadata = Collections.unmodifiableMap(parser.metadata);
        List<SafetensorsTensorInfo> infos = new ArrayList<>(parser.entries.size());
        Map<String, SafetensorsTensorInfo> byName = new LinkedHashMap<>();
        for (Entry entry : parser.entries) {
            infos.add(entry.info);
            byName.put(entry.info.name(), entry.info);
        }
        this.tensors = List.copyOf(infos);
        this.tensorsByName = Collections.unmodifiableMap(byName);
    }

    /**
     * Maps and parses the safetensors file at {@code path}.
     *
     * @throws ModelFormatException when the file is not a well-formed safetensors file Caracal can read
     * @throws IOException          when it cannot be read
     */
    public static SafetensorsFile open(Path path) throws IOException {
        String fileName = path.toString();
        return MappedFile.open(path, (arena, contents) -> new SafetensorsFile(fileName, arena, contents));
    }

    /**
     * Parses safetensors bytes already in memory (a test's hand-made file, a downloaded buffer); views share
     * {@code contents}.
     *
     * @param name a name for messages
     */
    public static SafetensorsFile parse(MemorySegment contents, String name) {
        return new SafetensorsFile(name, null, contents.asReadOnly());
    }

    /** The file name given when opening, for messages. */
    public String fileName() {
        return fileName;
    }

    /** The header's {@code __metadata__} entries, in file order (empty when it has none). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The tensor entries, in header order. */
    public List<SafetensorsTensorInfo> tensors() {
        return tensors;
    }

    public Optional<SafetensorsTensorInfo> tensor(String name) {
        return Optional.ofNullable(tensorsByName.get(name));
    }

    /** The byte offset where the data section starts: 8 plus the header length. */
    public long dataStart() {
        return dataStart;
    }

    /** The file's size in bytes. */
    public long size() {
        return contents.byteSize();
    }

    /** A read-only, zero-copy view of one tensor's bytes. */
    public MemorySegment tensorData(SafetensorsTensorInfo tensor) {
        if (!tensor.equals(tensorsByName.get(tensor.name()))) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " is not one of " + fileName + "'s");
        }
        return contents.asSlice(dataStart + tensor.dataBegin(), tensor.byteSize());
    }

    /** Unmaps the file; views obtained from it must not be used afterwards. */
    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }

    /** The format of a safetensors dtype Caracal reads, or empty for one it does not. */
    static Optional<QuantFormat> formatOf(String dtype) {
        return switch (dtype) {
            case "F32" -> Optional.of(QuantFormat.F32);
            case "F16" -> Optional.of(QuantFormat.F16);
            case "BF16" -> Optional.of(QuantFormat.BF16);
            default -> Optional.empty();
        };
    }

    /** A parsed entry with where its parts were found, for messages about placement. */
    private record Entry(SafetensorsTensorInfo info, long offsetsAt) {
    }

    /** Reads and checks the header length, the JSON header and the placement of every tensor. */
    private static final class HeaderParser {
        private final String fileName;
        private final MemorySegment contents;
        private final long size;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<Entry> entries = new ArrayList<>();
        private long dataStart;
        private JsonParser json;

        HeaderParser(String fileName, MemorySegment contents) {
            this.fileName = fileName;
            this.contents = contents;
            this.size = contents.byteSize();
        }

        ModelFormatException problem(long offset, String what) {
            return new ModelFormatException(fileName, offset, what);
        }

        void parse() {
            if (size < HEADER_START) {
                throw problem(0, "truncated: " + size + " bytes is too short for a safetensors file"
                        + " (it starts with an 8-byte header length)");
            }
            long headerLength = contents.get(LE_LONG, 0);
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw problem(0, "header length " + Long.toUnsignedString(headerLength)
                        + " is more than the safetensors limit of " + MAX_HEADER_BYTES + " bytes");
            }
            if (headerLength > size - HEADER_START) {
                throw problem(0, "header length " + headerLength + " runs past the end of the file ("
                        + size + " bytes, so at most " + (size - HEADER_START) + " header bytes)");
            }
            dataStart = HEADER_START + headerLength;
            byte[] header = contents.asSlice(HEADER_START, headerLength).toArray(ValueLayout.JAVA_BYTE);
            checkUtf8(header);
            try (JsonParser parser = JSON.createParser(header)) {
                json = parser;
                readHeader();
            } catch (JacksonException invalid) {
                throw problem(locate(invalid.getLocation()), "the header is not valid JSON: "
                        + invalid.getOriginalMessage());
            }
            checkPlacement();
        }

        /** Fails at the first byte that is not part of a well-formed UTF-8 sequence, without decoding it all. */
        private void checkUtf8(byte[] header) {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(header);
            CharBuffer out = CharBuffer.allocate(8192);
            while (true) {
                CoderResult result = decoder.decode(in, out, true);
                if (result.isError()) {
                    throw problem(HEADER_START + in.position(), "the header is not valid UTF-8");
                }
                if (result.isUnderflow()) {
                    break;
                }
                out.clear();
            }
            out.clear();
            if (decoder.flush(out).isError()) {
                throw problem(HEADER_START + in.position(), "the header is not valid UTF-8");
            }
        }

        private long locate(TokenStreamLocation location) {
            if (location == null || location.getByteOffset() < 0) {
                return HEADER_START;
            }
            return HEADER_START + location.getByteOffset();
        }

        /** The file offset of the current JSON token. */
        private long here() {
            return locate(json.currentTokenLocation());
        }

        private void readHeader() {
            JsonToken first = json.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw problem(here(), "the header is " + describe(first) + ", not a JSON object");
            }
            for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
                String name = json.currentName();
                long nameAt = here();
                if (METADATA_KEY.equals(name)) {
                    readMetadata();
                } else {
                    entries.add(readTensor(name, nameAt));
                }
            }
            JsonToken trailing = json.nextToken();
            if (trailing != null) {
                throw problem(here(), "the header has " + describe(trailing) + " after its JSON object");
            }
        }

        private void readMetadata() {
            JsonToken start = json.nextToken();
            if (start == JsonToken.VALUE_NULL) {
                return;
            }
            if (start != JsonToken.START_OBJECT) {
                throw problem(here(), METADATA_KEY + " is " + describe(start) + ", not an object of strings");
            }
            for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
                String key = json.currentName();
                JsonToken value = json.nextToken();
                if (value != JsonToken.VALUE_STRING) {
                    throw problem(here(), METADATA_KEY + " entry " + key + " is " + describe(value)
                            + "; metadata values must be strings");
                }
                metadata.put(key, json.getString());
            }
        }

        private Entry readTensor(String name, long nameAt) {
            if (name.isEmpty()) {
                throw problem(nameAt, "a tensor has an empty name");
            }
            JsonToken start = json.nextToken();
            if (start != JsonToken.START_OBJECT) {
                throw problem(here(), "tensor " + name + " is " + describe(start)
                        + ", not an object with dtype, shape and data_offsets");
            }
            String dtype = null;
            long dtypeAt = -1;
            long[] shape = null;
            long shapeAt = -1;
            long[] offsets = null;
            long offsetsAt = -1;
            for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "dtype" -> {
                        dtypeAt = here();
                        if (value != JsonToken.VALUE_STRING) {
                            throw problem(dtypeAt, "tensor " + name + "'s dtype is " + describe(value)
                                    + ", not a string");
                        }
                        dtype = json.getString();
                    }
                    case "shape" -> {
                        shapeAt = here();
                        shape = readIntegers(value, "tensor " + name + "'s shape", MAX_DIMENSIONS);
                    }
                    case "data_offsets" -> {
                        offsetsAt = here();
                        offsets = readIntegers(value, "tensor " + name + "'s data_offsets", 2);
                        if (offsets.length != 2) {
                            throw problem(offsetsAt, "tensor " + name + "'s data_offsets has " + offsets.length
                                    + " numbers; it must be [begin, end]");
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            if (dtype == null) {
                throw problem(nameAt, "tensor " + name + " has no dtype");
            }
            if (shape == null) {
                throw problem(nameAt, "tensor " + name + " has no shape");
            }
            if (offsets == null) {
                throw problem(nameAt, "tensor " + name + " has no data_offsets");
            }
            Optional<QuantFormat> known = formatOf(dtype);
            if (known.isEmpty()) {
                throw problem(dtypeAt, UNSUPPORTED_DTYPES.contains(dtype)
                        ? "tensor " + name + " has dtype " + dtype + ", which Caracal does not support"
                                + " (it reads F32, F16 and BF16)"
                        : "tensor " + name + " has unknown dtype \"" + abbreviate(dtype) + "\"");
            }
            QuantFormat format = known.get();
            long elementCount = 1;
            for (long dimension : shape) {
                if (dimension != 0 && elementCount > Long.MAX_VALUE / dimension) {
                    throw problem(shapeAt, "tensor " + name + "'s shape " + Arrays.toString(shape)
                            + " multiplies to more elements than any file can hold");
                }
                elementCount *= dimension;
            }
            if (elementCount > Long.MAX_VALUE / format.bytesPerBlock()) {
                throw problem(shapeAt, "tensor " + name + "'s shape " + Arrays.toString(shape)
                        + " needs more bytes than any file can hold");
            }
            long bytes = format.bytesFor(elementCount);
            long begin = offsets[0];
            long end = offsets[1];
            if (end < begin) {
                throw problem(offsetsAt, "tensor " + name + "'s data_offsets [" + begin + ", " + end
                        + "] end before they begin");
            }
            if (end - begin != bytes) {
                throw problem(offsetsAt, "tensor " + name + "'s data_offsets [" + begin + ", " + end + "] span "
                        + (end - begin) + " bytes, but shape " + Arrays.toString(shape) + " of "
                        + format + " needs " + bytes);
            }
            return new Entry(new SafetensorsTensorInfo(name, shape, format, begin, end, nameAt), offsetsAt);
        }

        /** Reads an array of at most {@code limit} non-negative integers that fit a long. */
        private long[] readIntegers(JsonToken start, String what, int limit) {
            if (start != JsonToken.START_ARRAY) {
                throw problem(here(), what + " is " + describe(start) + ", not an array of integers");
            }
            long[] values = new long[limit];
            int count = 0;
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                long at = here();
                if (token != JsonToken.VALUE_NUMBER_INT) {
                    throw problem(at, what + " holds " + describe(token) + "; it must hold non-negative integers");
                }
                if (count == limit) {
                    throw problem(at, what + " has more than " + limit + " numbers");
                }
                if (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw problem(at, what + " holds " + json.getString() + ", which overflows a 64-bit integer");
                }
                long value = json.getLongValue();
                if (value < 0) {
                    throw problem(at, what + " holds " + value + "; it must hold non-negative integers");
                }
                values[count++] = value;
            }
            return Arrays.copyOf(values, count);
        }

        private String describe(JsonToken token) {
            if (token == null) {
                return "empty";
            }
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "the string \"" + abbreviate(json.getString()) + "\"";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + abbreviate(json.getString());
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                case VALUE_NULL -> "null";
                default -> token.name();
            };
        }

        private static String abbreviate(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }

        /** Sorted by offset, the tensors must tile the data section exactly, as the reference validator demands. */
        void checkPlacement() {
            long dataLength = size - dataStart;
            List<Entry> byOffset = new ArrayList<>(entries);
            byOffset.sort(Comparator.comparingLong((Entry entry) -> entry.info.dataBegin())
                    .thenComparingLong(entry -> entry.info.dataEnd()));
            long expected = 0;
            Entry previous = null;
            for (Entry entry : byOffset) {
                SafetensorsTensorInfo tensor = entry.info;
                if (tensor.dataEnd() > dataLength) {
                    throw problem(entry.offsetsAt, "tensor " + tensor.name() + "'s data_offsets ["
                            + tensor.dataBegin() + ", " + tensor.dataEnd() + "] run past the end of the file: its"
                            + " data section has " + dataLength + " bytes (file bytes " + dataStart + " to " + size
                            + ")");
                }
                if (tensor.dataBegin() < expected) {
                    throw problem(entry.offsetsAt, "tensor " + tensor.name() + "'s data_offsets ["
                            + tensor.dataBegin() + ", " + tensor.dataEnd() + "] overlap tensor "
                            + previous.info.name() + ", which ends at data offset " + expected);
                }
                if (tensor.dataBegin() > expected) {
                    throw problem(entry.offsetsAt, "tensor " + tensor.name() + " begins at data offset "
                            + tensor.dataBegin() + ", leaving a gap of " + (tensor.dataBegin() - expected)
                            + " bytes after data offset " + expected
                            + "; safetensors tensor data must be contiguous");
                }
                expected = tensor.dataEnd();
                previous = entry;
            }
            if (expected != dataLength) {
                throw problem(dataStart + expected, (dataLength - expected) + " bytes follow the last tensor's data;"
                        + " safetensors tensor data must end the file");
            }
        }
    }
}
