package dev.caracal.backend.xla.hlo;

import static dev.caracal.backend.xla.hlo.TestPrograms.floats;
import static dev.caracal.backend.xla.hlo.TestPrograms.longs;
import static dev.caracal.backend.xla.hlo.TestPrograms.runOp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Element-wise ops, with the spec's examples where it gives them (values in comments are the spec's). */
class ElementwiseOpsTest {

    @Test
    void floatUnaryOpsComputeInDoubleAndRoundToTheType() {
        HostArray x = floats("tensor<4xf32>", -2.5, 0, 1, 4);
        assertThat(runOp("\"stablehlo.abs\"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>", x).toDoubles())
                .containsExactly(2.5, 0, 1, 4);
        assertThat(runOp("\"stablehlo.negate\"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>", x).toDoubles())
                .containsExactly(2.5, -0.0, -1, -4);
        assertThat(runOp("\"stablehlo.floor\"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>", x).toDoubles())
                .containsExactly(-3, 0, 1, 4);
        assertThat(runOp("\"stablehlo.sqrt\"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>", x).toDoubles())
                .containsExactly(Double.NaN, 0, 1, 2);
        assertThat(runOp("\"stablehlo.rsqrt\"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>", x).toDoubles())
                .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, 1, 0.5);
        // logistic(0) = 1/2; logistic(1) = 1/(1+e^-1), rounded to f32
        assertThat(runOp("\"stablehlo.logistic\"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>", x).toFloats()[1])
                .isEqualTo(0.5f);
        assertThat(runOp("\"stablehlo.logistic\"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>", x).toFloats()[2])
                .isEqualTo((float) (1 / (1 + Math.exp(-1))));
        assertThat(runOp("\"stablehlo.exponential\"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>", x).toFloats()[2])
                .isEqualTo((float) Math.E);
        assertThat(runOp("\"stablehlo.sine\"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>", x).toFloats()[2])
                .isEqualTo((float) Math.sin(1));
        assertThat(runOp("\"stablehlo.cosine\"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>", x).toFloats()[1])
                .isEqualTo(1f);
    }

    @Test
    void f16ResultsAreRoundedToF16() {
        // e = 2.718281828...: the nearest f16 is 2.71875 (0x4170), the spacing at 2 being 2^-9
        HostArray one = floats("tensor<1xf16>", 1);
        assertThat(runOp("\"stablehlo.exponential\"(%arg0) : (tensor<1xf16>) -> tensor<1xf16>", one).toDoubles())
                .containsExactly(2.71875);
        // 65504 + 65504 overflows f16 to infinity
        HostArray max = floats("tensor<1xf16>", 65504);
        assertThat(runOp("\"stablehlo.add\"(%arg0, %arg0) : (tensor<1xf16>, tensor<1xf16>) -> tensor<1xf16>", max)
                .toDoubles()).containsExactly(Double.POSITIVE_INFINITY);
    }

    @Test
    void integerArithmeticWrapsAroundAtTheTypesWidth() {
        HostArray big = longs("tensor<2xi32>", Integer.MAX_VALUE, Integer.MIN_VALUE);
        assertThat(runOp("\"stablehlo.add\"(%arg0, %arg0) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>", big)
                .toLongs()).containsExactly(-2, 0);
        assertThat(runOp("\"stablehlo.multiply\"(%arg0, %arg0) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>",
                big).toLongs()).containsExactly(1, 0);
        assertThat(runOp("\"stablehlo.negate\"(%arg0) : (tensor<2xi32>) -> tensor<2xi32>", big).toLongs())
                .containsExactly(-Integer.MAX_VALUE, Integer.MIN_VALUE);
        HostArray bytes = longs("tensor<2xui8>", 250, 3);
        assertThat(runOp("\"stablehlo.add\"(%arg0, %arg0) : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xui8>", bytes)
                .toLongs()).containsExactly(244, 6);
        assertThat(runOp("\"stablehlo.not\"(%arg0) : (tensor<2xui8>) -> tensor<2xui8>", bytes).toLongs())
                .containsExactly(5, 252);
    }

    @Test
    void divideAndRemainderTruncateAsTheSpecSays() {
        // the spec's divide example [17.1, -17.1, 17.1, -17.1] / [3.0, 3.0, -3.0, -3.0] (its text says 5.66666651,
        // a slip for 17/3; its interpreter test says 5.7): in f32, the correctly rounded quotient of the f32 17.1
        HostArray result = runOp("\"stablehlo.divide\"(%arg0, %arg1) : (tensor<4xf32>, tensor<4xf32>) ->"
                + " tensor<4xf32>", floats("tensor<4xf32>", 17.1, -17.1, 17.1, -17.1),
                floats("tensor<4xf32>", 3, 3, -3, -3));
        float quotient = 17.1f / 3f;
        assertThat(result.toFloats()).containsExactly(quotient, -quotient, -quotient, quotient);
        // spec: remainder [17, -17, 17, -17] by [3, 3, -3, -3] = [2, -2, 2, -2]; integer divide truncates
        HostArray lhs = longs("tensor<4xi64>", 17, -17, 17, -17);
        HostArray rhs = longs("tensor<4xi64>", 3, 3, -3, -3);
        assertThat(runOp("\"stablehlo.remainder\"(%arg0, %arg1) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>",
                lhs, rhs).toLongs()).containsExactly(2, -2, 2, -2);
        assertThat(runOp("\"stablehlo.divide\"(%arg0, %arg1) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>",
                lhs, rhs).toLongs()).containsExactly(5, -5, -5, 5);
        // the float remainder takes the dividend's sign: fmod(-7.5, 2) = -1.5
        assertThat(runOp("\"stablehlo.remainder\"(%arg0, %arg1) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>",
                floats("tensor<1xf32>", -7.5), floats("tensor<1xf32>", 2)).toDoubles()).containsExactly(-1.5);
    }

    @Test
    void integerDivisionByZeroFollowsXla() {
        HostArray lhs = longs("tensor<2xi32>", 7, Integer.MIN_VALUE);
        HostArray rhs = longs("tensor<2xi32>", 0, -1);
        assertThat(runOp("\"stablehlo.divide\"(%arg0, %arg1) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>",
                lhs, rhs).toLongs()).containsExactly(-1, Integer.MIN_VALUE);
        assertThat(runOp("\"stablehlo.remainder\"(%arg0, %arg1) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>",
                lhs, rhs).toLongs()).containsExactly(7, 0);
    }

    @Test
    void maximumAndMinimumPropagateNan() {
        HostArray lhs = floats("tensor<3xf32>", 1, Double.NaN, -0.0);
        HostArray rhs = floats("tensor<3xf32>", 2, 0, 0);
        assertThat(runOp("\"stablehlo.maximum\"(%arg0, %arg1) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>",
                lhs, rhs).toDoubles()).containsExactly(2, Double.NaN, 0);
        assertThat(runOp("\"stablehlo.minimum\"(%arg0, %arg1) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>",
                lhs, rhs).toDoubles()).containsExactly(1, Double.NaN, -0.0);
    }

    @Test
    void shiftsAsInTheSpecAndBeyondTheWidth() {
        // spec: shift_left [-1, 0, 1] by [1, 2, 3] = [-2, 0, 8]
        assertThat(runOp("\"stablehlo.shift_left\"(%arg0, %arg1) : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>",
                longs("tensor<3xi64>", -1, 0, 1), longs("tensor<3xi64>", 1, 2, 3)).toLongs())
                .containsExactly(-2, 0, 8);
        // spec: shift_right_logical [-1, 0, 8] by [1, 2, 3] = [9223372036854775807, 0, 1]; arithmetic: [-1, 0, 1]
        HostArray lhs = longs("tensor<3xi64>", -1, 0, 8);
        HostArray rhs = longs("tensor<3xi64>", 1, 2, 3);
        assertThat(runOp("\"stablehlo.shift_right_logical\"(%arg0, %arg1) : (tensor<3xi64>, tensor<3xi64>) ->"
                + " tensor<3xi64>", lhs, rhs).toLongs()).containsExactly(Long.MAX_VALUE, 0, 1);
        assertThat(runOp("\"stablehlo.shift_right_arithmetic\"(%arg0, %arg1) : (tensor<3xi64>, tensor<3xi64>) ->"
                + " tensor<3xi64>", lhs, rhs).toLongs()).containsExactly(-1, 0, 1);
        // in i32 the logical shift brings in zeros at bit 31; by 32 or more (or a negative amount) all bits go
        HostArray words = longs("tensor<3xi32>", -1, -1, -8);
        HostArray amounts = longs("tensor<3xi32>", 1, 32, -1);
        assertThat(runOp("\"stablehlo.shift_right_logical\"(%arg0, %arg1) : (tensor<3xi32>, tensor<3xi32>) ->"
                + " tensor<3xi32>", words, amounts).toLongs()).containsExactly(Integer.MAX_VALUE, 0, 0);
        assertThat(runOp("\"stablehlo.shift_right_arithmetic\"(%arg0, %arg1) : (tensor<3xi32>, tensor<3xi32>) ->"
                + " tensor<3xi32>", words, amounts).toLongs()).containsExactly(-1, -1, -1);
        assertThat(runOp("\"stablehlo.shift_left\"(%arg0, %arg1) : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>",
                words, amounts).toLongs()).containsExactly(-2, 0, 0);
        // the nibbles of a byte, as a dequantizer reads them
        HostArray packed = longs("tensor<1xui8>", 0xA7);
        assertThat(runOp("\"stablehlo.shift_right_logical\"(%arg0, %arg1) : (tensor<1xui8>, tensor<1xui8>) ->"
                + " tensor<1xui8>", packed, longs("tensor<1xui8>", 4)).toLongs()).containsExactly(0xA);
        assertThat(runOp("\"stablehlo.and\"(%arg0, %arg1) : (tensor<1xui8>, tensor<1xui8>) -> tensor<1xui8>",
                packed, longs("tensor<1xui8>", 0xF)).toLongs()).containsExactly(0x7);
    }

    @Test
    void powerOfFloatsAndIntegers() {
        // spec (in f64): [-2.0, -0.0, -36.0, 5.0, 3.0, 10000.0] ^ [2.0, 2.0, 1.1, 2.0, -1.0, 10.0]
        //              = [4.0, 0.0, -nan, 25.0, 0.333333343, inf]; in f32 10000^10 overflows too
        HostArray result = runOp("\"stablehlo.power\"(%arg0, %arg1) : (tensor<6xf32>, tensor<6xf32>) ->"
                + " tensor<6xf32>", floats("tensor<6xf32>", -2, -0.0, -36, 5, 3, 10000),
                floats("tensor<6xf32>", 2, 2, 1.1, 2, -1, 10));
        assertThat(result.toFloats()).containsExactly(4f, 0f, Float.NaN, 25f, 0.333333343f, Float.POSITIVE_INFINITY);
        // the reference interpreter's test: [-1, -1, -3, 1, -3, 0] ^ [1, 0, -3, -3, 3, 2] = [-1, 1, 0, 1, -27, 0]
        assertThat(runOp("\"stablehlo.power\"(%arg0, %arg1) : (tensor<6xi64>, tensor<6xi64>) -> tensor<6xi64>",
                longs("tensor<6xi64>", -1, -1, -3, 1, -3, 0), longs("tensor<6xi64>", 1, 0, -3, -3, 3, 2)).toLongs())
                .containsExactly(-1, 1, 0, 1, -27, 0);
        // integers wrap around; a negative exponent gives 0 unless the base is 1 or -1
        HostArray ints = runOp("\"stablehlo.power\"(%arg0, %arg1) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>",
                longs("tensor<4xi32>", 3, 2, -1, 2), longs("tensor<4xi32>", 4, -1, -3, 32));
        assertThat(ints.toLongs()).containsExactly(81, 0, -1, 0);
    }

    @Test
    void logicalOpsOnBooleansAndIntegers() {
        HostArray p = longs("tensor<4xi1>", 0, 0, 1, 1);
        HostArray q = longs("tensor<4xi1>", 0, 1, 0, 1);
        assertThat(runOp("\"stablehlo.and\"(%arg0, %arg1) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>", p, q)
                .toLongs()).containsExactly(0, 0, 0, 1);
        assertThat(runOp("\"stablehlo.or\"(%arg0, %arg1) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>", p, q)
                .toLongs()).containsExactly(0, 1, 1, 1);
        assertThat(runOp("\"stablehlo.xor\"(%arg0, %arg1) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>", p, q)
                .toLongs()).containsExactly(0, 1, 1, 0);
        assertThat(runOp("\"stablehlo.not\"(%arg0) : (tensor<4xi1>) -> tensor<4xi1>", p).toLongs())
                .containsExactly(1, 1, 0, 0);
        // on i1, add is OR and multiply is AND (the spec's boolean add and multiply)
        assertThat(runOp("\"stablehlo.add\"(%arg0, %arg1) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>", p, q)
                .toLongs()).containsExactly(0, 1, 1, 1);
        assertThat(runOp("\"stablehlo.multiply\"(%arg0, %arg1) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>", p, q)
                .toLongs()).containsExactly(0, 0, 0, 1);
    }

    @Test
    void compareIsQuietOnNan() {
        // spec: [1.0, 3.0] LT [1.1, 2.9] = [true, false]
        assertThat(runOp("""
                "stablehlo.compare"(%arg0, %arg1) {comparison_direction = #stablehlo<comparison_direction LT>, \
                compare_type = #stablehlo<comparison_type FLOAT>} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xi1>""",
                floats("tensor<2xf32>", 1, 3), floats("tensor<2xf32>", 1.1, 2.9)).toLongs()).containsExactly(1, 0);
        HostArray lhs = floats("tensor<3xf32>", Double.NaN, 1, 2);
        HostArray rhs = floats("tensor<3xf32>", Double.NaN, 1, 1);
        for (String[] expected : new String[][] {{"EQ", "010"}, {"NE", "101"}, {"LE", "010"}, {"GE", "011"},
                {"GT", "001"}, {"LT", "000"}}) {
            HostArray result = runOp("\"stablehlo.compare\"(%arg0, %arg1) {comparison_direction ="
                    + " #stablehlo<comparison_direction " + expected[0] + ">} : (tensor<3xf32>, tensor<3xf32>) ->"
                    + " tensor<3xi1>", lhs, rhs);
            assertThat(result.toLongs()).as(expected[0]).containsExactly(expected[1].chars().mapToLong(c -> c - '0')
                    .toArray());
        }
    }

    @Test
    void compareOfUnsignedIntegers() {
        HostArray result = runOp("\"stablehlo.compare\"(%arg0, %arg1) {comparison_direction ="
                + " #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type UNSIGNED>} :"
                + " (tensor<2xui32>, tensor<2xui32>) -> tensor<2xi1>", longs("tensor<2xui32>", 0xFFFFFFFFL, 1),
                longs("tensor<2xui32>", 1, 2));
        assertThat(result.toLongs()).containsExactly(1, 0);
    }

    @Test
    void selectTakesAPredicateOfTheShapeOrAScalar() {
        // spec: select([[false, true], [true, false]], [[1, 2], [3, 4]], [[5, 6], [7, 8]]) = [[5, 2], [3, 8]]
        HostArray onTrue = longs("tensor<2x2xi32>", 1, 2, 3, 4);
        HostArray onFalse = longs("tensor<2x2xi32>", 5, 6, 7, 8);
        assertThat(runOp("\"stablehlo.select\"(%arg0, %arg1, %arg2) : (tensor<2x2xi1>, tensor<2x2xi32>,"
                + " tensor<2x2xi32>) -> tensor<2x2xi32>", longs("tensor<2x2xi1>", 0, 1, 1, 0), onTrue, onFalse)
                .toLongs()).containsExactly(5, 2, 3, 8);
        assertThat(runOp("\"stablehlo.select\"(%arg0, %arg1, %arg2) : (tensor<i1>, tensor<2x2xi32>,"
                + " tensor<2x2xi32>) -> tensor<2x2xi32>", longs("tensor<i1>", 1), onTrue, onFalse).toLongs())
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void convertRoundsFloatsAndTruncatesToIntegers() {
        // f32 -> int: toward zero, saturating, NaN to 0
        HostArray values = floats("tensor<5xf32>", 2.9, -2.9, 1e10, Double.NaN, -1e10);
        assertThat(runOp("\"stablehlo.convert\"(%arg0) : (tensor<5xf32>) -> tensor<5xi32>", values).toLongs())
                .containsExactly(2, -2, Integer.MAX_VALUE, 0, Integer.MIN_VALUE);
        // f32 -> f16 and bf16, nearest even: 1 + 2^-11 is halfway between f16 1 and 1 + 2^-10, so goes to 1
        HostArray near = floats("tensor<3xf32>", 1 + 0x1p-11, 1 + 0x1p-11 + 0x1p-20, 70000);
        assertThat(runOp("\"stablehlo.convert\"(%arg0) : (tensor<3xf32>) -> tensor<3xf16>", near).toDoubles())
                .containsExactly(1, 1 + 0x1p-10, Double.POSITIVE_INFINITY);
        assertThat(runOp("\"stablehlo.convert\"(%arg0) : (tensor<3xf32>) -> tensor<3xbf16>", near).toDoubles())
                .containsExactly(1, 1, 70144);
        // int -> float, int -> i1 (non-zero is true), i1 -> int, i32 -> i8 wraps
        HostArray ints = longs("tensor<3xi32>", -1, 0, 300);
        assertThat(runOp("\"stablehlo.convert\"(%arg0) : (tensor<3xi32>) -> tensor<3xf32>", ints).toDoubles())
                .containsExactly(-1, 0, 300);
        assertThat(runOp("\"stablehlo.convert\"(%arg0) : (tensor<3xi32>) -> tensor<3xi1>", ints).toLongs())
                .containsExactly(1, 0, 1);
        assertThat(runOp("\"stablehlo.convert\"(%arg0) : (tensor<3xi32>) -> tensor<3xi8>", ints).toLongs())
                .containsExactly(-1, 0, 44);
        assertThat(runOp("\"stablehlo.convert\"(%arg0) : (tensor<2xi1>) -> tensor<2xf32>",
                longs("tensor<2xi1>", 1, 0)).toDoubles()).containsExactly(1, 0);
    }

    @Test
    void bitcastConvertReinterpretsBitsOfTheSameWidth() {
        assertThat(runOp("\"stablehlo.bitcast_convert\"(%arg0) : (tensor<2xf32>) -> tensor<2xui32>",
                floats("tensor<2xf32>", 1, -2)).toLongs()).containsExactly(0x3F800000L, 0xC0000000L);
        assertThat(runOp("\"stablehlo.bitcast_convert\"(%arg0) : (tensor<2xi32>) -> tensor<2xf32>",
                longs("tensor<2xi32>", 0x7F800000, 0xBF000000L)).toDoubles())
                .containsExactly(Double.POSITIVE_INFINITY, -0.5);
        assertThat(runOp("\"stablehlo.bitcast_convert\"(%arg0) : (tensor<2xui16>) -> tensor<2xf16>",
                longs("tensor<2xui16>", 0x3C00, 0xC000)).toDoubles()).containsExactly(1, -2);
        assertThat(runOp("\"stablehlo.bitcast_convert\"(%arg0) : (tensor<2xui16>) -> tensor<2xbf16>",
                longs("tensor<2xui16>", 0x3F80, 0x4049)).toDoubles()).containsExactly(1, 3.140625);
        assertThat(runOp("\"stablehlo.bitcast_convert\"(%arg0) : (tensor<2xui8>) -> tensor<2xi8>",
                longs("tensor<2xui8>", 255, 128)).toLongs()).containsExactly(-1, -128);
    }

    @Test
    void bitcastConvertJoinsOrSplitsATrailingDimensionLittleEndian() {
        // spec: 0x0123456789ABCDEF : f64 -> [0xCDEF, 0x89AB, 0x4567, 0x0123] : 4xf16; here with i64 and ui16
        assertThat(runOp("\"stablehlo.bitcast_convert\"(%arg0) : (tensor<i64>) -> tensor<4xui16>",
                longs("tensor<i64>", 0x0123456789ABCDEFL)).toLongs()).containsExactly(0xCDEF, 0x89AB, 0x4567, 0x0123);
        // two bytes [low, high] make one f16: 0x3C00 is 1.0, 0xC000 is -2.0
        assertThat(runOp("\"stablehlo.bitcast_convert\"(%arg0) : (tensor<2x2xui8>) -> tensor<2xf16>",
                longs("tensor<2x2xui8>", 0x00, 0x3C, 0x00, 0xC0)).toDoubles()).containsExactly(1, -2);
        // the reference interpreter's test: 64 booleans, element 0 the low bit, make 0x0123456789ABCDEF
        long bits = 0x0123456789ABCDEFL;
        long[] booleans = new long[64];
        for (int i = 0; i < 64; i++) {
            booleans[i] = bits >>> i & 1;
        }
        assertThat(runOp("\"stablehlo.bitcast_convert\"(%arg0) : (tensor<64xi1>) -> tensor<i64>",
                longs("tensor<64xi1>", booleans)).toLongs()).containsExactly(bits);
    }

    @Test
    void elementwiseOpsCheckTheirTypes() {
        assertThatThrownBy(() -> runOp("\"stablehlo.exponential\"(%arg0) : (tensor<2xi32>) -> tensor<2xi32>",
                longs("tensor<2xi32>", 1, 2))).hasMessageContaining("stablehlo.exponential: needs a float tensor,"
                + " got tensor<2xi32>");
        assertThatThrownBy(() -> runOp("\"stablehlo.add\"(%arg0, %arg1) : (tensor<2xi32>, tensor<2xi64>) ->"
                + " tensor<2xi32>", longs("tensor<2xi32>", 1, 2), longs("tensor<2xi64>", 1, 2)))
                .hasMessageContaining("operands must have one type");
        assertThatThrownBy(() -> runOp("\"stablehlo.shift_left\"(%arg0, %arg0) : (tensor<2xf32>, tensor<2xf32>) ->"
                + " tensor<2xf32>", floats("tensor<2xf32>", 1, 2))).hasMessageContaining("needs an integer tensor");
        assertThatThrownBy(() -> runOp("\"stablehlo.bitcast_convert\"(%arg0) : (tensor<3xui8>) -> tensor<f16>",
                longs("tensor<3xui8>", 1, 2, 3))).hasMessageContaining("the last dimension of tensor<3xui8> times 8"
                + " bits must be the 16 bits of f16");
        assertThatThrownBy(() -> runOp("\"stablehlo.convert\"(%arg0) : (tensor<3xf32>) -> tensor<4xf16>",
                floats("tensor<3xf32>", 1, 2, 3))).hasMessageContaining("give tensor<3xf16>");
        assertThatThrownBy(() -> runOp("\"stablehlo.compare\"(%arg0, %arg0) {comparison_direction ="
                + " #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type TOTALORDER>} :"
                + " (tensor<1xf32>, tensor<1xf32>) -> tensor<1xi1>", floats("tensor<1xf32>", 1)))
                .hasMessageContaining("compare_type TOTALORDER is not supported");
    }
}
