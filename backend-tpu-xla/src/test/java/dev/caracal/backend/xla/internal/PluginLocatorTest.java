package dev.caracal.backend.xla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the plugin is looked for: a setting's folders and lists ({@code PJRT_PLUGIN_LIBRARY_PATH}, gomlx's
 * convention), libtpu's {@code TPU_LIBRARY_PATH}, the Pythons' site-packages, and the message naming every place.
 */
class PluginLocatorTest {

    @TempDir
    Path folder;

    @Test
    void aLibraryPathListIsSearchedInOrderItsFoldersForThePluginFileNames() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("empty"));
        Path tpu = touch(folder.resolve("tpu/libtpu.so"));
        PluginLocator.Search search = find(null, Map.of("PJRT_PLUGIN_LIBRARY_PATH", empty + ":" + tpu.getParent()
                + ":" + touch(folder.resolve("later/xla_cuda_plugin.so"))));
        assertThat(search.found()).contains(tpu);
        assertThat(search.namedBy()).contains("PJRT_PLUGIN_LIBRARY_PATH");
    }

    @Test
    void aListWithoutAPluginNamesEveryFileItLookedFor() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("empty"));
        Path missing = folder.resolve("nowhere/pjrt_c_api_cuda_plugin.so");
        PluginLocator.Search search = find(null, Map.of("PJRT_PLUGIN_LIBRARY_PATH", empty + "::" + missing + ":"));
        assertThat(search.found()).isEmpty();
        assertThat(search.describeMissing()).isEqualTo("no PJRT plugin at " + empty + "/xla_cuda_plugin.so, "
                + empty + "/libtpu.so, " + empty + "/pjrt_c_api_cuda_plugin.so, " + empty
                + "/pjrt_c_api_tpu_plugin.so, " + missing + " (named by PJRT_PLUGIN_LIBRARY_PATH)");
    }

    @Test
    void libtpusOwnVariableNamesThePluginAfterTheOthers() throws IOException {
        Path tpu = touch(folder.resolve("lib/libtpu.so"));
        Path cuda = touch(folder.resolve("cuda/xla_cuda_plugin.so"));
        assertThat(find(null, Map.of("TPU_LIBRARY_PATH", tpu.toString())).found()).contains(tpu);
        assertThat(find(null, Map.of("TPU_LIBRARY_PATH", tpu.toString(), "PJRT_PLUGIN_LIBRARY_PATH",
                cuda.toString())).found()).contains(cuda);
        Path missing = folder.resolve("gone/libtpu.so");
        assertThat(find(null, Map.of("TPU_LIBRARY_PATH", missing.toString())).describeMissing())
                .isEqualTo("no PJRT plugin at " + missing + " (named by TPU_LIBRARY_PATH)");
        assertThat(find(null, Map.of("TPU_LIBRARY_PATH", " : ")).namedBy()).as("a setting of no entries is unset")
                .isEmpty();
    }

    @Test
    void withNoSettingTheSearchNamesEverySitePackagesFolderInOrder() throws IOException {
        Path venv = Files.createDirectories(folder.resolve("venv/lib/python3.12/site-packages"));
        Path conda = Files.createDirectories(folder.resolve("conda/lib/python3.11/site-packages"));
        Path user = Files.createDirectories(folder.resolve("home/.local/lib/python3.13/site-packages"));
        Path system = Files.createDirectories(folder.resolve("usr/lib/python3/dist-packages"));
        PluginLocator.Search search = find(null, Map.of("VIRTUAL_ENV", folder.resolve("venv").toString(),
                "CONDA_PREFIX", folder.resolve("conda").toString(), "HOME", folder.resolve("home").toString()));
        assertThat(search.found()).isEmpty();
        assertThat(search.describeMissing()).isEqualTo("no PJRT plugin found: looked for"
                + " jax_plugins/xla_cuda13/xla_cuda_plugin.so, jax_plugins/xla_cuda12/xla_cuda_plugin.so,"
                + " libtpu/libtpu.so in " + venv + ", " + conda + ", " + user + ", " + system + "; set"
                + " caracal.backend.xla.plugin or CARACAL_XLA_PLUGIN to a PJRT plugin (JAX's xla_cuda_plugin.so or"
                + " libtpu.so)");
        Path plugin = touch(user.resolve("jax_plugins/xla_cuda12/xla_cuda_plugin.so"));
        assertThat(find(null, Map.of("HOME", folder.resolve("home").toString())).found()).contains(plugin);
    }

    /** The search with the system's Python folders replaced by {@code folder/usr/lib}. */
    private PluginLocator.Search find(String property, Map<String, String> environment) {
        return PluginLocator.find(property, environment, List.of(folder.resolve("usr/lib")));
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "");
    }
}
