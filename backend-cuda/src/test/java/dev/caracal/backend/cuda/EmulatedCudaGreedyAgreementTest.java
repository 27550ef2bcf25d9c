package dev.caracal.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.backend.Backend;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;

/**
 * The greedy agreement suite with the CUDA kernels run on the CPU by the emulator, which records repeated decode steps
 * as a graph capture would: the text is the same when the steps replay recordings.
 */
class EmulatedCudaGreedyAgreementTest extends GreedyAgreementSuite {

    private EmulatedDevice device;
    private CudaBackend backend;

    @Override
    protected Backend openBackend() {
        Optional<EmulatedDevice> opened = EmulatedDevice.open();
        assumeTrue(opened.isPresent(), EmulatedDevice.unavailableReason());
        device = opened.get();
        backend = new CudaBackend(device);
        return backend;
    }

    @AfterAll
    void decodeStepsWereReplayedFromRecordings() {
        if (backend != null) {
            assertThat(device.recordings()).as("decode steps of each batch size recorded once").isPositive();
            assertThat(backend.graphReplays()).as("and replayed from then on").isGreaterThan(device.recordings() * 5);
        }
    }
}
