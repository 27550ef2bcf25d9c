package dev.caracal.backend.xla.hlo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed {@code @main}: its arguments, its ops in order (each defining one value), and the values it returns.
 * {@link StableHloParser} builds it and has checked every type; {@link StableHloInterpreter} runs it.
 */
public record Program(List<Argument> arguments, List<Op> ops, List<String> results, List<TensorType> resultTypes) {

    public Program {
        arguments = List.copyOf(arguments);
        ops = List.copyOf(ops);
        results = List.copyOf(results);
        resultTypes = List.copyOf(resultTypes);
    }

    /** {@code %arg2: tensor<2x16x8xf16> {tf.aliasing_output = 1 : i32}}: the output that may reuse its buffer. */
    public record Argument(String name, TensorType type, OptionalInt aliasedOutput) {}

    /**
     * {@code %2 = "stablehlo.reduce"(%1, %0) ({...}) {dimensions = array<i64: 1>} : (...) -> tensor<4xf32>}: the
     * name with its dialect ({@code stablehlo.reduce}), and for {@code reduce} and {@code scatter} the region's body
     * as a {@link Combiner}.
     */
    public record Op(int line, String result, String name, List<String> operands, List<TensorType> operandTypes,
            Map<String, Attribute> attributes, Optional<Combiner> body, TensorType resultType) {

        public Op {
            operands = List.copyOf(operands);
            operandTypes = List.copyOf(operandTypes);
            attributes = Map.copyOf(attributes);
        }

        public TensorType operandType(int index) {
            return operandTypes.get(index);
        }

        /** An {@code array<i64: ...>} attribute. */
        public long[] integers(String attribute) {
            if (require(attribute) instanceof Attribute.Integers integers) {
                return integers.toArray();
            }
            throw error(attribute + " must be an array<i64: ...>, got " + attributes.get(attribute));
        }

        /** An {@code N : i64} attribute. */
        public long integer(String attribute) {
            if (require(attribute) instanceof Attribute.IntegerValue integer) {
                return integer.value();
            }
            throw error(attribute + " must be an integer like 0 : i64, got " + attributes.get(attribute));
        }

        /** A list field of a struct attribute, {@code offset_dims = [1]}; empty where the field is left out. */
        public long[] integers(String attribute, String field) {
            Attribute value = struct(attribute).fields().get(field);
            if (value == null) {
                return new long[0];
            }
            if (value instanceof Attribute.Integers integers) {
                return integers.toArray();
            }
            throw error(attribute + "." + field + " must be a list like [0, 1], got " + value);
        }

        /** An integer field of a struct attribute, {@code index_vector_dim = 1}. */
        public long integer(String attribute, String field) {
            Attribute value = struct(attribute).fields().get(field);
            if (value instanceof Attribute.IntegerValue integer) {
                return integer.value();
            }
            throw error(attribute + "." + field + (value == null ? " is missing" : " must be an integer, got "
                    + value));
        }

        /** The value of an enum attribute, {@code LT} of {@code #stablehlo<comparison_direction LT>}. */
        public String enumValue(String attribute, String kind) {
            if (require(attribute) instanceof Attribute.EnumValue value && value.kind().equals(kind)) {
                return value.value();
            }
            throw error(attribute + " must be #stablehlo<" + kind + " ...>, got " + attributes.get(attribute));
        }

        public Attribute.Struct struct(String attribute) {
            if (require(attribute) instanceof Attribute.Struct struct) {
                return struct;
            }
            throw error(attribute + " must be a #stablehlo.<kind><...> attribute, got " + attributes.get(attribute));
        }

        StableHloSyntaxException error(String problem) {
            return new StableHloSyntaxException(line, name + ": " + problem);
        }

        private Attribute require(String attribute) {
            Attribute value = attributes.get(attribute);
            if (value == null) {
                throw error("missing attribute " + attribute);
            }
            return value;
        }
    }

    /**
     * The body of a {@code reduce} or {@code scatter} region, {@code body(current, next)}: one binary op of the two
     * block arguments, or (scatter only) returning the second, the update.
     */
    public enum Combiner {
        ADD("stablehlo.add"),
        MULTIPLY("stablehlo.multiply"),
        MAXIMUM("stablehlo.maximum"),
        MINIMUM("stablehlo.minimum"),
        REPLACE("stablehlo.return");

        private final String opName;

        Combiner(String opName) {
            this.opName = opName;
        }

        /** The op the body applies; {@code stablehlo.return} for {@link #REPLACE}. */
        public String opName() {
            return opName;
        }

        static Optional<Combiner> forBinaryOp(String opName) {
            for (Combiner combiner : values()) {
                if (combiner != REPLACE && combiner.opName.equals(opName)) {
                    return Optional.of(combiner);
                }
            }
            return Optional.empty();
        }
    }
}
