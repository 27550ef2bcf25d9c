package dev.caracal.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.reference.BackendConformanceSuite;
import java.util.Optional;

/**
 * The CUDA backend's Java side and its kernel source, run on the CPU by the emulator, against the reference backend
 * through the conformance suite every backend passes. (On a machine with a GPU, {@code CudaBackendConformanceTest}
 * runs the same suite on the device.)
 */
class EmulatedCudaBackendConformanceTest extends BackendConformanceSuite {

    @Override
    protected Backend openBackend() {
        Optional<EmulatedDevice> device = EmulatedDevice.open();
        assumeTrue(device.isPresent(), EmulatedDevice.unavailableReason());
        return new CudaBackend(device.get());
    }
}
