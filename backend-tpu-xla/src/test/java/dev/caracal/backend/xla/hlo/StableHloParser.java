package dev.caracal.backend.xla.hlo;

import dev.caracal.backend.xla.hlo.Program.Argument;
import dev.caracal.backend.xla.hlo.Program.Combiner;
import dev.caracal.backend.xla.hlo.Program.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Parses the StableHLO text Caracal's emitter writes: one {@code module} holding one {@code func.func @main}, ops in
 * MLIR's generic syntax one to a line, {@code reduce} and {@code scatter} regions over several lines. It is also the
 * syntax check: every value defined once before its use, every operand's declared type its value's type, every
 * result type the one {@link TypeRules} derives. Anything else is a {@link StableHloSyntaxException} naming the line.
 */
public final class StableHloParser {

    private static final Pattern DECIMAL_FLOAT = Pattern.compile("[-+]?\\d+(\\.\\d*)?([eE][-+]?\\d+)?");
    private static final Pattern DECIMAL_INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]{1,16}");

    private final String[] lines;
    private int nextLine;

    /** A value in scope: its type and the line that defines it. */
    private record Definition(TensorType type, int line) {}

    /** One op as written, before its names and types are checked. */
    private record RawOp(int line, String result, String name, List<String> operands, RawRegion region,
            Map<String, Attribute> attributes, List<TensorType> operandTypes, List<TensorType> resultTypes) {}

    /** {@code ^bb0(%a: tensor<f32>, %b: tensor<f32>):} and the ops up to {@code })}. */
    private record RawRegion(int line, List<String> argumentNames, List<TensorType> argumentTypes, List<RawOp> ops) {}

    private StableHloParser(String text) {
        this.lines = text.split("\n", -1);
    }

    public static Program parse(String text) {
        return new StableHloParser(text).program();
    }

    private Program program() {
        Cursor module = next("'module @caracal {'");
        module.expect("module", "to open the program");
        if (module.tryConsume("@")) {
            module.identifier("after 'module @'");
        }
        module.expect("{", "after the module name");
        module.expectEnd("after 'module @name {'");

        Cursor function = next("'func.func public @main(...) -> (...) {'");
        function.expect("func.func", "to open the function");
        function.tryConsume("public");
        function.expect("@main", "as the function's name");
        function.expect("(", "to open the argument list");
        List<String> names = new ArrayList<>();
        List<TensorType> types = new ArrayList<>();
        List<Integer> aliases = new ArrayList<>();
        if (!function.tryConsume(")")) {
            do {
                names.add(function.valueName("as an argument name"));
                function.expect(":", "after the argument name " + names.getLast());
                types.add(function.tensorType());
                aliases.add(function.peek("{") ? aliasingOutput(function) : -1);
            } while (function.tryConsume(","));
            function.expect(")", "to close the argument list");
        }
        function.expect("->", "before the result types");
        List<TensorType> resultTypes = function.tryConsume("(")
                ? function.tensorTypes(")", "in the result types") : List.of(function.tensorType());
        function.expect("{", "to open the function body");
        function.expectEnd("after the function's signature");

        Map<String, Definition> scope = new HashMap<>();
        List<Argument> arguments = new ArrayList<>();
        boolean[] aliased = new boolean[resultTypes.size()];
        for (int i = 0; i < names.size(); i++) {
            define(scope, names.get(i), types.get(i), function.line());
            OptionalInt alias = OptionalInt.empty();
            if (aliases.get(i) >= 0) {
                int output = aliases.get(i);
                if (output >= resultTypes.size() || aliased[output]) {
                    throw function.error(names.get(i) + " aliases output " + output + ", which "
                            + (output >= resultTypes.size() ? "does not exist" : "another argument aliases"));
                }
                if (!resultTypes.get(output).equals(types.get(i))) {
                    throw function.error(names.get(i) + " is " + types.get(i) + " but aliases output " + output
                            + " of type " + resultTypes.get(output));
                }
                aliased[output] = true;
                alias = OptionalInt.of(output);
            }
            arguments.add(new Argument(names.get(i), types.get(i), alias));
        }

        List<Op> ops = new ArrayList<>();
        while (true) {
            Cursor cursor = next("an op or \"func.return\"");
            if (cursor.peek("}")) {
                throw cursor.error("expected \"func.return\" before the end of @main");
            }
            RawOp raw = rawOp(cursor);
            if (raw.name().equals("func.return")) {
                List<String> results = functionReturn(raw, scope, resultTypes);
                next("'}' closing @main").expect("}", "to close @main");
                next("'}' closing the module").expect("}", "to close the module");
                for (int line = nextLine; line < lines.length; line++) {
                    if (!lines[line].isBlank()) {
                        throw new StableHloSyntaxException(line + 1, "expected nothing after the module");
                    }
                }
                return new Program(arguments, ops, results, resultTypes);
            }
            ops.add(op(raw, scope));
        }
    }

    /** {@code {tf.aliasing_output = 1 : i32}} after an argument's type. */
    private static int aliasingOutput(Cursor cursor) {
        Map<String, Attribute> attributes = attributes(cursor);
        if (attributes.size() != 1 || !(attributes.get("tf.aliasing_output") instanceof Attribute.IntegerValue output)
                || output.value() < 0) {
            throw cursor.error("the only argument attribute is {tf.aliasing_output = N : i32}, got " + attributes);
        }
        return (int) output.value();
    }

    private List<String> functionReturn(RawOp raw, Map<String, Definition> scope, List<TensorType> resultTypes) {
        if (raw.result() != null || raw.region() != null || !raw.attributes().isEmpty()
                || !raw.resultTypes().isEmpty()) {
            throw new StableHloSyntaxException(raw.line(), "expected \"func.return\"(%a, ...) : (types) -> ()");
        }
        operands(raw, scope);
        if (!raw.operandTypes().equals(resultTypes)) {
            throw new StableHloSyntaxException(raw.line(), "func.return returns " + raw.operandTypes()
                    + " but @main declares " + resultTypes);
        }
        return raw.operands();
    }

    /** Checks a top-level op and defines its value. */
    private Op op(RawOp raw, Map<String, Definition> scope) {
        int line = raw.line();
        if (!TypeRules.isKnown(raw.name())) {
            throw new StableHloSyntaxException(line, raw.name().equals("stablehlo.return")
                    ? "stablehlo.return belongs at the end of a region"
                    : "unknown op \"" + raw.name() + "\" (not in the subset the interpreter runs)");
        }
        if (raw.result() == null) {
            throw new StableHloSyntaxException(line, raw.name() + " must define a value: %name = \"" + raw.name()
                    + "\"(...)");
        }
        operands(raw, scope);
        if (raw.resultTypes().size() != 1) {
            throw new StableHloSyntaxException(line, raw.name() + " has one result, got result types "
                    + raw.resultTypes());
        }
        if (TypeRules.hasRegion(raw.name()) != (raw.region() != null)) {
            throw new StableHloSyntaxException(line, raw.name() + (raw.region() == null ? " needs" : " takes no")
                    + " region");
        }
        Optional<Combiner> body = raw.region() == null ? Optional.empty() : Optional.of(combiner(raw, scope));
        Op op = new Op(line, raw.result(), raw.name(), raw.operands(), raw.operandTypes(), raw.attributes(), body,
                raw.resultTypes().getFirst());
        TypeRules.check(op);
        define(scope, raw.result(), op.resultType(), line);
        return op;
    }

    /** Every operand defined, with the type the op declares for it. */
    private static void operands(RawOp raw, Map<String, Definition> scope) {
        if (raw.operands().size() != raw.operandTypes().size()) {
            throw new StableHloSyntaxException(raw.line(), raw.name() + " has " + raw.operands().size()
                    + " operands but " + raw.operandTypes().size() + " operand types");
        }
        for (int i = 0; i < raw.operands().size(); i++) {
            String name = raw.operands().get(i);
            Definition definition = scope.get(name);
            if (definition == null) {
                throw new StableHloSyntaxException(raw.line(), name + " is not defined (a value must be defined"
                        + " before its use)");
            }
            if (!definition.type().equals(raw.operandTypes().get(i))) {
                throw new StableHloSyntaxException(raw.line(), raw.name() + " declares " + name + " as "
                        + raw.operandTypes().get(i) + ", but it is " + definition.type() + " (line "
                        + definition.line() + ")");
            }
        }
    }

    private static void define(Map<String, Definition> scope, String name, TensorType type, int line) {
        Definition earlier = scope.putIfAbsent(name, new Definition(type, line));
        if (earlier != null) {
            throw new StableHloSyntaxException(line, name + " is already defined on line " + earlier.line());
        }
    }

    /**
     * The region of {@code reduce} or {@code scatter} as a {@link Combiner}: two scalar block arguments of the
     * operand's element type, then either one of add, multiply, maximum, minimum of both and a return of its
     * value, or a return of the second argument alone (the update, for scatter).
     */
    private static Combiner combiner(RawOp raw, Map<String, Definition> outer) {
        RawRegion region = raw.region();
        String expected = "the region of " + raw.name() + " must be ^bb0(%a: T, %b: T) with T the operand's"
                + " element type as a scalar, then %r = stablehlo.add, multiply, maximum or minimum of %a and %b"
                + " and \"stablehlo.return\"(%r), or \"stablehlo.return\"(%b) alone";
        if (raw.operandTypes().isEmpty() || region.ops().isEmpty() || region.ops().size() > 2) {
            throw new StableHloSyntaxException(region.line(), expected);
        }
        TensorType scalar = TensorType.of(raw.operandTypes().getFirst().elementType());
        if (!region.argumentTypes().equals(List.of(scalar, scalar))) {
            throw new StableHloSyntaxException(region.line(), expected + "; got arguments " + region.argumentTypes());
        }
        Map<String, Definition> scope = new HashMap<>(outer);
        String first = region.argumentNames().get(0);
        String second = region.argumentNames().get(1);
        define(scope, first, scalar, region.line());
        define(scope, second, scalar, region.line());

        RawOp ret = region.ops().getLast();
        boolean isReturn = ret.name().equals("stablehlo.return") && ret.result() == null && ret.region() == null
                && ret.attributes().isEmpty() && ret.resultTypes().isEmpty() && ret.operands().size() == 1;
        if (!isReturn) {
            throw new StableHloSyntaxException(ret.line(), expected);
        }
        Combiner combiner = Combiner.REPLACE;
        String returned = second;
        if (region.ops().size() == 2) {
            RawOp apply = region.ops().getFirst();
            boolean usesBoth = apply.operands().equals(List.of(first, second))
                    || apply.operands().equals(List.of(second, first));
            combiner = Combiner.forBinaryOp(apply.name()).orElse(null);
            if (combiner == null || apply.result() == null || apply.region() != null || !apply.attributes().isEmpty()
                    || !usesBoth || !apply.resultTypes().equals(List.of(scalar))) {
                throw new StableHloSyntaxException(apply.line(), expected);
            }
            operands(apply, scope);
            define(scope, apply.result(), scalar, apply.line());
            returned = apply.result();
        }
        operands(ret, scope);
        if (!ret.operands().getFirst().equals(returned)) {
            throw new StableHloSyntaxException(ret.line(), expected);
        }
        return combiner;
    }

    /**
     * {@code [%r =] "dialect.op"(%a, ...) [({ region })] [{attributes}] : (operand types) -> result type}, where a
     * region runs from {@code ({} at the end of this line to a line starting {@code })}, which goes on with the
     * attributes and types.
     */
    private RawOp rawOp(Cursor cursor) {
        int line = cursor.line();
        String result = null;
        if (cursor.peek("%")) {
            result = cursor.valueName("as the op's result");
            cursor.expect("=", "after the result name " + result);
        }
        String name = cursor.quoted("around the op name (ops are written in generic form, \"stablehlo.add\"(...))");
        cursor.expect("(", "to open the operands of " + name);
        List<String> operands = cursor.valueNames(")", "in the operands of " + name);
        RawRegion region = null;
        if (cursor.tryConsume("({")) {
            cursor.expectEnd("after '({', which opens the region of " + name);
            region = region(name);
            cursor = new Cursor(lines[nextLine - 1], nextLine);
            cursor.expect("})", "to close the region of " + name);
        }
        Map<String, Attribute> attributes = cursor.peek("{") ? attributes(cursor) : Map.of();
        cursor.expect(":", "before the type of " + name);
        cursor.expect("(", "to open the operand types of " + name);
        List<TensorType> operandTypes = cursor.tensorTypes(")", "in the operand types of " + name);
        cursor.expect("->", "before the result type of " + name);
        List<TensorType> resultTypes = cursor.tryConsume("(")
                ? cursor.tensorTypes(")", "in the result types of " + name) : List.of(cursor.tensorType());
        cursor.expectEnd("after the type of " + name);
        return new RawOp(line, result, name, operands, region, attributes, operandTypes, resultTypes);
    }

    /** The region's lines, leaving {@link #nextLine} after the line that closes it with {@code })}. */
    private RawRegion region(String opName) {
        Cursor header = next("the block header of the region of " + opName + ", '^bb0(%a: tensor<f32>, ...):'");
        header.expect("^bb0(", "to open the region of " + opName);
        List<String> names = new ArrayList<>();
        List<TensorType> types = new ArrayList<>();
        if (!header.tryConsume(")")) {
            do {
                names.add(header.valueName("as a block argument"));
                header.expect(":", "after the block argument " + names.getLast());
                types.add(header.tensorType());
            } while (header.tryConsume(","));
            header.expect(")", "to close the block arguments");
        }
        header.expect(":", "after the block arguments");
        header.expectEnd("after the block header");
        List<RawOp> ops = new ArrayList<>();
        while (true) {
            Cursor cursor = next("an op or '})' closing the region of " + opName);
            if (cursor.peek("})")) {
                return new RawRegion(header.line(), names, types, ops);
            }
            ops.add(rawOp(cursor));
        }
    }

    /** {@code {name = value, ...}}. */
    private static Map<String, Attribute> attributes(Cursor cursor) {
        cursor.expect("{", "to open the attributes");
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        do {
            String name = cursor.identifier("as an attribute name");
            cursor.expect("=", "after the attribute name " + name);
            if (attributes.put(name, attributeValue(cursor, name)) != null) {
                throw cursor.error("attribute " + name + " is given twice");
            }
        } while (cursor.tryConsume(","));
        cursor.expect("}", "to close the attributes");
        return attributes;
    }

    private static Attribute attributeValue(Cursor cursor, String name) {
        if (cursor.tryConsume("array<i64")) {
            List<Long> values = new ArrayList<>();
            if (cursor.tryConsume(":")) {
                do {
                    values.add(cursor.integer("in array<i64: ...> of " + name));
                } while (cursor.tryConsume(","));
            }
            cursor.expect(">", "to close array<i64: ...> of " + name);
            return new Attribute.Integers(values);
        }
        if (cursor.tryConsume("dense<")) {
            String literal = cursor.until('>', "to close dense<...> of " + name);
            cursor.expect(">", "to close dense<...> of " + name);
            cursor.expect(":", "before the type of dense<...> of " + name);
            return new Attribute.Dense(splat(cursor, literal, cursor.tensorType()));
        }
        if (cursor.tryConsume("#stablehlo<")) {
            String kind = cursor.identifier("as the kind of #stablehlo<kind VALUE> in " + name);
            String value = cursor.identifier("as the value of #stablehlo<" + kind + " VALUE> in " + name);
            cursor.expect(">", "to close #stablehlo<" + kind + " " + value);
            return new Attribute.EnumValue(kind, value);
        }
        if (cursor.tryConsume("#stablehlo.")) {
            String kind = cursor.identifier("after #stablehlo. in " + name);
            cursor.expect("<", "to open #stablehlo." + kind);
            Map<String, Attribute> fields = new LinkedHashMap<>();
            if (!cursor.tryConsume(">")) {
                do {
                    String field = cursor.identifier("as a field of #stablehlo." + kind);
                    cursor.expect("=", "after the field " + field);
                    if (fields.put(field, attributeValue(cursor, field)) != null) {
                        throw cursor.error("field " + field + " of #stablehlo." + kind + " is given twice");
                    }
                } while (cursor.tryConsume(","));
                cursor.expect(">", "to close #stablehlo." + kind);
            }
            return new Attribute.Struct(kind, fields);
        }
        if (cursor.tryConsume("[")) {
            if (cursor.tryConsume("]")) {
                return new Attribute.Integers(List.of());
            }
            if (cursor.peekInteger()) {
                List<Long> values = new ArrayList<>();
                do {
                    values.add(cursor.integer("in the list " + name));
                } while (cursor.tryConsume(","));
                cursor.expect("]", "to close the list " + name);
                return new Attribute.Integers(values);
            }
            List<Attribute> elements = new ArrayList<>();
            do {
                elements.add(attributeValue(cursor, name));
            } while (cursor.tryConsume(","));
            cursor.expect("]", "to close the list " + name);
            return new Attribute.AttributeList(elements);
        }
        if (cursor.tryConsume("true")) {
            return new Attribute.BooleanValue(true);
        }
        if (cursor.tryConsume("false")) {
            return new Attribute.BooleanValue(false);
        }
        if (cursor.peekInteger()) {
            long value = cursor.integer("as the value of " + name);
            if (cursor.tryConsume(":")) {
                String type = cursor.identifier("as the type of " + name);
                if (!type.equals("i64") && !type.equals("i32")) {
                    throw cursor.error("integer attribute " + name + " must be i64 or i32, got " + type);
                }
            }
            return new Attribute.IntegerValue(value);
        }
        throw cursor.error("expected a value for attribute " + name + " (array<i64: ...>, dense<...>, N : i64, [...],"
                + " true, false, #stablehlo<...>), found " + cursor.rest());
    }

    /**
     * The splat {@code dense<literal> : type}: a decimal integer, a decimal float (rounded to the type, as MLIR
     * does), {@code 0x...} the bit pattern, or {@code true}/{@code false} for i1.
     */
    private static HostArray splat(Cursor cursor, String literal, TensorType type) {
        ElementType element = type.elementType();
        HostArray value = HostArray.zeros(TensorType.of(element));
        if (literal.startsWith("[") || literal.startsWith("\"")) {
            throw cursor.error("only splat constants dense<value> are supported, got dense<" + literal + ">");
        } else if (HEX.matcher(literal).matches()) {
            long bits = Long.parseUnsignedLong(literal.substring(2), 16);
            if (element.bits() < 64 && bits >>> element.bits() != 0) {
                throw cursor.error(literal + " has more than the " + element.bits() + " bits of " + element);
            }
            value.setBits(0, bits);
        } else if (element.isBool()) {
            if (!literal.equals("true") && !literal.equals("false")) {
                throw cursor.error("i1 constants are true or false, got " + literal);
            }
            value.setLong(0, literal.equals("true") ? 1 : 0);
        } else if (element.isFloat()) {
            if (!DECIMAL_FLOAT.matcher(literal).matches()) {
                throw cursor.error("expected a float like 1.000000e+00 or 0x3F800000, got " + literal);
            }
            value.setDouble(0, Double.parseDouble(literal));
        } else {
            if (!DECIMAL_INTEGER.matcher(literal).matches()) {
                throw cursor.error("expected an integer for " + element + ", got " + literal);
            }
            long integer = Long.parseLong(literal);
            if (integer < element.minValue() || integer > element.maxValue()) {
                throw cursor.error(literal + " is out of range for " + element);
            }
            value.setLong(0, integer);
        }
        HostArray array = HostArray.zeros(type);
        for (int i = 0; i < array.size(); i++) {
            value.copyTo(0, array, i);
        }
        return array;
    }

    /** The next non-blank line. */
    private Cursor next(String expected) {
        while (nextLine < lines.length && lines[nextLine].isBlank()) {
            nextLine++;
        }
        if (nextLine == lines.length) {
            throw new StableHloSyntaxException(lines.length, "the program ends where " + expected + " was expected");
        }
        nextLine++;
        return new Cursor(lines[nextLine - 1], nextLine);
    }
}
