package dev.caracal.backend.xla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.backend.xla.internal.FakePlugins;
import dev.caracal.backend.xla.program.ElementType;
import dev.caracal.backend.xla.program.ProgramBuilder;
import dev.caracal.backend.xla.program.TensorType;
import dev.caracal.backend.xla.program.Value;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The device over a PJRT plugin, against the test's fake plugin (built by gcc; it runs every program as the identity
 * of its first argument): arrays go up and come back, the program text reaches the plugin, and the parameters the
 * program aliases to a result are donated (every other index is passed as non-donatable) and consumed.
 */
class PluginDeviceTest {

    @Test
    void arraysGoUpAndBackAndAliasedParametersAreDonated() {
        assumeTrue(FakePlugins.gccAvailable(), "gcc is not installed");
        Path plugin = FakePlugins.plugin("plugin_device");
        try (PluginDevice device = PluginDevice.open(plugin); Arena arena = Arena.ofConfined()) {
            assertThat(device.details()).containsEntry("platform", "fake").containsEntry("pjrtApiVersion", "0.105");
            TensorType pool = new TensorType(ElementType.F32, 2, 3);
            float[] values = {1, 2, 3, 4, 5, 6};
            MemorySegment bytes = arena.allocateFrom(ValueLayout.JAVA_FLOAT, values);
            XlaDevice.DeviceArray poolArray = device.upload(pool, bytes);
            XlaDevice.DeviceArray slots = device.upload(new TensorType(ElementType.I32, 3),
                    arena.allocateFrom(ValueLayout.JAVA_INT, 0, 1, 2));

            ProgramBuilder builder = new ProgramBuilder();
            Value updated = builder.argument(pool, 0);
            builder.argument(slots.type());
            String text = builder.build(updated);
            XlaDevice.Program program = device.compile(text);
            assertThat(FakePlugins.text(plugin, "fake_program")).isEqualTo("mlir: " + text);
            assertThat(Long.parseLong(FakePlugins.text(plugin, "fake_compile_stack")))
                    .as("the stack of the thread XLA compiled on")
                    .isGreaterThanOrEqualTo(PluginDevice.COMPILER_STACK_BYTES);

            List<XlaDevice.DeviceArray> results = program.execute(List.of(poolArray, slots));
            assertThat(FakePlugins.text(plugin, "fake_non_donatable")).isEqualTo("1");
            assertThat(results).hasSize(1);
            assertThat(results.getFirst().type()).isEqualTo(pool);
            MemorySegment back = arena.allocate(24);
            device.download(results.getFirst(), back);
            assertThat(back.toArray(ValueLayout.JAVA_FLOAT)).containsExactly(values);
            float[] onHeap = new float[6];
            device.download(results.getFirst(), MemorySegment.ofArray(onHeap));
            assertThat(onHeap).containsExactly(values);
            results.getFirst().close();
            slots.close();
            program.close();
        }
    }

    @Test
    void resultTypesAreReadFromTheSignature() {
        assertThat(PluginDevice.types("tensor<4x64xf32>, tensor<f16>, tensor<2x1xi32>")).containsExactly(
                new TensorType(ElementType.F32, 4, 64), new TensorType(ElementType.F16),
                new TensorType(ElementType.I32, 2, 1));
    }
}
