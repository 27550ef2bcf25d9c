package dev.caracal.backend.xla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.WeightTensor;
import dev.caracal.backend.xla.program.StableHloProgram;
import org.junit.jupiter.api.Test;

/**
 * The backend keeps its compiled programs by what they compute: a step that traces the same program as an earlier one
 * runs it without writing its text again, and steps that differ in one attribute or one shape never share a program.
 */
class ProgramCacheTest {

    @Test
    void anIdenticalStepRunsTheCompiledProgramWithoutWritingItsText() {
        RecordingDevice device = new RecordingDevice();
        try (XlaBackend backend = new XlaBackend(device)) {
            WeightTensor scale = KernelProgramsGoldenTest.weight(backend, QuantFormat.F32, 1, 64);
            normalize(backend, scale, 2, 1e-5f);
            long written = StableHloProgram.textsWritten();
            for (int step = 0; step < 3; step++) {
                normalize(backend, scale, 2, 1e-5f);
            }
            assertThat(device.compiled()).hasSize(1);
            assertThat(backend.compilations()).hasSize(1);
            assertThat(StableHloProgram.textsWritten()).as("texts written by the cached steps").isEqualTo(written);
        }
    }

    @Test
    void stepsDifferingInOneAttributeOrOneShapeGetTheirOwnPrograms() {
        RecordingDevice device = new RecordingDevice();
        try (XlaBackend backend = new XlaBackend(device)) {
            WeightTensor scale = KernelProgramsGoldenTest.weight(backend, QuantFormat.F32, 1, 64);
            normalize(backend, scale, 2, 1e-5f);
            // only the epsilon constant's attribute differs
            normalize(backend, scale, 2, 1e-6f);
            // only the rows (a bucket of 4, not 2) differ
            normalize(backend, scale, 4, 1e-5f);
            assertThat(device.compiled()).hasSize(3).doesNotHaveDuplicates();
            assertThat(backend.compilations()).hasSize(3);
            assertThat(backend.programTexts()).containsExactlyElementsOf(device.compiled());
        }
    }

    /** One step: an RMS norm of {@code rows} rows of 64 by {@code scale}. */
    private static void normalize(XlaBackend backend, WeightTensor scale, int rows, float epsilon) {
        backend.kernels().rmsNorm(backend.allocate(rows, 64), scale, epsilon, backend.allocate(rows, 64));
        backend.flush();
    }
}
