package dev.caracal.api.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The routines the K-quant codecs (and the importance-weighted legacy quantizers) share, computed exactly as ggml's
 * quantizers do: the searches that pick a sub-block's scale (and minimum), the packing of 6-bit scales and minimums
 * into 12 bytes, and block byte helpers.
 *
 * <p>ggml computes these in 32-bit float without fused multiply-add, so every expression here keeps ggml's float
 * operations and their order; changing the order of a sum changes the bytes written.
 */
final class KQuantMath {

    /** Elements in one K-quant super-block ({@code QK_K}). */
    static final int QK_K = 256;

    /** Bytes of the packed 6-bit scales and minimums of Q4_K and Q5_K ({@code K_SCALE_SIZE}). */
    static final int K_SCALE_SIZE = 12;

    /** Below this largest magnitude ggml treats a group as all zero ({@code GROUP_MAX_EPS}). */
    static final float GROUP_MAX_EPS = 1e-15f;

    private KQuantMath() {
    }

    /** ggml's {@code nearest_int}: round half to even through the float adder. */
    static int nearestInt(float value) {
        return QuantBits.nearestInt(value);
    }

    /**
     * ggml's {@code make_qkx2_quants}: chooses a scale and a minimum (at most zero) for {@code n} elements with levels
     * {@code 0..nmax}, trying {@code nstep + 1} candidate inverse scales and keeping the one of least weighted error.
     *
     * @return the scale; the negated minimum (so a value at least zero) goes to {@code mins[minIndex]} and the chosen
     *     levels to {@code levels[levelOffset..+n)}
     */
    static float makeQkx2Quants(int n, int nmax, float[] x, int xOffset, float[] weights, int[] levels, int levelOffset,
            float[] mins, int minIndex, int[] scratch, float rmin, float rdelta, int nstep, boolean useMad) {
        float min = x[xOffset];
        float max = x[xOffset];
        float sumW = weights[0];
        float sumX = sumW * x[xOffset];
        for (int i = 1; i < n; i++) {
            float value = x[xOffset + i];
            if (value < min) {
                min = value;
            }
            if (value > max) {
                max = value;
            }
            float w = weights[i];
            sumW += w;
            sumX += w * value;
        }
        if (min > 0) {
            min = 0;
        }
        if (max == min) {
            for (int i = 0; i < n; i++) {
                levels[levelOffset + i] = 0;
            }
            mins[minIndex] = -min;
            return 0.0f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; i++) {
            int l = Math.max(0, Math.min(nmax, nearestInt(iscale * (x[xOffset + i] - min))));
            levels[levelOffset + i] = l;
            float diff = scale * l + min - x[xOffset + i];
            diff = useMad ? Math.abs(diff) : diff * diff;
            bestError += weights[i] * diff;
        }
        if (nstep < 1) {
            mins[minIndex] = -min;
            return scale;
        }
        for (int step = 0; step <= nstep; step++) {
            iscale = (rmin + rdelta * step + nmax) / (max - min);
            float sumL = 0;
            float sumL2 = 0;
            float sumXL = 0;
            for (int i = 0; i < n; i++) {
                float value = x[xOffset + i];
                int l = Math.max(0, Math.min(nmax, nearestInt(iscale * (value - min))));
                scratch[i] = l;
                float w = weights[i];
                sumL += w * l;
                sumL2 += w * l * l;
                sumXL += w * l * value;
            }
            float determinant = sumW * sumL2 - sumL * sumL;
            if (determinant > 0) {
                float thisScale = (sumW * sumXL - sumX * sumL) / determinant;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / determinant;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float error = 0;
                for (int i = 0; i < n; i++) {
                    float diff = thisScale * scratch[i] + thisMin - x[xOffset + i];
                    diff = useMad ? Math.abs(diff) : diff * diff;
                    error += weights[i] * diff;
                }
                if (error < bestError) {
                    System.arraycopy(scratch, 0, levels, levelOffset, n);
                    bestError = error;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        mins[minIndex] = -min;
        return scale;
    }

    /**
     * ggml's {@code make_qx_quants} without importance weights: a signed scale for {@code n} elements with levels
     * {@code -nmax..nmax-1} (stored plus {@code nmax}); {@code rmseType} 1 weighs each element by its square and tries
     * 18 nearby inverse scales, 0 just rounds against the largest magnitude.
     */
    static float makeQxQuants(int n, int nmax, float[] x, int xOffset, int[] levels, int levelOffset, int rmseType) {
        return makeQxQuants(n, nmax, x, xOffset, null, 0, levels, levelOffset, rmseType);
    }

    /**
     * ggml's {@code make_qx_quants}: as {@link #makeQxQuants(int, int, float[], int, int[], int, int)}, but with
     * {@code rmseType} 1 each element weighs {@code weights[weightOffset + i]} instead of its square when
     * {@code weights} is not null (ggml's {@code qw}).
     */
    static float makeQxQuants(int n, int nmax, float[] x, int xOffset, float[] weights, int weightOffset, int[] levels,
            int levelOffset, int rmseType) {
        float max = 0;
        float amax = 0;
        for (int i = 0; i < n; i++) {
            float ax = Math.abs(x[xOffset + i]);
            if (ax > amax) {
                amax = ax;
                max = x[xOffset + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            for (int i = 0; i < n; i++) {
                levels[levelOffset + i] = 0;
            }
            return 0.0f;
        }
        float iscale = -nmax / max;
        if (rmseType == 0) {
            for (int i = 0; i < n; i++) {
                int l = nearestInt(iscale * x[xOffset + i]);
                levels[levelOffset + i] = nmax + Math.max(-nmax, Math.min(nmax - 1, l));
            }
            return 1 / iscale;
        }
        if (rmseType != 1) {
            throw new IllegalArgumentException("only rmse types 0 and 1 are implemented, not " + rmseType);
        }
        float sumLX = 0;
        float sumL2 = 0;
        for (int i = 0; i < n; i++) {
            float value = x[xOffset + i];
            int l = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * value)));
            levels[levelOffset + i] = l + nmax;
            float w = weights != null ? weights[weightOffset + i] : value * value;
            sumLX += w * value * l;
            sumL2 += w * l * l;
        }
        float scale = sumL2 != 0 ? sumLX / sumL2 : 0.0f;
        float best = scale * sumLX;
        for (int step = -9; step <= 9; step++) {
            if (step == 0) {
                continue;
            }
            iscale = -(nmax + 0.1f * step) / max;
            sumLX = 0;
            sumL2 = 0;
            for (int i = 0; i < n; i++) {
                float value = x[xOffset + i];
                int l = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * value)));
                float w = weights != null ? weights[weightOffset + i] : value * value;
                sumLX += w * value * l;
                sumL2 += w * l * l;
            }
            if (sumL2 > 0 && sumLX * sumLX > best * sumL2) {
                for (int i = 0; i < n; i++) {
                    int l = nearestInt(iscale * x[xOffset + i]);
                    levels[levelOffset + i] = nmax + Math.max(-nmax, Math.min(nmax - 1, l));
                }
                scale = sumLX / sumL2;
                best = scale * sumLX;
            }
        }
        return scale;
    }

    /**
     * ggml's {@code make_q3_quants} with its refinement on: a signed scale for {@code n} elements with levels
     * {@code -nmax..nmax-1} (stored plus {@code nmax}), improved by up to five passes that move one level at a time
     * while the squares-weighted fit gets better. An all-zero group gets levels 0 (not {@code nmax}) and scale 0.
     */
    static float makeQ3Quants(int n, int nmax, float[] x, int xOffset, int[] levels, int levelOffset) {
        float max = 0;
        float amax = 0;
        for (int i = 0; i < n; i++) {
            float ax = Math.abs(x[xOffset + i]);
            if (ax > amax) {
                amax = ax;
                max = x[xOffset + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            for (int i = 0; i < n; i++) {
                levels[levelOffset + i] = 0;
            }
            return 0.0f;
        }
        float iscale = -nmax / max;
        float sumLX = 0;
        float sumL2 = 0;
        for (int i = 0; i < n; i++) {
            float value = x[xOffset + i];
            int l = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * value)));
            levels[levelOffset + i] = l;
            float w = value * value;
            sumLX += w * value * l;
            sumL2 += w * l * l;
        }
        for (int pass = 0; pass < 5; pass++) {
            int changed = 0;
            for (int i = 0; i < n; i++) {
                float value = x[xOffset + i];
                int current = levels[levelOffset + i];
                float w = value * value;
                float slx = sumLX - w * value * current;
                if (slx > 0) {
                    float sl2 = sumL2 - w * current * current;
                    int next = Math.max(-nmax, Math.min(nmax - 1, nearestInt(value * sl2 / slx)));
                    if (next != current) {
                        slx += w * value * next;
                        sl2 += w * next * next;
                        if (sl2 > 0 && slx * slx * sumL2 > sumLX * sumLX * sl2) {
                            levels[levelOffset + i] = next;
                            sumLX = slx;
                            sumL2 = sl2;
                            changed++;
                        }
                    }
                }
            }
            if (changed == 0) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            levels[levelOffset + i] += nmax;
        }
        return sumL2 > 0.0f ? sumLX / sumL2 : 0.0f;
    }

    /**
     * Packs the 6-bit scale and minimum of 32-element sub-block {@code j} (0..7) into the 12 scale bytes at
     * {@code offset}, as Q4_K and Q5_K store them: sub-blocks 0-3 take the low 6 bits of bytes j (scale) and j+4
     * (minimum); sub-blocks 4-7 keep their low nibbles in byte j+4 and their top two bits in the spare top bits of
     * bytes j-4 (scale) and j (minimum). Sub-blocks must be packed in order 0..7 into zeroed bytes.
     */
    static void packScaleMin(byte[] block, int offset, int j, int scale, int min) {
        if (j < 4) {
            block[offset + j] = (byte) scale;
            block[offset + j + 4] = (byte) min;
        } else {
            block[offset + j + 4] = (byte) ((scale & 0xF) | (min & 0xF) << 4);
            block[offset + j - 4] |= (byte) ((scale >> 4) << 6);
            block[offset + j] |= (byte) ((min >> 4) << 6);
        }
    }

    /** The 6-bit scale of sub-block {@code j} in the 12 scale bytes at {@code offset} ({@code get_scale_min_k4}). */
    static int unpackScale(byte[] block, int offset, int j) {
        if (j < 4) {
            return block[offset + j] & 63;
        }
        return (block[offset + j + 4] & 0xF) | ((block[offset + j - 4] & 0xFF) >> 6) << 4;
    }

    /** The 6-bit minimum of sub-block {@code j} in the 12 scale bytes at {@code offset} ({@code get_scale_min_k4}). */
    static int unpackMin(byte[] block, int offset, int j) {
        if (j < 4) {
            return block[offset + j + 4] & 63;
        }
        return ((block[offset + j + 4] & 0xFF) >> 4) | ((block[offset + j] & 0xFF) >> 6) << 4;
    }

    /**
     * The scale search Q4_K and Q5_K share ({@code quantize_row_q4_K_ref} and {@code quantize_row_q5_K_ref}): fits
     * each 32-element sub-block with {@link #makeQkx2Quants} weighted by {@code rms + |x|}, writes f16 d at
     * {@code block[0]}, f16 dmin at {@code block[2]} and the packed 6-bit scales and minimums at {@code block[4..16)},
     * then re-rounds every element against the stored scales into {@code levels} (0..nmax).
     */
    static void quantizeScaleMinSuperBlock(float[] x, int xOffset, int nmax, float rmin, float rdelta, int nstep,
            byte[] block, int[] levels) {
        float[] scales = new float[QK_K / 32];
        float[] mins = new float[QK_K / 32];
        float[] weights = new float[32];
        int[] scratch = new int[32];
        float maxScale = 0;
        float maxMin = 0;
        for (int j = 0; j < QK_K / 32; j++) {
            int from = xOffset + 32 * j;
            float sumX2 = 0;
            for (int l = 0; l < 32; l++) {
                sumX2 += x[from + l] * x[from + l];
            }
            float averageX = sqrtf(sumX2 / 32);
            for (int l = 0; l < 32; l++) {
                weights[l] = averageX + Math.abs(x[from + l]);
            }
            scales[j] = makeQkx2Quants(32, nmax, x, from, weights, levels, 32 * j, mins, j, scratch, rmin, rdelta,
                    nstep, false);
            if (scales[j] > maxScale) {
                maxScale = scales[j];
            }
            if (mins[j] > maxMin) {
                maxMin = mins[j];
            }
        }
        float inverseScale = maxScale > 0 ? 63.0f / maxScale : 0.0f;
        float inverseMin = maxMin > 0 ? 63.0f / maxMin : 0.0f;
        for (int j = 0; j < QK_K / 32; j++) {
            // ggml stores the rounded value in a uint8_t before clamping it to 63.
            int scale = Math.min(63, nearestInt(inverseScale * scales[j]) & 0xFF);
            int min = Math.min(63, nearestInt(inverseMin * mins[j]) & 0xFF);
            packScaleMin(block, 4, j, scale, min);
        }
        putFp16(block, 0, maxScale / 63.0f);
        putFp16(block, 2, maxMin / 63.0f);
        requantizeScaleMin(x, xOffset, nmax, block, levels);
    }

    /**
     * The importance-weighted scale search of Q4_K and Q5_K ({@code quantize_row_q4_K_impl} and
     * {@code quantize_row_q5_K_impl} with {@code quant_weights}): each 32-element sub-block is fitted with
     * {@link #makeQkx2Quants} (ggml's {@code make_qkx3_quants}, the same search when given weights) weighted by
     * {@code importance * sqrt(sigma2 + x^2)}, the sub-block scales and minimums are quantized to 6 bits by
     * {@link #makeQpQuants} weighted by each sub-block's total weight, then every element is re-rounded as
     * {@link #quantizeScaleMinSuperBlock} does. {@code clampLevels} applies Q5_K's {@code MIN(63, level)}, which Q4_K
     * leaves out.
     */
    static void quantizeScaleMinSuperBlockWeighted(float[] x, int xOffset, float[] importance, int importanceOffset,
            int nmax, boolean clampLevels, byte[] block, int[] levels) {
        float[] scales = new float[QK_K / 32];
        float[] mins = new float[QK_K / 32];
        float[] blockWeights = new float[QK_K / 32];
        float[] weights = new float[32];
        int[] scratch = new int[32];
        int[] scaleLevels = new int[QK_K / 32];
        int[] minLevels = new int[QK_K / 32];
        float sigma2 = 2 * sumOfSquares(x, xOffset, QK_K) / QK_K;
        for (int j = 0; j < QK_K / 32; j++) {
            int from = xOffset + 32 * j;
            importanceWeights(x, from, importance, importanceOffset + 32 * j, sigma2, weights, 32);
            float sumWeights = 0;
            for (int l = 0; l < 32; l++) {
                sumWeights += weights[l];
            }
            blockWeights[j] = sumWeights;
            scales[j] = makeQkx2Quants(32, nmax, x, from, weights, levels, 32 * j, mins, j, scratch, -0.9f, 0.05f,
                    36, false);
        }
        float blockScale = makeQpQuants(QK_K / 32, 63, scales, scaleLevels, blockWeights);
        float blockMin = makeQpQuants(QK_K / 32, 63, mins, minLevels, blockWeights);
        for (int j = 0; j < QK_K / 32; j++) {
            int scale = clampLevels ? Math.min(63, scaleLevels[j]) : scaleLevels[j];
            int min = clampLevels ? Math.min(63, minLevels[j]) : minLevels[j];
            packScaleMin(block, 4, j, scale, min);
        }
        putFp16(block, 0, blockScale);
        putFp16(block, 2, blockMin);
        requantizeScaleMin(x, xOffset, nmax, block, levels);
    }

    /** Re-rounds every element of a Q4_K or Q5_K super-block against its stored scales and minimums (0..nmax). */
    private static void requantizeScaleMin(float[] x, int xOffset, int nmax, byte[] block, int[] levels) {
        float superScale = getFp16(block, 0);
        float superMin = getFp16(block, 2);
        for (int j = 0; j < QK_K / 32; j++) {
            float d = superScale * unpackScale(block, 4, j);
            if (d == 0) {
                continue;
            }
            float dm = superMin * unpackMin(block, 4, j);
            for (int i = 0; i < 32; i++) {
                int l = nearestInt((x[xOffset + 32 * j + i] + dm) / d);
                levels[32 * j + i] = Math.max(0, Math.min(nmax, l));
            }
        }
    }

    /**
     * ggml's {@code make_qp_quants}: a positive scale for the {@code n} non-negative values {@code x} (sub-block scales
     * or minimums) with levels {@code 0..nmax}, minimizing the error weighted by {@code weights}: the best of nine
     * inverse scales around {@code nmax / max}, then up to five passes that move one level at a time while the
     * weighted fit improves. Levels are stored as ggml's {@code uint8_t}; all zero gives scale 0.
     */
    static float makeQpQuants(int n, int nmax, float[] x, int[] levels, float[] weights) {
        float max = 0;
        for (int i = 0; i < n; i++) {
            max = max > x[i] ? max : x[i];
        }
        if (max == 0) {
            for (int i = 0; i < n; i++) {
                levels[i] = 0;
            }
            return 0.0f;
        }
        float iscale = nmax / max;
        for (int i = 0; i < n; i++) {
            levels[i] = nearestInt(iscale * x[i]) & 0xFF;
        }
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; i++) {
            float diff = x[i] - scale * levels[i];
            float w = weights[i];
            bestError += w * diff * diff;
        }
        for (int step = -4; step <= 4; step++) {
            if (step == 0) {
                continue;
            }
            float stepInverse = (0.1f * step + nmax) / max;
            float stepScale = 1 / stepInverse;
            float error = 0;
            for (int i = 0; i < n; i++) {
                int l = Math.min(nmax, nearestInt(stepInverse * x[i]));
                float diff = x[i] - stepScale * l;
                float w = weights[i];
                error += w * diff * diff;
            }
            if (error < bestError) {
                bestError = error;
                iscale = stepInverse;
            }
        }
        float sumLX = 0;
        float sumL2 = 0;
        for (int i = 0; i < n; i++) {
            int l = Math.min(nmax, nearestInt(iscale * x[i]));
            levels[i] = l & 0xFF;
            float w = weights[i];
            sumLX += w * x[i] * l;
            sumL2 += w * l * l;
        }
        for (int pass = 0; pass < 5; pass++) {
            int changed = 0;
            for (int i = 0; i < n; i++) {
                float w = weights[i];
                float slx = sumLX - w * x[i] * levels[i];
                float sl2 = sumL2 - w * levels[i] * levels[i];
                if (slx > 0 && sl2 > 0) {
                    int next = Math.min(nmax, nearestInt(x[i] * sl2 / slx));
                    if (next != levels[i]) {
                        slx += w * x[i] * next;
                        sl2 += w * next * next;
                        if (slx * slx * sumL2 > sumLX * sumLX * sl2) {
                            levels[i] = next & 0xFF;
                            sumLX = slx;
                            sumL2 = sl2;
                            changed++;
                        }
                    }
                }
            }
            if (changed == 0) {
                break;
            }
        }
        return sumLX / sumL2;
    }

    /** {@code Σ x²} over {@code n} elements, summed in order in float as ggml does. */
    static float sumOfSquares(float[] x, int xOffset, int n) {
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[xOffset + i] * x[xOffset + i];
        }
        return sum;
    }

    /**
     * The per-element weights ggml's importance-weighted quantizers minimize against:
     * {@code weights[i] = importance[importanceOffset + i] * sqrtf(sigma2 + x[i]^2)}, the column's importance times
     * a magnitude that keeps small elements from counting for nothing.
     */
    static void importanceWeights(float[] x, int xOffset, float[] importance, int importanceOffset, float sigma2,
            float[] weights, int n) {
        for (int i = 0; i < n; i++) {
            float value = x[xOffset + i];
            weights[i] = importance[importanceOffset + i] * sqrtf(sigma2 + value * value);
        }
    }

    /**
     * Packs 256 two-bit values as Q2_K and Q3_K store them: byte {@code 32 * h + l} of the 64 at {@code offset} holds
     * elements {@code 128 * h + l + 32 * k} in bits {@code 2k..2k+1}.
     */
    static void packTwoBits(int[] levels, byte[] block, int offset) {
        for (int j = 0; j < QK_K; j += 128) {
            for (int l = 0; l < 32; l++) {
                block[offset + j / 4 + l] = (byte) (levels[j + l] | levels[j + l + 32] << 2 | levels[j + l + 64] << 4
                        | levels[j + l + 96] << 6);
            }
        }
    }

    /** The two-bit value of element {@code e} (0..255) packed by {@link #packTwoBits}. */
    static int twoBits(byte[] block, int offset, int e) {
        int half = e >> 7;
        int shift = 2 * ((e & 127) >> 5);
        return (block[offset + 32 * half + (e & 31)] >> shift) & 3;
    }

    /** C's {@code sqrtf}: the correctly rounded float square root (exact through double). */
    static float sqrtf(float value) {
        return (float) Math.sqrt(value);
    }

    /** The f16 at {@code offset} of {@code block} (little-endian) as a float. */
    static float getFp16(byte[] block, int offset) {
        return QuantBits.fp16ToFloat((short) ((block[offset] & 0xFF) | block[offset + 1] << 8));
    }

    /** Writes {@code value} rounded to f16 at {@code offset} of {@code block} (little-endian). */
    static void putFp16(byte[] block, int offset, float value) {
        short half = QuantBits.floatToFp16(value);
        block[offset] = (byte) half;
        block[offset + 1] = (byte) (half >> 8);
    }

    /** Copies block {@code index} (of {@code block.length} bytes) counted from {@code offset} into {@code block}. */
    static void readBlock(MemorySegment source, long offset, int index, byte[] block) {
        MemorySegment.copy(source, ValueLayout.JAVA_BYTE, offset + (long) index * block.length, block, 0, block.length);
    }

    /** Copies {@code block} to block {@code index} at {@code offset} of {@code destination}. */
    static void writeBlock(byte[] block, MemorySegment destination, long offset, int index) {
        MemorySegment.copy(block, 0, destination, ValueLayout.JAVA_BYTE, offset + (long) index * block.length,
                block.length);
    }
}
