package dev.caracal.backend.xla.hlo;

import java.util.List;
import java.util.Map;

/** An attribute value as written after an op's operands. */
public sealed interface Attribute {

    /** {@code 0 : i64}, or a bare {@code 1} inside a {@code #stablehlo.gather<...>}. */
    record IntegerValue(long value) implements Attribute {}

    /** {@code true} or {@code false}. */
    record BooleanValue(boolean value) implements Attribute {}

    /** {@code array<i64: 1, 0>}, or {@code [1, 0]} inside a {@code #stablehlo.dot<...>}. */
    record Integers(List<Long> values) implements Attribute {

        public Integers {
            values = List.copyOf(values);
        }

        public long[] toArray() {
            return values.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** {@code #stablehlo<comparison_direction LT>}: kind {@code comparison_direction}, value {@code LT}. */
    record EnumValue(String kind, String value) implements Attribute {}

    /** {@code #stablehlo.gather<offset_dims = [1], index_vector_dim = 1>}: kind {@code gather}. */
    record Struct(String kind, Map<String, Attribute> fields) implements Attribute {

        public Struct {
            fields = Map.copyOf(fields);
        }
    }

    /** {@code [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]}. */
    record AttributeList(List<Attribute> elements) implements Attribute {

        public AttributeList {
            elements = List.copyOf(elements);
        }
    }

    /** {@code dense<1.000000e+00> : tensor<4xf32>}: a splat constant. */
    record Dense(HostArray value) implements Attribute {}
}
