package dev.caracal.formats.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Llama Q/K row permutation against hand-computed layouts, and its inverse. */
class SafetensorsQueryKeyPermutationTest {

    /** [rows, columns] with element (r, c) = 10·r + c, so each value names its Hugging Face row. */
    private static MemorySegment rowsNamed(int rows, int columns) {
        float[] values = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                values[r * columns + c] = 10 * r + c;
            }
        }
        return MemorySegment.ofArray(values);
    }

    private static float[] permuted(int rows, int columns, int heads) {
        MemorySegment source = rowsNamed(rows, columns);
        MemorySegment target = MemorySegment.ofArray(new float[rows * columns]);
        LlamaQueryKeyPermutation.toGguf(source, target, rows, heads);
        return target.toArray(ValueLayout.JAVA_FLOAT);
    }

    @Test
    void twoHeadsOfFourRows() {
        // w.reshape(2, 2, 2, 3).swapaxes(1, 2): within each head of 4 rows, HF rows (0, 2) pair up, then (1, 3),
        // so GGUF rows are HF rows 0, 2, 1, 3 | 4, 6, 5, 7.
        assertThat(permuted(8, 3, 2)).containsExactly(
                0, 1, 2, 20, 21, 22, 10, 11, 12, 30, 31, 32,
                40, 41, 42, 60, 61, 62, 50, 51, 52, 70, 71, 72);
    }

    @Test
    void oneHeadOfSixRows() {
        // Head size 6, half 3: HF rows i and i + 3 become adjacent GGUF rows 2i, 2i + 1: 0, 3, 1, 4, 2, 5.
        assertThat(permuted(6, 1, 1)).containsExactly(0, 30, 10, 40, 20, 50);
    }

    @Test
    void aBiasIsPermutedLikeRowsOfOneElement() {
        // A q_proj.bias of 2 heads × 4: the same order as the weight rows.
        assertThat(permuted(8, 1, 2)).containsExactly(0, 20, 10, 30, 40, 60, 50, 70);
    }

    @Test
    void rowMappingMatchesTheHandComputedIndices() {
        long[] expected = {0, 2, 1, 3, 4, 6, 5, 7};
        for (int row = 0; row < 8; row++) {
            assertThat(LlamaQueryKeyPermutation.huggingFaceRow(row, 8, 2)).isEqualTo(expected[row]);
        }
    }

    @Test
    void theInverseRestoresTheOriginal() {
        Random random = new Random(7);
        int[][] shapes = {{8, 3, 2}, {64, 64, 8}, {32, 64, 4}, {6, 5, 1}, {128, 16, 32}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int columns = shape[1];
            int heads = shape[2];
            float[] values = new float[rows * columns];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat();
            }
            MemorySegment original = MemorySegment.ofArray(values);
            MemorySegment gguf = MemorySegment.ofArray(new float[values.length]);
            MemorySegment back = MemorySegment.ofArray(new float[values.length]);
            LlamaQueryKeyPermutation.toGguf(original, gguf, rows, heads);
            LlamaQueryKeyPermutation.toHuggingFace(gguf, back, rows, heads);
            assertThat(back.toArray(ValueLayout.JAVA_FLOAT)).as("shape %d×%d, %d heads", rows, columns, heads)
                    .containsExactly(values);
            if (rows / heads > 2) {
                assertThat(MemorySegment.mismatch(original, 0, original.byteSize(), gguf, 0, gguf.byteSize()))
                        .as("the permutation moves rows").isNotNegative();
            }
        }
    }

    @Test
    void rowsThatDoNotSplitIntoHeadsOfEvenSizeAreRefused() {
        assertThat(LlamaQueryKeyPermutation.canPermute(8, 3)).isFalse();
        assertThat(LlamaQueryKeyPermutation.canPermute(6, 2)).isFalse();
        assertThatThrownBy(() -> LlamaQueryKeyPermutation.toGguf(rowsNamed(6, 1),
                MemorySegment.ofArray(new float[6]), 6, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not split into 2 heads");
    }
}
