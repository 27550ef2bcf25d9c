package dev.caracal.backend.xla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loading a plugin and calling it, on fake plugins built with gcc ({@code src/test/native/fake_pjrt_plugin.c}): the
 * version and table checks, errors turned into {@link XlaException}s and destroyed, options passed as named values,
 * owners that destroy once.
 */
class PjrtApiTest {

    @BeforeAll
    static void needsGcc() {
        assumeTrue(FakePlugins.gccAvailable(), "gcc is not installed: the fake plugins cannot be built");
    }

    @Test
    void anOlderApiIsRefusedByVersion() {
        Path plugin = FakePlugins.plugin("api_0_1", "FAKE_MINOR=1", "FAKE_TABLE_SIZE=40", "FAKE_NO_FUNCTIONS");
        assertThatThrownBy(() -> PjrtApi.load(plugin)).isInstanceOf(PjrtPluginException.class)
                .hasMessage("plugin " + plugin + " speaks PJRT C API 0.1, Caracal needs at least 0.95");
    }

    @Test
    void anotherMajorVersionIsRefused() {
        Path plugin = FakePlugins.plugin("api_1_0", "FAKE_MAJOR=1", "FAKE_MINOR=0");
        assertThatThrownBy(() -> PjrtApi.load(plugin)).isInstanceOf(PjrtPluginException.class)
                .hasMessage("plugin " + plugin + " speaks PJRT C API 1.0, Caracal needs at least 0.95 and at most 0.x"
                        + " (a new major version may move fields)");
    }

    @Test
    void theOldestAcceptedApiLoads() {
        Path plugin = FakePlugins.plugin("api_0_95", "FAKE_MINOR=95");
        assertThat(PjrtApi.load(plugin).version()).isEqualTo("0.95");
    }

    @Test
    void aNewerPluginLoadsAndItsStructSizeComplaintSaysItIsNewerThanTheBindings() {
        Path plugin = FakePlugins.plugin("api_0_106", "FAKE_MINOR=106", "FAKE_EXECUTE_OPTIONS_SIZE=128");
        PjrtApi api = PjrtApi.load(plugin);
        assertThat(api.newerThanBindingsWarning()).contains("PJRT 0.106 is newer than Caracal's bindings (0.105):"
                + " calls use the bindings' struct sizes, which the plugin may refuse as too small");
        try (Arena arena = Arena.ofConfined(); PjrtClient client = api.createClient(List.of())) {
            PjrtBuffer input = client.bufferFromHost(arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1), PjrtBufferType.F32,
                    new long[] {1}, client.addressableDevices().getFirst(),
                    HostBufferSemantics.IMMUTABLE_ONLY_DURING_CALL);
            try (PjrtLoadedExecutable executable = client.compile("module @identity {}")) {
                assertThatThrownBy(() -> executable.execute(List.of(input), Set.of()))
                        .isInstanceOf(XlaException.class).hasMessage("PJRT_LoadedExecutable_Execute failed with"
                                + " INVALID_ARGUMENT: Unexpected PJRT_ExecuteOptions size: expected 128, got 120."
                                + " Check installed software versions. (the plugin (PJRT 0.106) is newer than"
                                + " Caracal's bindings (0.105))");
            }
            input.close();
        }
    }

    @Test
    void aCompileFailureNamesTheCallTheCodeThePluginsMessageAndTheProgram() {
        Path plugin = FakePlugins.plugin("api_compile_fails", "FAKE_COMPILE_FAILS");
        String program = "module @caracal {\n  func.func public @main(%arg0: tensor<2x8xf32>, %arg1: tensor<4xbf16>"
                + " {tf.aliasing_output = 0 : i32}) -> (tensor<2x8xf32>) {\n  }\n}\n";
        try (PjrtClient client = PjrtApi.load(plugin).createClient(List.of())) {
            assertThatThrownBy(() -> client.compile(program)).isInstanceOfSatisfying(XlaException.class, failure -> {
                assertThat(failure.call()).isEqualTo("PJRT_Client_Compile");
                assertThat(failure.codeName()).isEqualTo("PJRT_Error_Code_INVALID_ARGUMENT");
                assertThat(failure.pluginMessage()).isEqualTo("fake plugin cannot compile 'module @caracal {'");
                assertThat(failure).hasMessage("PJRT_Client_Compile failed with INVALID_ARGUMENT: fake plugin cannot"
                        + " compile 'module @caracal {' (program module @caracal, @main(tensor<2x8xf32>,"
                        + " tensor<4xbf16>) -> (tensor<2x8xf32>))");
            });
        }
        assertThat(FakePlugins.counter(plugin, "fake_errors_destroyed")).isOne();
        assertThat(PjrtClient.summary("module @m {\n" + "x".repeat(300))).isEqualTo("module @m");
        assertThat(PjrtClient.summary("func.func public @main(" + "%arg0: tensor<8xf32>, ".repeat(30)
                + ") -> (tensor<f32>) {")).hasSize(200).endsWith("...");
    }

    @Test
    void aTableTooShortForTheBoundFunctionsIsRefused() {
        Path plugin = FakePlugins.plugin("api_short", "FAKE_TABLE_SIZE=64");
        assertThatThrownBy(() -> PjrtApi.load(plugin)).isInstanceOf(PjrtPluginException.class)
                .hasMessage("plugin " + plugin + " speaks PJRT C API 0.105 but its PJRT_Api table is 64 bytes, too"
                        + " short for the functions Caracal calls (624 bytes)");
    }

    @Test
    void aMissingFunctionIsNamed() {
        Path plugin = FakePlugins.plugin("api_null", "FAKE_NO_FUNCTIONS");
        assertThatThrownBy(() -> PjrtApi.load(plugin)).isInstanceOf(PjrtPluginException.class)
                .hasMessage("plugin " + plugin + " failed to initialize: plugin " + plugin + " has no"
                        + " PJRT_Plugin_Initialize (its PJRT_Api holds no pointer there)");
    }

    @Test
    void aPluginIsLoadedAndInitializedOnce() {
        Path plugin = FakePlugins.plugin("api_once");
        PjrtApi api = PjrtApi.load(plugin);
        assertThat(PjrtApi.load(plugin)).isSameAs(api);
        assertThat(api.version()).isEqualTo("0.105");
        assertThat(api.newerThanBindingsWarning()).isEmpty();
        assertThat(FakePlugins.counter(plugin, "fake_initialized")).isEqualTo(1);
        assertThat(api.attributes()).containsExactly(NamedValue.of("xla_version", 42L),
                NamedValue.of("stablehlo_current_version", List.of(1L, 9L, 3L)));
    }

    @Test
    void aPluginErrorBecomesAnXlaExceptionAndIsDestroyed() {
        Path plugin = FakePlugins.plugin("api_client_fails", "FAKE_CLIENT_FAILS");
        PjrtApi api = PjrtApi.load(plugin);
        assertThatThrownBy(() -> api.createClient(List.of(NamedValue.of("preallocate", false),
                NamedValue.of("memory_fraction", 0.5f), NamedValue.of("platform_name", "cuda"),
                NamedValue.of("node_id", 3L))))
                .isInstanceOfSatisfying(XlaException.class, failure -> {
                    assertThat(failure.call()).isEqualTo("PJRT_Client_Create");
                    assertThat(failure.codeName()).isEqualTo("PJRT_Error_Code_FAILED_PRECONDITION");
                    assertThat(failure.pluginMessage()).isEqualTo("fake plugin has no device; options:"
                            + " preallocate=bool:0, memory_fraction=float:0.50, platform_name=string:cuda,"
                            + " node_id=int64:3");
                });
        assertThat(FakePlugins.counter(plugin, "fake_errors_destroyed")).isEqualTo(1);
    }

    @Test
    void aClientDescribesItsDevicesAndIsDestroyedOnce() {
        Path plugin = FakePlugins.plugin("api_client");
        PjrtApi api = PjrtApi.load(plugin);
        PjrtClient client = api.createClient(List.of(NamedValue.of("preallocate", true)));
        assertThat(FakePlugins.text(plugin, "fake_client_options")).isEqualTo("preallocate=bool:1");
        assertThat(client.platformName()).isEqualTo("fake");
        assertThat(client.platformVersion()).isEqualTo("fake 0.1");
        List<PjrtDevice> devices = client.addressableDevices();
        assertThat(devices).hasSize(1);
        assertThat(devices.getFirst().kind()).isEqualTo("Fake Device");
        assertThat(devices.getFirst().id()).isEqualTo(7);
        assertThat(client.devices()).hasSize(1);
        client.close();
        client.close();
        assertThat(FakePlugins.counter(plugin, "fake_clients_destroyed")).isEqualTo(1);
        assertThat(client.isClosed()).isTrue();
        assertThatThrownBy(client::platformName).isInstanceOf(IllegalStateException.class)
                .hasMessage("the PJRT client is closed");
        assertThatThrownBy(devices.getFirst()::kind).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFunctionThePluginLacksIsNamedWhenCalled() {
        try (PjrtClient client = PjrtApi.load(FakePlugins.plugin("api_partial")).createClient(List.of())) {
            PjrtDevice device = client.addressableDevices().getFirst();
            assertThatThrownBy(device::memoryStats).isInstanceOf(IllegalStateException.class)
                    .hasMessageEndingWith("has no PJRT_Device_MemoryStats (its PJRT_Api holds no pointer there)");
        }
    }

    @Test
    void buffersGoToTheDeviceThroughAnExecutionAndBack() {
        Path plugin = FakePlugins.plugin("api_execute");
        PjrtApi api = PjrtApi.load(plugin);
        try (Arena arena = Arena.ofConfined(); PjrtClient client = api.createClient(List.of())) {
            PjrtDevice device = client.addressableDevices().getFirst();
            MemorySegment values = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1, 2, 3, 4, 5, 6);
            PjrtBuffer input = client.bufferFromHost(values, PjrtBufferType.F32, new long[] {2, 3}, device,
                    HostBufferSemantics.IMMUTABLE_UNTIL_TRANSFER_COMPLETES);
            assertThat(FakePlugins.counter(plugin, "fake_last_semantics")).isEqualTo(1);
            assertThat(FakePlugins.counter(plugin, "fake_events_destroyed")).as("done with the host data").isOne();
            PjrtBuffer donated = client.bufferFromHost(arena.allocateFrom(ValueLayout.JAVA_INT, 7), PjrtBufferType.S32,
                    new long[0], device, HostBufferSemantics.IMMUTABLE_ONLY_DURING_CALL);
            PjrtBuffer kept = client.bufferFromHost(arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 1, (byte) 2),
                    PjrtBufferType.U8, new long[] {2}, device, HostBufferSemantics.IMMUTABLE_ONLY_DURING_CALL);
            assertThat(input.dimensions()).containsExactly(2, 3);
            assertThat(donated.dimensions()).isEmpty();
            assertThat(input.elementType()).isEqualTo(PjrtBufferType.F32);
            try (PjrtEvent ready = input.readyEvent()) {
                assertThat(ready.isReady()).isTrue();
                assertThat(ready.error()).isEmpty();
                ready.await();
            }

            PjrtLoadedExecutable executable = client.compile("module @identity {}");
            assertThat(FakePlugins.text(plugin, "fake_program")).isEqualTo("mlir: module @identity {}");
            assertThat(FakePlugins.text(plugin, "fake_compile_options")).isEqualTo("1a 04 20 01 28 01");
            assertThat(executable.numOutputs()).isOne();
            assertThat(FakePlugins.counter(plugin, "fake_executables_destroyed")).isOne();

            PjrtLoadedExecutable.Execution execution = executable.execute(List.of(input, donated, kept), Set.of(1));
            assertThat(FakePlugins.counter(plugin, "fake_last_argument_count")).isEqualTo(3);
            assertThat(FakePlugins.text(plugin, "fake_non_donatable")).isEqualTo("0,2");
            assertThat(donated.isDonated()).isTrue();
            assertThatThrownBy(donated::dimensions).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the PJRT buffer was donated to an execution");
            assertThat(execution.completion()).isPresent();
            execution.completion().get().await();
            execution.completion().get().close();

            PjrtBuffer output = execution.outputs().getFirst();
            assertThat(output.hostSize()).isEqualTo(24);
            MemorySegment copied = arena.allocate(24);
            output.copyToHost(copied);
            assertThat(copied.toArray(ValueLayout.JAVA_FLOAT)).containsExactly(1, 2, 3, 4, 5, 6);
            assertThatThrownBy(() -> output.copyToHost(arena.allocate(8))).isInstanceOf(
                    IllegalArgumentException.class).hasMessage("the buffer needs 24 bytes on the host, the"
                            + " destination has 8");

            for (PjrtBuffer buffer : List.of(input, donated, kept, output, output)) {
                buffer.close();
            }
            executable.close();
            executable.close();
        }
        assertThat(FakePlugins.counter(plugin, "fake_buffers_destroyed")).isEqualTo(4);
        assertThat(FakePlugins.counter(plugin, "fake_loaded_executables_destroyed")).isOne();
        // one per upload, the ready event, the completion, the copy to the host
        assertThat(FakePlugins.counter(plugin, "fake_events_destroyed")).isEqualTo(6);
        assertThat(FakePlugins.counter(plugin, "fake_clients_destroyed")).isOne();
    }

    @Test
    void hostDataMustBeNativeAndLargeEnough() {
        try (Arena arena = Arena.ofConfined();
                PjrtClient client = PjrtApi.load(FakePlugins.plugin("api_upload_checks")).createClient(List.of())) {
            PjrtDevice device = client.addressableDevices().getFirst();
            assertThatThrownBy(() -> client.bufferFromHost(MemorySegment.ofArray(new float[4]), PjrtBufferType.F32,
                    new long[] {4}, device, HostBufferSemantics.IMMUTABLE_ONLY_DURING_CALL))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("native memory");
            assertThatThrownBy(() -> client.bufferFromHost(arena.allocate(8), PjrtBufferType.F32, new long[] {4},
                    device, HostBufferSemantics.IMMUTABLE_ONLY_DURING_CALL))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a F32 buffer of 4 elements needs 16 bytes of host data, not 8");
            assertThatThrownBy(() -> client.bufferFromHost(arena.allocate(8), PjrtBufferType.F64, new long[] {1},
                    device, HostBufferSemantics.IMMUTABLE_ONLY_DURING_CALL)).isInstanceOfSatisfying(
                    XlaException.class, failure -> assertThat(failure.codeName())
                            .isEqualTo("PJRT_Error_Code_INVALID_ARGUMENT"));
        }
    }
}
