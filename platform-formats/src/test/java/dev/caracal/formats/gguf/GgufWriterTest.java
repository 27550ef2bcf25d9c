package dev.caracal.formats.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.testing.SharedData;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufWriterTest {

    @TempDir
    Path temporary;

    @Test
    void rewritingLlamaCppFilesReproducesThemByteForByte() throws Exception {
        for (String name : new String[] {"models/stories260K.gguf", "models/quant-ref/tiny-Q4_K.gguf"}) {
            Path original = SharedData.require(name);
            Path copy = temporary.resolve("copy.gguf");
            try (GgufFile file = GgufFile.open(original)) {
                GgufWriter writer = new GgufWriter().putAll(file.metadata());
                for (GgufTensorInfo tensor : file.tensors()) {
                    writer.addTensor(tensor.name(), tensor.dimensions(), tensor.format(), file.tensorData(tensor));
                }
                writer.write(copy);
            }
            assertThat(Arrays.mismatch(Files.readAllBytes(original), Files.readAllBytes(copy)))
                    .as("first differing byte of %s rewritten", name)
                    .isEqualTo(-1);
        }
    }

    @Test
    void roundTripsEveryValueTypeNestedArraysAndAlignment() throws Exception {
        GgufArray nested = new GgufArray(GgufValueType.ARRAY, new GgufArray[] {
            new GgufArray(GgufValueType.INT32, new int[] {1, -2, 3}),
            new GgufArray(GgufValueType.STRING, new String[] {"a", "ünïcödé", ""}),
        });
        GgufWriter writer = new GgufWriter()
                .put("general.alignment", GgufValue.ofUint32(64))
                .put("u8", new GgufValue(GgufValueType.UINT8, (byte) 0xff))
                .put("i8", new GgufValue(GgufValueType.INT8, (byte) -5))
                .put("u16", new GgufValue(GgufValueType.UINT16, (short) 0xfffe))
                .put("i16", new GgufValue(GgufValueType.INT16, (short) -300))
                .put("u32", GgufValue.ofUint32(0xfffffff0))
                .put("i32", GgufValue.ofInt32(-70000))
                .put("u64", GgufValue.ofUint64(1L << 40))
                .put("i64", new GgufValue(GgufValueType.INT64, -(1L << 50)))
                .put("f32", GgufValue.ofFloat32(0.1f))
                .put("f64", new GgufValue(GgufValueType.FLOAT64, Math.PI))
                .put("bool", GgufValue.ofBool(true))
                .put("string", GgufValue.ofString("naïve 🦁"))
                .put("floats", GgufValue.ofArray(new GgufArray(GgufValueType.FLOAT32, new float[] {1.5f, -2f})))
                .put("bools", GgufValue.ofArray(new GgufArray(GgufValueType.BOOL, new byte[] {0, 1, 1})))
                .put("nested", GgufValue.ofArray(nested));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment first = arena.allocate(QuantFormat.Q8_0.bytesFor(64));
            MemorySegment second = arena.allocate(QuantFormat.F16.bytesFor(3 * 5));
            for (long i = 0; i < first.byteSize(); i++) {
                first.set(ValueLayout.JAVA_BYTE, i, (byte) i);
            }
            second.fill((byte) 7);
            writer.addTensor("first", new long[] {64}, QuantFormat.Q8_0, first)
                    .addTensor("second", new long[] {3, 5}, QuantFormat.F16, second);
            Path path = temporary.resolve("all.gguf");
            writer.write(path);

            try (GgufFile file = GgufFile.open(path)) {
                assertThat(file.alignment()).isEqualTo(64);
                assertThat(file.dataStart() % 64).isZero();
                GgufMetadata metadata = file.metadata();
                assertThat(metadata.keys()).containsExactly("general.alignment", "u8", "i8", "u16", "i16", "u32",
                        "i32", "u64", "i64", "f32", "f64", "bool", "string", "floats", "bools", "nested");
                assertThat(metadata.requireLong("u8")).isEqualTo(255);
                assertThat(metadata.requireLong("i8")).isEqualTo(-5);
                assertThat(metadata.requireLong("u16")).isEqualTo(0xfffe);
                assertThat(metadata.requireLong("i16")).isEqualTo(-300);
                assertThat(metadata.requireLong("u32")).isEqualTo(0xfffffff0L);
                assertThat(metadata.requireLong("i32")).isEqualTo(-70000);
                assertThat(metadata.requireLong("u64")).isEqualTo(1L << 40);
                assertThat(metadata.requireLong("i64")).isEqualTo(-(1L << 50));
                assertThat(metadata.findDouble("f32")).contains((double) 0.1f);
                assertThat(metadata.findDouble("f64")).contains(Math.PI);
                assertThat(metadata.findBoolean("bool")).contains(true);
                assertThat(metadata.requireString("string")).isEqualTo("naïve 🦁");
                assertThat(metadata.findArray("floats").orElseThrow().floats()).containsExactly(1.5f, -2f);
                assertThat(metadata.findArray("nested").orElseThrow()).isEqualTo(nested);
                assertThat(file.tensor("second").orElseThrow().relativeOffset()).isEqualTo(128);
                assertThat(file.tensorData(file.tensor("first").orElseThrow()).mismatch(first)).isEqualTo(-1);
                assertThat(file.tensorData(file.tensor("second").orElseThrow()).mismatch(second)).isEqualTo(-1);
            }
        }
    }

    @Test
    void refusesTensorsWhoseBytesDoNotMatchTheirShape() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tooShort = arena.allocate(10);
            assertThatThrownBy(() -> new GgufWriter().addTensor("t", new long[] {32}, QuantFormat.Q8_0, tooShort))
                    .hasMessageContaining("needs 34 bytes");
            assertThatThrownBy(() -> new GgufWriter().addTensor("t", new long[] {33}, QuantFormat.Q8_0, tooShort))
                    .hasMessageContaining("blocks of 32");
        }
    }
}
