package dev.caracal.backend.cpu;

import dev.caracal.api.backend.Availability;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendProvider;
import java.util.Map;

/**
 * The {@link BackendProvider} of the {@link CpuBackend}: available wherever the JVM was started with the Vector API
 * module ({@code --add-modules jdk.incubator.vector}).
 */
public final class CpuBackendProvider implements BackendProvider {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    @Override
    public String name() {
        return CpuBackend.NAME;
    }

    @Override
    public Availability probe() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return Availability.unavailable("the Java Vector API module " + VECTOR_MODULE
                    + " is not loaded; start the JVM with --add-modules " + VECTOR_MODULE);
        }
        try {
            return Availability.available(Map.of(
                    "vectorBits", Integer.toString(VectorShapeProbe.preferredBits()),
                    "floatLanes", Integer.toString(VectorShapeProbe.preferredFloatLanes()),
                    "kernelFloatLanes", Integer.toString(WeightRows.LANES),
                    "threads", Integer.toString(BackendOptions.defaults().resolvedThreads())));
        } catch (LinkageError | RuntimeException failure) {
            return Availability.unavailable("the Java Vector API failed to initialize: " + failure);
        }
    }

    @Override
    public int score() {
        return 100;
    }

    @Override
    public Backend open(BackendOptions options) {
        Availability availability = probe();
        if (!availability.available()) {
            throw new IllegalStateException("the CPU backend is unavailable: "
                    + String.join("; ", availability.reasons()));
        }
        return new CpuBackend(options);
    }

    /** Touches the Vector API only when called, so that loading the provider never needs the module. */
    private static final class VectorShapeProbe {

        static int preferredBits() {
            return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        }

        static int preferredFloatLanes() {
            return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        }
    }
}
