package dev.caracal.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.backend.Backend;
import java.util.Optional;

/** The greedy agreement suite with the CUDA kernels run on the CPU by the emulator. */
class EmulatedCudaGreedyAgreementTest extends GreedyAgreementSuite {

    @Override
    protected Backend openBackend() {
        Optional<EmulatedDevice> device = EmulatedDevice.open();
        assumeTrue(device.isPresent(), EmulatedDevice.unavailableReason());
        return new CudaBackend(device.get());
    }
}
