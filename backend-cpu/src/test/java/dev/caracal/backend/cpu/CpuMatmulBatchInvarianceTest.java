package dev.caracal.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A row's matmul result has the same bits whatever else is in its batch: the engine batches sequences of different
 * requests together and promises each the tokens it would get alone. Covers the packed Q4_0/Q8_0/Q4_K/Q5_K/Q6_K paths (Q5_0 and IQ4_NL packed as Q8_0) (decoded in
 * registers for one row, decoded into scratch above) and the dequantized path, activation rows in L2-sized
 * blocks. The packed layout and kernels follow the vector lanes (16 on AVX-512, 8 on AVX2, none packed with 4); to
 * test another width, add {@code -Dcaracal.cpu.vectorBits=512} (wider than the hardware: the Vector API's slow
 * emulation) or {@code -XX:MaxVectorSize=16} (4 lanes) to the Maven property {@code caracal.jvm.flags}.
 */
class CpuMatmulBatchInvarianceTest {

    private static CpuBackend backend;

    @BeforeAll
    static void open() {
        backend = new CpuBackend(new BackendOptions(2));
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(QuantFormat.Q4_0, 64, 256, true),
                Arguments.of(QuantFormat.Q8_0, 128, 256, true),
                Arguments.of(QuantFormat.Q4_0, 64, 8192, true),  // 8192 columns: strips decoded in four chunks
                Arguments.of(QuantFormat.Q8_0, 192, 2080, true), // 2080 columns: a chunk of 64 blocks and one of 1
                Arguments.of(QuantFormat.F16, 6, 8192, false),
                Arguments.of(QuantFormat.Q4_0, 63, 256, false),  // not whole strips (32 or 64 rows): not packed
                Arguments.of(QuantFormat.Q8_0, 48, 96, false),
                Arguments.of(QuantFormat.F32, 64, 200, false),
                Arguments.of(QuantFormat.F16, 64, 256, false),
                Arguments.of(QuantFormat.BF16, 64, 256, false),
                Arguments.of(QuantFormat.Q4_K, 64, 256, true),
                Arguments.of(QuantFormat.Q4_K, 128, 2560, true), // 80 blocks of 32: chunks of 64 and 16
                Arguments.of(QuantFormat.Q4_K, 48, 256, false),
                Arguments.of(QuantFormat.Q6_K, 64, 256, true),
                Arguments.of(QuantFormat.Q6_K, 128, 2304, true), // 144 sub-blocks of 16: chunks of 128 and 16
                Arguments.of(QuantFormat.Q6_K, 48, 256, false),
                Arguments.of(QuantFormat.Q5_K, 64, 256, true),
                Arguments.of(QuantFormat.Q5_K, 128, 2304, true), // 72 sub-blocks of 32: chunks of 64 and 8
                Arguments.of(QuantFormat.Q5_0, 64, 256, true),   // packed as Q8_0
                Arguments.of(QuantFormat.IQ4_NL, 64, 2080, true),
                Arguments.of(QuantFormat.IQ4_NL, 40, 256, false));
    }

    @ParameterizedTest(name = "{0} [{1} x {2}]")
    @MethodSource("cases")
    void eachRowGetsTheSameBitsAloneAndInAnyBatch(QuantFormat format, int rows, int columns, boolean packed) {
        Random random = new Random(31L * columns + rows + format.ordinal());
        WeightTensor weight = CpuBackendTest.weight(backend, format, rows, columns, random);
        assertThat(weight instanceof PackedWeight).as("packed with %d lanes", WeightRows.LANES)
                .isEqualTo(packed && PackedRows.SUPPORTED);
        int largest = 100;
        float[][] activations = new float[largest][columns];
        for (float[] row : activations) {
            for (int c = 0; c < columns; c++) {
                row[c] = (float) random.nextGaussian();
            }
        }
        float[][] alone = new float[largest][];
        for (int b = 0; b < largest; b++) {
            alone[b] = multiply(weight, new float[][] {activations[b]}, rows)[0];
        }
        for (int batch : new int[] {2, 3, 4, 5, 17, largest}) {
            float[][] together = multiply(weight, java.util.Arrays.copyOf(activations, batch), rows);
            for (int b = 0; b < batch; b++) {
                for (int r = 0; r < rows; r++) {
                    assertThat(Float.floatToRawIntBits(together[b][r]))
                            .as("%s batch %d row %d output %d: %s alone, %s batched", format, batch, b, r,
                                    alone[b][r], together[b][r])
                            .isEqualTo(Float.floatToRawIntBits(alone[b][r]));
                }
            }
        }
    }

    private static float[][] multiply(WeightTensor weight, float[][] activations, int rows) {
        Tensor input = backend.allocate(activations.length, activations[0].length);
        for (int b = 0; b < activations.length; b++) {
            input.write(b, activations[b], 0);
        }
        Tensor output = backend.allocate(activations.length, rows);
        backend.kernels().matmul(weight, input, output);
        float[][] result = new float[activations.length][rows];
        for (int b = 0; b < activations.length; b++) {
            output.read(b, result[b], 0);
        }
        return result;
    }
}
