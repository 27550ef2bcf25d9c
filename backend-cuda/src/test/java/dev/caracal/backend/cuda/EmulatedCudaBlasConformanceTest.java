package dev.caracal.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.reference.BackendConformanceSuite;
import dev.caracal.api.tensor.QuantFormat;
import java.util.Optional;

/**
 * The conformance suite with every batch of two rows or more multiplied on the large-batch path: weights dequantized
 * to F16 by the kernels, activations rounded to F16, and the product by the emulated {@code cublasGemmEx} (which takes
 * the arguments as cuBLAS does). Rounding both operands to F16 moves each term w·x by at most about 2·2⁻¹¹ of itself,
 * plus 2⁻²⁵ of each operand for values below F16's normal range, which the bound adds.
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

    /** The extra error of multiplying F16-rounded weights and activations, as the class comment says. */
    static double halfOperandsBound(QuantFormat weightFormat, float[] w, float[] x, int xOffset, int columns) {
        if (weightFormat == QuantFormat.F32) {
            return 0; // F32 weights multiply in float32 with float32 activations
        }
        double bound = 0;
        for (int c = 0; c < columns; c++) {
            double weight = Math.abs(w[c]);
            double activation = Math.abs(x[xOffset + c]);
            bound += weight * activation * (2.0 * 0x1p-11 + 0x1p-22) + 0x1p-25 * (weight + activation);
        }
        return bound;
    }
}
