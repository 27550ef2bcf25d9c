package dev.caracal.backend.xla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.backend.Availability;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendProvider;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.backend.xla.internal.FakePlugins;
import dev.caracal.backend.xla.internal.NamedValue;
import dev.caracal.backend.xla.internal.PluginLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The XLA provider: found through ServiceLoader, never available yet, and its probe says why: no plugin (and where it
 * looked), a named file that is missing, a file that is no shared library, a library that is no PJRT plugin, a plugin
 * of an older PJRT C API; and for a plugin that loads, what it is, with the StableHLO programs still to be written.
 */
class XlaBackendProviderTest {

    private static final Path TARGET = Path.of("target", "fake-pjrt-plugins");

    @TempDir
    Path folder;

    @Test
    void theProviderIsFoundRanksBetweenCpuAndCudaAndRefusesToOpen() {
        BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(found -> found.name().equals("xla")).findFirst().orElseThrow();
        assertThat(provider.score()).isEqualTo(150);
        Availability availability = provider.probe();
        assertThat(availability.available()).isFalse();
        assertThat(availability.reasons()).isNotEmpty();
        assertThat(BackendRegistry.discover()).anySatisfy(entry -> assertThat(entry.provider().name())
                .isEqualTo("xla"));
        assertThatThrownBy(() -> provider.open(BackendOptions.defaults())).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the XLA backend is unavailable: ")
                .hasMessageContaining(availability.reasons().getFirst());
    }

    @Test
    void withNoPluginAnywhereTheProbeSaysWhereItLooked() throws IOException {
        Path sitePackages = Files.createDirectories(folder.resolve("usr/lib/python3.12/site-packages"));
        Path venv = Files.createDirectories(folder.resolve("venv/lib/python3.11/site-packages"));
        PluginLocator.Search search = find(null, Map.of("VIRTUAL_ENV", folder.resolve("venv").toString()));
        assertThat(XlaBackendProvider.probe(search).reasons()).containsExactly("no PJRT plugin found: looked for"
                + " jax_plugins/xla_cuda13/xla_cuda_plugin.so, jax_plugins/xla_cuda12/xla_cuda_plugin.so,"
                + " libtpu/libtpu.so in " + venv + ", " + sitePackages + "; set caracal.backend.xla.plugin or"
                + " CARACAL_XLA_PLUGIN to a PJRT plugin (JAX's xla_cuda_plugin.so or libtpu.so)");
    }

    @Test
    void withNoPythonTheProbeNamesTheFoldersItSearched() {
        PluginLocator.Search search = find(null, Map.of("HOME", folder.resolve("home").toString()));
        assertThat(XlaBackendProvider.probe(search).reasons().getFirst()).contains("in no site-packages folder (none"
                + " under the Pythons of " + folder.resolve("home/.local/lib") + ", " + folder.resolve("usr/lib")
                + ")");
    }

    @Test
    void aConfiguredPathThatDoesNotExistIsNamedWithItsSetting() {
        Path missing = folder.resolve("nowhere/xla_cuda_plugin.so");
        assertThat(XlaBackendProvider.probe(find(missing.toString(), Map.of())).reasons()).containsExactly(
                "no PJRT plugin at " + missing + " (named by the system property caracal.backend.xla.plugin)");
        assertThat(XlaBackendProvider.probe(find(null, Map.of("CARACAL_XLA_PLUGIN", missing.toString()))).reasons())
                .containsExactly("no PJRT plugin at " + missing + " (named by CARACAL_XLA_PLUGIN)");
        assertThat(XlaBackendProvider.probe(find(null, Map.of("PJRT_PLUGIN_LIBRARY_PATH", missing.toString())))
                .reasons()).containsExactly("no PJRT plugin at " + missing + " (named by PJRT_PLUGIN_LIBRARY_PATH)");
    }

    @Test
    void theInstalledPluginsAreFoundInSitePackagesCudaThirteenFirst() throws IOException {
        Path sitePackages = Files.createDirectories(folder.resolve("venv/lib/python3.12/site-packages"));
        Map<String, String> environment = Map.of("VIRTUAL_ENV", folder.resolve("venv").toString());
        Path tpu = touch(sitePackages.resolve("libtpu/libtpu.so"));
        assertThat(find(null, environment).found()).contains(tpu);
        Path cuda12 = touch(sitePackages.resolve("jax_plugins/xla_cuda12/xla_cuda_plugin.so"));
        assertThat(find(null, environment).found()).contains(cuda12);
        Path cuda13 = touch(sitePackages.resolve("jax_plugins/xla_cuda13/xla_cuda_plugin.so"));
        assertThat(find(null, environment).found()).contains(cuda13);
        assertThat(find(tpu.toString(), environment).found()).contains(tpu);
    }

    @Test
    void aFileThatIsNotASharedLibraryIsRefused() throws IOException {
        Path text = Files.writeString(Files.createDirectories(TARGET).resolve("x.so"), "not a shared library\n");
        assertThat(XlaBackendProvider.probe(find(text.toString(), Map.of())).reasons()).singleElement()
                .asString().startsWith("the system's loader could not open " + text + " (not a shared library, one"
                        + " built for another platform, or one whose dependencies are missing): ");
    }

    @Test
    void aSharedLibraryWithoutGetPjrtApiIsNoPlugin() {
        assumeTrue(FakePlugins.gccAvailable(), "gcc is not installed");
        Path library = FakePlugins.library("not_a_plugin", "int caracal_not_a_plugin(void) { return 1; }\n");
        assertThat(XlaBackendProvider.probe(find(library.toString(), Map.of())).reasons())
                .containsExactly(library + " exports no GetPjrtApi: it is not a PJRT plugin");
    }

    @Test
    void aPluginOfAnOlderApiIsRefusedByVersion() {
        assumeTrue(FakePlugins.gccAvailable(), "gcc is not installed");
        Path plugin = FakePlugins.plugin("old_plugin", "FAKE_MINOR=1", "FAKE_TABLE_SIZE=40", "FAKE_NO_FUNCTIONS");
        assertThat(XlaBackendProvider.probe(find(plugin.toString(), Map.of())).reasons())
                .containsExactly("plugin " + plugin + " speaks PJRT C API 0.1, Caracal needs at least 0.95");
    }

    @Test
    void aPluginThatLoadsIsDescribedButTheProgramsAreNotWrittenYet() {
        assumeTrue(FakePlugins.gccAvailable(), "gcc is not installed");
        Path plugin = FakePlugins.plugin("probed_plugin");
        Availability availability = XlaBackendProvider.probe(find(plugin.toString(), Map.of()), false);
        assertThat(availability.available()).isFalse();
        assertThat(availability.reasons()).containsExactly(XlaBackendProvider.NOT_WRITTEN);
        assertThat(availability.details()).containsEntry("plugin", plugin.toString())
                .containsEntry("pjrtApiVersion", "0.105").containsEntry("platform", "fake")
                .containsEntry("platformVersion", "fake 0.1").containsEntry("device0", "Fake Device")
                .containsEntry("xla_version", "42").containsEntry("stablehlo_current_version", "[1, 9, 3]");
    }

    @Test
    void aPluginNewerThanTheBindingsIsAcceptedWithAWarning() {
        assumeTrue(FakePlugins.gccAvailable(), "gcc is not installed");
        Path plugin = FakePlugins.plugin("probed_newer_plugin", "FAKE_MINOR=107");
        Availability availability = XlaBackendProvider.probe(find(plugin.toString(), Map.of()), true);
        assertThat(availability.available()).isTrue();
        assertThat(availability.details()).containsEntry("pjrtApiVersion", "0.107").containsEntry("pjrtApiWarning",
                "PJRT 0.107 is newer than Caracal's bindings (0.105): calls use the bindings' struct sizes, which the"
                        + " plugin may refuse as too small");
    }

    @Test
    void aPluginWhoseClientFailsSaysSo() {
        assumeTrue(FakePlugins.gccAvailable(), "gcc is not installed");
        Path plugin = FakePlugins.plugin("probed_plugin_without_device", "FAKE_CLIENT_FAILS");
        Availability availability = XlaBackendProvider.probe(find(plugin.toString(), Map.of()), false);
        assertThat(availability.reasons()).containsExactly("plugin " + plugin + " could not create a client:"
                + " PJRT_Client_Create failed with FAILED_PRECONDITION: fake plugin has no device; options: ",
                XlaBackendProvider.NOT_WRITTEN);
        assertThat(availability.details()).containsEntry("pjrtApiVersion", "0.105").doesNotContainKey("platform");
    }

    @Test
    void theGpuPluginsAreAskedNotToPreallocateUnlessConfigured() {
        Path cuda = Path.of("/site/jax_plugins/xla_cuda13/xla_cuda_plugin.so");
        assertThat(XlaBackendProvider.clientOptions(cuda, null, null))
                .containsExactly(NamedValue.of("preallocate", false));
        assertThat(XlaBackendProvider.clientOptions(cuda, "0.75", "TRUE"))
                .containsExactly(NamedValue.of("memory_fraction", 0.75f), NamedValue.of("preallocate", true));
        assertThat(XlaBackendProvider.clientOptions(Path.of("/site/libtpu/libtpu.so"), "0.75", "true")).isEmpty();
    }

    @Test
    void aBadClientOptionIsNamedWithItsValue() {
        Path cuda = Path.of("/site/jax_plugins/xla_cuda12/xla_cuda_plugin.so");
        for (String fraction : List.of("1.5", "0", "half", "NaN")) {
            assertThatThrownBy(() -> XlaBackendProvider.clientOptions(cuda, fraction, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("caracal.backend.xla.memory-fraction (or"
                            + " CARACAL_XLA_MEMORY_FRACTION) must be a number greater than 0 and at most 1, the share"
                            + " of the GPU's memory the plugin may take, not '" + fraction + "'");
        }
        assertThatThrownBy(() -> XlaBackendProvider.clientOptions(cuda, null, "yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("caracal.backend.xla.preallocate (or"
                        + " CARACAL_XLA_PREALLOCATE) must be true or false, not 'yes'");
    }

    @Test
    void theConfiguredOptionsReachAGpuPluginAndABadOneMakesTheProbeSaySo() {
        assumeTrue(FakePlugins.gccAvailable(), "gcc is not installed");
        Path plugin = FakePlugins.plugin("xla_cuda_options_plugin");
        System.setProperty(XlaBackendProvider.MEMORY_FRACTION, "0.25");
        System.setProperty(XlaBackendProvider.PREALLOCATE, "true");
        try (PluginDevice device = PluginDevice.open(plugin)) {
            assertThat(FakePlugins.text(plugin, "fake_client_options"))
                    .isEqualTo("memory_fraction=float:0.25, preallocate=bool:1");
            System.setProperty(XlaBackendProvider.PREALLOCATE, "maybe");
            assertThat(XlaBackendProvider.probe(find(plugin.toString(), Map.of()), true).reasons()).containsExactly(
                    "caracal.backend.xla.preallocate (or CARACAL_XLA_PREALLOCATE) must be true or false, not 'maybe'");
        } finally {
            System.clearProperty(XlaBackendProvider.MEMORY_FRACTION);
            System.clearProperty(XlaBackendProvider.PREALLOCATE);
        }
    }

    /** The search with the system's Python folders replaced by {@code folder/usr/lib}. */
    private PluginLocator.Search find(String property, Map<String, String> environment) {
        return PluginLocator.find(property, environment, List.of(folder.resolve("usr/lib")));
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "");
    }

    @Test
    void withTheSwitchOnAPluginThatLoadsIsAvailableAndOpens() {
        assumeTrue(FakePlugins.gccAvailable(), "gcc is not installed");
        Path plugin = FakePlugins.plugin("enabled_plugin");
        Availability availability = XlaBackendProvider.probe(find(plugin.toString(), Map.of()), true);
        assertThat(availability.available()).isTrue();
        assertThat(availability.details()).containsEntry("platform", "fake")
                .containsEntry("checked", "by an interpreter, not yet through a real plugin");
        String pluginBefore = System.getProperty(PluginLocator.PROPERTY);
        String enabledBefore = System.getProperty(XlaBackendProvider.ENABLE_PROPERTY);
        try {
            System.setProperty(PluginLocator.PROPERTY, plugin.toString());
            System.setProperty(XlaBackendProvider.ENABLE_PROPERTY, "true");
            try (Backend backend = new XlaBackendProvider().open(BackendOptions.defaults())) {
                assertThat(backend.name()).isEqualTo("xla");
                assertThat(backend.devices().getFirst().name()).isEqualTo("fake: Fake Device");
            }
        } finally {
            restore(PluginLocator.PROPERTY, pluginBefore);
            restore(XlaBackendProvider.ENABLE_PROPERTY, enabledBefore);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
