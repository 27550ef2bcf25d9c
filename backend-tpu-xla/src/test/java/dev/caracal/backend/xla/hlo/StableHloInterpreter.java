package dev.caracal.backend.xla.hlo;

import dev.caracal.backend.xla.hlo.Program.Argument;
import dev.caracal.backend.xla.hlo.Program.Combiner;
import dev.caracal.backend.xla.hlo.Program.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Runs a {@link Program} on the host, op by op, as the StableHLO spec defines each op: the test oracle for the
 * programs Caracal emits. Float ops compute in double and round to the element type, so f32, f16 and bf16 results
 * are the correctly rounded ones (transcendentals up to the double result's rounding); integer ops wrap around.
 * Where the spec leaves a result open, it follows XLA: integer division by zero gives -1 (all ones), remainder by
 * zero the dividend, float to integer conversion saturates with NaN giving 0, shifts by the bit width or more give 0
 * (arithmetic right: the sign). Reductions fold left from the init value; dot_general sums in double.
 */
public final class StableHloInterpreter {

    private final Program program;

    public StableHloInterpreter(Program program) {
        this.program = program;
    }

    /** Parses and runs {@code text}. */
    public static List<HostArray> run(String text, HostArray... arguments) {
        return new StableHloInterpreter(StableHloParser.parse(text)).run(List.of(arguments));
    }

    public List<HostArray> run(List<HostArray> arguments) {
        if (arguments.size() != program.arguments().size()) {
            throw new IllegalArgumentException("@main takes " + program.arguments().size() + " arguments, got "
                    + arguments.size());
        }
        Map<String, HostArray> values = new HashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            Argument argument = program.arguments().get(i);
            if (!argument.type().equals(arguments.get(i).type())) {
                throw new IllegalArgumentException(argument.name() + " is " + argument.type() + ", got "
                        + arguments.get(i).type());
            }
            values.put(argument.name(), arguments.get(i));
        }
        for (Op op : program.ops()) {
            List<HostArray> operands = op.operands().stream().map(values::get).toList();
            values.put(op.result(), evaluate(op, operands));
        }
        return program.results().stream().map(values::get).toList();
    }

    private static HostArray evaluate(Op op, List<HostArray> operands) {
        TensorType type = op.resultType();
        return switch (op.name()) {
            case "stablehlo.constant" -> ((Attribute.Dense) op.attributes().get("value")).value();
            case "stablehlo.abs", "stablehlo.negate", "stablehlo.exponential", "stablehlo.logistic", "stablehlo.sqrt",
                    "stablehlo.rsqrt", "stablehlo.sine", "stablehlo.cosine", "stablehlo.floor", "stablehlo.not" ->
                    unary(op.name(), operands.getFirst());
            case "stablehlo.convert" -> convert(operands.getFirst(), type);
            case "stablehlo.bitcast_convert" -> bitcastConvert(operands.getFirst(), type);
            case "stablehlo.compare" -> compare(op.enumValue("comparison_direction", "comparison_direction"),
                    operands.get(0), operands.get(1));
            case "stablehlo.select" -> select(operands.get(0), operands.get(1), operands.get(2));
            case "stablehlo.broadcast_in_dim" ->
                    broadcastInDim(operands.getFirst(), op.integers("broadcast_dimensions"), type);
            case "stablehlo.reshape" -> operands.getFirst().reshaped(type);
            case "stablehlo.transpose" -> transpose(operands.getFirst(), op.integers("permutation"), type);
            case "stablehlo.slice" -> slice(operands.getFirst(), op.integers("start_indices"), op.integers("strides"),
                    type);
            case "stablehlo.concatenate" -> concatenate(operands, (int) op.integer("dimension"), type);
            case "stablehlo.iota" -> iota((int) op.integer("iota_dimension"), type);
            case "stablehlo.dynamic_slice" -> dynamicSlice(operands, type);
            case "stablehlo.dynamic_update_slice" -> dynamicUpdateSlice(operands);
            case "stablehlo.dot_general" -> dotGeneral(op, operands.get(0), operands.get(1));
            case "stablehlo.reduce" -> reduce(operands.get(0), operands.get(1), op.integers("dimensions"),
                    op.body().orElseThrow(), type);
            case "stablehlo.gather" -> gather(op, operands.get(0), operands.get(1));
            case "stablehlo.scatter" -> scatter(op, operands.get(0), operands.get(1), operands.get(2));
            default -> binary(op.name(), operands.get(0), operands.get(1));
        };
    }

    private static HostArray unary(String name, HostArray operand) {
        HostArray result = HostArray.zeros(operand.type());
        ElementType type = operand.elementType();
        for (int i = 0; i < result.size(); i++) {
            if (type.isFloat()) {
                result.setDouble(i, floatUnary(name, operand.getDouble(i)));
            } else {
                long x = operand.getLong(i);
                result.setLong(i, switch (name) {
                    case "stablehlo.abs" -> Math.abs(x);
                    case "stablehlo.negate" -> -x;
                    case "stablehlo.not" -> type.isBool() ? x ^ 1 : ~x;
                    default -> throw new IllegalStateException(name + " on " + type);
                });
            }
        }
        return result;
    }

    private static double floatUnary(String name, double x) {
        return switch (name) {
            case "stablehlo.abs" -> Math.abs(x);
            case "stablehlo.negate" -> -x;
            case "stablehlo.exponential" -> Math.exp(x);
            case "stablehlo.logistic" -> 1 / (1 + Math.exp(-x));
            case "stablehlo.sqrt" -> Math.sqrt(x);
            case "stablehlo.rsqrt" -> 1 / Math.sqrt(x);
            case "stablehlo.sine" -> Math.sin(x);
            case "stablehlo.cosine" -> Math.cos(x);
            case "stablehlo.floor" -> Math.floor(x);
            default -> throw new IllegalStateException(name + " on floats");
        };
    }

    private static HostArray binary(String name, HostArray lhs, HostArray rhs) {
        HostArray result = HostArray.zeros(lhs.type());
        ElementType type = lhs.elementType();
        for (int i = 0; i < result.size(); i++) {
            if (type.isFloat()) {
                result.setDouble(i, floatBinary(name, lhs.getDouble(i), rhs.getDouble(i)));
            } else {
                result.setLong(i, integerBinary(name, type, lhs.getLong(i), rhs.getLong(i)));
            }
        }
        return result;
    }

    /** IEEE-754 on the exact values; the caller rounds to the element type. */
    private static double floatBinary(String name, double a, double b) {
        return switch (name) {
            case "stablehlo.add" -> a + b;
            case "stablehlo.subtract" -> a - b;
            case "stablehlo.multiply" -> a * b;
            case "stablehlo.divide" -> a / b;
            case "stablehlo.maximum" -> Math.max(a, b);
            case "stablehlo.minimum" -> Math.min(a, b);
            case "stablehlo.remainder" -> a % b;
            case "stablehlo.power" -> Math.pow(a, b);
            default -> throw new IllegalStateException(name + " on floats");
        };
    }

    /** Two's complement arithmetic in 64 bits; the caller wraps the result to the element type. */
    private static long integerBinary(String name, ElementType type, long a, long b) {
        int bits = type.bits();
        long amount = bits == 64 ? b : b & ((1L << bits) - 1);
        boolean shiftsOut = Long.compareUnsigned(amount, bits) >= 0;
        long signed = bits == 64 ? a : (a << (64 - bits)) >> (64 - bits);
        return switch (name) {
            case "stablehlo.add" -> type.isBool() ? a | b : a + b;
            case "stablehlo.subtract" -> a - b;
            case "stablehlo.multiply" -> type.isBool() ? a & b : a * b;
            case "stablehlo.divide" -> b == 0 ? -1 : a / b;
            case "stablehlo.remainder" -> b == 0 ? a : a % b;
            case "stablehlo.maximum" -> Math.max(a, b);
            case "stablehlo.minimum" -> Math.min(a, b);
            case "stablehlo.and" -> a & b;
            case "stablehlo.or" -> a | b;
            case "stablehlo.xor" -> a ^ b;
            case "stablehlo.power" -> power(type, a, b);
            case "stablehlo.shift_left" -> shiftsOut ? 0 : a << amount;
            case "stablehlo.shift_right_logical" -> shiftsOut ? 0 : (a & mask(bits)) >>> amount;
            case "stablehlo.shift_right_arithmetic" -> signed >> (shiftsOut ? bits - 1 : amount);
            default -> throw new IllegalStateException(name + " on integers");
        };
    }

    private static long mask(int bits) {
        return bits == 64 ? -1 : (1L << bits) - 1;
    }

    /** Exponentiation by squaring; a negative exponent gives 0 unless the base is 1 or -1 (as the reference does). */
    private static long power(ElementType type, long base, long exponent) {
        if (!type.isUnsigned() && exponent < 0) {
            if (Math.abs(base) != 1) {
                return 0;
            }
            exponent = -exponent;
        }
        long result = 1;
        while (exponent != 0) {
            if ((exponent & 1) != 0) {
                result *= base;
            }
            base *= base;
            exponent >>>= 1;
        }
        return result;
    }

    private static HostArray convert(HostArray operand, TensorType type) {
        HostArray result = HostArray.zeros(type);
        for (int i = 0; i < result.size(); i++) {
            if (operand.elementType().isFloat()) {
                result.setDouble(i, operand.getDouble(i));
            } else {
                result.setLong(i, operand.getLong(i));
            }
        }
        return result;
    }

    /** Little-endian: the first of several narrow elements holds the low bits of the wide one. */
    private static HostArray bitcastConvert(HostArray operand, TensorType type) {
        HostArray result = HostArray.zeros(type);
        int from = operand.elementType().bits();
        int to = type.elementType().bits();
        if (to <= from) {
            int ratio = from / to;
            for (int i = 0; i < operand.size(); i++) {
                long bits = operand.getBits(i);
                for (int j = 0; j < ratio; j++) {
                    result.setBits(i * ratio + j, bits >>> (j * to) & mask(to));
                }
            }
        } else {
            int ratio = to / from;
            for (int i = 0; i < result.size(); i++) {
                long bits = 0;
                for (int j = 0; j < ratio; j++) {
                    bits |= operand.getBits(i * ratio + j) << (j * from);
                }
                result.setBits(i, bits);
            }
        }
        return result;
    }

    /** IEEE-754 quiet comparisons for floats: every comparison with NaN is false but NE. */
    private static HostArray compare(String direction, HostArray lhs, HostArray rhs) {
        HostArray result = HostArray.zeros(lhs.type().withElementType(ElementType.I1));
        boolean floats = lhs.elementType().isFloat();
        for (int i = 0; i < result.size(); i++) {
            boolean value;
            if (floats) {
                double a = lhs.getDouble(i);
                double b = rhs.getDouble(i);
                value = switch (direction) {
                    case "EQ" -> a == b;
                    case "NE" -> a != b;
                    case "LT" -> a < b;
                    case "LE" -> a <= b;
                    case "GT" -> a > b;
                    default -> a >= b;
                };
            } else {
                long a = lhs.getLong(i);
                long b = rhs.getLong(i);
                value = switch (direction) {
                    case "EQ" -> a == b;
                    case "NE" -> a != b;
                    case "LT" -> a < b;
                    case "LE" -> a <= b;
                    case "GT" -> a > b;
                    default -> a >= b;
                };
            }
            result.setLong(i, value ? 1 : 0);
        }
        return result;
    }

    private static HostArray select(HostArray predicate, HostArray onTrue, HostArray onFalse) {
        HostArray result = HostArray.zeros(onTrue.type());
        for (int i = 0; i < result.size(); i++) {
            boolean chosen = predicate.getLong(predicate.type().rank() == 0 ? 0 : i) != 0;
            (chosen ? onTrue : onFalse).copyTo(i, result, i);
        }
        return result;
    }

    /** {@code result[index] = operand[j]} with {@code j[d] = index[broadcast_dimensions[d]]}, or 0 where size 1. */
    private static HostArray broadcastInDim(HostArray operand, long[] dimensions, TensorType type) {
        HostArray result = HostArray.zeros(type);
        int[] operandDims = operand.type().dims();
        int[] strides = operand.type().strides();
        forEachIndex(type.dims(), (index, flat) -> {
            int from = 0;
            for (int d = 0; d < operandDims.length; d++) {
                from += operandDims[d] == 1 ? 0 : index[(int) dimensions[d]] * strides[d];
            }
            operand.copyTo(from, result, flat);
        });
        return result;
    }

    /** {@code result[index] = operand[j]} with {@code j[permutation[i]] = index[i]}. */
    private static HostArray transpose(HostArray operand, long[] permutation, TensorType type) {
        HostArray result = HostArray.zeros(type);
        int[] strides = operand.type().strides();
        forEachIndex(type.dims(), (index, flat) -> {
            int from = 0;
            for (int i = 0; i < index.length; i++) {
                from += index[i] * strides[(int) permutation[i]];
            }
            operand.copyTo(from, result, flat);
        });
        return result;
    }

    /** {@code result[index] = operand[start + index * strides]}. */
    private static HostArray slice(HostArray operand, long[] start, long[] steps, TensorType type) {
        HostArray result = HostArray.zeros(type);
        int[] strides = operand.type().strides();
        forEachIndex(type.dims(), (index, flat) -> {
            int from = 0;
            for (int d = 0; d < index.length; d++) {
                from += (int) (start[d] + index[d] * steps[d]) * strides[d];
            }
            operand.copyTo(from, result, flat);
        });
        return result;
    }

    private static HostArray concatenate(List<HostArray> operands, int dimension, TensorType type) {
        HostArray result = HostArray.zeros(type);
        int[] strides = type.strides();
        int offset = 0;
        for (HostArray operand : operands) {
            int start = offset;
            forEachIndex(operand.type().dims(), (index, flat) -> {
                int to = start * strides[dimension];
                for (int d = 0; d < index.length; d++) {
                    to += index[d] * strides[d];
                }
                operand.copyTo(flat, result, to);
            });
            offset += operand.type().dim(dimension);
        }
        return result;
    }

    private static HostArray iota(int dimension, TensorType type) {
        HostArray result = HostArray.zeros(type);
        forEachIndex(type.dims(), (index, flat) -> result.setLong(flat, index[dimension]));
        return result;
    }

    /** {@code result[index] = operand[clamp(0, start, shape - sizes) + index]}. */
    private static HostArray dynamicSlice(List<HostArray> operands, TensorType type) {
        HostArray operand = operands.getFirst();
        int[] start = clampedStarts(operands.subList(1, operands.size()), operand.type().dims(), type.dims());
        int[] strides = operand.type().strides();
        HostArray result = HostArray.zeros(type);
        forEachIndex(type.dims(), (index, flat) -> {
            int from = 0;
            for (int d = 0; d < index.length; d++) {
                from += (start[d] + index[d]) * strides[d];
            }
            operand.copyTo(from, result, flat);
        });
        return result;
    }

    /** The operand with {@code update} written at {@code clamp(0, start, shape - shape(update))}. */
    private static HostArray dynamicUpdateSlice(List<HostArray> operands) {
        HostArray operand = operands.get(0);
        HostArray update = operands.get(1);
        int[] start = clampedStarts(operands.subList(2, operands.size()), operand.type().dims(), update.type().dims());
        int[] strides = operand.type().strides();
        HostArray result = operand.reshaped(operand.type());
        forEachIndex(update.type().dims(), (index, flat) -> {
            int to = 0;
            for (int d = 0; d < index.length; d++) {
                to += (start[d] + index[d]) * strides[d];
            }
            update.copyTo(flat, result, to);
        });
        return result;
    }

    private static int[] clampedStarts(List<HostArray> starts, int[] dims, int[] sizes) {
        int[] clamped = new int[dims.length];
        for (int d = 0; d < dims.length; d++) {
            clamped[d] = Math.clamp(starts.get(d).getLong(0), 0, dims[d] - sizes[d]);
        }
        return clamped;
    }

    /**
     * {@code result[batch, lhsFree, rhsFree] = sum over contracting k of lhs[batch, lhsFree, k] * rhs[batch,
     * rhsFree, k]}, summed in double (floats) or wrapping longs (integers), then rounded once to the result type.
     */
    private static HostArray dotGeneral(Op op, HostArray lhs, HostArray rhs) {
        String numbers = "dot_dimension_numbers";
        long[] lhsBatch = op.integers(numbers, "lhs_batching_dimensions");
        long[] rhsBatch = op.integers(numbers, "rhs_batching_dimensions");
        long[] lhsContract = op.integers(numbers, "lhs_contracting_dimensions");
        long[] rhsContract = op.integers(numbers, "rhs_contracting_dimensions");
        int[] lhsBatchOffsets = offsets(lhs.type(), lhsBatch);
        int[] rhsBatchOffsets = offsets(rhs.type(), rhsBatch);
        int[] lhsFreeOffsets = offsets(lhs.type(), toLongs(TypeRules.freeAxes(lhs.type().rank(), lhsBatch,
                lhsContract)));
        int[] rhsFreeOffsets = offsets(rhs.type(), toLongs(TypeRules.freeAxes(rhs.type().rank(), rhsBatch,
                rhsContract)));
        int[] lhsContractOffsets = offsets(lhs.type(), lhsContract);
        int[] rhsContractOffsets = offsets(rhs.type(), rhsContract);
        boolean floats = lhs.elementType().isFloat();
        HostArray result = HostArray.zeros(op.resultType());
        int flat = 0;
        for (int b = 0; b < lhsBatchOffsets.length; b++) {
            for (int lhsFree : lhsFreeOffsets) {
                for (int rhsFree : rhsFreeOffsets) {
                    int lhsBase = lhsBatchOffsets[b] + lhsFree;
                    int rhsBase = rhsBatchOffsets[b] + rhsFree;
                    if (floats) {
                        double sum = 0;
                        for (int k = 0; k < lhsContractOffsets.length; k++) {
                            sum += lhs.getDouble(lhsBase + lhsContractOffsets[k])
                                    * rhs.getDouble(rhsBase + rhsContractOffsets[k]);
                        }
                        result.setDouble(flat++, sum);
                    } else {
                        long sum = 0;
                        for (int k = 0; k < lhsContractOffsets.length; k++) {
                            sum += lhs.getLong(lhsBase + lhsContractOffsets[k])
                                    * rhs.getLong(rhsBase + rhsContractOffsets[k]);
                        }
                        result.setLong(flat++, sum);
                    }
                }
            }
        }
        return result;
    }

    /**
     * {@code result[kept] = body(...body(body(init, x0), x1)..., xn)} over the reduced axes' elements in ascending
     * lexicographic order, rounding (or wrapping) after each step as an op of the element type would.
     */
    private static HostArray reduce(HostArray input, HostArray init, long[] dimensions, Combiner body,
            TensorType type) {
        long[] reduced = Arrays.stream(dimensions).sorted().toArray();
        int[] reducedOffsets = offsets(input.type(), reduced);
        long[] kept = LongStream.range(0, input.type().rank())
                .filter(axis -> !TypeRules.contains(dimensions, axis)).toArray();
        int[] keptOffsets = offsets(input.type(), kept);
        ElementType element = input.elementType();
        HostArray result = HostArray.zeros(type);
        for (int i = 0; i < keptOffsets.length; i++) {
            if (element.isFloat()) {
                double accumulator = init.getDouble(0);
                for (int offset : reducedOffsets) {
                    double x = input.getDouble(keptOffsets[i] + offset);
                    accumulator = element.round(floatBinary(body.opName(), accumulator, x));
                }
                result.setDouble(i, accumulator);
            } else {
                long accumulator = init.getLong(0);
                for (int offset : reducedOffsets) {
                    long x = input.getLong(keptOffsets[i] + offset);
                    accumulator = element.wrap(integerBinary(body.opName(), element, accumulator, x));
                }
                result.setLong(i, accumulator);
            }
        }
        return result;
    }

    /**
     * {@code result[index] = operand[full_start_index + full_batching_index + full_offset_index]} as the spec
     * defines them, the start index clamped so that the slice fits.
     */
    private static HostArray gather(Op op, HostArray operand, HostArray indices) {
        String numbers = "dimension_numbers";
        long[] offsetDims = op.integers(numbers, "offset_dims");
        long[] collapsed = op.integers(numbers, "collapsed_slice_dims");
        long[] operandBatching = op.integers(numbers, "operand_batching_dims");
        long[] indicesBatching = op.integers(numbers, "start_indices_batching_dims");
        long[] startIndexMap = op.integers(numbers, "start_index_map");
        int indexVectorDim = (int) op.integer(numbers, "index_vector_dim");
        long[] sliceSizes = op.integers("slice_sizes");
        int[] operandDims = operand.type().dims();
        int[] operandStrides = operand.type().strides();
        HostArray result = HostArray.zeros(op.resultType());
        if (picksWholeRows(operandDims.length, offsetDims, collapsed, operandBatching, startIndexMap, indexVectorDim,
                indices.type(), sliceSizes, operandDims)) {
            // The common case, rows picked by [N, 1] indices: row n is operand row clamp(indices[n]), whole.
            int rowSize = operandStrides[0];
            for (int n = 0; n < indices.size(); n++) {
                long row = Math.clamp(indices.getLong(n), 0, operandDims[0] - 1);
                for (int i = 0; i < rowSize; i++) {
                    operand.copyTo((int) row * rowSize + i, result, n * rowSize + i);
                }
            }
            return result;
        }
        forEachIndex(op.resultType().dims(), (index, flat) -> {
            int[] batchIndex = pick(index, offsetDims, false);
            int[] offsetIndex = pick(index, offsetDims, true);
            long[] start = indexVector(indices, batchIndex, indexVectorDim, startIndexMap.length);
            long[] operandIndex = new long[operandDims.length];
            for (int k = 0; k < startIndexMap.length; k++) {
                int d = (int) startIndexMap[k];
                operandIndex[d] += Math.clamp(start[k], 0, operandDims[d] - sliceSizes[d]);
            }
            for (int i = 0; i < operandBatching.length; i++) {
                int d = (int) indicesBatching[i];
                operandIndex[(int) operandBatching[i]] += batchIndex[d < indexVectorDim ? d : d - 1];
            }
            for (int d = 0, next = 0; d < operandDims.length; d++) {
                if (!TypeRules.contains(collapsed, d) && !TypeRules.contains(operandBatching, d)) {
                    operandIndex[d] += offsetIndex[next++];
                }
            }
            int from = 0;
            for (int d = 0; d < operandDims.length; d++) {
                from += (int) operandIndex[d] * operandStrides[d];
            }
            operand.copyTo(from, result, flat);
        });
        return result;
    }

    /** True for a gather of whole rows: {@code [N, 1]} indices into dimension 0, every other dimension kept whole. */
    private static boolean picksWholeRows(int rank, long[] offsetDims, long[] collapsed, long[] operandBatching,
            long[] startIndexMap, int indexVectorDim, TensorType indicesType, long[] sliceSizes, int[] operandDims) {
        if (operandBatching.length != 0 || !Arrays.equals(collapsed, new long[] {0})
                || !Arrays.equals(startIndexMap, new long[] {0}) || indicesType.rank() != 2 || indexVectorDim != 1
                || indicesType.dim(1) != 1 || offsetDims.length != rank - 1 || sliceSizes[0] != 1) {
            return false;
        }
        for (int d = 1; d < rank; d++) {
            if (offsetDims[d - 1] != d || sliceSizes[d] != operandDims[d]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The input with each update element combined into {@code result[full_start_index + full_batching_index +
     * full_window_index]}, in ascending order of the update index; an element whose result index is out of bounds
     * is skipped (the spec checks each element, not whole windows).
     */
    private static HostArray scatter(Op op, HostArray input, HostArray indices, HostArray updates) {
        String numbers = "scatter_dimension_numbers";
        long[] windowDims = op.integers(numbers, "update_window_dims");
        long[] inserted = op.integers(numbers, "inserted_window_dims");
        long[] inputBatching = op.integers(numbers, "input_batching_dims");
        long[] indicesBatching = op.integers(numbers, "scatter_indices_batching_dims");
        long[] toOperandDims = op.integers(numbers, "scatter_dims_to_operand_dims");
        int indexVectorDim = (int) op.integer(numbers, "index_vector_dim");
        Combiner body = op.body().orElseThrow();
        int[] inputDims = input.type().dims();
        int[] inputStrides = input.type().strides();
        ElementType element = input.elementType();
        HostArray result = input.reshaped(input.type());
        forEachIndex(updates.type().dims(), (index, flat) -> {
            int[] scatterIndex = pick(index, windowDims, false);
            int[] windowIndex = pick(index, windowDims, true);
            long[] start = indexVector(indices, scatterIndex, indexVectorDim, toOperandDims.length);
            long[] resultIndex = new long[inputDims.length];
            for (int k = 0; k < toOperandDims.length; k++) {
                resultIndex[(int) toOperandDims[k]] += start[k];
            }
            for (int i = 0; i < inputBatching.length; i++) {
                int d = (int) indicesBatching[i];
                resultIndex[(int) inputBatching[i]] += scatterIndex[d < indexVectorDim ? d : d - 1];
            }
            for (int d = 0, next = 0; d < inputDims.length; d++) {
                if (!TypeRules.contains(inserted, d) && !TypeRules.contains(inputBatching, d)) {
                    resultIndex[d] += windowIndex[next++];
                }
            }
            int to = 0;
            for (int d = 0; d < inputDims.length; d++) {
                if (resultIndex[d] < 0 || resultIndex[d] >= inputDims[d]) {
                    return;
                }
                to += (int) resultIndex[d] * inputStrides[d];
            }
            if (body == Combiner.REPLACE) {
                updates.copyTo(flat, result, to);
            } else if (element.isFloat()) {
                result.setDouble(to, floatBinary(body.opName(), result.getDouble(to), updates.getDouble(flat)));
            } else {
                result.setLong(to, integerBinary(body.opName(), element, result.getLong(to), updates.getLong(flat)));
            }
        });
        return result;
    }

    /**
     * The index vector of gather or scatter for a batch index: {@code indices[b0, ..., :, ..., bn]} with {@code :} at
     * {@code indexVectorDim}, or the single {@code indices[batchIndex]} when {@code indexVectorDim} is the rank.
     */
    private static long[] indexVector(HostArray indices, int[] batchIndex, int indexVectorDim, int size) {
        int[] strides = indices.type().strides();
        int base = 0;
        for (int a = 0; a < batchIndex.length; a++) {
            base += batchIndex[a] * strides[a < indexVectorDim ? a : a + 1];
        }
        long[] vector = new long[size];
        for (int k = 0; k < size; k++) {
            vector[k] = indices.getLong(base + (indexVectorDim < strides.length ? k * strides[indexVectorDim] : 0));
        }
        return vector;
    }

    /** The entries of {@code index} at {@code axes} (ascending), or at the other axes when {@code inAxes} is false. */
    private static int[] pick(int[] index, long[] axes, boolean inAxes) {
        int[] picked = new int[inAxes ? axes.length : index.length - axes.length];
        for (int d = 0, next = 0; d < index.length; d++) {
            if (TypeRules.contains(axes, d) == inAxes) {
                picked[next++] = index[d];
            }
        }
        return picked;
    }

    /** The flat offsets of every index over {@code axes} (the others 0), in row-major order of those axes. */
    private static int[] offsets(TensorType type, long[] axes) {
        int[] dims = new int[axes.length];
        int[] strides = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            dims[i] = type.dim((int) axes[i]);
            strides[i] = type.strides()[(int) axes[i]];
        }
        List<Integer> offsets = new ArrayList<>();
        forEachIndex(dims, (index, flat) -> {
            int offset = 0;
            for (int i = 0; i < index.length; i++) {
                offset += index[i] * strides[i];
            }
            offsets.add(offset);
        });
        return offsets.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long[] toLongs(int[] values) {
        return Arrays.stream(values).asLongStream().toArray();
    }

    private interface IndexConsumer {
        void accept(int[] index, int flat);
    }

    /** Calls {@code consumer} for every index of the shape in row-major order, with its flat position. */
    private static void forEachIndex(int[] dims, IndexConsumer consumer) {
        int size = 1;
        for (int dim : dims) {
            size *= dim;
        }
        int[] index = new int[dims.length];
        for (int flat = 0; flat < size; flat++) {
            consumer.accept(index, flat);
            for (int d = dims.length - 1; d >= 0 && ++index[d] == dims[d]; d--) {
                index[d] = 0;
            }
        }
    }
}
