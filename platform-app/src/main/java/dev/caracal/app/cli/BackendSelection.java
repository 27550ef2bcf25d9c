package dev.caracal.app.cli;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import picocli.CommandLine.Option;

/** The backend and thread options of the commands that measure a model (a picocli mixin). */
final class BackendSelection {

    @Option(names = {"-t", "--threads"}, defaultValue = "0", paramLabel = "THREADS",
            description = "worker threads (default: all processors)")
    int threads;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME",
            description = "backend to run on (default: the best available)")
    String backendName;

    /** The backend options (threads ≥ 0 is checked by the caller). */
    BackendOptions options() {
        return new BackendOptions(threads);
    }

    /** Opens the chosen backend. */
    Backend open() {
        return BackendRegistry.open(backendName, options());
    }
}
