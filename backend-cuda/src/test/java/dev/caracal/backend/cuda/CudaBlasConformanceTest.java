package dev.caracal.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.backend.Availability;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.reference.BackendConformanceSuite;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.backend.cuda.internal.CudaDevice;
import org.junit.jupiter.api.Tag;

/**
 * The conformance suite on a real GPU with every batch of two rows or more multiplied through cuBLAS (where it loads;
 * otherwise through the kernels); skipped where there is no GPU.
 */
@Tag("gpu")
class CudaBlasConformanceTest extends BackendConformanceSuite {

    @Override
    protected Backend openBackend() {
        Availability availability = new CudaBackendProvider().probe();
        assumeTrue(availability.available(), () -> "no GPU here: " + String.join("; ", availability.reasons()));
        return new CudaBackend(CudaDevice.open(CudaBackendProvider.deviceOrdinal(), CudaBackendProvider.kernelSource(),
                CudaBackendProvider.KERNEL_FILE), 2);
    }

    @Override
    protected double activationQuantizationBound(QuantFormat weightFormat, float[] w, float[] x, int xOffset,
            int columns) {
        return EmulatedCudaBlasConformanceTest.halfOperandsBound(weightFormat, w, x, xOffset, columns);
    }
}
