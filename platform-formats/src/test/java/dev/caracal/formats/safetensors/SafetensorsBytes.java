package dev.caracal.formats.safetensors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds safetensors bytes in tests: from a raw header string and data, or from F32 tensors with correct offsets. */
final class SafetensorsBytes {

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<String> entries = new ArrayList<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    /** Header length, header bytes and data, with the true header length. */
    static byte[] file(String header, byte[] data) {
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        return file(headerBytes.length, headerBytes, data);
    }

    /** Header length (possibly a lie), header bytes and data. */
    static byte[] file(long declaredHeaderLength, byte[] headerBytes, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + headerBytes.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(declaredHeaderLength).put(headerBytes).put(data);
        return buffer.array();
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }

    /** Little-endian F32 bytes. */
    static byte[] floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    /** Values 0, 1, 2, … scaled by {@code scale} and offset by {@code offset}, for recognisable data. */
    static float[] ramp(int count, float offset, float scale) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = offset + scale * i;
        }
        return values;
    }

    SafetensorsBytes metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Appends an F32 tensor; its data follows the previous tensor's. */
    SafetensorsBytes tensor(String name, long[] shape, float[] values) {
        return tensor(name, "F32", shape, floats(values));
    }

    /** Appends a tensor of any dtype from raw bytes; its data follows the previous tensor's. */
    SafetensorsBytes tensor(String name, String dtype, long[] shape, byte[] bytes) {
        int begin = data.size();
        data.writeBytes(bytes);
        StringBuilder shapeText = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            shapeText.append(i == 0 ? "" : ",").append(shape[i]);
        }
        shapeText.append("]");
        entries.add("\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shapeText + ",\"data_offsets\":["
                + begin + "," + data.size() + "]}");
        return this;
    }

    String header() {
        StringBuilder header = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            header.append("\"__metadata__\":{");
            int i = 0;
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                header.append(i++ == 0 ? "" : ",").append('"').append(entry.getKey()).append("\":\"")
                        .append(entry.getValue()).append('"');
            }
            header.append("}");
            if (!entries.isEmpty()) {
                header.append(",");
            }
        }
        header.append(String.join(",", entries)).append("}");
        return header.toString();
    }

    byte[] data() {
        return data.toByteArray();
    }

    byte[] build() {
        return file(header(), data());
    }

    Path write(Path file) throws IOException {
        return write(file, build());
    }
}
