package dev.caracal.formats.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.quantize.GgufQuantizer.Options;
import dev.caracal.formats.quantize.GgufQuantizer.Reason;
import dev.caracal.formats.quantize.GgufQuantizer.Result;
import dev.caracal.formats.quantize.GgufQuantizer.TensorResult;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.RandomModels;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link GgufQuantizer} on stories260K (F32, 172-wide FFN rows) and on a random model whose rows are 256-blocks. */
class GgufQuantizerTest {

    @TempDir
    Path temporary;

    @ParameterizedTest
    @EnumSource(names = {"Q8_0", "Q5_0", "Q4_0", "IQ4_NL"})
    void storiesQuantizesAndLlamaCppGeneratesFromIt(QuantizationType type) throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Path output = temporary.resolve("stories260K-" + type + ".gguf");
        Result result = GgufQuantizer.quantize(stories, output, Options.of(type), null);

        Map<String, TensorResult> byName = byName(result);
        assertThat(byName.get("blk.0.attn_q.weight").written()).isEqualTo(type.base());
        assertThat(byName.get("blk.0.attn_norm.weight").reason()).isEqualTo(Reason.COPIED);
        assertThat(byName.get("blk.0.attn_norm.weight").written()).isEqualTo(QuantFormat.F32);
        // ffn_down rows are 172 wide: no 32-block fits, so F16, reported; output.weight wants Q6_K (except for
        // Q8_0), whose 256-blocks do not fit rows of 64, so Q8_0, reported too.
        List<TensorResult> ffnDown = result.tensors().stream().filter(t -> t.name().contains("ffn_down")).toList();
        assertThat(ffnDown).hasSize(5).allSatisfy(fallback -> {
            assertThat(fallback.isFallback()).isTrue();
            assertThat(fallback.dimensions()[0]).isEqualTo(172);
            assertThat(fallback.written()).isEqualTo(QuantFormat.F16);
        });
        TensorResult outputWeight = byName.get("output.weight");
        assertThat(outputWeight.written()).isEqualTo(QuantFormat.Q8_0);
        assertThat(outputWeight.isFallback()).isEqualTo(type != QuantizationType.Q8_0);
        assertThat(result.fallbacks()).containsAll(ffnDown).hasSize(type == QuantizationType.Q8_0 ? 5 : 6);
        assertThat(result.writtenBytes()).isLessThan(result.sourceBytes());
        try (GgufFile file = GgufFile.open(output)) {
            assertThat(file.metadata().findLong("general.file_type")).contains((long) type.llamaFileType());
            assertThat(file.metadata().findLong("general.quantization_version")).contains(2L);
            assertThat(file.metadata().findString("tokenizer.ggml.model")).contains("llama");
        }
        assertThat(LlamaCppReference.greedy(output, "Once upon a time", 12)).isNotBlank();
    }

    @Test
    void theSameInputGivesTheSameBytes() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Path first = temporary.resolve("a.gguf");
        Path second = temporary.resolve("b.gguf");
        GgufQuantizer.quantize(stories, first, Options.of(QuantizationType.Q4_0), null);
        GgufQuantizer.quantize(stories, second, Options.of(QuantizationType.Q4_0), null);
        assertThat(Files.mismatch(first, second)).isEqualTo(-1);
    }

    @Test
    void q4KmGivesOutputAndMoreBitsLayersQ6K() throws Exception {
        Path model = RandomModels.file(Spec.small().withSizes(256, 8, 768));
        Path output = temporary.resolve("random-Q4_K_M.gguf");
        Result result = GgufQuantizer.quantize(model, output, Options.of(QuantizationType.Q4_K_M), null);

        Map<String, TensorResult> byName = byName(result);
        assertThat(result.fallbacks()).isEmpty();
        assertThat(byName.get("output.weight").written()).isEqualTo(QuantFormat.Q6_K);
        assertThat(byName.get("token_embd.weight").written()).isEqualTo(QuantFormat.Q4_K);
        assertThat(byName.get("output_norm.weight").written()).isEqualTo(QuantFormat.F32);
        List<Integer> moreBits = List.of(0, 3, 6, 7);
        for (int layer = 0; layer < 8; layer++) {
            QuantFormat expected = moreBits.contains(layer) ? QuantFormat.Q6_K : QuantFormat.Q4_K;
            assertThat(byName.get("blk." + layer + ".attn_v.weight").written()).as("attn_v %d", layer)
                    .isEqualTo(expected);
            assertThat(byName.get("blk." + layer + ".ffn_down.weight").written()).as("ffn_down %d", layer)
                    .isEqualTo(expected);
            assertThat(byName.get("blk." + layer + ".attn_q.weight").written()).isEqualTo(QuantFormat.Q4_K);
            assertThat(byName.get("blk." + layer + ".ffn_up.weight").written()).isEqualTo(QuantFormat.Q4_K);
        }
        try (GgufFile file = GgufFile.open(output)) {
            assertThat(file.metadata().findLong("general.file_type")).contains(15L);
            assertThat(file.tensor("blk.3.attn_v.weight").map(GgufTensorInfo::format)).contains(QuantFormat.Q6_K);
        }
        assertThat(LlamaCppReference.greedy(output, "a", 4)).isNotNull();
    }

    @Test
    void iq4NlGivesQ5KWhereLlamaCppDoes() throws Exception {
        // 8 layers, 4 query heads per key/value head: llama.cpp's IQ4_NL rules give attn_v (n_gqa >= 4) and the first
        // eighth of ffn_down (layer 0; without an importance matrix) Q5_K, output.weight Q6_K.
        Path model = RandomModels.file(Spec.small().withSizes(256, 8, 768).withHeads(4, 1, 0));
        Path output = temporary.resolve("random-IQ4_NL.gguf");
        Result result = GgufQuantizer.quantize(model, output, Options.of(QuantizationType.IQ4_NL), null);

        Map<String, TensorResult> byName = byName(result);
        assertThat(result.fallbacks()).isEmpty();
        assertThat(byName.get("output.weight").written()).isEqualTo(QuantFormat.Q6_K);
        assertThat(byName.get("token_embd.weight").written()).isEqualTo(QuantFormat.IQ4_NL);
        for (int layer = 0; layer < 8; layer++) {
            assertThat(byName.get("blk." + layer + ".attn_v.weight").written()).as("attn_v %d", layer)
                    .isEqualTo(QuantFormat.Q5_K);
            assertThat(byName.get("blk." + layer + ".ffn_down.weight").written()).as("ffn_down %d", layer)
                    .isEqualTo(layer == 0 ? QuantFormat.Q5_K : QuantFormat.IQ4_NL);
            assertThat(byName.get("blk." + layer + ".attn_k.weight").written()).isEqualTo(QuantFormat.IQ4_NL);
            assertThat(byName.get("blk." + layer + ".ffn_up.weight").written()).isEqualTo(QuantFormat.IQ4_NL);
        }
        try (GgufFile file = GgufFile.open(output)) {
            assertThat(file.metadata().findLong("general.file_type")).contains(25L);
            assertThat(file.tensor("blk.1.attn_q.weight").map(GgufTensorInfo::format)).contains(QuantFormat.IQ4_NL);
        }
        assertThat(LlamaCppReference.greedy(output, "a", 4)).isNotNull();

        // With an importance matrix llama.cpp drops the ffn_down rule (its entries here are all ones).
        List<ImportanceMatrixFile.Entry> entries = new java.util.ArrayList<>();
        try (GgufFile file = GgufFile.open(model)) {
            for (GgufTensorInfo tensor : file.tensors()) {
                if (GgufQuantizer.isWeightMatrix(tensor)) {
                    float[] ones = new float[(int) tensor.dimensions()[0]];
                    java.util.Arrays.fill(ones, 1f);
                    entries.add(new ImportanceMatrixFile.Entry(tensor.name(), ones, new float[] {1f}));
                }
            }
        }
        Result weighted = GgufQuantizer.quantize(model, temporary.resolve("random-IQ4_NL-imatrix.gguf"),
                Options.of(QuantizationType.IQ4_NL).withImportanceMatrix(new ImportanceMatrixFile(entries,
                        List.of("ones"), 1, 1)), null);
        assertThat(byName(weighted).get("blk.0.ffn_down.weight").written()).isEqualTo(QuantFormat.IQ4_NL);
        assertThat(byName(weighted).get("blk.0.attn_v.weight").written()).isEqualTo(QuantFormat.Q5_K);

        // With 2 query heads per key/value head (the small shape's), attn_v keeps IQ4_NL.
        Result grouped = GgufQuantizer.quantize(RandomModels.file(Spec.small().withSizes(256, 8, 768)),
                temporary.resolve("random-IQ4_NL-gqa2.gguf"), Options.of(QuantizationType.IQ4_NL), null);
        assertThat(byName(grouped).get("blk.0.attn_v.weight").written()).isEqualTo(QuantFormat.IQ4_NL);
    }

    @Test
    void theMoreBitsLayersAreLlamaCppsUseMoreBits() {
        assertThat(java.util.stream.IntStream.range(0, 32).filter(i -> QuantizationType.usesMoreBits(i, 32)).boxed())
                .containsExactly(0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31);
    }

    @Test
    void kQuantsFallBackToLegacyFormatsOnRowsOf64() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Result result = GgufQuantizer.quantize(stories, temporary.resolve("q4km.gguf"),
                Options.of(QuantizationType.Q4_K_M), null);
        Map<String, TensorResult> byName = byName(result);
        assertThat(byName.get("blk.0.attn_q.weight").written()).isEqualTo(QuantFormat.Q5_0);
        assertThat(byName.get("blk.0.attn_q.weight").reason()).isEqualTo(Reason.FALLBACK);
        // 5 layers: llama.cpp's more-bits layers are 2 and 4, whose Q6_K falls back to Q8_0.
        assertThat(byName.get("blk.0.attn_v.weight").written()).isEqualTo(QuantFormat.Q5_0);
        assertThat(byName.get("blk.4.attn_v.weight").written()).isEqualTo(QuantFormat.Q8_0);
        assertThat(byName.get("blk.2.attn_v.weight").written()).isEqualTo(QuantFormat.Q8_0);
        assertThat(byName.get("blk.4.attn_v.weight").wanted()).isEqualTo(QuantFormat.Q6_K);
        assertThat(byName.get("blk.0.ffn_down.weight").written()).isEqualTo(QuantFormat.F16);
    }

    @Test
    void tensorTypeOverridesWinAndStillFallBack() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Options options = new Options(QuantizationType.Q4_0,
                List.of(TensorTypeOverride.parse("attn_.*=Q8_0"), TensorTypeOverride.parse("attn_k=Q5_1"),
                    TensorTypeOverride.parse("ffn_down=Q8_0")), false);
        Result result = GgufQuantizer.quantize(stories, temporary.resolve("mixed.gguf"), options, null);
        Map<String, TensorResult> byName = byName(result);
        assertThat(byName.get("blk.1.attn_q.weight").written()).isEqualTo(QuantFormat.Q8_0);
        assertThat(byName.get("blk.1.attn_q.weight").reason()).isEqualTo(Reason.OVERRIDE);
        assertThat(byName.get("blk.1.attn_k.weight").written()).isEqualTo(QuantFormat.Q5_1);
        assertThat(byName.get("blk.1.ffn_gate.weight").written()).isEqualTo(QuantFormat.Q4_0);
        assertThat(byName.get("blk.1.ffn_down.weight").written()).isEqualTo(QuantFormat.F16);
        assertThat(byName.get("blk.1.ffn_down.weight").isFallback()).isTrue();
    }

    @Test
    void badInputsAreClearErrors() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Path q4 = temporary.resolve("q4.gguf");
        GgufQuantizer.quantize(stories, q4, Options.of(QuantizationType.Q4_0), null);
        assertThatThrownBy(() -> GgufQuantizer.quantize(q4, temporary.resolve("again.gguf"),
                Options.of(QuantizationType.Q8_0), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("q4.gguf is Q4_0 already; quantize from F32, F16 or BF16");
        assertThatThrownBy(() -> GgufQuantizer.quantize(stories, stories, Options.of(QuantizationType.Q8_0), null))
                .hasMessageContaining("OUT is IN");
        assertThatThrownBy(() -> TensorTypeOverride.parse("ffn_down=Q9_0")).hasMessageContaining("unknown type");
        assertThatThrownBy(() -> TensorTypeOverride.parse("ffn_down")).hasMessageContaining("PATTERN=TYPE");
        assertThatThrownBy(() -> TensorTypeOverride.parse("(=Q8_0")).hasMessageContaining("regular expression");
    }

    private static Map<String, TensorResult> byName(Result result) {
        return result.tensors().stream().collect(Collectors.toMap(TensorResult::name, Function.identity()));
    }
}
