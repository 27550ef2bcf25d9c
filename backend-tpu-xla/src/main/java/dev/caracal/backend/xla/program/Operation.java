package dev.caracal.backend.xla.program;

import java.util.Arrays;
import java.util.Objects;

/**
 * One op of a program, what its line of text says: the op, its operands, its attributes and its result type; a
 * {@code reduce} also has its region's op, a {@code scatter} a region that keeps the update. Equal operations write
 * the same line: operands are compared by where they come from ({@link Value#code()}), which in programs whose
 * parameters and earlier ops are equal, as {@link StableHloProgram#equals} checks, fixes their types too.
 */
final class Operation {

    private final String name;
    private final Value[] operands;
    private final int[] operandCodes;
    private final String attributes;
    private final TensorType result;
    private final String region;
    private final int hash;

    /** An op whose line is {@code %n = "stablehlo.name"(operands) {attributes} : (types) -> result}. */
    Operation(String name, Value[] operands, String attributes, TensorType result) {
        this(name, operands, attributes, result, null);
    }

    /**
     * A {@code reduce} (whose {@code region} is the reducing op) or a {@code scatter} (whose region is the empty
     * string), written with its region.
     */
    Operation(String name, Value[] operands, String attributes, TensorType result, String region) {
        this.name = name;
        this.operands = operands;
        this.operandCodes = new int[operands.length];
        for (int i = 0; i < operands.length; i++) {
            operandCodes[i] = operands[i].code();
        }
        this.attributes = attributes;
        this.result = result;
        this.region = region;
        int code = 31 * name.hashCode() + Arrays.hashCode(operandCodes);
        code = 31 * (31 * code + attributes.hashCode()) + result.hashCode();
        this.hash = region == null ? code : 31 * code + region.hashCode();
    }

    TensorType result() {
        return result;
    }

    /** Appends its text, the line (or lines) of value {@code number}. */
    void appendTo(StringBuilder text, int number) {
        text.append("    %").append(number).append(" = \"stablehlo.").append(name).append("\"(");
        for (int i = 0; i < operands.length; i++) {
            operands[i].appendName(i == 0 ? text : text.append(", "));
        }
        text.append(')');
        if (region != null) {
            appendRegion(text);
        }
        if (!attributes.isEmpty()) {
            text.append(" {").append(attributes).append('}');
        }
        text.append(" : (");
        for (int i = 0; i < operands.length; i++) {
            operands[i].type().appendTo(i == 0 ? text : text.append(", "));
        }
        result.appendTo(text.append(") -> ")).append('\n');
    }

    /** The region of a reduce (its op applied to two scalars) or a scatter (the update kept). */
    private void appendRegion(StringBuilder text) {
        TensorType scalar = TensorType.scalar(result.element());
        text.append(" ({\n    ^bb0(%a: ");
        scalar.appendTo(text).append(", %b: ");
        scalar.appendTo(text).append("):\n");
        if (region.isEmpty()) {
            text.append("      \"stablehlo.return\"(%b) : (");
        } else {
            text.append("      %r = \"stablehlo.").append(region).append("\"(%a, %b) : (");
            scalar.appendTo(text).append(", ");
            scalar.appendTo(text).append(") -> ");
            scalar.appendTo(text).append("\n      \"stablehlo.return\"(%r) : (");
        }
        scalar.appendTo(text).append(") -> ()\n    })");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Operation operation && operation.hash == hash && operation.name.equals(name)
                && Arrays.equals(operation.operandCodes, operandCodes) && operation.attributes.equals(attributes)
                && operation.result.equals(result) && Objects.equals(operation.region, region);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
