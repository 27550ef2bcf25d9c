package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Objects;

/** Reference codec for {@link QuantFormat#IQ4_NL}: 4-bit indices into a non-uniform codebook, an f16 scale per 32. */
public final class IQ4_NLCodec implements QuantCodec {

    // Block: 32 elements in 18 bytes.
    //   bytes 0-1   f16 d
    //   bytes 2-17  nibbles: byte j holds element j (low nibble) and element j + 16 (high nibble)
    // value = d * CODEBOOK[q]

    /**
     * The 16 values a 4-bit index selects, ascending (ggml's {@code kvalues_iq4nl}): denser near zero, where most
     * weights are, than Q4_0's even steps.
     */
    public static final List<Integer> CODEBOOK =
            List.of(-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113);

    private static final int BLOCK_SIZE = 32;
    private static final int BLOCK_BYTES = 18;
    private static final int QUANTS = 2;

    /** Scales tried on each side of the first guess ({@code ntry} of ggml's {@code quantize_iq4_nl}). */
    private static final int SCALE_TRIES = 7;

    /** The codebook's first value, -127: the search's scales map the largest magnitude near it. */
    private static final int LOWEST = CODEBOOK.getFirst();

    private static final float[] VALUES = new float[16];

    static {
        for (int i = 0; i < VALUES.length; i++) {
            VALUES[i] = CODEBOOK.get(i);
        }
    }

    @Override
    public QuantFormat format() {
        return QuantFormat.IQ4_NL;
    }

    @Override
    public void dequantize(MemorySegment source, long sourceOffset, float[] destination, int destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("IQ4_NL", BLOCK_SIZE, count);
        Objects.checkFromIndexSize(destinationOffset, count, destination.length);
        for (int block = 0; block < blocks; block++) {
            long at = sourceOffset + (long) block * BLOCK_BYTES;
            int out = destinationOffset + block * BLOCK_SIZE;
            float d = QuantBits.readFp16(source, at);
            for (int j = 0; j < BLOCK_SIZE / 2; j++) {
                int packed = source.get(ValueLayout.JAVA_BYTE, at + QUANTS + j) & 0xFF;
                destination[out + j] = d * VALUES[packed & 0x0F];
                destination[out + j + BLOCK_SIZE / 2] = d * VALUES[packed >>> 4];
            }
        }
    }

    /** Encodes as llama-quantize does without an importance matrix: each element's error weighed by its square. */
    @Override
    public void quantize(float[] source, int sourceOffset, MemorySegment destination, long destinationOffset, int count) {
        encode(source, sourceOffset, null, 0, destination, destinationOffset, count);
    }

    @Override
    public boolean usesImportance() {
        return true;
    }

    /**
     * Encodes as ggml's {@code quantize_iq4_nl} does with {@code quant_weights}: {@code importance[importanceOffset + j]}
     * weighs {@code source[sourceOffset + j]} by {@code importance · sqrt(σ² + x²)}, σ² twice the block's mean square.
     */
    @Override
    public void quantizeWeighted(float[] source, int sourceOffset, float[] importance, int importanceOffset,
            MemorySegment destination, long destinationOffset, int length) {
        Objects.requireNonNull(importance, "importance");
        encode(source, sourceOffset, importance, importanceOffset, destination, destinationOffset, length);
    }

    /**
     * Encodes {@code count} elements as ggml's {@code quantize_iq4_nl} does: per block, 16 scales that map the largest
     * magnitude near the codebook's ends are each refitted by least squares to their nearest codebook indices, and the
     * one of least weighted squared error is kept; each element's error weighed by its square ({@code importance}
     * null) or by its column's importance.
     */
    private static void encode(float[] source, int sourceOffset, float[] importance, int importanceOffset,
            MemorySegment destination, long destinationOffset, int count) {
        int blocks = QuantBits.checkBlocks("IQ4_NL", BLOCK_SIZE, count);
        Objects.checkFromIndexSize(sourceOffset, count, source.length);
        if (importance != null) {
            Objects.checkFromIndexSize(importanceOffset, count, importance.length);
        }
        float[] weights = new float[BLOCK_SIZE];
        for (int block = 0; block < blocks; block++) {
            int in = sourceOffset + block * BLOCK_SIZE;
            long at = destinationOffset + (long) block * BLOCK_BYTES;
            blockWeights(source, in, importance, importanceOffset + block * BLOCK_SIZE, weights);
            float d = blockScale(source, in, weights);
            QuantBits.writeFp16(destination, at, d);
            float inverse = d != 0 ? 1 / d : 0.0f;
            for (int j = 0; j < BLOCK_SIZE / 2; j++) {
                int low = nearestIndex(inverse * source[in + j]);
                int high = nearestIndex(inverse * source[in + j + BLOCK_SIZE / 2]);
                destination.set(ValueLayout.JAVA_BYTE, at + QUANTS + j, (byte) (low | high << 4));
            }
        }
    }

    /** Each element's weight in the block's squared error: x², or importance · sqrt(σ² + x²). */
    private static void blockWeights(float[] x, int in, float[] importance, int column, float[] weights) {
        if (importance == null) {
            for (int j = 0; j < BLOCK_SIZE; j++) {
                weights[j] = x[in + j] * x[in + j];
            }
            return;
        }
        float sigma2 = 0;
        for (int j = 0; j < BLOCK_SIZE; j++) {
            sigma2 += x[in + j] * x[in + j];
        }
        sigma2 *= 2.0f / BLOCK_SIZE;
        for (int j = 0; j < BLOCK_SIZE; j++) {
            weights[j] = importance[column + j] * (float) Math.sqrt(sigma2 + x[in + j] * x[in + j]);
        }
    }

    /**
     * ggml's scale search ({@code quantize_row_iq4_nl_impl} with {@code ntry} 7), in its float operations and order:
     * the least-squares scale {@code Σwqx / Σwq²} of the indices nearest to {@code x / d} for {@code d = max / 127},
     * then for {@code 1 / d = (t - 127) / max}, t = -7..7, keeping the best {@code (Σwqx)² / Σwq²}; 0 for a block of
     * zeros.
     */
    private static float blockScale(float[] x, int in, float[] weights) {
        float absoluteMax = 0;
        float max = 0;
        for (int j = 0; j < BLOCK_SIZE; j++) {
            float magnitude = Math.abs(x[in + j]);
            if (magnitude > absoluteMax) {
                absoluteMax = magnitude;
                max = x[in + j];
            }
        }
        if (absoluteMax < KQuantMath.GROUP_MAX_EPS) {
            return 0.0f;
        }
        float inverse = 1 / (-max / VALUES[0]);
        float sumQX = 0;
        float sumQ2 = 0;
        for (int j = 0; j < BLOCK_SIZE; j++) {
            float q = VALUES[nearestIndex(inverse * x[in + j])];
            float w = weights[j];
            sumQX += w * q * x[in + j];
            sumQ2 += w * q * q;
        }
        float d = sumQ2 > 0 ? sumQX / sumQ2 : 0.0f;
        float best = d * sumQX;
        for (int step = -SCALE_TRIES; step <= SCALE_TRIES; step++) {
            inverse = (step + LOWEST) / max;
            sumQX = 0;
            sumQ2 = 0;
            for (int j = 0; j < BLOCK_SIZE; j++) {
                float q = VALUES[nearestIndex(inverse * x[in + j])];
                float w = weights[j];
                sumQX += w * q * x[in + j];
                sumQ2 += w * q * q;
            }
            if (sumQ2 > 0 && sumQX * sumQX > best * sumQ2) {
                d = sumQX / sumQ2;
                best = d * sumQX;
            }
        }
        return d;
    }

    /**
     * The index of the codebook value nearest to {@code scaled}, the upper one at a midpoint (ggml's
     * {@code best_index_int8}): a binary search on {@code 2x ≥ v[i - 1] + v[i]}, where both sides are exact.
     */
    static int nearestIndex(float scaled) {
        float twice = scaled + scaled;
        int index = 0;
        for (int step = 8; step > 0; step >>= 1) {
            int candidate = index + step;
            if (twice >= VALUES[candidate - 1] + VALUES[candidate]) {
                index = candidate;
            }
        }
        return index;
    }
}
