package dev.caracal.backend.xla.hlo;

import java.util.ArrayList;
import java.util.List;

/** Builds small programs for the tests: a module around some ops, or around one op on the arguments. */
final class TestPrograms {

    private TestPrograms() {}

    /** The module with {@code @main(arguments) -> (resultTypes)} whose body is {@code body}, indented. */
    static String module(String arguments, String resultTypes, String body) {
        return "module @caracal {\n  func.func public @main(" + arguments + ") -> (" + resultTypes + ") {\n"
                + body.stripIndent().indent(4) + "  }\n}\n";
    }

    /**
     * Runs one op, {@code "stablehlo.add"(%arg0, %arg1) : (...) -> tensor<3xi32>} (possibly over several lines),
     * on arguments {@code %arg0...} of the given arrays' types, returning its value.
     */
    static HostArray runOp(String op, HostArray... arguments) {
        List<String> declarations = new ArrayList<>();
        for (int i = 0; i < arguments.length; i++) {
            declarations.add("%arg" + i + ": " + arguments[i].type());
        }
        String resultType = op.substring(op.lastIndexOf("->") + 2).strip();
        String text = module(String.join(", ", declarations), resultType, "%0 = " + op.stripIndent().strip() + "\n"
                + "\"func.return\"(%0) : (" + resultType + ") -> ()\n");
        return StableHloInterpreter.run(text, arguments).getFirst();
    }

    static TensorType type(String mlir) {
        return TensorType.of(mlir);
    }

    static HostArray floats(String type, double... values) {
        return HostArray.of(TensorType.of(type), values);
    }

    static HostArray longs(String type, long... values) {
        return HostArray.ofLongs(TensorType.of(type), values);
    }

    /** {@code 0..n-1} in the given type. */
    static HostArray counting(String type) {
        TensorType tensorType = TensorType.of(type);
        long[] values = new long[tensorType.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        return HostArray.ofLongs(tensorType, values);
    }
}
