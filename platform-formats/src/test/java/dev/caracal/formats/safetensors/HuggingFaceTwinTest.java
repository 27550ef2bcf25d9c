package dev.caracal.formats.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.ModelDescription;
import dev.caracal.formats.TensorView;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufModelReader;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import dev.caracal.formats.safetensors.HuggingFaceTwin.Precision;
import dev.caracal.formats.testing.RandomModels;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GGUF written out as a Hugging Face directory reads back, through our own safetensors reader (renaming and Q/K
 * permutation included), as the model it came from: the same hyperparameters, and every tensor's values (exactly in F32,
 * to bfloat16's rounding in BF16), for a real trained model and for a quantized random one.
 */
class HuggingFaceTwinTest {

    @TempDir
    Path temporary;

    @Test
    void storiesInF32ReadsBackAsTheSameModelByteForByte() throws IOException {
        Path gguf = SharedData.require("models/stories260K.gguf");
        Path twin = temporary.resolve("stories-hf");
        HuggingFaceTwin.write(gguf, twin, Precision.F32);
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(twin); GgufFile file = GgufFile.open(gguf)) {
            ModelDescription fromTwin = reader.description();
            ModelDescription fromGguf = GgufModelReader.describe(file);
            assertThat(fromTwin.config()).isEqualTo(fromGguf.config());
            assertThat(fromTwin.tensors()).extracting(TensorView::name)
                    .containsExactlyElementsOf(fromGguf.tensors().stream().map(TensorView::name).toList());
            for (TensorView want : fromGguf.tensors()) {
                TensorView got = fromTwin.tensor(want.name()).orElseThrow();
                assertThat(got.format()).isEqualTo(QuantFormat.F32);
                assertThat(got.shape()).as(want.name()).containsExactly(want.shape());
                assertThat(got.data().mismatch(want.data())).as("first differing byte of %s", want.name())
                        .isEqualTo(-1);
            }
        }
        JsonNode tokenizer = JsonMapper.builder().build().readTree(twin.resolve("tokenizer.json").toFile());
        assertThat(tokenizer.get("model").get("vocab").size()).isEqualTo(512);
        assertThat(tokenizer.get("model").get("vocab").get("<s>").asInt()).isEqualTo(1);
        assertThat(tokenizer.get("model").get("byte_fallback").asBoolean()).isTrue();
    }

    @Test
    void aQuantizedRandomModelInBf16ReadsBackToBfloat16Rounding() throws IOException {
        Path gguf = RandomModels.file(Spec.small().withFormats(QuantFormat.Q4_K, Optional.of(QuantFormat.Q6_K)));
        Path twin = temporary.resolve("random-hf");
        HuggingFaceTwin.write(gguf, twin, Precision.BF16);
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(twin); GgufFile file = GgufFile.open(gguf)) {
            ModelDescription fromTwin = reader.description();
            ModelDescription fromGguf = GgufModelReader.describe(file);
            assertThat(fromTwin.config()).isEqualTo(fromGguf.config());
            for (TensorView want : fromGguf.tensors()) {
                TensorView got = fromTwin.tensor(want.name()).orElseThrow();
                assertThat(got.format()).as(want.name()).isEqualTo(QuantFormat.BF16);
                int count = Math.toIntExact(want.elementCount());
                float[] expected = new float[count];
                float[] actual = new float[count];
                QuantCodecs.of(want.format()).dequantize(want.data(), 0, expected, 0, count);
                QuantCodecs.of(got.format()).dequantize(got.data(), 0, actual, 0, count);
                for (int i = 0; i < count; i++) {
                    // bfloat16 keeps 8 significant bits: half a unit in the last place is at most 2^-8 relative
                    assertThat((double) actual[i]).as("%s[%d]", want.name(), i)
                            .isCloseTo(expected[i], within(Math.abs(expected[i]) / 256.0));
                }
            }
        }
        assertThat(Files.size(twin.resolve("model.safetensors"))).isGreaterThan(2L * 1_000_000);
    }

    @Test
    void refusesAnotherArchitecture() throws IOException {
        Path qwen = RandomModels.file(Spec.small().withArchitecture(
                dev.caracal.formats.random.RandomModelWriter.Architecture.QWEN3));
        assertThatThrownBy(() -> HuggingFaceTwin.write(qwen, temporary.resolve("qwen"), Precision.F32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is qwen3; a Hugging Face twin is written for llama models only");
    }
}
