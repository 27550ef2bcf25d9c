package dev.caracal.formats.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Little-endian bytes written field by field, for crafting well- and ill-formed files in tests. */
final class RawBytes {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    RawBytes u8(int value) {
        bytes.write(value);
        return this;
    }

    RawBytes u32(long value) {
        for (int i = 0; i < 4; i++) {
            bytes.write((int) (value >>> (8 * i)) & 0xff);
        }
        return this;
    }

    RawBytes u64(long value) {
        for (int i = 0; i < 8; i++) {
            bytes.write((int) (value >>> (8 * i)) & 0xff);
        }
        return this;
    }

    RawBytes string(String value) {
        return rawString(value.getBytes(StandardCharsets.UTF_8));
    }

    RawBytes rawString(byte[] utf8) {
        u64(utf8.length);
        bytes.write(utf8, 0, utf8.length);
        return this;
    }

    RawBytes raw(byte... values) {
        bytes.write(values, 0, values.length);
        return this;
    }

    /** Zero bytes up to the next multiple of {@code alignment}. */
    RawBytes padTo(int alignment) {
        while (bytes.size() % alignment != 0) {
            bytes.write(0);
        }
        return this;
    }

    int size() {
        return bytes.size();
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    /** A GGUF v3 header: magic, version, then the two counts. */
    static RawBytes ggufHeader(long tensorCount, long metadataCount) {
        return new RawBytes().u32(GgufFile.MAGIC).u32(3).u64(tensorCount).u64(metadataCount);
    }

    /** Appends a tensor info: name, dimensions (ggml order), ggml type id, data offset. */
    RawBytes tensorInfo(String name, long[] dimensions, int typeId, long offset) {
        string(name).u32(dimensions.length);
        for (long dimension : dimensions) {
            u64(dimension);
        }
        return u32(typeId).u64(offset);
    }
}
