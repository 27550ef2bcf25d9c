package dev.caracal.tools.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.gguf.GgufTensorInfo;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link TensorSlicing}: rows of vectors and quantized matrices, columns of float matrices, column norms. */
class TensorSlicingTest {

    @Test
    void keptRowsOfAVectorAreItsElements() {
        try (Arena arena = Arena.ofConfined()) {
            GgufTensorInfo bias = new GgufTensorInfo("blk.0.attn_q.bias", new long[] {6}, QuantFormat.F32, 0);
            MemorySegment data = encode(QuantFormat.F32, new float[] {0, 1, 2, 3, 4, 5}, arena);
            MemorySegment kept = TensorSlicing.rows(bias, data, new int[] {1, 4, 5}, arena);
            assertThat(TensorSlicing.keptRowsDimensions(bias, 3)).containsExactly(3);
            assertThat(decode(QuantFormat.F32, kept, 3)).containsExactly(1, 4, 5);
        }
    }

    @Test
    void keptRowsOfAQuantizedMatrixAreItsBlocksCopied() {
        try (Arena arena = Arena.ofConfined()) {
            // [3 rows, 32 columns] Q8_0: one block per row
            float[] values = new float[96];
            for (int i = 0; i < values.length; i++) {
                values[i] = (i / 32 + 1) * (i % 7 - 3);
            }
            GgufTensorInfo matrix = new GgufTensorInfo("m", new long[] {32, 3}, QuantFormat.Q8_0, 0);
            MemorySegment data = encode(QuantFormat.Q8_0, values, arena);
            MemorySegment kept = TensorSlicing.rows(matrix, data, new int[] {0, 2}, arena);
            assertThat(TensorSlicing.keptRowsDimensions(matrix, 2)).containsExactly(32, 2);
            assertThat(kept.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(concat(data.asSlice(0, 34),
                    data.asSlice(68, 34)));
        }
    }

    @Test
    void keptColumnsOfAHalfPrecisionMatrixKeepEveryRow() {
        try (Arena arena = Arena.ofConfined()) {
            // [2 rows, 4 columns]: row r column c holds 10 r + c
            GgufTensorInfo matrix = new GgufTensorInfo("m", new long[] {4, 2}, QuantFormat.F16, 0);
            MemorySegment data = encode(QuantFormat.F16, new float[] {0, 1, 2, 3, 10, 11, 12, 13}, arena);
            MemorySegment kept = TensorSlicing.columns(matrix, data, new int[] {1, 3}, arena);
            assertThat(TensorSlicing.keptColumnsDimensions(matrix, 2)).containsExactly(2, 2);
            assertThat(decode(QuantFormat.F16, kept, 4)).containsExactly(1, 3, 11, 13);
            assertThat(TensorSlicing.columnSquaredNorms(matrix, data)).containsExactly(100, 122, 148, 178);
        }
    }

    @Test
    void columnsOfAQuantizedMatrixAreRefused() {
        try (Arena arena = Arena.ofConfined()) {
            GgufTensorInfo matrix = new GgufTensorInfo("blk.0.ffn_down.weight", new long[] {32, 1}, QuantFormat.Q8_0,
                    0);
            MemorySegment data = encode(QuantFormat.Q8_0, new float[32], arena);
            assertThatThrownBy(() -> TensorSlicing.columns(matrix, data, new int[] {0}, arena))
                    .hasMessage("tensor blk.0.ffn_down.weight is Q8_0; only F32, F16 and BF16 matrices can lose"
                            + " columns");
        }
    }

    private static MemorySegment encode(QuantFormat format, float[] values, Arena arena) {
        MemorySegment data = arena.allocate(format.bytesFor(values.length));
        QuantCodecs.of(format).quantize(values, 0, data, 0, values.length);
        return data;
    }

    private static float[] decode(QuantFormat format, MemorySegment data, int count) {
        float[] values = new float[count];
        QuantCodecs.of(format).dequantize(data, 0, values, 0, count);
        return values;
    }

    private static byte[] concat(MemorySegment first, MemorySegment second) {
        byte[] a = first.toArray(ValueLayout.JAVA_BYTE);
        byte[] b = second.toArray(ValueLayout.JAVA_BYTE);
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
