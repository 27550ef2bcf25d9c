package dev.caracal.backend.xla.hlo;

import static dev.caracal.backend.xla.hlo.TestPrograms.counting;
import static dev.caracal.backend.xla.hlo.TestPrograms.floats;
import static dev.caracal.backend.xla.hlo.TestPrograms.longs;
import static dev.caracal.backend.xla.hlo.TestPrograms.runOp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Ops that move elements: broadcast, reshape, transpose, slices, concatenation, iota. Examples are the spec's. */
class ShapeOpsTest {

    @Test
    void broadcastInDimAsInTheSpec() {
        // [[1, 2, 3]] with broadcast_dimensions [2, 1] -> 2x3x2: [[[1, 1], [2, 2], [3, 3]], (the same again)]
        HostArray result = runOp("\"stablehlo.broadcast_in_dim\"(%arg0) {broadcast_dimensions = array<i64: 2, 1>} :"
                + " (tensor<1x3xi32>) -> tensor<2x3x2xi32>", longs("tensor<1x3xi32>", 1, 2, 3));
        assertThat(result.toLongs()).containsExactly(1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3);
    }

    @Test
    void broadcastInDimOfAScalarAndAColumn() {
        assertThat(runOp("\"stablehlo.broadcast_in_dim\"(%arg0) {broadcast_dimensions = array<i64>} : (tensor<f32>)"
                + " -> tensor<2x2xf32>", floats("tensor<f32>", 1.5)).toDoubles()).containsExactly(1.5, 1.5, 1.5, 1.5);
        assertThat(runOp("\"stablehlo.broadcast_in_dim\"(%arg0) {broadcast_dimensions = array<i64: 0>} :"
                + " (tensor<2xf32>) -> tensor<2x3xf32>", floats("tensor<2xf32>", 1, 2)).toDoubles())
                .containsExactly(1, 1, 1, 2, 2, 2);
        assertThatThrownBy(() -> runOp("\"stablehlo.broadcast_in_dim\"(%arg0) {broadcast_dimensions ="
                + " array<i64: 0>} : (tensor<2xf32>) -> tensor<3x2xf32>", floats("tensor<2xf32>", 1, 2)))
                .hasMessageContaining("operand axis 0 of size 2 cannot broadcast to result axis 0 of size 3");
    }

    @Test
    void reshapeKeepsRowMajorOrder() {
        // spec: [[1, 2, 3], [4, 5, 6]] -> [[1, 2], [3, 4], [5, 6]]
        assertThat(runOp("\"stablehlo.reshape\"(%arg0) : (tensor<2x3xi32>) -> tensor<3x2xi32>",
                longs("tensor<2x3xi32>", 1, 2, 3, 4, 5, 6)).toLongs()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> runOp("\"stablehlo.reshape\"(%arg0) : (tensor<2x3xi32>) -> tensor<4xi32>",
                counting("tensor<2x3xi32>"))).hasMessageContaining("tensor<2x3xi32> has 6 elements, tensor<4xi32>"
                + " has 4");
    }

    @Test
    void transposeAsInTheSpec() {
        // [[[1,2], [3,4], [5,6]], [[7,8], [9,10], [11,12]]] with permutation [2, 1, 0]
        //   -> [[[1,7], [3,9], [5,11]], [[2,8], [4,10], [6,12]]]
        HostArray result = runOp("\"stablehlo.transpose\"(%arg0) {permutation = array<i64: 2, 1, 0>} :"
                + " (tensor<2x3x2xi32>) -> tensor<2x3x2xi32>", longs("tensor<2x3x2xi32>", 1, 2, 3, 4, 5, 6, 7, 8, 9,
                10, 11, 12));
        assertThat(result.toLongs()).containsExactly(1, 7, 3, 9, 5, 11, 2, 8, 4, 10, 6, 12);
        assertThat(runOp("\"stablehlo.transpose\"(%arg0) {permutation = array<i64: 1, 0>} : (tensor<2x3xi32>) ->"
                + " tensor<3x2xi32>", counting("tensor<2x3xi32>")).toLongs()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThatThrownBy(() -> runOp("\"stablehlo.transpose\"(%arg0) {permutation = array<i64: 1, 1>} :"
                + " (tensor<2x3xi32>) -> tensor<3x3xi32>", counting("tensor<2x3xi32>")))
                .hasMessageContaining("permutation [1, 1] must be distinct axes of a rank-2 tensor");
    }

    @Test
    void sliceAsInTheSpecAndWithStrides() {
        // [[0, 0, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]] from [1, 2] to [3, 4] -> [[1, 1], [1, 1]]
        assertThat(runOp("\"stablehlo.slice\"(%arg0) {start_indices = array<i64: 1, 2>, limit_indices ="
                + " array<i64: 3, 4>, strides = array<i64: 1, 1>} : (tensor<3x4xi64>) -> tensor<2x2xi64>",
                longs("tensor<3x4xi64>", 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1)).toLongs()).containsExactly(1, 1, 1, 1);
        // the even columns: ceil((5 - 0) / 2) = 3 of them
        assertThat(runOp("\"stablehlo.slice\"(%arg0) {start_indices = array<i64: 0, 0>, limit_indices ="
                + " array<i64: 2, 5>, strides = array<i64: 1, 2>} : (tensor<2x5xi64>) -> tensor<2x3xi64>",
                counting("tensor<2x5xi64>")).toLongs()).containsExactly(0, 2, 4, 5, 7, 9);
        assertThatThrownBy(() -> runOp("\"stablehlo.slice\"(%arg0) {start_indices = array<i64: 0, 0>, limit_indices"
                + " = array<i64: 2, 5>, strides = array<i64: 1, 2>} : (tensor<2x5xi64>) -> tensor<2x2xi64>",
                counting("tensor<2x5xi64>"))).hasMessageContaining("give tensor<2x3xi64>, but the declared result"
                + " type is tensor<2x2xi64>");
    }

    @Test
    void concatenateAsInTheSpecAndAlongTheLastAxis() {
        // [[1, 2], [3, 4], [5, 6]] and [[7, 8]] along 0 -> [[1, 2], [3, 4], [5, 6], [7, 8]]
        assertThat(runOp("\"stablehlo.concatenate\"(%arg0, %arg1) {dimension = 0 : i64} : (tensor<3x2xi64>,"
                + " tensor<1x2xi64>) -> tensor<4x2xi64>", longs("tensor<3x2xi64>", 1, 2, 3, 4, 5, 6),
                longs("tensor<1x2xi64>", 7, 8)).toLongs()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(runOp("\"stablehlo.concatenate\"(%arg0, %arg1, %arg0) {dimension = 1 : i64} : (tensor<2x1xi64>,"
                + " tensor<2x2xi64>, tensor<2x1xi64>) -> tensor<2x4xi64>", longs("tensor<2x1xi64>", 1, 2),
                longs("tensor<2x2xi64>", 3, 4, 5, 6)).toLongs()).containsExactly(1, 3, 4, 1, 2, 5, 6, 2);
    }

    @Test
    void iotaAsInTheSpec() {
        assertThat(runOp("\"stablehlo.iota\"() {iota_dimension = 0 : i64} : () -> tensor<4x5xi32>").toLongs())
                .containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3);
        assertThat(runOp("\"stablehlo.iota\"() {iota_dimension = 1 : i64} : () -> tensor<2x5xf32>").toDoubles())
                .containsExactly(0, 1, 2, 3, 4, 0, 1, 2, 3, 4);
    }

    @Test
    void dynamicSliceClampsItsStartsAsInTheSpec() {
        // [[0, 0, 1, 1], [0, 0, 1, 1], [0, 0, 0, 0], [0, 0, 0, 0]] from (-1, 3), 2x2 -> starts clamp to (0, 2)
        HostArray operand = longs("tensor<4x4xi32>", 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(runOp("\"stablehlo.dynamic_slice\"(%arg0, %arg1, %arg2) {slice_sizes = array<i64: 2, 2>} :"
                + " (tensor<4x4xi32>, tensor<i64>, tensor<i64>) -> tensor<2x2xi32>", operand, longs("tensor<i64>", -1),
                longs("tensor<i64>", 3)).toLongs()).containsExactly(1, 1, 1, 1);
        assertThat(runOp("\"stablehlo.dynamic_slice\"(%arg0, %arg1, %arg2) {slice_sizes = array<i64: 1, 3>} :"
                + " (tensor<3x4xf32>, tensor<i32>, tensor<i32>) -> tensor<1x3xf32>", HostArray.of(
                TensorType.of("tensor<3x4xf32>"), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), longs("tensor<i32>", 2),
                longs("tensor<i32>", 1)).toDoubles()).containsExactly(9, 10, 11);
    }

    @Test
    void dynamicUpdateSliceClampsItsStartsAsInTheSpec() {
        // [[1, 1, 0, 0], [1, 1, 0, 0], [1, 1, 1, 1], [1, 1, 1, 1]] updated with 2x2 ones at (-1, 3) -> all ones
        HostArray operand = longs("tensor<4x4xi32>", 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(runOp("\"stablehlo.dynamic_update_slice\"(%arg0, %arg1, %arg2, %arg3) : (tensor<4x4xi32>,"
                + " tensor<2x2xi32>, tensor<i64>, tensor<i64>) -> tensor<4x4xi32>", operand,
                longs("tensor<2x2xi32>", 1, 1, 1, 1), longs("tensor<i64>", -1), longs("tensor<i64>", 3)).toLongs())
                .containsOnly(1);
        // a KV cache row written at position 1
        assertThat(runOp("\"stablehlo.dynamic_update_slice\"(%arg0, %arg1, %arg2, %arg3) : (tensor<3x2xf16>,"
                + " tensor<1x2xf16>, tensor<i32>, tensor<i32>) -> tensor<3x2xf16>", floats("tensor<3x2xf16>", 0, 0,
                0, 0, 0, 0), floats("tensor<1x2xf16>", 1.5, -2), longs("tensor<i32>", 1), longs("tensor<i32>", 0))
                .toDoubles()).containsExactly(0, 0, 1.5, -2, 0, 0);
    }

    @Test
    void dynamicSliceChecksItsStartIndices() {
        assertThatThrownBy(() -> runOp("\"stablehlo.dynamic_slice\"(%arg0, %arg1) {slice_sizes = array<i64: 2, 2>}"
                + " : (tensor<4x4xi32>, tensor<i64>) -> tensor<2x2xi32>", counting("tensor<4x4xi32>"),
                longs("tensor<i64>", 0))).hasMessageContaining("takes 3 operands, got 2");
        assertThatThrownBy(() -> runOp("\"stablehlo.dynamic_slice\"(%arg0, %arg1, %arg2) {slice_sizes ="
                + " array<i64: 2, 2>} : (tensor<4x4xi32>, tensor<i64>, tensor<i32>) -> tensor<2x2xi32>",
                counting("tensor<4x4xi32>"), longs("tensor<i64>", 0), longs("tensor<i32>", 0)))
                .hasMessageContaining("start indices must be integer scalars of one type");
        assertThatThrownBy(() -> runOp("\"stablehlo.dynamic_slice\"(%arg0, %arg1, %arg2) {slice_sizes ="
                + " array<i64: 5, 2>} : (tensor<4x4xi32>, tensor<i64>, tensor<i64>) -> tensor<5x2xi32>",
                counting("tensor<4x4xi32>"), longs("tensor<i64>", 0), longs("tensor<i64>", 0)))
                .hasMessageContaining("slice_sizes [5, 2] do not fit in tensor<4x4xi32>");
    }
}
