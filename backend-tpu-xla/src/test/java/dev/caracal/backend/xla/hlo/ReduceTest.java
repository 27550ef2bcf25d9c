package dev.caracal.backend.xla.hlo;

import static dev.caracal.backend.xla.hlo.TestPrograms.counting;
import static dev.caracal.backend.xla.hlo.TestPrograms.floats;
import static dev.caracal.backend.xla.hlo.TestPrograms.longs;
import static dev.caracal.backend.xla.hlo.TestPrograms.runOp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** reduce with a one-op body: a left fold from the init value over the reduced axes. */
class ReduceTest {

    private static String reduce(String body, String element, String dimensions, String types) {
        return """
                "stablehlo.reduce"(%arg0, %arg1) ({
                ^bb0(%a: tensor<ELEMENT>, %b: tensor<ELEMENT>):
                  %s = "BODY"(%a, %b) : (tensor<ELEMENT>, tensor<ELEMENT>) -> tensor<ELEMENT>
                  "stablehlo.return"(%s) : (tensor<ELEMENT>) -> ()
                }) {dimensions = array<i64: DIMENSIONS>} : TYPES
                """.replace("BODY", body).replace("ELEMENT", element).replace("DIMENSIONS", dimensions)
                .replace("TYPES", types);
    }

    @Test
    void sumAsInTheSpec() {
        // [[0, 1, 2, 3, 4, 5]] summed over axis 1 from 0 -> [15]
        HostArray result = runOp(reduce("stablehlo.add", "i64", "1", "(tensor<1x6xi64>, tensor<i64>) ->"
                + " tensor<1xi64>"), counting("tensor<1x6xi64>"), longs("tensor<i64>", 0));
        assertThat(result.toLongs()).containsExactly(15);
    }

    @Test
    void maximumOfEachRowFromMinusInfinity() {
        HostArray result = runOp(reduce("stablehlo.maximum", "f32", "1", "(tensor<2x3xf32>, tensor<f32>) ->"
                + " tensor<2xf32>"), floats("tensor<2x3xf32>", 1, 5, -2, -7, -8, -9),
                floats("tensor<f32>", Double.NEGATIVE_INFINITY));
        assertThat(result.toDoubles()).containsExactly(5, -7);
    }

    @Test
    void severalAxesInAnyOrderAndTheInitValueCounts() {
        // 2x3x2 counting 0..11; over axes 2 and 0: result[j] = sum over i, k of 6i + 2j + k, plus the init 100
        HostArray result = runOp(reduce("stablehlo.add", "i32", "2, 0", "(tensor<2x3x2xi32>, tensor<i32>) ->"
                + " tensor<3xi32>"), counting("tensor<2x3x2xi32>"), longs("tensor<i32>", 100));
        assertThat(result.toLongs()).containsExactly(100 + 0 + 1 + 6 + 7, 100 + 2 + 3 + 8 + 9, 100 + 4 + 5 + 10 + 11);
        HostArray product = runOp(reduce("stablehlo.multiply", "i32", "0", "(tensor<2x3x2xi32>, tensor<i32>) ->"
                + " tensor<3x2xi32>"), counting("tensor<2x3x2xi32>"), longs("tensor<i32>", 1));
        assertThat(product.toLongs()).containsExactly(0, 7, 16, 27, 40, 55);
    }

    @Test
    void eachStepRoundsToTheElementType() {
        // folding 2048 + 1 + 1 in f16: 2049 ties to 2048 twice (dot_general would give 2050)
        HostArray result = runOp(reduce("stablehlo.add", "f16", "0", "(tensor<3xf16>, tensor<f16>) -> tensor<f16>"),
                floats("tensor<3xf16>", 2048, 1, 1), floats("tensor<f16>", 0));
        assertThat(result.toDoubles()).containsExactly(2048);
    }

    @Test
    void minimumOverAllAxesGivesAScalar() {
        HostArray result = runOp(reduce("stablehlo.minimum", "i8", "0, 1", "(tensor<2x2xi8>, tensor<i8>) ->"
                + " tensor<i8>"), longs("tensor<2x2xi8>", 3, -4, 5, 6), longs("tensor<i8>", 127));
        assertThat(result.toLongs()).containsExactly(-4);
    }

    @Test
    void theResultTypeAndInitValueAreChecked() {
        assertThatThrownBy(() -> runOp(reduce("stablehlo.add", "f32", "1", "(tensor<2x3xf32>, tensor<f32>) ->"
                + " tensor<3xf32>"), counting("tensor<2x3xf32>"), floats("tensor<f32>", 0)))
                .hasMessageContaining("give tensor<2xf32>, but the declared result type is tensor<3xf32>");
        assertThatThrownBy(() -> runOp(reduce("stablehlo.add", "f32", "1", "(tensor<2x3xf32>, tensor<1xf32>) ->"
                + " tensor<2xf32>"), counting("tensor<2x3xf32>"), floats("tensor<1xf32>", 0)))
                .hasMessageContaining("the init value must be tensor<f32>, got tensor<1xf32>");
        assertThatThrownBy(() -> runOp(reduce("stablehlo.add", "f32", "1, 1", "(tensor<2x3xf32>, tensor<f32>) ->"
                + " tensor<2xf32>"), counting("tensor<2x3xf32>"), floats("tensor<f32>", 0)))
                .hasMessageContaining("dimensions [1, 1] must be distinct axes of a rank-2 tensor");
    }

    @Test
    void theBodyMustBeOneCombiningOp() {
        assertThatThrownBy(() -> runOp(reduce("stablehlo.subtract", "f32", "1", "(tensor<2x3xf32>, tensor<f32>) ->"
                + " tensor<2xf32>"), counting("tensor<2x3xf32>"), floats("tensor<f32>", 0)))
                .hasMessageContaining("line 5: the region of stablehlo.reduce must be");
        assertThatThrownBy(() -> runOp(reduce("stablehlo.add", "f16", "1", "(tensor<2x3xf32>, tensor<f32>) ->"
                + " tensor<2xf32>"), counting("tensor<2x3xf32>"), floats("tensor<f32>", 0)))
                .hasMessageContaining("line 4: the region of stablehlo.reduce must be")
                .hasMessageContaining("got arguments [tensor<f16>, tensor<f16>]");
        String returnsFirst = """
                "stablehlo.reduce"(%arg0, %arg1) ({
                ^bb0(%a: tensor<f32>, %b: tensor<f32>):
                  "stablehlo.return"(%b) : (tensor<f32>) -> ()
                }) {dimensions = array<i64: 1>} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
                """;
        assertThatThrownBy(() -> runOp(returnsFirst, counting("tensor<2x3xf32>"), floats("tensor<f32>", 0)))
                .hasMessageContaining("stablehlo.reduce: the body must combine its two arguments");
    }
}
