package dev.caracal.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.reference.BackendConformanceSuite;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite with every batch of two rows or more multiplied on the large-batch path: weights dequantized
 * to F16 by the kernels, activations rounded to F16, and the product by the emulated {@code cublasGemmEx} (which takes
 * the arguments as cuBLAS does). Rounding both operands to F16 moves each term w·x by at most about 2·2⁻¹¹ of itself,
 * plus 2⁻²⁵ of each operand for values below F16's normal range, which the bound adds. BF16 weights multiply as they
 * are, with the activations rounded to BF16 (8 significant bits): each term moves by at most 2⁻⁸ of itself.
 */
class EmulatedCudaBlasConformanceTest extends BackendConformanceSuite {

    @Override
    protected Backend openBackend() {
        Optional<EmulatedDevice> device = EmulatedDevice.open();
        assumeTrue(device.isPresent(), EmulatedDevice.unavailableReason());
        return new CudaBackend(device.get(), 2);
    }

    @Override
    protected double activationQuantizationBound(QuantFormat weightFormat, float[] w, float[] x, int xOffset,
            int columns) {
        return halfOperandsBound(weightFormat, w, x, xOffset, columns);
    }

    @Test
    void bf16WeightsBeyondTheRangeOfF16MultiplyWithoutOverflow() {
        Optional<EmulatedDevice> device = EmulatedDevice.open();
        assumeTrue(device.isPresent(), EmulatedDevice.unavailableReason());
        try (CudaBackend backend = new CudaBackend(device.get(), 2); Arena arena = Arena.ofConfined()) {
            int rows = 3;
            int columns = 64;
            MemorySegment bytes = arena.allocate(2L * rows * columns);
            for (int i = 0; i < rows * columns; i++) { // 1e5 rounds to 99840 in BF16; F16 ends at 65504
                bytes.setAtIndex(ValueLayout.JAVA_SHORT, i, (short) (Float.floatToRawIntBits(i % 2 == 0 ? 1e5f : -2)
                        >>> 16));
            }
            WeightTensor weight = backend.loadWeight("w", new long[] {rows, columns}, QuantFormat.BF16, bytes);
            Tensor input = backend.allocate(2, columns);
            float[] ones = new float[columns];
            Arrays.fill(ones, 1);
            input.write(0, ones, 0);
            input.write(1, ones, 0);
            Tensor output = backend.allocate(2, rows);
            backend.kernels().matmul(weight, input, output);
            float[] row = new float[rows];
            output.read(1, row, 0);
            assertThat(row).containsOnly(columns / 2 * (99840f - 2));
        }
    }

    /** The extra error of multiplying F16-rounded (or BF16) operands, as the class comment says. */
    static double halfOperandsBound(QuantFormat weightFormat, float[] w, float[] x, int xOffset, int columns) {
        if (weightFormat == QuantFormat.F32) {
            return 0; // F32 weights multiply in float32 with float32 activations
        }
        double bound = 0;
        if (weightFormat == QuantFormat.BF16) {
            for (int c = 0; c < columns; c++) {
                bound += Math.abs(w[c] * x[xOffset + c]) * 0x1p-8;
            }
            return bound;
        }
        for (int c = 0; c < columns; c++) {
            double weight = Math.abs(w[c]);
            double activation = Math.abs(x[xOffset + c]);
            bound += weight * activation * (2.0 * 0x1p-11 + 0x1p-22) + 0x1p-25 * (weight + activation);
        }
        return bound;
    }
}
