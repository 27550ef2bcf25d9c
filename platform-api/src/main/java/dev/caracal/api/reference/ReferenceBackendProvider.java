package dev.caracal.api.reference;

import dev.caracal.api.backend.Availability;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendProvider;
import java.util.Map;

/** The {@link BackendProvider} of the scalar {@link ReferenceBackend}: always available, always the least preferred. */
public final class ReferenceBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return ReferenceBackend.NAME;
    }

    @Override
    public Availability probe() {
        return Availability.available(Map.of("purpose", "scalar oracle for conformance tests; slow"));
    }

    @Override
    public int score() {
        return 0;
    }

    @Override
    public Backend open(BackendOptions options) {
        return new ReferenceBackend();
    }
}
