package dev.caracal.backend.xla;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.backend.xla.internal.PluginLocator;
import java.nio.file.Path;

/** The PJRT plugin this machine has (as the provider finds it), for the tests that run on a real one. */
final class PluginXlaTests {

    private PluginXlaTests() {
    }

    /** The plugin, or a skipped test saying where it was looked for. */
    static Path plugin() {
        PluginLocator.Search search = PluginLocator.find(System.getProperty(PluginLocator.PROPERTY), System.getenv());
        assumeTrue(search.found().isPresent(), search::describeMissing);
        return search.found().get();
    }
}
