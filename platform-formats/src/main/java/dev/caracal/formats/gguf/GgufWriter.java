package dev.caracal.formats.gguf;

import dev.caracal.api.tensor.QuantFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes GGUF version 3 files as llama.cpp writes them: metadata in insertion order, tensor infos, then each tensor's
 * data padded with zeros to the alignment.
 *
 * <p>Tensor dimensions are given in ggml order (innermost first), the way {@link GgufTensorInfo} holds them.
 */
public final class GgufWriter {

    private static final int VERSION = 3;
    private static final int COPY_CHUNK = 1 << 26;

    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<PendingTensor> tensors = new ArrayList<>();
    private final Set<String> tensorNames = new HashSet<>();

    private record PendingTensor(String name, long[] dimensions, QuantFormat format, MemorySegment data) {
    }

    /** Adds or replaces a metadata entry (a replaced key keeps its place). */
    public GgufWriter put(String key, GgufValue value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("metadata keys must not be empty");
        }
        metadata.put(key, value);
        return this;
    }

    /** Copies every metadata entry of {@code source}, in its order. */
    public GgufWriter putAll(GgufMetadata source) {
        source.asMap().forEach(this::put);
        return this;
    }

    /**
     * Adds a tensor whose bytes are {@code data}, which must be exactly the size its shape and format need.
     *
     * @param dimensions ggml order, innermost first
     */
    public GgufWriter addTensor(String name, long[] dimensions, QuantFormat format, MemorySegment data) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("tensor names must not be empty");
        }
        if (!tensorNames.add(name)) {
            throw new IllegalArgumentException("duplicate tensor " + name);
        }
        if (dimensions.length == 0 || dimensions.length > GgufFile.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("tensor " + name + " has " + dimensions.length + " dimensions");
        }
        long elements = 1;
        for (long dimension : dimensions) {
            if (dimension <= 0) {
                throw new IllegalArgumentException("tensor " + name + " has a dimension of " + dimension);
            }
            elements = Math.multiplyExact(elements, dimension);
        }
        if (dimensions[0] % format.blockSize() != 0) {
            throw new IllegalArgumentException("tensor " + name + ": rows of " + dimensions[0] + " elements are not a"
                    + " whole number of " + format + " blocks of " + format.blockSize());
        }
        long expected = format.bytesFor(elements);
        if (data.byteSize() != expected) {
            throw new IllegalArgumentException("tensor " + name + " needs " + expected + " bytes of " + format
                    + " data, got " + data.byteSize());
        }
        tensors.add(new PendingTensor(name, dimensions.clone(), format, data));
        return this;
    }

    /** Writes the file, replacing any file at {@code path}. */
    public void write(Path path) throws IOException {
        int alignment = alignment();
        ByteArrayOutputStream header = new ByteArrayOutputStream(1 << 16);
        Output out = new Output(header);
        out.int32(GgufFile.MAGIC);
        out.int32(VERSION);
        out.int64(tensors.size());
        out.int64(metadata.size());
        for (Map.Entry<String, GgufValue> entry : metadata.entrySet()) {
            out.string(entry.getKey());
            out.int32(entry.getValue().type().id());
            writeValue(out, entry.getValue().type(), entry.getValue().value());
        }
        long offset = 0;
        for (PendingTensor tensor : tensors) {
            out.string(tensor.name);
            out.int32(tensor.dimensions.length);
            for (long dimension : tensor.dimensions) {
                out.int64(dimension);
            }
            out.int32(tensor.format.ggmlTypeId());
            out.int64(offset);
            offset = GgufFile.alignUp(offset + tensor.data.byteSize(), alignment);
        }
        long headerSize = header.size();
        long padding = GgufFile.alignUp(headerSize, alignment) - headerSize;
        for (long i = 0; i < padding; i++) {
            header.write(0);
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, ByteBuffer.wrap(header.toByteArray()));
            for (PendingTensor tensor : tensors) {
                long size = tensor.data.byteSize();
                for (long at = 0; at < size; at += COPY_CHUNK) {
                    writeFully(channel, tensor.data.asSlice(at, Math.min(COPY_CHUNK, size - at)).asByteBuffer());
                }
                long pad = GgufFile.alignUp(size, alignment) - size;
                if (pad > 0) {
                    writeFully(channel, ByteBuffer.allocate((int) pad));
                }
            }
        }
    }

    private int alignment() {
        GgufValue declared = metadata.get(GgufFile.ALIGNMENT_KEY);
        if (declared == null) {
            return GgufFile.DEFAULT_ALIGNMENT;
        }
        if (declared.type() != GgufValueType.UINT32 || Long.bitCount(declared.asLong()) != 1) {
            throw new IllegalArgumentException(GgufFile.ALIGNMENT_KEY + " must be a UINT32 power of two");
        }
        return (int) declared.asLong();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void writeValue(Output out, GgufValueType type, Object value) {
        switch (type) {
            case UINT8, INT8 -> out.int8((Byte) value);
            case UINT16, INT16 -> out.int16((Short) value);
            case UINT32, INT32 -> out.int32((Integer) value);
            case UINT64, INT64 -> out.int64((Long) value);
            case FLOAT32 -> out.int32(Float.floatToRawIntBits((Float) value));
            case FLOAT64 -> out.int64(Double.doubleToRawLongBits((Double) value));
            case BOOL -> out.int8((byte) ((Boolean) value ? 1 : 0));
            case STRING -> out.string((String) value);
            case ARRAY -> {
                GgufArray array = (GgufArray) value;
                out.int32(array.elementType().id());
                int length = array.length();
                out.int64(length);
                for (int i = 0; i < length; i++) {
                    writeArrayElement(out, array, i);
                }
            }
        }
    }

    private static void writeArrayElement(Output out, GgufArray array, int index) {
        Object values = array.values();
        switch (array.elementType()) {
            case UINT8, INT8, BOOL -> out.int8(((byte[]) values)[index]);
            case UINT16, INT16 -> out.int16(((short[]) values)[index]);
            case UINT32, INT32 -> out.int32(((int[]) values)[index]);
            case UINT64, INT64 -> out.int64(((long[]) values)[index]);
            case FLOAT32 -> out.int32(Float.floatToRawIntBits(((float[]) values)[index]));
            case FLOAT64 -> out.int64(Double.doubleToRawLongBits(((double[]) values)[index]));
            case STRING -> out.string(((String[]) values)[index]);
            case ARRAY -> writeValue(out, GgufValueType.ARRAY, Array.get(values, index));
        }
    }

    /** Little-endian primitives onto a byte stream. */
    private record Output(ByteArrayOutputStream bytes) {

        void int8(byte value) {
            bytes.write(value);
        }

        void int16(short value) {
            bytes.write(value & 0xff);
            bytes.write((value >>> 8) & 0xff);
        }

        void int32(int value) {
            for (int i = 0; i < 4; i++) {
                bytes.write((value >>> (8 * i)) & 0xff);
            }
        }

        void int64(long value) {
            for (int i = 0; i < 8; i++) {
                bytes.write((int) (value >>> (8 * i)) & 0xff);
            }
        }

        void string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            int64(utf8.length);
            bytes.write(utf8, 0, utf8.length);
        }
    }
}
