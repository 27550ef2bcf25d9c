package dev.caracal.backend.xla;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.reference.BackendConformanceSuite;

/**
 * The XLA backend's programs, run by the StableHLO interpreter, against the reference backend through the conformance
 * suite every backend passes (formats the backend does not read are skipped).
 */
class InterpretedXlaBackendConformanceTest extends BackendConformanceSuite {

    @Override
    protected Backend openBackend() {
        return new XlaBackend(new InterpreterDevice());
    }
}
