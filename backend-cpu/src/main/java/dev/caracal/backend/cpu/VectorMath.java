package dev.caracal.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transcendental functions on float vectors built from lane-wise arithmetic only, so they give the same bits in every
 * JIT tier. The Vector API's {@code VectorOperators.EXP} does not: C2 computes it with a vector math library, the
 * interpreter and C1 with {@code Math.exp} per lane, and a sequence's logits would then depend on how warm the code
 * is.
 */
final class VectorMath {

    private static final VectorSpecies<Float> F = WeightRows.F;
    private static final VectorSpecies<Integer> I = WeightRows.I;

    /** Below this, e^x is under the smallest normal float: the result is 0. */
    private static final float EXP_LOWEST = -87.33654f;
    /** Above this, e^x overflows: the result is infinity. */
    private static final float EXP_HIGHEST = 88.37626f;
    private static final float LOG2_E = 1.44269504088896341f;
    /** 1.5 · 2²³: adding and subtracting it rounds a float of magnitude below 2²² to an integer. */
    private static final float ROUND = 12582912f;
    /** ln 2 split in two (Cephes): the high part has few bits, so {@code k · LN2_HIGH} is exact. */
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;

    private VectorMath() {
    }

    /**
     * {@code destination[i] = e^(scale · source[i] - shift)} over {@code count} values (in place when the arrays and
     * offsets are the same); returns the sum of the results, lanes added with {@link WeightRows#sumLanes}, then the
     * tail. e^x is computed within about 1 ulp on {@code [-87.3, 88.3]}: {@code x = k · ln 2 + r} with
     * {@code |r| ≤ ln 2 / 2}, Cephes' degree-7 polynomial for e^r, times 2^k built in the exponent bits; NaN stays NaN,
     * larger inputs give infinity, smaller ones 0. The tail (fewer than one vector) uses {@code Math.exp}.
     *
     * <p>The polynomial is written out here rather than in a helper taking a vector: C2 compiles such a helper on
     * its own first and then will not inline it (too big), and every call boxes its vectors.
     */
    static float exp(float[] source, int sourceOffset, float[] destination, int destinationOffset, int count,
            float scale, float shift, float[] lanes) {
        FloatVector total = FloatVector.zero(F);
        int i = 0;
        for (int bound = count - F.length(); i <= bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, source, sourceOffset + i).mul(scale).sub(shift);
            FloatVector clamped = x.max(EXP_LOWEST).min(EXP_HIGHEST);
            FloatVector k = clamped.fma(LOG2_E, ROUND).sub(ROUND);
            FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_HIGH), clamped);
            r = k.fma(FloatVector.broadcast(F, -LN2_LOW), r);
            FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
            p = p.fma(r, FloatVector.broadcast(F, 8.3334519073e-3f));
            p = p.fma(r, FloatVector.broadcast(F, 4.1665795894e-2f));
            p = p.fma(r, FloatVector.broadcast(F, 1.6666665459e-1f));
            p = p.fma(r, FloatVector.broadcast(F, 5.0000001201e-1f));
            p = p.mul(r.mul(r)).add(r).add(1f);
            IntVector exponent = ((IntVector) k.convertShape(VectorOperators.F2I, I, 0)).add(127)
                    .lanewise(VectorOperators.LSHL, 23);
            FloatVector e = p.mul(exponent.reinterpretAsFloats())
                    .blend(0f, x.compare(VectorOperators.LT, EXP_LOWEST))
                    .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HIGHEST));
            e.intoArray(destination, destinationOffset + i);
            total = total.add(e);
        }
        total.intoArray(lanes, 0);
        float sum = WeightRows.sumLanes(lanes);
        for (; i < count; i++) {
            float e = (float) Math.exp(scale * source[sourceOffset + i] - shift);
            destination[destinationOffset + i] = e;
            sum += e;
        }
        return sum;
    }

    /**
     * {@code out[i] = silu(gate[i]) · up[i]} over {@code count} values, {@code silu(g) = g / (1 + e^-g)};
     * {@code out} may be {@code gate} or {@code up}.
     */
    static void swiglu(float[] gate, int gateOffset, float[] up, int upOffset, float[] out, int outOffset, int count,
            float[] exponentials, float[] lanes) {
        exp(gate, gateOffset, exponentials, 0, count, -1f, 0f, lanes);
        int i = 0;
        for (int bound = count - F.length(); i <= bound; i += F.length()) {
            FloatVector value = FloatVector.fromArray(F, gate, gateOffset + i);
            FloatVector silu = value.div(FloatVector.fromArray(F, exponentials, i).add(1f));
            silu.mul(FloatVector.fromArray(F, up, upOffset + i)).intoArray(out, outOffset + i);
        }
        for (; i < count; i++) {
            out[outOffset + i] = gate[gateOffset + i] / (1 + exponentials[i]) * up[upOffset + i];
        }
    }
}
