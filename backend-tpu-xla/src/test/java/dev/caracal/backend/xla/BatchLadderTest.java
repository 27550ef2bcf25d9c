package dev.caracal.backend.xla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.api.kernel.RopeSpec;
import dev.caracal.api.reference.ReferenceBackend;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Views of 3 and of 4 rows of the same storages compute on 4 rows with one program (the batch ladder): the view's
 * rows are right, and the rows of the storage outside the view keep their values although the program computed on
 * some of them.
 */
class BatchLadderTest {

    private static final int COLUMNS = 64;
    private static final int ROWS = 8;

    @Test
    void viewsOfThreeAndFourRowsShareOneProgramAndTouchNothingElse() {
        Random random = new Random(5);
        float[] weights = new float[16 * COLUMNS];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        float[][] inputs = new float[ROWS][COLUMNS];
        for (float[] row : inputs) {
            for (int c = 0; c < COLUMNS; c++) {
                row[c] = (float) random.nextGaussian();
            }
        }
        RopeSpec rope = new RopeSpec(16, 16, 10000, false, null);
        int[] positions = {3, 9, 27, 81};
        InterpreterDevice device = new InterpreterDevice();
        try (XlaBackend backend = new XlaBackend(device); ReferenceBackend reference = new ReferenceBackend();
                Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(weights.length * 4L);
            MemorySegment.copy(weights, 0, bytes, java.lang.foreign.ValueLayout.JAVA_FLOAT, 0, weights.length);
            WeightTensor weight = backend.loadWeight("w", new long[] {16, COLUMNS}, QuantFormat.F32, bytes);
            WeightTensor expectedWeight = reference.loadWeight("w", new long[] {16, COLUMNS}, QuantFormat.F32, bytes);
            for (int rows : new int[] {3, 4}) {
                Tensor x = backend.allocate(ROWS, COLUMNS);
                Tensor y = backend.allocate(ROWS, 16);
                float[] sentinel = new float[16];
                java.util.Arrays.fill(sentinel, 7f);
                for (int r = 0; r < ROWS; r++) {
                    x.write(r, inputs[r], 0);
                    y.write(r, sentinel, 0);
                }
                backend.kernels().matmul(weight, x.slice(0, rows), y.slice(0, rows));
                backend.kernels().rope(y.slice(0, rows), positions, rope);

                Tensor expectedX = reference.allocate(rows, COLUMNS);
                for (int r = 0; r < rows; r++) {
                    expectedX.write(r, inputs[r], 0);
                }
                Tensor expectedY = reference.allocate(rows, 16);
                reference.kernels().matmul(expectedWeight, expectedX, expectedY);
                reference.kernels().rope(expectedY, positions, rope);
                float[] actual = new float[16];
                float[] expected = new float[16];
                for (int r = 0; r < ROWS; r++) {
                    y.read(r, actual, 0);
                    if (r < rows) {
                        expectedY.read(r, expected, 0);
                        for (int c = 0; c < 16; c++) {
                            assertThat(actual[c]).as("rows %d, row %d column %d", rows, r, c)
                                    .isCloseTo(expected[c], within(1e-4f * (1 + Math.abs(expected[c]))));
                        }
                    } else {
                        assertThat(actual).as("row %d outside the view of %d rows", r, rows).containsOnly(7f);
                    }
                }
            }
            assertThat(backend.programTexts()).as("one program for views of 3 and 4 rows (matmul then rope)")
                    .hasSize(1);
        }
    }

    @Test
    void aWholeTensorAndAViewOfItShareOneProgram() {
        RecordingDevice device = new RecordingDevice();
        try (XlaBackend backend = new XlaBackend(device)) {
            WeightTensor weight = KernelProgramsGoldenTest.weight(backend, QuantFormat.F32, 16, COLUMNS);
            Tensor x = backend.allocate(3, COLUMNS); // a storage of 4 rows, the bucket of 3
            Tensor y = backend.allocate(4, 16);
            backend.kernels().matmul(weight, x, y.slice(0, 3));
            backend.flush();
            backend.kernels().matmul(weight, backend.allocate(4, COLUMNS), y);
            backend.flush();
            assertThat(device.compiled()).as("3 rows of 4, then all 4").hasSize(1);
        }
    }
}
