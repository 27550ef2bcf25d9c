package dev.caracal.app.server.engine;

import dev.caracal.api.backend.BackendRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says so in the log when a model runs on a slower backend than it could, and how to get the faster one. */
final class BackendWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(BackendWarnings.class);

    private BackendWarnings() {
    }

    /** Warns about every better-scored backend that is unavailable, when the backend was chosen automatically. */
    static void warnIfSlower(String chosen, String preference) {
        if (preference != null && !preference.isBlank() && !preference.equals("auto")) {
            return;
        }
        var entries = BackendRegistry.discover();
        int chosenScore = entries.stream().filter(entry -> entry.provider().name().equals(chosen))
                .mapToInt(entry -> entry.provider().score()).findFirst().orElse(Integer.MIN_VALUE);
        for (BackendRegistry.Entry entry : entries) {
            if (entry.provider().score() > chosenScore && !entry.availability().available()) {
                LOG.warn("backend {} is unavailable ({}), so models run on the slower backend {}. bin/caracal serve"
                        + " starts Java with the flags every backend needs: --add-modules jdk.incubator.vector"
                        + " --enable-native-access=ALL-UNNAMED", entry.provider().name(),
                        String.join("; ", entry.availability().reasons()), chosen);
            }
        }
    }
}
