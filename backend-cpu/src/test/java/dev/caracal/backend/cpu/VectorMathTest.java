package dev.caracal.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** {@link VectorMath#exp} against {@code Math.exp}, at its edges, and its independence from JIT warmness. */
class VectorMathTest {

    private static final int LANES = WeightRows.LANES;

    @Test
    void expIsWithinTwoUlpsOfMathExpOverTheFloatRange() {
        Random random = new Random(7);
        float[] inputs = new float[LANES];
        float[] outputs = new float[LANES];
        for (int round = 0; round < 20_000; round++) {
            for (int i = 0; i < LANES; i++) {
                inputs[i] = -87f + random.nextFloat() * (88f + 87f);
            }
            VectorMath.exp(inputs, 0, outputs, 0, LANES, 1f, 0f, new float[LANES]);
            for (int i = 0; i < LANES; i++) {
                float expected = (float) Math.exp(inputs[i]);
                assertThat(Math.abs(outputs[i] - expected))
                        .as("exp(%s) = %s, Math.exp %s", inputs[i], outputs[i], expected)
                        .isLessThanOrEqualTo(2 * Math.ulp(expected));
            }
        }
    }

    @Test
    void expHandlesZeroTheEdgesAndSpecialValues() {
        float[] inputs = {0f, -0f, 1f, -1f, -100f, 100f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
            Float.NaN, -87.3f, 88.3f, 1e-8f, -1e-8f, 10f, -10f, 0.5f};
        float[] outputs = new float[16];
        for (int start = 0; start < inputs.length; start += LANES) {
            VectorMath.exp(inputs, start, outputs, start, LANES, 1f, 0f, new float[LANES]);
        }
        assertThat(outputs[0]).isEqualTo(1f);
        assertThat(outputs[1]).isEqualTo(1f);
        assertThat(outputs[4]).isZero();
        assertThat(outputs[5]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(outputs[6]).isZero();
        assertThat(outputs[7]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(outputs[8]).isNaN();
        // Near the smallest normal float the result may be subnormal and lose a few bits.
        assertThat(outputs[9]).isCloseTo((float) Math.exp(-87.3f), Percentage.withPercentage(1e-4));
        assertThat(outputs[10]).isCloseTo((float) Math.exp(88.3f), Offset.offset(2 * Math.ulp((float) Math.exp(88.3f))));
        assertThat(outputs[2]).isCloseTo((float) Math.E, Offset.offset(2 * Math.ulp((float) Math.E)));
    }

    /** The first (interpreted) calls and the C2-compiled ones give the same bits, as do the lane sums. */
    @Test
    void coldAndWarmCallsAgreeBitForBit() {
        Random random = new Random(9);
        float[] inputs = new float[LANES];
        for (int i = 0; i < LANES; i++) {
            inputs[i] = (float) random.nextGaussian() * 20;
        }
        float[] lanes = new float[LANES];
        float[] cold = new float[LANES];
        float coldSum = VectorMath.exp(inputs, 0, cold, 0, LANES, 1f, 0f, lanes);
        float[] warm = new float[LANES];
        float warmSum = 0;
        for (int i = 0; i < 200_000; i++) {
            warmSum = VectorMath.exp(inputs, 0, warm, 0, LANES, 1f, 0f, lanes);
        }
        assertThat(warm).isEqualTo(cold);
        assertThat(Float.floatToRawIntBits(warmSum)).isEqualTo(Float.floatToRawIntBits(coldSum));
    }
}
