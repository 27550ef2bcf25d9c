package dev.caracal.formats.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.testing.SharedData;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GgufFileTest {

    @Test
    void readsStories260kMetadataAndTensors() throws Exception {
        Path path = SharedData.require("models/stories260K.gguf");
        try (GgufFile file = GgufFile.open(path)) {
            assertThat(file.version()).isEqualTo(3);
            GgufMetadata metadata = file.metadata();
            assertThat(metadata.requireString("general.architecture")).isEqualTo("llama");
            assertThat(metadata.requireLong("llama.embedding_length")).isEqualTo(64);
            assertThat(metadata.requireLong("llama.block_count")).isEqualTo(5);
            assertThat(metadata.requireLong("llama.attention.head_count")).isEqualTo(8);
            assertThat(metadata.requireLong("llama.attention.head_count_kv")).isEqualTo(4);
            assertThat(metadata.findArray("tokenizer.ggml.tokens").orElseThrow().strings())
                    .hasSize(512)
                    .contains("<s>", "</s>");
            assertThat(metadata.findArray("tokenizer.ggml.scores").orElseThrow().floats()).hasSize(512);

            GgufTensorInfo embedding = file.tensor("token_embd.weight").orElseThrow();
            assertThat(embedding.dimensions()).containsExactly(64, 512);
            assertThat(embedding.shape()).containsExactly(512, 64);
            assertThat(embedding.format()).isEqualTo(QuantFormat.F32);
            assertThat(file.tensorData(embedding).byteSize()).isEqualTo(512L * 64 * 4);
            assertThat(file.tensor("blk.4.ffn_down.weight").orElseThrow().dimensions()).containsExactly(172, 64);
            assertThat(file.tensors()).hasSize(48);
            for (GgufTensorInfo tensor : file.tensors()) {
                assertThat(file.dataStart() + tensor.relativeOffset()).isLessThanOrEqualTo(file.size());
                assertThat(tensor.relativeOffset() % file.alignment()).isZero();
            }
            // The norms of a trained model are near one, not zero or garbage: the view points at the real bytes.
            GgufTensorInfo norm = file.tensor("output_norm.weight").orElseThrow();
            float first = file.tensorData(norm).get(
                    ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            assertThat(first).isBetween(0.05f, 10f);
        }
    }
}
