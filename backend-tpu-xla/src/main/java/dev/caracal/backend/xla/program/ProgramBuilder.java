package dev.caracal.backend.xla.program;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one StableHLO function, {@code @main}, in MLIR's generic op syntax ({@code %3 = "stablehlo.add"(%1, %2) :
 * (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>}): the conservative form every StableHLO version parses, which
 * carries no pretty-printing of its own. Each method checks its operands' shapes as the op's specification requires
 * and returns the result value, so a program that builds is well typed. Float constants are written as their exact bit
 * patterns. The ops are kept as data ({@link #program}): a program is compared with others without its text, which is
 * written only when asked for.
 */
public final class ProgramBuilder {

    /**
     * How precisely {@link #dotGeneral} multiplies f32 operands ({@code precision_config}): {@code HIGHEST} is f32
     * arithmetic; under {@code DEFAULT} XLA may round the operands to TF32 on NVIDIA GPUs (about 2^-11 relative error)
     * or to bf16 on TPUs.
     */
    public enum Precision {
        DEFAULT, HIGH, HIGHEST
    }

    /** Comparison directions of {@link #compare}. */
    public enum Direction {
        EQ, NE, LT, LE, GT, GE
    }

    private static final Value[] NO_OPERANDS = {};

    private static final String[] COMPARISONS = Arrays.stream(Direction.values())
            .map(direction -> "comparison_direction = #stablehlo<comparison_direction " + direction + ">")
            .toArray(String[]::new);

    private final List<TensorType> arguments = new ArrayList<>();
    private final List<Integer> aliases = new ArrayList<>();
    private final Map<ElementType, List<TensorType>> packed = new EnumMap<>(ElementType.class);
    private final Map<ElementType, Long> packedSizes = new EnumMap<>(ElementType.class);
    private final List<Operation> operations = new ArrayList<>();
    private final Precision precision;

    /** A builder whose products are f32 arithmetic ({@link Precision#HIGHEST}). */
    public ProgramBuilder() {
        this(Precision.HIGHEST);
    }

    /** A builder whose every {@link #dotGeneral} has {@code precision} for both operands. */
    public ProgramBuilder(Precision precision) {
        this.precision = precision;
    }

    /** A parameter of the program. */
    public Value argument(TensorType type) {
        return argument(type, -1);
    }

    /**
     * A parameter whose buffer the program may reuse for result {@code output} ({@code tf.aliasing_output}): the
     * caller donates it, as the KV cache's pool is donated and returned updated.
     */
    public Value argument(TensorType type, int output) {
        Value value = new Value(Value.Kind.ARGUMENT, arguments.size(), type);
        arguments.add(type);
        aliases.add(output);
        return value;
    }

    /**
     * A small parameter of {@code type} that travels packed with the others of its element type, one after another in
     * a 1-D parameter that follows all the others ({@link #packedTypes()}): the function slices (and reshapes) it out
     * first thing. A step's hundreds of scalars (view starts, row counts) and short arrays are then one host-to-device
     * copy per element type.
     */
    public Value packed(TensorType type) {
        List<TensorType> values = packed.computeIfAbsent(type.element(), element -> new ArrayList<>());
        values.add(type);
        packedSizes.merge(type.element(), type.elementCount(), Long::sum);
        return new Value(Value.Kind.PACKED, values.size() - 1, type);
    }

    /** The packed parameters, in the order they follow the others: one 1-D array per element type used. */
    public List<TensorType> packedTypes() {
        List<TensorType> types = new ArrayList<>(packedSizes.size());
        packedSizes.forEach((element, size) -> types.add(new TensorType(element, size)));
        return types;
    }

    /** Marks parameter {@code argument} as donated to result {@code output}, once the results are known. */
    public void alias(Value argument, int output) {
        if (argument.kind() != Value.Kind.ARGUMENT || !arguments.get(argument.number()).equals(argument.type())) {
            throw new IllegalArgumentException(argument.name() + " is not a parameter");
        }
        aliases.set(argument.number(), output);
    }

    private Value emit(String op, Value[] operands, String attributes, TensorType result) {
        return add(new Operation(op, operands, attributes, result));
    }

    private Value add(Operation operation) {
        operations.add(operation);
        return new Value(Value.Kind.RESULT, operations.size() - 1, operation.result());
    }

    /** A tensor of {@code type} whose every element is {@code number}. */
    public Value constant(double number, TensorType type) {
        long[] key = new long[2 + type.rank()];
        key[0] = Double.doubleToRawLongBits(number);
        key[1] = type.element().ordinal();
        for (int d = 0; d < type.rank(); d++) {
            key[2 + d] = type.dimension(d);
        }
        return emit("constant", NO_OPERANDS, AttributeTexts.of("constant", key,
                () -> "value = dense<" + literal(number, type.element()) + "> : " + type), type);
    }

    /** A scalar constant. */
    public Value scalar(double number, ElementType element) {
        return constant(number, TensorType.scalar(element));
    }

    private static String literal(double number, ElementType element) {
        return switch (element) {
            case F32 -> hexadecimal(Float.floatToRawIntBits((float) number), 8);
            case F16 -> hexadecimal(Float.floatToFloat16((float) number) & 0xFFFF, 4);
            case BF16 -> hexadecimal(Float.floatToRawIntBits((float) number) >>> 16, 4);
            case I1 -> number != 0 ? "true" : "false";
            default -> {
                if (number != Math.rint(number)) {
                    throw new IllegalArgumentException(number + " is not an integer for " + element);
                }
                yield Long.toString((long) number);
            }
        };
    }

    /** An element-wise op of one operand: {@code exponential}, {@code sqrt}, {@code negate}, ... */
    public Value unary(String op, Value operand) {
        return emit(op, new Value[] {operand}, "", operand.type());
    }

    /** An element-wise op of two operands of one type: {@code add}, {@code multiply}, {@code and}, ... */
    public Value binary(String op, Value left, Value right) {
        sameType(op, left, right);
        return emit(op, new Value[] {left, right}, "", left.type());
    }

    public Value add(Value left, Value right) {
        return binary("add", left, right);
    }

    public Value subtract(Value left, Value right) {
        return binary("subtract", left, right);
    }

    public Value multiply(Value left, Value right) {
        return binary("multiply", left, right);
    }

    public Value divide(Value left, Value right) {
        return binary("divide", left, right);
    }

    public Value maximum(Value left, Value right) {
        return binary("maximum", left, right);
    }

    /** Element-wise comparison to {@code i1}. */
    public Value compare(Value left, Value right, Direction direction) {
        sameType("compare", left, right);
        return emit("compare", new Value[] {left, right}, COMPARISONS[direction.ordinal()],
                left.type().withElement(ElementType.I1));
    }

    /** {@code predicate ? onTrue : onFalse}, element-wise. */
    public Value select(Value predicate, Value onTrue, Value onFalse) {
        sameType("select", onTrue, onFalse);
        require(predicate.type().element() == ElementType.I1 && Arrays.equals(predicate.type().dimensions(),
                onTrue.type().dimensions()), "select's predicate %s does not fit %s", predicate.type(),
                onTrue.type());
        return emit("select", new Value[] {predicate, onTrue, onFalse}, "", onTrue.type());
    }

    /** The same values as {@code element} (rounded to nearest even for narrower floats). */
    public Value convert(Value operand, ElementType element) {
        return emit("convert", new Value[] {operand}, "", operand.type().withElement(element));
    }

    /**
     * The same bits read as {@code element}: of the same width, or {@code k} times wider, when the operand's last
     * dimension is {@code k} (little-endian: element 0 is the low part).
     */
    public Value bitcastConvert(Value operand, ElementType element) {
        TensorType type = operand.type();
        int from = type.element().bytes();
        int to = element.bytes();
        if (from == to) {
            return emit("bitcast_convert", new Value[] {operand}, "", type.withElement(element));
        }
        require(to > from && to % from == 0 && type.rank() > 0 && type.dimension(type.rank() - 1) == to / from,
                "bitcast_convert from %s to %s needs a last dimension of %d", type, element.mlir(), to / from);
        return emit("bitcast_convert", new Value[] {operand}, "", TensorType.owning(element,
                Arrays.copyOf(type.dimensions(), type.rank() - 1)));
    }

    /** {@code operand}'s dimension i becomes dimension {@code mapping[i]} of a tensor of {@code dimensions}. */
    public Value broadcastInDim(Value operand, long[] dimensions, int... mapping) {
        TensorType type = operand.type();
        require(mapping.length == type.rank(), "broadcast of %s needs %d mapped dimensions", type, type.rank());
        for (int i = 0; i < mapping.length; i++) {
            long size = type.dimension(i);
            require(size == 1 || size == dimensions[mapping[i]], "broadcast of %s: dimension %d (%d) into %d", type,
                    i, size, dimensions[mapping[i]]);
        }
        return emit("broadcast_in_dim", new Value[] {operand}, AttributeTexts.of("broadcast_in_dim",
                AttributeTexts.longs(mapping), () -> "broadcast_dimensions = " + array(mapping)),
                new TensorType(type.element(), dimensions));
    }

    /** The same elements in row-major order, in another shape of as many. */
    public Value reshape(Value operand, long... dimensions) {
        TensorType result = new TensorType(operand.type().element(), dimensions);
        require(result.elementCount() == operand.type().elementCount(), "reshape of %s into %s", operand.type(),
                result);
        return emit("reshape", new Value[] {operand}, "", result);
    }

    /** Result dimension i is operand dimension {@code permutation[i]}. */
    public Value transpose(Value operand, int... permutation) {
        long[] dimensions = new long[permutation.length];
        for (int i = 0; i < permutation.length; i++) {
            dimensions[i] = operand.type().dimension(permutation[i]);
        }
        return emit("transpose", new Value[] {operand}, AttributeTexts.of("transpose",
                AttributeTexts.longs(permutation), () -> "permutation = " + array(permutation)),
                TensorType.owning(operand.type().element(), dimensions));
    }

    /** Elements {@code [start, limit)} of each dimension, stride 1. */
    public Value slice(Value operand, long[] start, long[] limit) {
        long[] dimensions = new long[start.length];
        for (int i = 0; i < start.length; i++) {
            require(0 <= start[i] && start[i] <= limit[i] && limit[i] <= operand.type().dimension(i),
                    "slice [%d, %d) of dimension %d of %s", start[i], limit[i], i, operand.type());
            dimensions[i] = limit[i] - start[i];
        }
        long[] bounds = Arrays.copyOf(start, 2 * start.length);
        System.arraycopy(limit, 0, bounds, start.length, limit.length);
        String attributes = AttributeTexts.of("slice", bounds, () -> {
            long[] strides = new long[start.length];
            Arrays.fill(strides, 1);
            return "start_indices = " + array(start) + ", limit_indices = " + array(limit) + ", strides = "
                    + array(strides);
        });
        return emit("slice", new Value[] {operand}, attributes, TensorType.owning(operand.type().element(),
                dimensions));
    }

    /** Elements {@code [from, to)} of the last dimension. */
    public Value sliceLast(Value operand, long from, long to) {
        long[] start = new long[operand.type().rank()];
        long[] limit = operand.type().dimensions();
        start[start.length - 1] = from;
        limit[limit.length - 1] = to;
        return slice(operand, start, limit);
    }

    /**
     * A {@code sizes}-shaped window of {@code operand} starting at the scalar i32 {@code starts} (one per dimension;
     * a start is clamped so that the window fits).
     */
    public Value dynamicSlice(Value operand, long[] sizes, Value... starts) {
        require(starts.length == operand.type().rank(), "dynamic_slice of %s needs %d starts", operand.type(),
                operand.type().rank());
        Value[] operands = new Value[1 + starts.length];
        operands[0] = operand;
        System.arraycopy(starts, 0, operands, 1, starts.length);
        return emit("dynamic_slice", operands, AttributeTexts.of("dynamic_slice", sizes,
                () -> "slice_sizes = " + array(sizes)),
                new TensorType(operand.type().element(), sizes));
    }

    /** {@code operand} with {@code update} written at the scalar i32 {@code starts} (clamped to fit). */
    public Value dynamicUpdateSlice(Value operand, Value update, Value... starts) {
        require(starts.length == operand.type().rank() && update.type().element() == operand.type().element(),
                "dynamic_update_slice of %s into %s", update.type(), operand.type());
        Value[] operands = new Value[2 + starts.length];
        operands[0] = operand;
        operands[1] = update;
        System.arraycopy(starts, 0, operands, 2, starts.length);
        return emit("dynamic_update_slice", operands, "", operand.type());
    }

    /** The operands joined along {@code dimension}. */
    public Value concatenate(int dimension, Value... operands) {
        long[] dimensions = operands[0].type().dimensions();
        dimensions[dimension] = 0;
        for (Value operand : operands) {
            require(operand.type().element() == operands[0].type().element()
                    && operand.type().rank() == dimensions.length, "concatenate of %s and %s", operands[0].type(),
                    operand.type());
            dimensions[dimension] += operand.type().dimension(dimension);
        }
        return emit("concatenate", operands.clone(), AttributeTexts.of("concatenate",
                new long[] {dimension}, () -> "dimension = " + dimension + " : i64"),
                TensorType.owning(operands[0].type().element(), dimensions));
    }

    /** A tensor of {@code type} whose elements count along {@code dimension}. */
    public Value iota(TensorType type, int dimension) {
        return emit("iota", NO_OPERANDS, AttributeTexts.of("iota", new long[] {dimension},
                () -> "iota_dimension = " + dimension + " : i64"), type);
    }

    /**
     * A generalised matrix product: the batching dimensions pair up, the contracting ones are summed over; the result
     * has the batching dimensions, then the left's free ones, then the right's. Both operands have the builder's
     * {@link Precision}.
     */
    public Value dotGeneral(Value left, Value right, int[] leftBatching, int[] rightBatching, int[] leftContracting,
            int[] rightContracting, ElementType result) {
        List<Long> dimensions = new ArrayList<>();
        for (int i = 0; i < leftBatching.length; i++) {
            require(left.type().dimension(leftBatching[i]) == right.type().dimension(rightBatching[i]),
                    "dot_general batching dimensions differ: %s and %s", left.type(), right.type());
            dimensions.add(left.type().dimension(leftBatching[i]));
        }
        for (int i = 0; i < leftContracting.length; i++) {
            require(left.type().dimension(leftContracting[i]) == right.type().dimension(rightContracting[i]),
                    "dot_general contracting dimensions differ: %s and %s", left.type(), right.type());
        }
        addFree(dimensions, left.type(), leftBatching, leftContracting);
        addFree(dimensions, right.type(), rightBatching, rightContracting);
        String attributes = AttributeTexts.of("dot_general", AttributeTexts.joined(new int[] {precision.ordinal()},
                leftBatching, rightBatching, leftContracting, rightContracting), () -> {
                    List<String> numbers = new ArrayList<>();
                    addList(numbers, "lhs_batching_dimensions", leftBatching);
                    addList(numbers, "rhs_batching_dimensions", rightBatching);
                    addList(numbers, "lhs_contracting_dimensions", leftContracting);
                    addList(numbers, "rhs_contracting_dimensions", rightContracting);
                    String operandPrecision = "#stablehlo<precision " + precision + ">";
                    return "dot_dimension_numbers = #stablehlo.dot<" + String.join(", ", numbers)
                            + ">, precision_config = [" + operandPrecision + ", " + operandPrecision + "]";
                });
        return emit("dot_general", new Value[] {left, right}, attributes, TensorType.owning(result,
                longs(dimensions)));
    }

    private static void addFree(List<Long> dimensions, TensorType type, int[] batching, int[] contracting) {
        for (int d = 0; d < type.rank(); d++) {
            if (!contains(batching, d) && !contains(contracting, d)) {
                dimensions.add(type.dimension(d));
            }
        }
    }

    private static long[] longs(List<Long> values) {
        long[] longs = new long[values.size()];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = values.get(i);
        }
        return longs;
    }

    private static boolean contains(int[] values, int value) {
        for (int candidate : values) {
            if (candidate == value) {
                return true;
            }
        }
        return false;
    }

    private static void addList(List<String> numbers, String name, int[] values) {
        if (values.length > 0) {
            numbers.add(name + " = " + list(values));
        }
    }

    /**
     * Reduces {@code dimensions} of {@code operand} with {@code op} ({@code add}, {@code maximum}) from {@code init}.
     */
    public Value reduce(Value operand, Value init, String op, int... dimensions) {
        long[] kept = new long[operand.type().rank()];
        int keptCount = 0;
        for (int d = 0; d < operand.type().rank(); d++) {
            if (!contains(dimensions, d)) {
                kept[keptCount++] = operand.type().dimension(d);
            }
        }
        TensorType scalar = TensorType.scalar(operand.type().element());
        require(init.type().equals(scalar), "reduce's initial value must be %s", scalar);
        TensorType result = TensorType.owning(operand.type().element(), Arrays.copyOf(kept, keptCount));
        return add(new Operation("reduce", new Value[] {operand, init}, AttributeTexts.of("reduce",
                AttributeTexts.longs(dimensions), () -> "dimensions = " + array(dimensions)), result, op));
    }

    /**
     * Rows of {@code operand} picked by {@code indices}: {@code indices} is {@code [N, 1]} (i32) and the result
     * {@code [N, rest of operand's dimensions]} holds {@code operand[indices[n]]} (out-of-range indices clamp).
     */
    public Value gatherRows(Value operand, Value indices) {
        TensorType type = operand.type();
        require(indices.type().rank() == 2 && indices.type().dimension(1) == 1, "gather indices must be [N, 1], not"
                + " %s", indices.type());
        long[] sliceSizes = type.dimensions();
        sliceSizes[0] = 1;
        int[] offsetDimensions = new int[type.rank() - 1];
        long[] result = new long[type.rank()];
        result[0] = indices.type().dimension(0);
        for (int d = 1; d < type.rank(); d++) {
            offsetDimensions[d - 1] = d;
            result[d] = type.dimension(d);
        }
        String attributes = AttributeTexts.of("gather", sliceSizes, () -> "dimension_numbers = #stablehlo.gather<"
                + "offset_dims = " + list(offsetDimensions) + ", collapsed_slice_dims = [0], start_index_map = [0],"
                + " index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = " + array(sliceSizes));
        return emit("gather", new Value[] {operand, indices}, attributes, TensorType.owning(type.element(), result));
    }

    /**
     * {@code operand} with row {@code indices[n]} replaced by {@code updates[n]} ({@code indices} {@code [N, 1]},
     * {@code updates} {@code [N, rest of operand's dimensions]}); out-of-range rows are skipped.
     */
    public Value scatterRows(Value operand, Value indices, Value updates) {
        TensorType type = operand.type();
        int[] windowDimensions = new int[type.rank() - 1];
        for (int d = 1; d < type.rank(); d++) {
            windowDimensions[d - 1] = d;
            require(updates.type().dimension(d) == type.dimension(d), "scatter updates %s do not fit rows of %s",
                    updates.type(), type);
        }
        String attributes = AttributeTexts.of("scatter", new long[] {type.rank()}, () -> "indices_are_sorted = false,"
                + " scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = " + list(windowDimensions)
                + ", inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>"
                + ", unique_indices = false");
        return add(new Operation("scatter", new Value[] {operand, indices, updates}, attributes, type, ""));
    }

    /** The function's text, returning {@code results} in order ({@link #program}'s text). */
    public String build(Value... results) {
        return program(results).text();
    }

    /**
     * The function returning {@code results} in order, its text not yet written: the packed parameters follow the
     * others, and its body slices (and reshapes) each packed value out of them first thing.
     */
    public StableHloProgram program(Value... results) {
        int[] aliasOutputs = new int[aliases.size()];
        for (int i = 0; i < aliasOutputs.length; i++) {
            aliasOutputs[i] = aliases.get(i);
        }
        List<TensorType> packedValues = new ArrayList<>();
        packed.values().forEach(packedValues::addAll);
        return new StableHloProgram(arguments.toArray(TensorType[]::new), aliasOutputs,
                packedValues.toArray(TensorType[]::new), operations.toArray(Operation[]::new), results.clone());
    }

    private static String array(int[] values) {
        StringBuilder text = new StringBuilder(values.length == 0 ? "array<i64>" : "array<i64: ");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return (values.length == 0 ? text : text.append('>')).toString();
    }

    /** {@code 0x} and the low {@code digits} hexadecimal digits of {@code bits}, upper case ({@code 0x3F800000}). */
    private static String hexadecimal(int bits, int digits) {
        String hex = Integer.toHexString(bits).toUpperCase(Locale.ROOT);
        return "0x" + "0".repeat(Math.max(0, digits - hex.length())) + hex;
    }

    private static String array(long[] values) {
        StringBuilder text = new StringBuilder(values.length == 0 ? "array<i64>" : "array<i64: ");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return (values.length == 0 ? text : text.append('>')).toString();
    }

    private static String list(int[] values) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return text.append(']').toString();
    }

    private static void sameType(String op, Value left, Value right) {
        require(left.type().equals(right.type()), "%s of %s and %s", op, left.type(), right.type());
    }

    private static void require(boolean condition, String format, Object... arguments) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(format, arguments));
        }
    }
}
