package dev.caracal.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.backend.Availability;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.reference.BackendConformanceSuite;
import dev.caracal.api.tensor.QuantFormat;
import org.junit.jupiter.api.Tag;

/**
 * The CUDA backend on a real GPU against the reference through the conformance suite; skipped, with the probe's
 * reason, where there is none (the emulated twin runs everywhere). Large batches go through cuBLAS where it loads,
 * which rounds both operands to F16, hence the bound of {@link EmulatedCudaBlasConformanceTest}.
 */
@Tag("gpu")
class CudaBackendConformanceTest extends BackendConformanceSuite {

    @Override
    protected Backend openBackend() {
        Availability availability = new CudaBackendProvider().probe();
        assumeTrue(availability.available(), () -> "no GPU here: " + String.join("; ", availability.reasons()));
        return new CudaBackendProvider().open(BackendOptions.defaults());
    }

    @Override
    protected double activationQuantizationBound(QuantFormat weightFormat, float[] w, float[] x, int xOffset,
            int columns) {
        return EmulatedCudaBlasConformanceTest.halfOperandsBound(weightFormat, w, x, xOffset, columns);
    }
}
