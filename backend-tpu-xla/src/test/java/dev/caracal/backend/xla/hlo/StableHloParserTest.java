package dev.caracal.backend.xla.hlo;

import static dev.caracal.backend.xla.hlo.TestPrograms.floats;
import static dev.caracal.backend.xla.hlo.TestPrograms.module;
import static dev.caracal.backend.xla.hlo.TestPrograms.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.backend.xla.hlo.Program.Combiner;
import dev.caracal.backend.xla.hlo.Program.Op;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The program structure the parser builds, and the errors it raises: each names its line and the problem. */
class StableHloParserTest {

    /** RMS norm of two rows (eps = 1e-5 as MLIR prints its f32), then row 1 of a cache set to the first 3 values. */
    private static final String RMS_NORM = """
            module @caracal {
              func.func public @main(%arg0: tensor<2x4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<2x3xf16> \
            {tf.aliasing_output = 1 : i32}) -> (tensor<2x4xf32>, tensor<2x3xf16>) {
                %0 = "stablehlo.constant"() {value = dense<0.000000e+00> : tensor<f32>} : () -> tensor<f32>
                %1 = "stablehlo.multiply"(%arg0, %arg0) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
                %2 = "stablehlo.reduce"(%1, %0) ({
                ^bb0(%a: tensor<f32>, %b: tensor<f32>):
                  %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
                  "stablehlo.return"(%s) : (tensor<f32>) -> ()
                }) {dimensions = array<i64: 1>} : (tensor<2x4xf32>, tensor<f32>) -> tensor<2xf32>
                %3 = "stablehlo.constant"() {value = dense<2.500000e-01> : tensor<2xf32>} : () -> tensor<2xf32>
                %4 = "stablehlo.multiply"(%2, %3) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
                %5 = "stablehlo.constant"() {value = dense<9.99999974E-6> : tensor<2xf32>} : () -> tensor<2xf32>
                %6 = "stablehlo.add"(%4, %5) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
                %7 = "stablehlo.rsqrt"(%6) : (tensor<2xf32>) -> tensor<2xf32>
                %8 = "stablehlo.broadcast_in_dim"(%7) {broadcast_dimensions = array<i64: 0>} : (tensor<2xf32>) -> tensor<2x4xf32>
                %9 = "stablehlo.multiply"(%arg0, %8) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
                %10 = "stablehlo.broadcast_in_dim"(%arg1) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<2x4xf32>
                %11 = "stablehlo.multiply"(%9, %10) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
                %12 = "stablehlo.convert"(%11) : (tensor<2x4xf32>) -> tensor<2x4xf16>
                %13 = "stablehlo.slice"(%12) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 3>, strides = array<i64: 1, 1>} : (tensor<2x4xf16>) -> tensor<1x3xf16>
                %row = "stablehlo.constant"() {value = dense<1> : tensor<i32>} : () -> tensor<i32>
                %zero = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
                %14 = "stablehlo.dynamic_update_slice"(%arg2, %13, %row, %zero) : (tensor<2x3xf16>, tensor<1x3xf16>, tensor<i32>, tensor<i32>) -> tensor<2x3xf16>
                "func.return"(%11, %14) : (tensor<2x4xf32>, tensor<2x3xf16>) -> ()
              }
            }
            """;

    @Test
    void theProgramHasArgumentsOpsAndResults() {
        Program program = StableHloParser.parse(RMS_NORM);
        assertThat(program.arguments()).extracting(Program.Argument::name).containsExactly("%arg0", "%arg1", "%arg2");
        assertThat(program.arguments().get(2).type()).isEqualTo(type("tensor<2x3xf16>"));
        assertThat(program.arguments().get(2).aliasedOutput()).isEqualTo(OptionalInt.of(1));
        assertThat(program.arguments().get(0).aliasedOutput()).isEmpty();
        assertThat(program.results()).containsExactly("%11", "%14");
        assertThat(program.resultTypes()).containsExactly(type("tensor<2x4xf32>"), type("tensor<2x3xf16>"));
        assertThat(program.ops()).hasSize(17);
        Op reduce = program.ops().get(2);
        assertThat(reduce.line()).isEqualTo(5);
        assertThat(reduce.name()).isEqualTo("stablehlo.reduce");
        assertThat(reduce.operands()).containsExactly("%1", "%0");
        assertThat(reduce.body()).contains(Combiner.ADD);
        assertThat(reduce.integers("dimensions")).containsExactly(1);
        assertThat(reduce.resultType()).isEqualTo(type("tensor<2xf32>"));
        assertThat(program.ops().get(7).line()).isEqualTo(14);
    }

    @Test
    void theProgramRunsAsFloatArithmeticWould() {
        float[] x = {1, 2, 3, 4, -0.5f, 0, 0.25f, 8};
        float[] w = {1, 0.5f, -1, 2};
        List<HostArray> results = StableHloInterpreter.run(RMS_NORM, floats("tensor<2x4xf32>", 1, 2, 3, 4, -0.5, 0,
                0.25, 8), floats("tensor<4xf32>", 1, 0.5, -1, 2), floats("tensor<2x3xf16>", 9, 9, 9, 9, 9, 9));
        float[] expected = new float[8];
        for (int row = 0; row < 2; row++) {
            float sum = 0;
            for (int i = 0; i < 4; i++) {
                sum += x[row * 4 + i] * x[row * 4 + i];
            }
            float scale = (float) (1 / Math.sqrt(sum * 0.25f + 1e-5f));
            for (int i = 0; i < 4; i++) {
                expected[row * 4 + i] = x[row * 4 + i] * scale * w[i];
            }
        }
        assertThat(results.get(0).toFloats()).containsExactly(expected);
        assertThat(results.get(1).toFloats()).containsExactly(9, 9, 9, Float.float16ToFloat(Float.floatToFloat16(
                expected[0])), Float.float16ToFloat(Float.floatToFloat16(expected[1])),
                Float.float16ToFloat(Float.floatToFloat16(expected[2])));
    }

    @Test
    void argumentsAreCheckedAgainstTheSignature() {
        Program program = StableHloParser.parse(RMS_NORM);
        assertThatThrownBy(() -> new StableHloInterpreter(program).run(List.of(floats("tensor<2x4xf32>", 0, 0, 0, 0,
                0, 0, 0, 0)))).hasMessage("@main takes 3 arguments, got 1");
        assertThatThrownBy(() -> new StableHloInterpreter(program).run(List.of(floats("tensor<2x4xf16>", 0, 0, 0, 0,
                0, 0, 0, 0), floats("tensor<4xf32>", 0, 0, 0, 0), floats("tensor<2x3xf16>", 0, 0, 0, 0, 0, 0))))
                .hasMessage("%arg0 is tensor<2x4xf32>, got tensor<2x4xf16>");
    }

    private static String oneArgument(String body) {
        return module("%arg0: tensor<4xf32>", "tensor<4xf32>", body);
    }

    @Test
    void anUndefinedValueIsNamed() {
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.add"(%arg0, %9) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).isInstanceOf(StableHloSyntaxException.class)
                .hasMessage("line 3: %9 is not defined (a value must be defined before its use)");
        // a value used on the line before its definition is undefined there too
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.add"(%arg0, %1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
                %1 = "stablehlo.add"(%arg0, %arg0) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessage("line 3: %1 is not defined (a value must be defined before its use)");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                "func.return"(%7) : (tensor<4xf32>) -> ()
                """))).hasMessage("line 3: %7 is not defined (a value must be defined before its use)");
    }

    @Test
    void aValueIsDefinedOnce() {
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.add"(%arg0, %arg0) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
                %0 = "stablehlo.add"(%0, %0) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessage("line 4: %0 is already defined on line 3");
        assertThatThrownBy(() -> StableHloParser.parse(module("%arg0: tensor<4xf32>, %arg0: tensor<4xf32>",
                "tensor<4xf32>", "\"func.return\"(%arg0) : (tensor<4xf32>) -> ()")))
                .hasMessage("line 2: %arg0 is already defined on line 2");
    }

    @Test
    void operandTypesMustBeTheValuesTypes() {
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.negate"(%arg0) : (tensor<4xf16>) -> tensor<4xf16>
                "func.return"(%0) : (tensor<4xf16>) -> ()
                """))).hasMessage("line 3: stablehlo.negate declares %arg0 as tensor<4xf16>, but it is tensor<4xf32>"
                + " (line 2)");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.negate"(%arg0) : (tensor<4xf32>) -> tensor<4xf16>
                "func.return"(%0) : (tensor<4xf16>) -> ()
                """))).hasMessage("line 3: stablehlo.negate: the operands and attributes give tensor<4xf32>, but the"
                + " declared result type is tensor<4xf16>");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.negate"(%arg0) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessage("line 3: stablehlo.negate has 1 operands but 2 operand types");
    }

    @Test
    void theReturnMustMatchTheSignature() {
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.convert"(%arg0) : (tensor<4xf32>) -> tensor<4xf16>
                "func.return"(%0) : (tensor<4xf16>) -> ()
                """))).hasMessage("line 4: func.return returns [tensor<4xf16>] but @main declares [tensor<4xf32>]");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.negate"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
                """))).hasMessage("line 4: expected \"func.return\" before the end of @main");
    }

    @Test
    void unknownOpsAndOtherSyntaxAreRejected() {
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.tanh"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessage("line 3: unknown op \"stablehlo.tanh\" (not in the subset the interpreter runs)");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = stablehlo.negate %arg0 : tensor<4xf32>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessageStartingWith("line 3: expected '\"' around the op name (ops are written in generic"
                + " form, \"stablehlo.add\"(...)), found 'stablehlo.negate %arg0");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                "stablehlo.negate"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%arg0) : (tensor<4xf32>) -> ()
                """))).hasMessage("line 3: stablehlo.negate must define a value: %name = \"stablehlo.negate\"(...)");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.negate"(%arg0) : (tensor<4xf32>) -> tensor<4xf32> loc(#loc1)
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessage("line 3: expected the end of the line after the type of stablehlo.negate, found"
                + " 'loc(#loc1)'");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.negate"(%arg0) : (tensor<4xf32>) -> tensor<4xf64>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessageStartingWith("line 3: expected an element type (f32, f16, bf16, i1, i8, ui8, i16,"
                + " ui16, i32, ui32, i64) in a tensor type, found 'f64>'");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                "func.return"(%arg0) : (tensor<4xf32>) -> ()
                """) + "// trailing\n")).hasMessage("line 6: expected nothing after the module");
        assertThatThrownBy(() -> StableHloParser.parse("module @caracal {\n")).hasMessage("line 2: the program ends"
                + " where 'func.func public @main(...) -> (...) {' was expected");
    }

    @Test
    void attributesMustBeTheOpsOwn() {
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.broadcast_in_dim"(%arg0) {broadcast_dims = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessage("line 3: stablehlo.broadcast_in_dim: unexpected attribute broadcast_dims (it takes"
                + " broadcast_dimensions)");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.concatenate"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessage("line 3: stablehlo.concatenate: missing attribute dimension");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.concatenate"(%arg0) {dimension = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessageStartingWith("line 3: stablehlo.concatenate: dimension must be an integer like 0 :"
                + " i64, got Integers");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.negate"(%arg0) {dimension = 0 : i64} : (tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessage("line 3: stablehlo.negate: unexpected attribute dimension (it takes none)");
    }

    @Test
    void malformedAttributesNameWhatWasExpected() {
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.transpose"(%arg0) {permutation = array<i32: 0>} : (tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessageStartingWith("line 3: expected a value for attribute permutation (array<i64: ...>,"
                + " dense<...>, N : i64, [...], true, false, #stablehlo<...>), found 'array<i32: 0>}");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.transpose"(%arg0) {permutation = array<i64: 0} : (tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessageStartingWith("line 3: expected '>' to close array<i64: ...> of permutation, found"
                + " '}");
        assertThatThrownBy(() -> StableHloParser.parse(oneArgument("""
                %0 = "stablehlo.transpose"(%arg0) {permutation = array<i64: 0>, permutation = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%0) : (tensor<4xf32>) -> ()
                """))).hasMessage("line 3: attribute permutation is given twice");
    }

    @Test
    void constantsAreSplatsOfTheirType() {
        String constant = module("", "tensor<2xTYPE>", """
                %0 = "stablehlo.constant"() {value = dense<VALUE> : tensor<2xTYPE>} : () -> tensor<2xTYPE>
                "func.return"(%0) : (tensor<2xTYPE>) -> ()
                """);
        assertThat(StableHloInterpreter.run(constant.replace("TYPE", "f32").replace("VALUE", "0x7F800000"))
                .getFirst().toDoubles()).containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertThat(StableHloInterpreter.run(constant.replace("TYPE", "bf16").replace("VALUE", "0xFF80"))
                .getFirst().toDoubles()).containsExactly(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(StableHloInterpreter.run(constant.replace("TYPE", "f16").replace("VALUE", "-1.500000e+00"))
                .getFirst().toDoubles()).containsExactly(-1.5, -1.5);
        assertThat(StableHloInterpreter.run(constant.replace("TYPE", "i1").replace("VALUE", "true"))
                .getFirst().toLongs()).containsExactly(1, 1);
        assertThat(StableHloInterpreter.run(constant.replace("TYPE", "i32").replace("VALUE", "-3"))
                .getFirst().toLongs()).containsExactly(-3, -3);
        assertThat(StableHloInterpreter.run(constant.replace("TYPE", "ui32").replace("VALUE", "0xFFFFFFFF"))
                .getFirst().toLongs()).containsExactly(0xFFFFFFFFL, 0xFFFFFFFFL);
        assertThatThrownBy(() -> StableHloParser.parse(constant.replace("TYPE", "f16").replace("VALUE", "0x7F800000")))
                .hasMessage("line 3: 0x7F800000 has more than the 16 bits of f16");
        assertThatThrownBy(() -> StableHloParser.parse(constant.replace("TYPE", "i8").replace("VALUE", "200")))
                .hasMessage("line 3: 200 is out of range for i8");
        assertThatThrownBy(() -> StableHloParser.parse(constant.replace("TYPE", "i32").replace("VALUE", "1.5")))
                .hasMessage("line 3: expected an integer for i32, got 1.5");
        assertThatThrownBy(() -> StableHloParser.parse(constant.replace("TYPE", "f32").replace("VALUE", "[1.0, 2.0]")))
                .hasMessage("line 3: only splat constants dense<value> are supported, got dense<[1.0, 2.0]>");
        assertThatThrownBy(() -> StableHloParser.parse(constant.replace("TYPE", "f32").replace("VALUE", "inf")))
                .hasMessage("line 3: expected a float like 1.000000e+00 or 0x3F800000, got inf");
        assertThatThrownBy(() -> StableHloParser.parse(constant.replace("tensor<2xTYPE>}", "tensor<3xTYPE>}")
                .replace("TYPE", "f32").replace("VALUE", "1.0"))).hasMessage("line 3: stablehlo.constant: the"
                + " operands and attributes give tensor<3xf32>, but the declared result type is tensor<2xf32>");
    }

    @Test
    void anAliasedArgumentHasItsOutputsType() {
        assertThatThrownBy(() -> StableHloParser.parse(module("%arg0: tensor<4xf32> {tf.aliasing_output = 0 : i32}",
                "tensor<4xf16>", """
                %0 = "stablehlo.convert"(%arg0) : (tensor<4xf32>) -> tensor<4xf16>
                "func.return"(%0) : (tensor<4xf16>) -> ()
                """))).hasMessage("line 2: %arg0 is tensor<4xf32> but aliases output 0 of type tensor<4xf16>");
        assertThatThrownBy(() -> StableHloParser.parse(module("%arg0: tensor<4xf32> {tf.aliasing_output = 1 : i32}",
                "tensor<4xf32>", "\"func.return\"(%arg0) : (tensor<4xf32>) -> ()")))
                .hasMessage("line 2: %arg0 aliases output 1, which does not exist");
        assertThatThrownBy(() -> StableHloParser.parse(module("%arg0: tensor<4xf32> {mhlo.sharding = 1 : i32}",
                "tensor<4xf32>", "\"func.return\"(%arg0) : (tensor<4xf32>) -> ()")))
                .hasMessageStartingWith("line 2: the only argument attribute is {tf.aliasing_output = N : i32}");
    }

    @Test
    void aSingleResultMayBeWrittenWithoutParentheses() {
        Program program = StableHloParser.parse("""
                module @caracal {
                  func.func public @main(%arg0: tensor<i32>) -> tensor<i32> {
                    "func.return"(%arg0) : (tensor<i32>) -> ()
                  }
                }
                """);
        assertThat(program.resultTypes()).containsExactly(type("tensor<i32>"));
        assertThat(program.ops()).isEmpty();
    }
}
