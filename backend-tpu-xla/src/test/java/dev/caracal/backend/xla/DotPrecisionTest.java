package dev.caracal.backend.xla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.backend.xla.hlo.StableHloParser;
import dev.caracal.backend.xla.program.ProgramBuilder.Precision;
import org.junit.jupiter.api.Test;

/**
 * Every product in a program states its precision: f32 arithmetic ({@code HIGHEST}) unless the backend is opened with
 * {@value XlaBackend#PRECISION_PROPERTY} set, since XLA's {@code DEFAULT} lets an NVIDIA GPU round f32 operands to
 * TF32 (about 2^-11 relative error, beyond the conformance suite's matmul bounds).
 */
class DotPrecisionTest {

    private static String matmulProgram(Precision precision) {
        RecordingDevice device = new RecordingDevice();
        try (XlaBackend backend = new XlaBackend(device, precision)) {
            backend.kernels().matmul(KernelProgramsGoldenTest.weight(backend, QuantFormat.F32, 4, 64),
                    backend.allocate(2, 64), backend.allocate(2, 4));
        }
        return device.compiled().getFirst();
    }

    @Test
    void productsAreF32ArithmeticUnlessConfigured() {
        String highest = matmulProgram(XlaBackend.precision(null));
        assertThat(highest).contains("precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision"
                + " HIGHEST>]");
        assertThat(StableHloParser.parse(highest).ops()).isNotEmpty();
        String fast = matmulProgram(XlaBackend.precision("Default"));
        assertThat(fast).contains("precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision"
                + " DEFAULT>]").doesNotContain("HIGHEST");
        assertThat(StableHloParser.parse(fast).ops()).isNotEmpty();
        assertThat(XlaBackend.precision(" high ")).isEqualTo(Precision.HIGH);
    }

    @Test
    void anUnknownSettingSaysWhatToSet() {
        assertThatThrownBy(() -> XlaBackend.precision("tf32")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("caracal.backend.xla.precision is 'tf32': set it to highest");
    }
}
