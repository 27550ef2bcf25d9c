package dev.caracal.backend.xla;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.backend.xla.program.ElementType;
import dev.caracal.backend.xla.program.ProgramBuilder;
import dev.caracal.backend.xla.program.TensorType;
import dev.caracal.backend.xla.program.Value;

/**
 * Weights as float32 values inside a program: F16 and BF16 converted, Q8_0 and Q4_0 dequantized from their GGUF bytes
 * by bitcasts and converts (the f16 scale from its two bytes, the quants from the rest), with the same float
 * operations as the reference codecs ({@code q · d}, {@code (nibble - 8) · d}).
 */
final class WeightValues {

    private WeightValues() {
    }

    /** The device type of a weight of {@code format} and {@code shape} (outermost first). */
    static TensorType deviceType(QuantFormat format, long[] shape) {
        return switch (format) {
            case F32 -> new TensorType(ElementType.F32, shape);
            case F16 -> new TensorType(ElementType.F16, shape);
            case BF16 -> new TensorType(ElementType.BF16, shape);
            case Q8_0, Q4_0 -> {
                long columns = shape[shape.length - 1];
                long rows = shape.length == 1 ? 1 : shape[0];
                yield new TensorType(ElementType.UI8, rows, columns / format.blockSize(), format.bytesPerBlock());
            }
            default -> throw new IllegalArgumentException("the XLA backend does not read " + format + " weights");
        };
    }

    /**
     * {@code weight} ({@link #deviceType} of {@code format}, or rows of it gathered) as f32: {@code [rows, columns]}
     * for matrices and gathered rows, {@code [columns]} for float vectors.
     */
    static Value floats(ProgramBuilder builder, Value weight, QuantFormat format) {
        return switch (format) {
            case F32 -> weight;
            case F16, BF16 -> builder.convert(weight, ElementType.F32);
            case Q8_0 -> q8_0(builder, weight);
            case Q4_0 -> q4_0(builder, weight);
            default -> throw new IllegalArgumentException("the XLA backend does not read " + format + " weights");
        };
    }

    /** The f16 scale of each block: bytes [rows, blocks, 0:2] as f32 {@code [rows, blocks]}. */
    private static Value scales(ProgramBuilder builder, Value bytes) {
        Value pair = builder.sliceLast(bytes, 0, 2);
        return builder.convert(builder.bitcastConvert(pair, ElementType.F16), ElementType.F32);
    }

    private static Value q8_0(ProgramBuilder builder, Value bytes) {
        TensorType type = bytes.type();
        long rows = type.dimension(0);
        long blocks = type.dimension(1);
        Value quants = builder.convert(builder.bitcastConvert(builder.sliceLast(bytes, 2, 34), ElementType.I8),
                ElementType.F32); // [rows, blocks, 32]
        Value scale = builder.broadcastInDim(scales(builder, bytes), new long[] {rows, blocks, 32}, 0, 1);
        return builder.reshape(builder.multiply(quants, scale), rows, blocks * 32);
    }

    private static Value q4_0(ProgramBuilder builder, Value bytes) {
        TensorType type = bytes.type();
        long rows = type.dimension(0);
        long blocks = type.dimension(1);
        Value packed = builder.sliceLast(bytes, 2, 18); // [rows, blocks, 16]: element j low nibble, j + 16 high
        TensorType packedType = packed.type();
        Value low = builder.binary("and", packed, builder.constant(15, packedType));
        Value high = builder.binary("shift_right_logical", packed, builder.constant(4, packedType));
        Value levels = builder.convert(builder.concatenate(2, low, high), ElementType.F32); // [rows, blocks, 32]
        TensorType floats = levels.type();
        Value centred = builder.subtract(levels, builder.constant(8, floats));
        Value scale = builder.broadcastInDim(scales(builder, bytes), floats.dimensions(), 0, 1);
        return builder.reshape(builder.multiply(centred, scale), rows, blocks * 32);
    }
}
