package dev.caracal.backend.cpu;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.reference.BackendConformanceSuite;

/**
 * The CPU backend against the reference through the conformance suite, with three threads so that row ranges split
 * unevenly even on a two-core machine.
 */
class CpuBackendConformanceTest extends BackendConformanceSuite {

    @Override
    protected Backend openBackend() {
        return new CpuBackend(new BackendOptions(3));
    }
}
