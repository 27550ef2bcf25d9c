package dev.caracal.backend.xla;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.reference.BackendConformanceSuite;
import org.junit.jupiter.api.Tag;

/**
 * The XLA backend through the real PJRT plugin of this machine (JAX's CUDA plugin on a lent GPU machine, libtpu on a
 * TPU VM) against the reference backend; skipped where there is none. XLA may compute in its own order and fuse, which
 * the suite's bounds allow.
 */
@Tag("gpu")
class PluginXlaBackendConformanceTest extends BackendConformanceSuite {

    @Override
    protected Backend openBackend() {
        return new XlaBackend(PluginDevice.open(PluginXlaTests.plugin()));
    }
}
