package dev.caracal.formats.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Well-formed safetensors files parse into their entries, metadata and zero-copy views. */
class SafetensorsFileTest {

    private static final ValueLayout.OfFloat LE_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path temporary;

    @Test
    void readsEntriesMetadataAndViews() throws IOException {
        Path path = new SafetensorsBytes()
                .metadata("format", "pt")
                .tensor("a", new long[] {2, 3}, SafetensorsBytes.ramp(6, 1, 1))
                .tensor("half", "F16", new long[] {2}, new byte[] {0, 0x3c, 0, 0x40})
                .tensor("brain", "BF16", new long[] {1}, new byte[] {(byte) 0x80, 0x3f})
                .tensor("scalar", new long[] {}, new float[] {7})
                .tensor("empty", new long[] {0, 4}, new float[0])
                .write(temporary.resolve("small.safetensors"));
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            assertThat(file.metadata()).containsExactly(java.util.Map.entry("format", "pt"));
            assertThat(file.tensors()).extracting(SafetensorsTensorInfo::name)
                    .containsExactly("a", "half", "brain", "scalar", "empty");
            SafetensorsTensorInfo a = file.tensor("a").orElseThrow();
            assertThat(a.shape()).containsExactly(2, 3);
            assertThat(a.format()).isEqualTo(QuantFormat.F32);
            MemorySegment data = file.tensorData(a);
            assertThat(data.isMapped()).isTrue();
            assertThat(data.isReadOnly()).isTrue();
            assertThat(data.byteSize()).isEqualTo(24);
            assertThat(data.get(LE_FLOAT, 20)).isEqualTo(6f);
            assertThat(file.tensor("half").orElseThrow().format()).isEqualTo(QuantFormat.F16);
            assertThat(file.tensor("brain").orElseThrow().format()).isEqualTo(QuantFormat.BF16);
            assertThat(file.tensor("scalar").orElseThrow().elementCount()).isEqualTo(1);
            assertThat(file.tensorData(file.tensor("scalar").orElseThrow()).get(LE_FLOAT, 0)).isEqualTo(7f);
            assertThat(file.tensorData(file.tensor("empty").orElseThrow()).byteSize()).isZero();
            assertThat(file.dataStart() + 24 + 4 + 2 + 4).isEqualTo(file.size());
        }
    }

    @Test
    void headerOrderNeedNotBeOffsetOrder() {
        // The reference writer sorts by dtype alignment, then name; readers must accept any order of entries.
        String header = "{\"second\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"first\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        SafetensorsFile file = SafetensorsFile.parse(
                MemorySegment.ofArray(SafetensorsBytes.file(header, SafetensorsBytes.floats(1, 2))), "any.safetensors");
        assertThat(file.tensors()).extracting(SafetensorsTensorInfo::name).containsExactly("second", "first");
        assertThat(file.tensorData(file.tensor("second").orElseThrow()).get(LE_FLOAT, 0)).isEqualTo(2f);
    }

    @Test
    void anEmptyFileOfTensorsIsValid() {
        // The reference implementation writes {} padded with spaces to 8 bytes for an empty dictionary.
        SafetensorsFile file = SafetensorsFile.parse(
                MemorySegment.ofArray(SafetensorsBytes.file("{}      ", new byte[0])), "empty.safetensors");
        assertThat(file.tensors()).isEmpty();
        assertThat(file.metadata()).isEmpty();
    }

    @Test
    void unknownFieldsInAnEntryAreIgnored() {
        String header = "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":{\"deep\":[1,[2]]}}}";
        SafetensorsFile file = SafetensorsFile.parse(
                MemorySegment.ofArray(SafetensorsBytes.file(header, SafetensorsBytes.floats(3))), "extra.safetensors");
        assertThat(file.tensors()).hasSize(1);
    }

    @Test
    void readsTheSharedStoriesFile() throws IOException {
        Path path = SharedData.require("models/stories260K-hf/model.safetensors");
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            assertThat(file.tensors()).hasSize(47);
            assertThat(file.metadata()).containsEntry("format", "pt");
            SafetensorsTensorInfo embedding = file.tensor("model.embed_tokens.weight").orElseThrow();
            assertThat(embedding.shape()).containsExactly(512, 64);
            assertThat(file.tensorData(embedding).byteSize()).isEqualTo(512 * 64 * 4);
        }
    }
}
