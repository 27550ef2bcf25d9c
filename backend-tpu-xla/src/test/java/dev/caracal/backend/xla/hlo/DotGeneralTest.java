package dev.caracal.backend.xla.hlo;

import static dev.caracal.backend.xla.hlo.TestPrograms.counting;
import static dev.caracal.backend.xla.hlo.TestPrograms.floats;
import static dev.caracal.backend.xla.hlo.TestPrograms.longs;
import static dev.caracal.backend.xla.hlo.TestPrograms.runOp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** dot_general: result axes are the batch axes, then lhs's free axes, then rhs's free axes. */
class DotGeneralTest {

    @Test
    void batchedProductAsInTheSpec() {
        // lhs [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] times the identity in both batches is lhs again
        HostArray result = runOp("""
                "stablehlo.dot_general"(%arg0, %arg1) {dot_dimension_numbers = #stablehlo.dot<\
                lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [2], \
                rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision DEFAULT>, \
                #stablehlo<precision DEFAULT>]} : (tensor<2x2x2xi64>, tensor<2x2x2xi64>) -> tensor<2x2x2xi64>""",
                longs("tensor<2x2x2xi64>", 1, 2, 3, 4, 5, 6, 7, 8), longs("tensor<2x2x2xi64>", 1, 0, 0, 1, 1, 0, 0, 1));
        assertThat(result.toLongs()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void matrixTimesTransposedWeights() {
        // x (2x3) times W (2x3) contracting both axes 1: y[i][j] = sum_k x[i][k] * W[j][k]
        HostArray x = floats("tensor<2x3xf32>", 1, 2, 3, 4, 5, 6);
        HostArray w = floats("tensor<2x3xf32>", 1, 0, -1, 0.5, 0.5, 0.5);
        HostArray y = runOp("\"stablehlo.dot_general\"(%arg0, %arg1) {dot_dimension_numbers = #stablehlo.dot<"
                + "lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<2x3xf32>,"
                + " tensor<2x3xf32>) -> tensor<2x2xf32>", x, w);
        assertThat(y.toDoubles()).containsExactly(-2, 3, -2, 7.5);
    }

    @Test
    void freeAxesOfBothSidesFollowTheBatch() {
        // lhs 2(batch)x3(free)x4(contract), rhs 2(batch)x4(contract)x5(free) -> 2x3x5; checked against loops
        HostArray lhs = counting("tensor<2x3x4xi32>");
        HostArray rhs = counting("tensor<2x4x5xi32>");
        HostArray result = runOp("\"stablehlo.dot_general\"(%arg0, %arg1) {dot_dimension_numbers = #stablehlo.dot<"
                + "lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [2],"
                + " rhs_contracting_dimensions = [1]>} : (tensor<2x3x4xi32>, tensor<2x4x5xi32>) -> tensor<2x3x5xi32>",
                lhs, rhs);
        long[] expected = new long[2 * 3 * 5];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 5; j++) {
                    for (int k = 0; k < 4; k++) {
                        expected[(b * 3 + i) * 5 + j] += lhs.getLong((b * 3 + i) * 4 + k) * rhs.getLong((b * 4 + k) * 5
                                + j);
                    }
                }
            }
        }
        assertThat(result.toLongs()).containsExactly(expected);
    }

    @Test
    void outerProductWithNoContraction() {
        HostArray result = runOp("\"stablehlo.dot_general\"(%arg0, %arg1) {dot_dimension_numbers = #stablehlo.dot<>}"
                + " : (tensor<2xf32>, tensor<3xf32>) -> tensor<2x3xf32>", floats("tensor<2xf32>", 1, 2),
                floats("tensor<3xf32>", 1, 10, 100));
        assertThat(result.toDoubles()).containsExactly(1, 10, 100, 2, 20, 200);
    }

    @Test
    void floatsAccumulateInDoubleAndRoundOnce() {
        // 2048 + 1 + 1 in f16 steps would stay 2048 (2049 ties to even); summed exactly it is 2050, an f16 value
        HostArray result = runOp("\"stablehlo.dot_general\"(%arg0, %arg1) {dot_dimension_numbers = #stablehlo.dot<"
                + "lhs_contracting_dimensions = [0], rhs_contracting_dimensions = [0]>} : (tensor<3xf16>,"
                + " tensor<3xf16>) -> tensor<f16>", floats("tensor<3xf16>", 2048, 1, 1), floats("tensor<3xf16>", 1, 1, 1));
        assertThat(result.toDoubles()).containsExactly(2050);
        // bf16 operands with an f32 result keep the f32 sum: 256 + 1/256 is not a bf16 value
        HostArray mixed = runOp("\"stablehlo.dot_general\"(%arg0, %arg1) {dot_dimension_numbers = #stablehlo.dot<"
                + "lhs_contracting_dimensions = [0], rhs_contracting_dimensions = [0]>} : (tensor<2xbf16>,"
                + " tensor<2xbf16>) -> tensor<f32>", floats("tensor<2xbf16>", 256, 0x1p-8), floats("tensor<2xbf16>",
                1, 1));
        assertThat(mixed.toDoubles()).containsExactly(256 + 0x1p-8);
    }

    @Test
    void integerProductsWrapAround() {
        HostArray result = runOp("\"stablehlo.dot_general\"(%arg0, %arg1) {dot_dimension_numbers = #stablehlo.dot<"
                + "lhs_contracting_dimensions = [0], rhs_contracting_dimensions = [0]>} : (tensor<2xi32>,"
                + " tensor<2xi32>) -> tensor<i32>", longs("tensor<2xi32>", 65536, 1), longs("tensor<2xi32>", 65536, 5));
        assertThat(result.toLongs()).containsExactly(5);
    }

    @Test
    void theResultTypeMustBeTheImpliedOne() {
        assertThatThrownBy(() -> runOp("\"stablehlo.dot_general\"(%arg0, %arg1) {dot_dimension_numbers ="
                + " #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>} :"
                + " (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<4x2xf32>", counting("tensor<2x3xf32>"),
                counting("tensor<3x4xf32>"))).hasMessageContaining("stablehlo.dot_general: the operands and"
                + " attributes give tensor<2x4xf32>, but the declared result type is tensor<4x2xf32>");
    }

    @Test
    void contractingAxesMustMatchInSize() {
        assertThatThrownBy(() -> runOp("\"stablehlo.dot_general\"(%arg0, %arg1) {dot_dimension_numbers ="
                + " #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} :"
                + " (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>", counting("tensor<2x3xf32>"),
                counting("tensor<3x4xf32>"))).hasMessageContaining("contracting dimensions 1 of tensor<2x3xf32> and 1"
                + " of tensor<3x4xf32> differ in size");
        assertThatThrownBy(() -> runOp("\"stablehlo.dot_general\"(%arg0, %arg1) {dot_dimension_numbers ="
                + " #stablehlo.dot<lhs_contracting_dimensions = [1]>} : (tensor<2x3xf32>, tensor<3x4xf32>) ->"
                + " tensor<2x3xf32>", counting("tensor<2x3xf32>"), counting("tensor<3x4xf32>")))
                .hasMessageContaining("lhs and rhs need as many contracting dimensions");
    }

    @Test
    void unknownFieldsAndPrecisionsAreErrors() {
        assertThatThrownBy(() -> runOp("\"stablehlo.dot_general\"(%arg0, %arg1) {dot_dimension_numbers ="
                + " #stablehlo.dot<lhs_contracting_dims = [0], rhs_contracting_dimensions = [0]>} : (tensor<2xf32>,"
                + " tensor<2xf32>) -> tensor<f32>", counting("tensor<2xf32>"), counting("tensor<2xf32>")))
                .hasMessageContaining("unexpected field lhs_contracting_dims in #stablehlo.dot");
        assertThatThrownBy(() -> runOp("\"stablehlo.dot_general\"(%arg0, %arg1) {dot_dimension_numbers ="
                + " #stablehlo.dot<>, precision_config = [#stablehlo<precision DEFAULT>]} : (tensor<2xf32>,"
                + " tensor<2xf32>) -> tensor<2x2xf32>", counting("tensor<2xf32>"), counting("tensor<2xf32>")))
                .hasMessageContaining("precision_config must be two #stablehlo<precision DEFAULT|HIGH|HIGHEST>");
    }
}
