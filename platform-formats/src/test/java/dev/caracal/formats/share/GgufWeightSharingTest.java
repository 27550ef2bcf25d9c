package dev.caracal.formats.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.quantize.GgufQuantizer;
import dev.caracal.formats.quantize.QuantizationType;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import dev.caracal.formats.share.EmbeddingComparison.State;
import dev.caracal.formats.share.GgufWeightSharing.Options;
import dev.caracal.formats.share.GgufWeightSharing.Result;
import dev.caracal.formats.share.GgufWeightSharing.TensorResult;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.RandomModels;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GgufWeightSharing} and {@link EmbeddingComparison} on stories260K (F32, and an F16 copy). */
class GgufWeightSharingTest {

    @TempDir
    Path temporary;

    @Test
    void everyMatrixHasAtMostTwoToTheBitsValuesPerTensorAndTheFileIsLabelled() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Path output = temporary.resolve("kmeans3.gguf");
        Result result = GgufWeightSharing.write(stories, output, Options.palettize(3, 0, 7), null);

        // 7 matrices per layer × 5 layers, token_embd and output
        assertThat(result.tensors()).hasSize(37).allSatisfy(tensor -> {
            assertThat(tensor.groups()).isEqualTo(1);
            assertThat(tensor.potentialBytes()).isEqualTo(tensor.elements() * 3 / 8 + 8 * 2);
            assertThat(tensor.relativeError()).isPositive().isLessThan(0.5);
        });
        // decoded: the same tensor bytes as the input, a few hundred more of labels
        assertThat(result.bytes()).isEqualTo(result.elements() * 4);
        assertThat(result.outputFileBytes()).isBetween(result.inputFileBytes(), result.inputFileBytes() + 512);
        assertThat(result.potentialBitsPerWeight()).isGreaterThan(3).isLessThan(3.1);
        assertThat(result.potentialFileBytes()).isLessThan(result.outputFileBytes() / 8);
        try (GgufFile input = GgufFile.open(stories); GgufFile file = GgufFile.open(output)) {
            for (GgufTensorInfo tensor : file.tensors()) {
                GgufTensorInfo original = input.tensor(tensor.name()).orElseThrow();
                assertThat(tensor.format()).isEqualTo(QuantFormat.F32);
                if (GgufQuantizer.isWeightMatrix(tensor)) {
                    assertThat(distinct(file, tensor, 0, tensor.elementCount())).as(tensor.name()).hasSize(8);
                } else {
                    assertThat(file.tensorData(tensor).mismatch(input.tensorData(original))).isEqualTo(-1);
                }
            }
            assertThat(file.metadata().findString(GgufWeightSharing.METHOD_KEY)).contains("kmeans");
            assertThat(file.metadata().findLong(GgufWeightSharing.BITS_KEY)).contains(3L);
            assertThat(file.metadata().findLong(GgufWeightSharing.GROUP_ROWS_KEY)).contains(0L);
            assertThat(file.metadata().findLong(GgufWeightSharing.SEED_KEY)).contains(7L);
            assertThat(file.metadata().findString(GgufWeightSharing.STORAGE_KEY)).contains("decoded");
            assertThat(file.metadata().findDouble(GgufWeightSharing.POTENTIAL_BITS_KEY).orElseThrow())
                    .isCloseTo(result.potentialBitsPerWeight(), within(1e-5));
            assertThat(file.metadata().findString("general.architecture")).contains("llama");
            assertThat(file.metadata().contains(GgufWeightSharing.TIED_KEY)).isFalse();
        }
    }

    @Test
    void groupsOfRowsHaveTheirOwnPalettesInTheInputsFloatType() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Path f16 = temporary.resolve("f16.gguf");
        GgufQuantizer.quantize(stories, f16, GgufQuantizer.Options.of(QuantizationType.F16), null);
        Path output = temporary.resolve("kmeans4-rows4.gguf");
        Result result = GgufWeightSharing.write(f16, output, Options.palettize(4, 4, 1), null);

        TensorResult embedding = result.tensors().stream()
                .filter(tensor -> tensor.name().equals("token_embd.weight")).findFirst().orElseThrow();
        assertThat(embedding.groups()).isEqualTo(512 / 4);
        assertThat(embedding.format()).isEqualTo(QuantFormat.F16);
        try (GgufFile file = GgufFile.open(output)) {
            int wholeTensorsAboveSixteen = 0;
            for (GgufTensorInfo tensor : file.tensors()) {
                if (!GgufQuantizer.isWeightMatrix(tensor)) {
                    continue;
                }
                assertThat(tensor.format()).isEqualTo(QuantFormat.F16);
                long row = tensor.dimensions()[0];
                long rows = tensor.elementCount() / row;
                for (long first = 0; first < rows; first += 4) {
                    long length = Math.min(4, rows - first) * row;
                    assertThat(distinct(file, tensor, first * row, length)).as("%s rows %d+", tensor.name(), first)
                            .hasSizeLessThanOrEqualTo(16);
                }
                if (distinct(file, tensor, 0, tensor.elementCount()).size() > 16) {
                    wholeTensorsAboveSixteen++;
                }
            }
            assertThat(wholeTensorsAboveSixteen).isEqualTo(37);
            assertThat(file.metadata().findLong(GgufWeightSharing.GROUP_ROWS_KEY)).contains(4L);
        }
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Path first = temporary.resolve("first.gguf");
        Path second = temporary.resolve("second.gguf");
        Path other = temporary.resolve("other.gguf");
        GgufWeightSharing.write(stories, first, Options.palettize(4, 8, 5), null);
        GgufWeightSharing.write(stories, second, Options.palettize(4, 8, 5), null);
        GgufWeightSharing.write(stories, other, Options.palettize(4, 8, 6), null);
        assertThat(Files.mismatch(first, second)).isEqualTo(-1);
        assertThat(Files.mismatch(first, other)).isNotEqualTo(-1);
    }

    @Test
    void droppingTheOutputOfStoriesTiesItAndLlamaCppGeneratesTheSameStory() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        try (GgufFile file = GgufFile.open(stories)) {
            assertThat(EmbeddingComparison.of(file).state()).isEqualTo(State.IDENTICAL);
        }
        Path tied = temporary.resolve("tied.gguf");
        Result result = GgufWeightSharing.write(stories, tied, new Options(0, 0, 0, true), null);
        assertThat(result.droppedOutput()).isTrue();
        assertThat(result.tensors()).isEmpty();
        assertThat(result.outputFileBytes()).isCloseTo(result.inputFileBytes() - 64 * 512 * 4, within(256L));
        try (GgufFile file = GgufFile.open(tied)) {
            assertThat(file.tensor("output.weight")).isEmpty();
            assertThat(file.metadata().findBoolean(GgufWeightSharing.TIED_KEY)).contains(true);
            assertThat(file.metadata().contains(GgufWeightSharing.METHOD_KEY)).isFalse();
            EmbeddingComparison comparison = EmbeddingComparison.of(file);
            assertThat(comparison.state()).isEqualTo(State.ALREADY_TIED);
            assertThat(comparison.describe()).isEqualTo("already tied (no output.weight)");
        }
        assertThat(LlamaCppReference.greedy(tied, "Once upon a time", 24))
                .isEqualTo(LlamaCppReference.greedy(stories, "Once upon a time", 24))
                .startsWith(", there was a little girl named Lily");
    }

    @Test
    void aDifferentOutputMatrixIsMeasured() throws Exception {
        Path model = RandomModels.file(Spec.small());
        try (GgufFile file = GgufFile.open(model)) {
            EmbeddingComparison comparison = EmbeddingComparison.of(file);
            assertThat(comparison.state()).isEqualTo(State.DIFFERENT);
            // two independent draws of one distribution: ‖a − b‖ / ‖a‖ ≈ √2
            assertThat(comparison.relativeDifference()).isCloseTo(Math.sqrt(2), within(0.05));
            assertThat(comparison.describe()).startsWith("differs from token_embd.weight by 1.4");
        }
    }

    @Test
    void quantizedMatricesAreRefusedAndOutputMustNotBeInput() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Path q8 = temporary.resolve("q8.gguf");
        GgufQuantizer.quantize(stories, q8, GgufQuantizer.Options.of(QuantizationType.Q8_0), null);
        assertThatThrownBy(() -> GgufWeightSharing.write(q8, temporary.resolve("x.gguf"),
                Options.palettize(4, 0, 1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("q8.gguf: token_embd.weight is Q8_0; palettize from F32, F16 or BF16 weights");
        // dropping the output alone needs no decoding
        assertThat(GgufWeightSharing.write(q8, temporary.resolve("tied-q8.gguf"), new Options(0, 0, 0, true), null)
                .droppedOutput()).isTrue();
        assertThatThrownBy(() -> GgufWeightSharing.write(stories, stories, Options.palettize(4, 0, 1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OUT is IN");
    }

    /** The distinct decoded values of {@code count} elements of {@code tensor} from element {@code first}. */
    private static Set<Float> distinct(GgufFile file, GgufTensorInfo tensor, long first, long count) {
        int elements = Math.toIntExact(tensor.elementCount());
        float[] values = new float[elements];
        QuantCodecs.of(tensor.format()).dequantize(file.tensorData(tensor), 0, values, 0, elements);
        Set<Float> distinct = new HashSet<>();
        for (long i = first; i < first + count; i++) {
            distinct.add(values[(int) i]);
        }
        return distinct;
    }
}
