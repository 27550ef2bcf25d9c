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
     * e^x per lane, within about 1 ulp of the true value on {@code [-87.3, 88.3]}: {@code x = k · ln 2 + r} with
     * {@code |r| ≤ ln 2 / 2}, Cephes' degree-7 polynomial for e^r, times 2^k built in the exponent bits. NaN stays
     * NaN, larger inputs give infinity, smaller ones 0.
     */
    static FloatVector exp(FloatVector x) {
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
        FloatVector result = p.mul(exponent.reinterpretAsFloats());
        result = result.blend(0f, x.compare(VectorOperators.LT, EXP_LOWEST));
        return result.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HIGHEST));
    }
}
