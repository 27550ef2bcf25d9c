package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;

/**
 * Scalar reference conversion between float values and one {@link QuantFormat}'s blocks, bit for bit as ggml's
 * reference code ({@code dequantize_row_*} and {@code quantize_row_*_ref}); the oracle every backend kernel is checked against.
 *
 * <p>Counts are in elements and must be whole blocks; byte offsets address the first byte of the first block.
 */
public interface QuantCodec {

    /** The format this codec reads and writes. */
    QuantFormat format();

    /** Decodes {@code count} elements starting at {@code sourceOffset} into {@code destination}. */
    void dequantize(MemorySegment source, long sourceOffset, float[] destination, int destinationOffset, int count);

    /** True when {@link #quantize} is implemented for this format. */
    default boolean canQuantize() {
        return true;
    }

    /** Encodes {@code count} elements of {@code source} into blocks written at {@code destinationOffset}. */
    void quantize(float[] source, int sourceOffset, MemorySegment destination, long destinationOffset, int count);

    /**
     * True when {@link #quantizeWeighted} chooses scales by importance, as ggml's {@code quantize_<type>} does when
     * given {@code quant_weights}; false for formats that ignore importance (Q8_0 and the float formats, as in ggml).
     */
    default boolean usesImportance() {
        return false;
    }

    /**
     * Encodes one weight row of {@code length} elements (whole blocks), choosing the scales and quants that minimize
     * the squared error weighted by each column's importance {@code importance[importanceOffset + column]} (the mean
     * squared input activation an importance matrix holds), bit for bit as ggml's {@code quantize_<type>} with
     * {@code quant_weights}. The blocks are the same format as {@link #quantize}'s. A codec that does not
     * {@link #usesImportance use importance} encodes as {@link #quantize} does.
     */
    default void quantizeWeighted(float[] source, int sourceOffset, float[] importance, int importanceOffset,
            MemorySegment destination, long destinationOffset, int length) {
        quantize(source, sourceOffset, destination, destinationOffset, length);
    }
}
