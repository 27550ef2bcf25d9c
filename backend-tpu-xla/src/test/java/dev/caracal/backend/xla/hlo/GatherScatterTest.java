package dev.caracal.backend.xla.hlo;

import static dev.caracal.backend.xla.hlo.TestPrograms.floats;
import static dev.caracal.backend.xla.hlo.TestPrograms.longs;
import static dev.caracal.backend.xla.hlo.TestPrograms.runOp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** gather and scatter with the spec's examples (this one's and the one before batching dims) and Caracal's uses. */
class GatherScatterTest {

    private static HostArray oneTo(String type, int last) {
        return longs(type, LongStream.rangeClosed(1, last).toArray());
    }

    @Test
    void gatherAsInTheSpecBeforeBatchingDims() {
        // operand 3x4x2 holding 1..24; index pairs [d1, d0] pick 2x2 windows over axes 1 and 2 of operand[d0]
        HostArray result = runOp("""
                "stablehlo.gather"(%arg0, %arg1) {dimension_numbers = #stablehlo.gather<offset_dims = [2, 3], \
                collapsed_slice_dims = [0], start_index_map = [1, 0], index_vector_dim = 2>, \
                slice_sizes = array<i64: 1, 2, 2>, indices_are_sorted = false} : \
                (tensor<3x4x2xi32>, tensor<2x3x2xi64>) -> tensor<2x3x2x2xi32>""", oneTo("tensor<3x4x2xi32>", 24),
                longs("tensor<2x3x2xi64>", 0, 0, 1, 0, 2, 1, 0, 1, 1, 1, 0, 2));
        assertThat(result.toLongs()).containsExactly(
                1, 2, 3, 4, 3, 4, 5, 6, 13, 14, 15, 16,
                9, 10, 11, 12, 11, 12, 13, 14, 17, 18, 19, 20);
    }

    @Test
    void gatherAsInTheSpecWithBatchingDimsAndAClampedIndex() {
        // operand 2x3x4x2 holding 1..48; the index [0, 9] clamps to [0, 2] on axis 1 (3 - 1 = 2)
        HostArray result = runOp("""
                "stablehlo.gather"(%arg0, %arg1) {dimension_numbers = #stablehlo.gather<offset_dims = [3, 4], \
                collapsed_slice_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [1], \
                start_index_map = [2, 1], index_vector_dim = 3>, slice_sizes = array<i64: 1, 1, 2, 2>, \
                indices_are_sorted = false} : (tensor<2x3x4x2xi32>, tensor<2x2x3x2xi64>) -> tensor<2x2x3x2x2xi32>""",
                oneTo("tensor<2x3x4x2xi32>", 48), longs("tensor<2x2x3x2xi64>", 0, 0, 1, 0, 2, 1, 0, 1, 1, 1, 0, 9,
                0, 0, 2, 1, 2, 2, 1, 2, 0, 1, 1, 0));
        assertThat(result.toLongs()).containsExactly(
                1, 2, 3, 4, 3, 4, 5, 6, 13, 14, 15, 16,
                33, 34, 35, 36, 35, 36, 37, 38, 41, 42, 43, 44,
                1, 2, 3, 4, 13, 14, 15, 16, 21, 22, 23, 24,
                43, 44, 45, 46, 33, 34, 35, 36, 27, 28, 29, 30);
    }

    @Test
    void gatherOfEmbeddingRowsClampsOutOfRangeIds() {
        // the token embedding lookup: rows of a 4x2 table for ids [3, 0, 9]; 9 clamps to the last row
        HostArray table = floats("tensor<4x2xf32>", 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5);
        HostArray result = runOp("""
                "stablehlo.gather"(%arg0, %arg1) {dimension_numbers = #stablehlo.gather<offset_dims = [1], \
                collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, \
                slice_sizes = array<i64: 1, 2>} : (tensor<4x2xf32>, tensor<3x1xi32>) -> tensor<3x2xf32>""", table,
                longs("tensor<3x1xi32>", 3, 0, 9));
        assertThat(result.toDoubles()).containsExactly(3, 3.5, 0, 0.5, 3, 3.5);
        // the same with the index vector dim past the last axis: each index is a scalar
        HostArray scalars = runOp("""
                "stablehlo.gather"(%arg0, %arg1) {dimension_numbers = #stablehlo.gather<offset_dims = [1], \
                collapsed_slice_dims = [0], operand_batching_dims = [], start_indices_batching_dims = [], \
                start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 2>} : \
                (tensor<4x2xf32>, tensor<3xi32>) -> tensor<3x2xf32>""", table, longs("tensor<3xi32>", 3, 0, -1));
        assertThat(scalars.toDoubles()).containsExactly(3, 3.5, 0, 0.5, 0, 0.5);
    }

    @Test
    void gatherChecksItsResultType() {
        assertThatThrownBy(() -> runOp("""
                "stablehlo.gather"(%arg0, %arg1) {dimension_numbers = #stablehlo.gather<offset_dims = [1], \
                collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, \
                slice_sizes = array<i64: 1, 2>} : (tensor<4x2xf32>, tensor<3x1xi32>) -> tensor<2x3xf32>""",
                floats("tensor<4x2xf32>", 0, 0, 0, 0, 0, 0, 0, 0), longs("tensor<3x1xi32>", 0, 0, 0)))
                .hasMessageContaining("stablehlo.gather: the operands and attributes give tensor<3x2xf32>, but the"
                        + " declared result type is tensor<2x3xf32>");
        assertThatThrownBy(() -> runOp("""
                "stablehlo.gather"(%arg0, %arg1) {dimension_numbers = #stablehlo.gather<offset_dims = [1], \
                collapsed_slice_dims = [0], start_index_map = [0, 1], index_vector_dim = 1>, \
                slice_sizes = array<i64: 1, 2>} : (tensor<4x2xf32>, tensor<3x1xi32>) -> tensor<3x2xf32>""",
                floats("tensor<4x2xf32>", 0, 0, 0, 0, 0, 0, 0, 0), longs("tensor<3x1xi32>", 0, 0, 0)))
                .hasMessageContaining("the index map needs 1 entries (the index vector's size), got [0, 1]");
    }

    @Test
    void scatterAddAsInTheSpecBeforeBatchingDimsSkippingAnOutOfBoundsWindow() {
        // input 3x4x2 holding 1..24, updates all ones; the index [0, 9] points past axis 0 and is skipped
        HostArray result = runOp("""
                "stablehlo.scatter"(%arg0, %arg1, %arg2) ({
                ^bb0(%a: tensor<i64>, %b: tensor<i64>):
                  %0 = "stablehlo.add"(%a, %b) : (tensor<i64>, tensor<i64>) -> tensor<i64>
                  "stablehlo.return"(%0) : (tensor<i64>) -> ()
                }) {scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [2, 3], \
                inserted_window_dims = [0], scatter_dims_to_operand_dims = [1, 0], index_vector_dim = 2>, \
                indices_are_sorted = false, unique_indices = false} : \
                (tensor<3x4x2xi64>, tensor<2x3x2xi64>, tensor<2x3x2x2xi64>) -> tensor<3x4x2xi64>""",
                oneTo("tensor<3x4x2xi64>", 24), longs("tensor<2x3x2xi64>", 0, 2, 1, 0, 2, 1, 0, 1, 1, 0, 0, 9),
                longs("tensor<2x3x2x2xi64>", LongStream.generate(() -> 1).limit(24).toArray()));
        assertThat(result.toLongs()).containsExactly(
                1, 2, 5, 6, 7, 8, 7, 8,
                10, 11, 12, 13, 14, 15, 16, 17,
                18, 19, 20, 21, 21, 22, 23, 24);
    }

    @Test
    void scatterAddAsInTheSpecWithBatchingDims() {
        HostArray result = runOp("""
                "stablehlo.scatter"(%arg0, %arg1, %arg2) ({
                ^bb0(%arg3: tensor<i64>, %arg4: tensor<i64>):
                  %0 = "stablehlo.add"(%arg3, %arg4) : (tensor<i64>, tensor<i64>) -> tensor<i64>
                  "stablehlo.return"(%0) : (tensor<i64>) -> ()
                }) {scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [3, 4], \
                inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [1], \
                scatter_dims_to_operand_dims = [2, 1], index_vector_dim = 3>, indices_are_sorted = false, \
                unique_indices = false} : (tensor<2x3x4x2xi64>, tensor<2x2x3x2xi64>, tensor<2x2x3x2x2xi64>) -> \
                tensor<2x3x4x2xi64>""", oneTo("tensor<2x3x4x2xi64>", 48), longs("tensor<2x2x3x2xi64>", 0, 0, 1, 0, 2,
                1, 0, 1, 1, 1, 0, 9, 0, 0, 2, 1, 2, 2, 1, 2, 0, 1, 1, 0),
                longs("tensor<2x2x3x2x2xi64>", LongStream.generate(() -> 1).limit(48).toArray()));
        assertThat(result.toLongs()).containsExactly(
                3, 4, 6, 7, 6, 7, 7, 8,
                9, 10, 11, 12, 15, 16, 17, 18,
                17, 18, 19, 20, 22, 23, 24, 25,
                25, 26, 28, 29, 30, 31, 31, 32,
                35, 36, 38, 39, 38, 39, 39, 40,
                41, 42, 44, 45, 46, 47, 47, 48);
    }

    @Test
    void scatterReplacesCacheRowsAndSkipsOutOfBoundsOnes() {
        // the KV cache write: rows [2] and [4] of a 4x2 cache; row 4 does not exist, so its update is dropped
        String scatter = """
                "stablehlo.scatter"(%arg0, %arg1, %arg2) ({
                ^bb0(%a: tensor<f16>, %b: tensor<f16>):
                  "stablehlo.return"(%b) : (tensor<f16>) -> ()
                }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<\
                update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], \
                index_vector_dim = 1>, unique_indices = false} : \
                (tensor<4x2xf16>, tensor<2x1xi32>, tensor<2x2xf16>) -> tensor<4x2xf16>""";
        HostArray cache = floats("tensor<4x2xf16>", 1, 1, 1, 1, 1, 1, 1, 1);
        HostArray result = runOp(scatter, cache, longs("tensor<2x1xi32>", 2, 4), floats("tensor<2x2xf16>", 5, 6, 7, 8));
        assertThat(result.toDoubles()).containsExactly(1, 1, 1, 1, 5, 6, 1, 1);
        HostArray negative = runOp(scatter, cache, longs("tensor<2x1xi32>", -1, 0), floats("tensor<2x2xf16>", 5, 6,
                7, 8));
        assertThat(negative.toDoubles()).containsExactly(7, 8, 1, 1, 1, 1, 1, 1);
    }

    @Test
    void scatterChecksItsUpdatesAndBody() {
        String types = "(tensor<4x2xf32>, tensor<2x1xi32>, tensor<2x3xf32>) -> tensor<4x2xf32>";
        String wideUpdates = """
                "stablehlo.scatter"(%arg0, %arg1, %arg2) ({
                ^bb0(%a: tensor<f32>, %b: tensor<f32>):
                  "stablehlo.return"(%b) : (tensor<f32>) -> ()
                }) {scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], \
                inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>} : TYPES"""
                .replace("TYPES", types);
        HostArray cache = floats("tensor<4x2xf32>", 0, 0, 0, 0, 0, 0, 0, 0);
        HostArray indices = longs("tensor<2x1xi32>", 0, 1);
        HostArray updates = floats("tensor<2x3xf32>", 0, 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> runOp(wideUpdates, cache, indices, updates)).hasMessageContaining("updates"
                + " tensor<2x3xf32> do not match the scatter indices tensor<2x1xi32> and window dims of"
                + " tensor<4x2xf32> (axis 1)");
        String returnsCurrent = wideUpdates.replace("\"stablehlo.return\"(%b)", "\"stablehlo.return\"(%a)");
        assertThatThrownBy(() -> runOp(returnsCurrent, cache, indices, updates)).hasMessageContaining("line 5: the"
                + " region of stablehlo.scatter must be");
    }
}
