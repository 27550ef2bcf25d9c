package dev.caracal.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.backend.Availability;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import org.junit.jupiter.api.Tag;

/** The greedy agreement suite on a real GPU; skipped, with the probe's reason, where there is none. */
@Tag("gpu")
class CudaGreedyAgreementTest extends GreedyAgreementSuite {

    @Override
    protected Backend openBackend() {
        Availability availability = new CudaBackendProvider().probe();
        assumeTrue(availability.available(), () -> "no GPU here: " + String.join("; ", availability.reasons()));
        return new CudaBackendProvider().open(BackendOptions.defaults());
    }
}
