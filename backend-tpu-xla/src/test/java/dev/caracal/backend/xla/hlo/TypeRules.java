package dev.caracal.backend.xla.hlo;

import dev.caracal.backend.xla.hlo.Program.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The constraints of the StableHLO spec on each op of the subset: operand count and types, attributes, and the
 * result type the operands and attributes imply. Each violation is a {@link StableHloSyntaxException} on the op's line.
 */
final class TypeRules {

    /** Element-wise on any numeric type (not i1). */
    private static final Set<String> NUMERIC_UNARY = Set.of("stablehlo.abs", "stablehlo.negate");
    private static final Set<String> FLOAT_UNARY = Set.of("stablehlo.exponential", "stablehlo.logistic",
            "stablehlo.sqrt", "stablehlo.rsqrt", "stablehlo.sine", "stablehlo.cosine", "stablehlo.floor");
    /** Element-wise; on i1, add and maximum are OR, multiply and minimum are AND. */
    private static final Set<String> ANY_BINARY = Set.of("stablehlo.add", "stablehlo.multiply", "stablehlo.maximum",
            "stablehlo.minimum");
    private static final Set<String> NUMERIC_BINARY = Set.of("stablehlo.subtract", "stablehlo.divide",
            "stablehlo.remainder", "stablehlo.power");
    private static final Set<String> LOGICAL_BINARY = Set.of("stablehlo.and", "stablehlo.or", "stablehlo.xor");
    private static final Set<String> SHIFTS = Set.of("stablehlo.shift_left", "stablehlo.shift_right_logical",
            "stablehlo.shift_right_arithmetic");
    private static final Set<String> OTHERS = Set.of("stablehlo.constant", "stablehlo.not", "stablehlo.convert",
            "stablehlo.bitcast_convert", "stablehlo.compare", "stablehlo.select", "stablehlo.broadcast_in_dim",
            "stablehlo.reshape", "stablehlo.transpose", "stablehlo.slice", "stablehlo.concatenate", "stablehlo.iota",
            "stablehlo.dynamic_slice", "stablehlo.dynamic_update_slice", "stablehlo.dot_general", "stablehlo.reduce",
            "stablehlo.gather", "stablehlo.scatter");

    private static final Set<String> DIRECTIONS = Set.of("EQ", "NE", "LT", "LE", "GT", "GE");

    private TypeRules() {}

    /** Whether the op is one of the subset (it may still be written wrongly). */
    static boolean isKnown(String name) {
        return NUMERIC_UNARY.contains(name) || FLOAT_UNARY.contains(name) || ANY_BINARY.contains(name)
                || NUMERIC_BINARY.contains(name) || LOGICAL_BINARY.contains(name) || SHIFTS.contains(name)
                || OTHERS.contains(name);
    }

    /** Whether the op takes a region (its {@link Program.Combiner}). */
    static boolean hasRegion(String name) {
        return name.equals("stablehlo.reduce") || name.equals("stablehlo.scatter");
    }

    static void check(Op op) {
        String name = op.name();
        if (NUMERIC_UNARY.contains(name)) {
            elementwise(op, 1, "an integer or float", type -> !type.isBool());
        } else if (FLOAT_UNARY.contains(name)) {
            elementwise(op, 1, "a float", ElementType::isFloat);
        } else if (name.equals("stablehlo.not")) {
            elementwise(op, 1, "an integer or i1", type -> !type.isFloat());
        } else if (ANY_BINARY.contains(name)) {
            elementwise(op, 2, "any", type -> true);
        } else if (NUMERIC_BINARY.contains(name)) {
            elementwise(op, 2, "an integer or float", type -> !type.isBool());
        } else if (LOGICAL_BINARY.contains(name)) {
            elementwise(op, 2, "an integer or i1", type -> !type.isFloat());
        } else if (SHIFTS.contains(name)) {
            elementwise(op, 2, "an integer", ElementType::isInteger);
        } else {
            switch (name) {
                case "stablehlo.constant" -> constant(op);
                case "stablehlo.convert" -> convert(op);
                case "stablehlo.bitcast_convert" -> bitcastConvert(op);
                case "stablehlo.compare" -> compare(op);
                case "stablehlo.select" -> select(op);
                case "stablehlo.broadcast_in_dim" -> broadcastInDim(op);
                case "stablehlo.reshape" -> reshape(op);
                case "stablehlo.transpose" -> transpose(op);
                case "stablehlo.slice" -> slice(op);
                case "stablehlo.concatenate" -> concatenate(op);
                case "stablehlo.iota" -> iota(op);
                case "stablehlo.dynamic_slice" -> dynamicSlice(op);
                case "stablehlo.dynamic_update_slice" -> dynamicUpdateSlice(op);
                case "stablehlo.dot_general" -> dotGeneral(op);
                case "stablehlo.reduce" -> reduce(op);
                case "stablehlo.gather" -> gather(op);
                case "stablehlo.scatter" -> scatter(op);
                default -> throw op.error("not an op of the subset");
            }
        }
    }

    /** Operands and result all of one type, with an element type the op accepts. */
    private static void elementwise(Op op, int operands, String kind, Predicate<ElementType> test) {
        attributes(op);
        operandCount(op, operands);
        TensorType type = op.operandType(0);
        for (TensorType operandType : op.operandTypes()) {
            require(op, operandType.equals(type), "operands must have one type, got " + op.operandTypes());
        }
        require(op, test.test(type.elementType()), "needs " + kind + " tensor, got " + type);
        result(op, type);
    }

    private static void constant(Op op) {
        attributes(op, "value");
        operandCount(op, 0);
        if (!(op.attributes().get("value") instanceof Attribute.Dense dense)) {
            throw op.error("value must be dense<...> : tensor<...>, got " + op.attributes().get("value"));
        }
        result(op, dense.value().type());
    }

    private static void convert(Op op) {
        attributes(op);
        operandCount(op, 1);
        result(op, op.operandType(0).withElementType(op.resultType().elementType()));
    }

    /** Same bit width: same shape; otherwise the narrower side has one more trailing dimension, the width ratio. */
    private static void bitcastConvert(Op op) {
        attributes(op);
        operandCount(op, 1);
        TensorType operand = op.operandType(0);
        TensorType result = op.resultType();
        int from = operand.elementType().bits();
        int to = result.elementType().bits();
        List<Integer> expected = new ArrayList<>(operand.shape());
        if (to < from) {
            expected.add(from / to);
        } else if (to > from) {
            require(op, operand.rank() > 0 && operand.dim(operand.rank() - 1) * from == to, "the last dimension of "
                    + operand + " times " + from + " bits must be the " + to + " bits of " + result.elementType());
            expected.removeLast();
        }
        result(op, new TensorType(result.elementType(), expected));
    }

    private static void compare(Op op) {
        attributes(op, "comparison_direction", "compare_type?");
        operandCount(op, 2);
        String direction = op.enumValue("comparison_direction", "comparison_direction");
        require(op, DIRECTIONS.contains(direction), "unknown comparison_direction " + direction);
        if (op.attributes().containsKey("compare_type")) {
            String compareType = op.enumValue("compare_type", "comparison_type");
            require(op, Set.of("FLOAT", "SIGNED", "UNSIGNED").contains(compareType),
                    "compare_type " + compareType + " is not supported (FLOAT, SIGNED, UNSIGNED are)");
        }
        require(op, op.operandType(0).equals(op.operandType(1)), "operands must have one type, got "
                + op.operandTypes());
        result(op, op.operandType(0).withElementType(ElementType.I1));
    }

    private static void select(Op op) {
        attributes(op);
        operandCount(op, 3);
        TensorType predicate = op.operandType(0);
        TensorType onTrue = op.operandType(1);
        require(op, predicate.elementType().isBool(), "the predicate must be i1, got " + predicate);
        require(op, predicate.rank() == 0 || predicate.shape().equals(onTrue.shape()),
                "the predicate must be a scalar or have the shape of " + onTrue + ", got " + predicate);
        require(op, onTrue.equals(op.operandType(2)), "on_true and on_false must have one type, got " + onTrue
                + " and " + op.operandType(2));
        result(op, onTrue);
    }

    private static void broadcastInDim(Op op) {
        attributes(op, "broadcast_dimensions");
        operandCount(op, 1);
        TensorType operand = op.operandType(0);
        TensorType result = op.resultType();
        long[] dimensions = op.integers("broadcast_dimensions");
        require(op, dimensions.length == operand.rank(), "broadcast_dimensions needs one entry per operand axis ("
                + operand.rank() + "), got " + Arrays.toString(dimensions));
        axes(op, "broadcast_dimensions", dimensions, result.rank());
        for (int d = 0; d < operand.rank(); d++) {
            int target = result.dim((int) dimensions[d]);
            require(op, operand.dim(d) == 1 || operand.dim(d) == target, "operand axis " + d + " of size "
                    + operand.dim(d) + " cannot broadcast to result axis " + dimensions[d] + " of size " + target);
        }
        result(op, result.withElementType(operand.elementType()));
    }

    private static void reshape(Op op) {
        attributes(op);
        operandCount(op, 1);
        TensorType operand = op.operandType(0);
        require(op, operand.size() == op.resultType().size(), operand + " has " + operand.size() + " elements, "
                + op.resultType() + " has " + op.resultType().size());
        result(op, op.resultType().withElementType(operand.elementType()));
    }

    private static void transpose(Op op) {
        attributes(op, "permutation");
        operandCount(op, 1);
        TensorType operand = op.operandType(0);
        long[] permutation = op.integers("permutation");
        require(op, permutation.length == operand.rank(), "permutation needs " + operand.rank() + " entries, got "
                + Arrays.toString(permutation));
        axes(op, "permutation", permutation, operand.rank());
        List<Integer> shape = new ArrayList<>();
        for (long axis : permutation) {
            shape.add(operand.dim((int) axis));
        }
        result(op, new TensorType(operand.elementType(), shape));
    }

    private static void slice(Op op) {
        attributes(op, "start_indices", "limit_indices", "strides");
        operandCount(op, 1);
        TensorType operand = op.operandType(0);
        long[] start = op.integers("start_indices");
        long[] limit = op.integers("limit_indices");
        long[] strides = op.integers("strides");
        require(op, start.length == operand.rank() && limit.length == operand.rank()
                && strides.length == operand.rank(), "start_indices, limit_indices and strides need "
                + operand.rank() + " entries each");
        List<Integer> shape = new ArrayList<>();
        for (int d = 0; d < operand.rank(); d++) {
            require(op, 0 <= start[d] && start[d] <= limit[d] && limit[d] <= operand.dim(d),
                    "axis " + d + " needs 0 <= start <= limit <= " + operand.dim(d) + ", got " + start[d] + ", "
                    + limit[d]);
            require(op, strides[d] > 0, "strides must be positive, got " + Arrays.toString(strides));
            shape.add((int) ((limit[d] - start[d] + strides[d] - 1) / strides[d]));
        }
        result(op, new TensorType(operand.elementType(), shape));
    }

    private static void concatenate(Op op) {
        attributes(op, "dimension");
        require(op, !op.operands().isEmpty(), "needs at least one operand");
        TensorType first = op.operandType(0);
        long dimension = op.integer("dimension");
        require(op, 0 <= dimension && dimension < first.rank(), "dimension " + dimension + " is not an axis of "
                + first);
        List<Integer> shape = new ArrayList<>(first.shape());
        shape.set((int) dimension, 0);
        for (TensorType operand : op.operandTypes()) {
            List<Integer> others = new ArrayList<>(operand.shape());
            require(op, operand.elementType() == first.elementType() && operand.rank() == first.rank(),
                    "operands must have one element type and rank, got " + op.operandTypes());
            others.set((int) dimension, 0);
            List<Integer> firstOthers = new ArrayList<>(first.shape());
            firstOthers.set((int) dimension, 0);
            require(op, others.equals(firstOthers), "operands may differ only in axis " + dimension + ", got "
                    + op.operandTypes());
            shape.set((int) dimension, shape.get((int) dimension) + operand.dim((int) dimension));
        }
        result(op, new TensorType(first.elementType(), shape));
    }

    private static void iota(Op op) {
        attributes(op, "iota_dimension");
        operandCount(op, 0);
        long dimension = op.integer("iota_dimension");
        require(op, 0 <= dimension && dimension < op.resultType().rank(), "iota_dimension " + dimension
                + " is not an axis of " + op.resultType());
        require(op, !op.resultType().elementType().isBool(), "iota of i1 is not supported");
    }

    private static void dynamicSlice(Op op) {
        attributes(op, "slice_sizes");
        require(op, !op.operands().isEmpty(), "needs an operand");
        TensorType operand = op.operandType(0);
        operandCount(op, 1 + operand.rank());
        startIndices(op, 1);
        long[] sizes = op.integers("slice_sizes");
        require(op, sizes.length == operand.rank(), "slice_sizes needs " + operand.rank() + " entries, got "
                + Arrays.toString(sizes));
        List<Integer> shape = new ArrayList<>();
        for (int d = 0; d < operand.rank(); d++) {
            require(op, 0 <= sizes[d] && sizes[d] <= operand.dim(d), "slice_sizes " + Arrays.toString(sizes)
                    + " do not fit in " + operand);
            shape.add((int) sizes[d]);
        }
        result(op, new TensorType(operand.elementType(), shape));
    }

    private static void dynamicUpdateSlice(Op op) {
        attributes(op);
        require(op, !op.operands().isEmpty(), "needs an operand");
        TensorType operand = op.operandType(0);
        operandCount(op, 2 + operand.rank());
        TensorType update = op.operandType(1);
        require(op, update.elementType() == operand.elementType() && update.rank() == operand.rank(),
                "the update must have the element type and rank of " + operand + ", got " + update);
        for (int d = 0; d < operand.rank(); d++) {
            require(op, update.dim(d) <= operand.dim(d), "the update " + update + " does not fit in " + operand);
        }
        startIndices(op, 2);
        result(op, operand);
    }

    /** The scalar integer start indices from operand {@code first} on, all of one type. */
    private static void startIndices(Op op, int first) {
        TensorType type = op.operandType(first);
        for (int i = first; i < op.operands().size(); i++) {
            require(op, op.operandType(i).rank() == 0 && op.operandType(i).elementType().isInteger()
                    && op.operandType(i).equals(type), "start indices must be integer scalars of one type, got "
                    + op.operandTypes().subList(first, op.operands().size()));
        }
    }

    private static void dotGeneral(Op op) {
        attributes(op, "dot_dimension_numbers", "precision_config?");
        operandCount(op, 2);
        Attribute.Struct numbers = op.struct("dot_dimension_numbers");
        fields(op, numbers, "dot", "lhs_batching_dimensions", "rhs_batching_dimensions", "lhs_contracting_dimensions",
                "rhs_contracting_dimensions");
        if (op.attributes().get("precision_config") != null) {
            boolean valid = op.attributes().get("precision_config") instanceof Attribute.AttributeList list
                    && list.elements().size() == 2 && list.elements().stream().allMatch(element ->
                    element instanceof Attribute.EnumValue value && value.kind().equals("precision")
                    && Set.of("DEFAULT", "HIGH", "HIGHEST").contains(value.value()));
            require(op, valid, "precision_config must be two #stablehlo<precision DEFAULT|HIGH|HIGHEST>");
        }
        TensorType lhs = op.operandType(0);
        TensorType rhs = op.operandType(1);
        long[] lhsBatch = op.integers("dot_dimension_numbers", "lhs_batching_dimensions");
        long[] rhsBatch = op.integers("dot_dimension_numbers", "rhs_batching_dimensions");
        long[] lhsContract = op.integers("dot_dimension_numbers", "lhs_contracting_dimensions");
        long[] rhsContract = op.integers("dot_dimension_numbers", "rhs_contracting_dimensions");
        require(op, lhsBatch.length == rhsBatch.length, "lhs and rhs need as many batching dimensions");
        require(op, lhsContract.length == rhsContract.length, "lhs and rhs need as many contracting dimensions");
        axes(op, "lhs batching and contracting dimensions", concat(lhsBatch, lhsContract), lhs.rank());
        axes(op, "rhs batching and contracting dimensions", concat(rhsBatch, rhsContract), rhs.rank());
        for (int i = 0; i < lhsBatch.length; i++) {
            require(op, lhs.dim((int) lhsBatch[i]) == rhs.dim((int) rhsBatch[i]), "batching dimensions "
                    + lhsBatch[i] + " of " + lhs + " and " + rhsBatch[i] + " of " + rhs + " differ in size");
        }
        for (int i = 0; i < lhsContract.length; i++) {
            require(op, lhs.dim((int) lhsContract[i]) == rhs.dim((int) rhsContract[i]), "contracting dimensions "
                    + lhsContract[i] + " of " + lhs + " and " + rhsContract[i] + " of " + rhs + " differ in size");
        }
        ElementType element = lhs.elementType();
        ElementType resultElement = op.resultType().elementType();
        require(op, element == rhs.elementType(), "lhs and rhs must have one element type, got " + lhs + " and "
                + rhs);
        require(op, !element.isBool() && element.isFloat() == resultElement.isFloat() && !resultElement.isBool(),
                "needs float operands and result or integer operands and result, got " + lhs + " and "
                + op.resultType());
        List<Integer> shape = new ArrayList<>();
        for (long axis : lhsBatch) {
            shape.add(lhs.dim((int) axis));
        }
        for (int axis : freeAxes(lhs.rank(), lhsBatch, lhsContract)) {
            shape.add(lhs.dim(axis));
        }
        for (int axis : freeAxes(rhs.rank(), rhsBatch, rhsContract)) {
            shape.add(rhs.dim(axis));
        }
        result(op, new TensorType(resultElement, shape));
    }

    /** The axes of a dot_general operand that are neither batching nor contracting, ascending. */
    static int[] freeAxes(int rank, long[] batching, long[] contracting) {
        Set<Long> taken = new HashSet<>();
        for (long axis : concat(batching, contracting)) {
            taken.add(axis);
        }
        return IntStream.range(0, rank).filter(axis -> !taken.contains((long) axis)).toArray();
    }

    private static void reduce(Op op) {
        attributes(op, "dimensions");
        operandCount(op, 2);
        TensorType input = op.operandType(0);
        TensorType init = op.operandType(1);
        require(op, init.equals(TensorType.of(input.elementType())), "the init value must be "
                + TensorType.of(input.elementType()) + ", got " + init);
        require(op, op.body().isPresent() && op.body().get() != Program.Combiner.REPLACE,
                "the body must combine its two arguments");
        long[] dimensions = op.integers("dimensions");
        axes(op, "dimensions", dimensions, input.rank());
        List<Integer> shape = new ArrayList<>();
        for (int d = 0; d < input.rank(); d++) {
            if (!contains(dimensions, d)) {
                shape.add(input.dim(d));
            }
        }
        result(op, new TensorType(input.elementType(), shape));
    }

    private static void gather(Op op) {
        attributes(op, "dimension_numbers", "slice_sizes", "indices_are_sorted?");
        operandCount(op, 2);
        bool(op, "indices_are_sorted");
        fields(op, op.struct("dimension_numbers"), "gather", "offset_dims", "collapsed_slice_dims",
                "operand_batching_dims", "start_indices_batching_dims", "start_index_map", "index_vector_dim");
        TensorType operand = op.operandType(0);
        TensorType indices = op.operandType(1);
        long[] offsetDims = op.integers("dimension_numbers", "offset_dims");
        long[] collapsed = op.integers("dimension_numbers", "collapsed_slice_dims");
        long[] operandBatching = op.integers("dimension_numbers", "operand_batching_dims");
        long[] indicesBatching = op.integers("dimension_numbers", "start_indices_batching_dims");
        long[] startIndexMap = op.integers("dimension_numbers", "start_index_map");
        long indexVectorDim = op.integer("dimension_numbers", "index_vector_dim");
        long[] sliceSizes = op.integers("slice_sizes");
        require(op, indices.elementType().isInteger(), "start indices must be integers, got " + indices);
        require(op, operand.rank() == offsetDims.length + collapsed.length + operandBatching.length,
                "rank of " + operand + " must be the number of offset, collapsed and batching dims");
        indexing(op, indices, indexVectorDim, startIndexMap, indicesBatching, operand, operandBatching, collapsed,
                "collapsed_slice_dims");
        require(op, sliceSizes.length == operand.rank(), "slice_sizes needs " + operand.rank() + " entries");
        for (int d = 0; d < operand.rank(); d++) {
            require(op, 0 <= sliceSizes[d] && sliceSizes[d] <= operand.dim(d), "slice_sizes "
                    + Arrays.toString(sliceSizes) + " do not fit in " + operand);
            require(op, sliceSizes[d] <= 1 || !contains(collapsed, d) && !contains(operandBatching, d),
                    "slice_sizes of collapsed and batching dims must be 0 or 1, got " + Arrays.toString(sliceSizes));
        }
        List<Integer> batchSizes = withoutAxis(indices, indexVectorDim);
        List<Integer> offsetSizes = new ArrayList<>();
        for (int d = 0; d < operand.rank(); d++) {
            if (!contains(collapsed, d) && !contains(operandBatching, d)) {
                offsetSizes.add((int) sliceSizes[d]);
            }
        }
        int rank = batchSizes.size() + offsetSizes.size();
        sortedAxes(op, "offset_dims", offsetDims, rank);
        List<Integer> shape = new ArrayList<>();
        for (int d = 0, batch = 0, offset = 0; d < rank; d++) {
            shape.add(contains(offsetDims, d) ? offsetSizes.get(offset++) : batchSizes.get(batch++));
        }
        result(op, new TensorType(operand.elementType(), shape));
    }

    private static void scatter(Op op) {
        attributes(op, "scatter_dimension_numbers", "indices_are_sorted?", "unique_indices?");
        operandCount(op, 3);
        bool(op, "indices_are_sorted");
        bool(op, "unique_indices");
        String numbers = "scatter_dimension_numbers";
        fields(op, op.struct(numbers), "scatter", "update_window_dims", "inserted_window_dims",
                "input_batching_dims", "scatter_indices_batching_dims", "scatter_dims_to_operand_dims",
                "index_vector_dim");
        TensorType input = op.operandType(0);
        TensorType indices = op.operandType(1);
        TensorType updates = op.operandType(2);
        long[] windowDims = op.integers(numbers, "update_window_dims");
        long[] inserted = op.integers(numbers, "inserted_window_dims");
        long[] inputBatching = op.integers(numbers, "input_batching_dims");
        long[] indicesBatching = op.integers(numbers, "scatter_indices_batching_dims");
        long[] toOperandDims = op.integers(numbers, "scatter_dims_to_operand_dims");
        long indexVectorDim = op.integer(numbers, "index_vector_dim");
        require(op, indices.elementType().isInteger(), "scatter indices must be integers, got " + indices);
        require(op, updates.elementType() == input.elementType(), "updates must have the element type of "
                + input + ", got " + updates);
        require(op, op.body().isPresent(), "needs a region");
        require(op, input.rank() == windowDims.length + inserted.length + inputBatching.length,
                "rank of " + input + " must be the number of update window, inserted and batching dims");
        indexing(op, indices, indexVectorDim, toOperandDims, indicesBatching, input, inputBatching, inserted,
                "inserted_window_dims");
        List<Integer> scatterSizes = withoutAxis(indices, indexVectorDim);
        List<Integer> windowBounds = new ArrayList<>();
        for (int d = 0; d < input.rank(); d++) {
            if (!contains(inserted, d) && !contains(inputBatching, d)) {
                windowBounds.add(input.dim(d));
            }
        }
        require(op, updates.rank() == scatterSizes.size() + windowBounds.size(), "updates " + updates
                + " must have rank " + (scatterSizes.size() + windowBounds.size()));
        sortedAxes(op, "update_window_dims", windowDims, updates.rank());
        for (int d = 0, scatter = 0, window = 0; d < updates.rank(); d++) {
            boolean fits = contains(windowDims, d) ? updates.dim(d) <= windowBounds.get(window++)
                    : updates.dim(d) == scatterSizes.get(scatter++);
            require(op, fits, "updates " + updates + " do not match the scatter indices " + indices
                    + " and window dims of " + input + " (axis " + d + ")");
        }
        result(op, input);
    }

    /** The constraints gather and scatter share on their index vectors and batching dims. */
    private static void indexing(Op op, TensorType indices, long indexVectorDim, long[] indexMap,
            long[] indicesBatching, TensorType operand, long[] operandBatching, long[] windowless, String name) {
        require(op, 0 <= indexVectorDim && indexVectorDim <= indices.rank(), "index_vector_dim " + indexVectorDim
                + " must be at most the rank of " + indices);
        long vectorSize = indexVectorDim < indices.rank() ? indices.dim((int) indexVectorDim) : 1;
        require(op, indexMap.length == vectorSize, "the index map needs " + vectorSize + " entries (the index"
                + " vector's size), got " + Arrays.toString(indexMap));
        axes(op, "the index map and operand batching dims", concat(indexMap, operandBatching), operand.rank());
        sortedAxes(op, name, windowless, operand.rank());
        sortedAxes(op, "operand batching dims", operandBatching, operand.rank());
        axes(op, name + " and operand batching dims", concat(windowless, operandBatching), operand.rank());
        axes(op, "the indices' batching dims", indicesBatching, indices.rank());
        require(op, !contains(indicesBatching, indexVectorDim), "index_vector_dim cannot be a batching dim");
        require(op, indicesBatching.length == operandBatching.length, "operand and indices need as many batching"
                + " dims");
        for (int i = 0; i < indicesBatching.length; i++) {
            require(op, operand.dim((int) operandBatching[i]) == indices.dim((int) indicesBatching[i]),
                    "batching dims of " + operand + " and " + indices + " differ in size");
        }
    }

    /** The shape of the indices without the index vector's axis. */
    private static List<Integer> withoutAxis(TensorType indices, long indexVectorDim) {
        List<Integer> sizes = new ArrayList<>(indices.shape());
        if (indexVectorDim < indices.rank()) {
            sizes.remove((int) indexVectorDim);
        }
        return sizes;
    }

    /**
     * The op's attributes are exactly these names, a trailing {@code ?} marking an optional one. Attribute names
     * are part of the subset: a misspelt one is an error, not ignored.
     */
    private static void attributes(Op op, String... names) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String name : names) {
            allowed.add(name.replace("?", ""));
        }
        for (String name : op.attributes().keySet()) {
            require(op, allowed.contains(name), "unexpected attribute " + name + (allowed.isEmpty()
                    ? " (it takes none)" : " (it takes " + String.join(", ", allowed) + ")"));
        }
        for (String name : names) {
            require(op, name.endsWith("?") || op.attributes().containsKey(name), "missing attribute " + name);
        }
    }

    /** A struct attribute of the given kind with only these fields. */
    private static void fields(Op op, Attribute.Struct struct, String kind, String... names) {
        require(op, struct.kind().equals(kind), "expected #stablehlo." + kind + "<...>, got #stablehlo."
                + struct.kind() + "<...>");
        for (String field : struct.fields().keySet()) {
            require(op, Arrays.asList(names).contains(field), "unexpected field " + field + " in #stablehlo." + kind
                    + " (it takes " + String.join(", ", names) + ")");
        }
    }

    private static void bool(Op op, String attribute) {
        Attribute value = op.attributes().get(attribute);
        require(op, value == null || value instanceof Attribute.BooleanValue, attribute + " must be true or false");
    }

    private static void operandCount(Op op, int count) {
        require(op, op.operands().size() == count, "takes " + count + " operands, got " + op.operands().size());
    }

    /** Distinct axes of a tensor of the given rank. */
    private static void axes(Op op, String name, long[] axes, int rank) {
        Set<Long> seen = new HashSet<>();
        for (long axis : axes) {
            require(op, 0 <= axis && axis < rank && seen.add(axis), name + " " + Arrays.toString(axes)
                    + " must be distinct axes of a rank-" + rank + " tensor");
        }
    }

    private static void sortedAxes(Op op, String name, long[] axes, int rank) {
        axes(op, name, axes, rank);
        for (int i = 1; i < axes.length; i++) {
            require(op, axes[i - 1] < axes[i], name + " " + Arrays.toString(axes) + " must be sorted");
        }
    }

    private static void result(Op op, TensorType implied) {
        require(op, implied.equals(op.resultType()), "the operands and attributes give " + implied
                + ", but the declared result type is " + op.resultType());
    }

    private static void require(Op op, boolean condition, String problem) {
        if (!condition) {
            throw op.error(problem);
        }
    }

    static boolean contains(long[] values, long value) {
        for (long candidate : values) {
            if (candidate == value) {
                return true;
            }
        }
        return false;
    }

    private static long[] concat(long[] first, long[] second) {
        long[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
