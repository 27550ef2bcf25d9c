package dev.caracal.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * F16 and BF16 rows whose length is a multiple of 8 but not of 32 (16-byte aligned, their last unit short), read by
 * the kernels' 16-byte loads: the products and embeddings are exact (small integers), and the emulator's device
 * memory ends at an inaccessible page, so a load past the last row's end stops the JVM.
 */
class EmulatedCudaRowEndTest {

    private static final int ROWS = 5;

    @ParameterizedTest(name = "{0} [{1} columns]")
    @CsvSource({"F16, 40", "F16, 72", "BF16, 40", "BF16, 72"})
    void shortLastUnitsAreReadWithinTheirRow(QuantFormat format, int columns) {
        Optional<EmulatedDevice> device = EmulatedDevice.open();
        assumeTrue(device.isPresent(), EmulatedDevice.unavailableReason());
        try (CudaBackend backend = new CudaBackend(device.get(), 0); Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(2L * ROWS * columns);
            for (int i = 0; i < ROWS * columns; i++) {
                float value = weight(i);
                bytes.setAtIndex(ValueLayout.JAVA_SHORT, i, format == QuantFormat.F16 ? Float.floatToFloat16(value)
                        : (short) (Float.floatToRawIntBits(value) >>> 16));
            }
            WeightTensor w = backend.loadWeight("w", new long[] {ROWS, columns}, format, bytes);
            int batch = 3;
            Tensor x = backend.allocate(batch, columns);
            float[] activations = new float[batch * columns];
            for (int i = 0; i < activations.length; i++) {
                activations[i] = i % 5 - 2;
            }
            for (int b = 0; b < batch; b++) {
                x.write(b, activations, b * columns);
            }
            Tensor y = backend.allocate(batch, ROWS);
            backend.kernels().matmul(w, x, y);
            float[] row = new float[ROWS];
            for (int b = 0; b < batch; b++) {
                y.read(b, row, 0);
                for (int r = 0; r < ROWS; r++) {
                    float expected = 0;
                    for (int c = 0; c < columns; c++) {
                        expected += weight(r * columns + c) * activations[b * columns + c];
                    }
                    assertThat(row[r]).as("batch %d, row %d", b, r).isEqualTo(expected);
                }
            }

            Tensor embedded = backend.allocate(1, columns);
            backend.kernels().embedding(w, new int[] {ROWS - 1}, embedded);
            float[] last = new float[columns];
            embedded.read(0, last, 0);
            for (int c = 0; c < columns; c++) {
                assertThat(last[c]).isEqualTo(weight((ROWS - 1) * columns + c));
            }
        }
    }

    /** Element {@code i} of the weight: a small integer, exact in F16 and BF16. */
    private static float weight(int i) {
        return (i * 7) % 9 - 4;
    }
}
