package dev.caracal.api.quant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantBitsTest {

    @Test
    void fp16RoundsToNearestEvenKeepingSubnormals() {
        assertThat(QuantBits.floatToFp16(1.0f)).isEqualTo((short) 0x3C00);
        assertThat(QuantBits.floatToFp16(1.0f + 0x1p-11f)).as("tie to even, down").isEqualTo((short) 0x3C00);
        assertThat(QuantBits.floatToFp16(1.0f + 3 * 0x1p-11f)).as("tie to even, up").isEqualTo((short) 0x3C02);
        assertThat(QuantBits.floatToFp16(0x1p-24f)).as("smallest subnormal").isEqualTo((short) 0x0001);
        assertThat(QuantBits.floatToFp16(0x1p-25f)).as("half the smallest subnormal ties to zero").isEqualTo((short) 0);
        assertThat(QuantBits.floatToFp16(0x1.8p-24f)).as("1.5 subnormal steps ties to 2").isEqualTo((short) 0x0002);
        assertThat(QuantBits.floatToFp16(0x1.000002p-25f)).as("just over half rounds up").isEqualTo((short) 0x0001);
        assertThat(QuantBits.floatToFp16(-0x1p-14f)).as("smallest normal").isEqualTo((short) 0x8400);
        assertThat(QuantBits.floatToFp16(65504f)).isEqualTo((short) 0x7BFF);
        assertThat(QuantBits.floatToFp16(65519.99f)).as("below the overflow midpoint").isEqualTo((short) 0x7BFF);
        assertThat(QuantBits.floatToFp16(65520f)).as("overflows to infinity").isEqualTo((short) 0x7C00);
        assertThat(QuantBits.floatToFp16(-0.0f)).isEqualTo((short) 0x8000);
        assertThat(QuantBits.floatToFp16(Float.intBitsToFloat(0x7F80_0001))).as("NaN made canonical quiet")
                .isEqualTo((short) 0x7E00);
        assertThat(QuantBits.floatToFp16(Float.intBitsToFloat(0xFFC1_2345))).isEqualTo((short) 0xFE00);
        assertThat(QuantBits.fp16ToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(QuantBits.fp16ToFloat((short) 0xC000)).isEqualTo(-2.0f);
    }

    @Test
    void fp16RoundTripsEveryHalf() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float value = QuantBits.fp16ToFloat((short) bits);
            if (!Float.isNaN(value)) {
                assertThat(QuantBits.floatToFp16(value) & 0xFFFF).as("half %04x", bits).isEqualTo(bits);
            }
        }
    }

    @Test
    void bf16RoundsToNearestEvenAndQuietsNaN() {
        assertThat(QuantBits.floatToBf16(1.0f)).isEqualTo((short) 0x3F80);
        assertThat(QuantBits.floatToBf16(Float.intBitsToFloat(0x3F80_8000))).as("tie, even stays").isEqualTo((short) 0x3F80);
        assertThat(QuantBits.floatToBf16(Float.intBitsToFloat(0x3F81_8000))).as("tie, odd rounds up").isEqualTo((short) 0x3F82);
        assertThat(QuantBits.floatToBf16(Float.intBitsToFloat(0x3F80_8001))).isEqualTo((short) 0x3F81);
        assertThat(QuantBits.floatToBf16(Float.intBitsToFloat(0x0000_8001))).as("subnormal kept").isEqualTo((short) 0x0001);
        assertThat(QuantBits.floatToBf16(Float.MAX_VALUE)).as("overflows to infinity").isEqualTo((short) 0x7F80);
        assertThat(QuantBits.floatToBf16(Float.intBitsToFloat(0x7F80_0001))).as("signalling NaN made quiet, not infinity")
                .isEqualTo((short) 0x7FC0);
        assertThat(QuantBits.floatToBf16(Float.intBitsToFloat(0xFF81_0000))).isEqualTo((short) 0xFFC1);
        assertThat(QuantBits.bf16ToFloat((short) 0xC040)).isEqualTo(-3.0f);
    }

    @Test
    void roundfRoundsHalfwayAwayFromZero() {
        assertThat(QuantBits.roundf(0.5f)).isEqualTo(1.0f);
        assertThat(QuantBits.roundf(-0.5f)).isEqualTo(-1.0f);
        assertThat(QuantBits.roundf(2.5f)).isEqualTo(3.0f);
        assertThat(QuantBits.roundf(-2.5f)).as("Math.round would give -2").isEqualTo(-3.0f);
        assertThat(QuantBits.roundf(0.49999997f)).as("x + 0.5f would round up").isEqualTo(0.0f);
        assertThat(QuantBits.roundf(-1.4f)).isEqualTo(-1.0f);
        assertThat(QuantBits.roundf(8388609f)).isEqualTo(8388609f);
        assertThat(QuantBits.roundf(Float.NEGATIVE_INFINITY)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(QuantBits.roundf(Float.NaN)).isNaN();
    }

    @Test
    void nearestIntRoundsHalfwayToEven() {
        assertThat(QuantBits.nearestInt(0.5f)).isZero();
        assertThat(QuantBits.nearestInt(1.5f)).isEqualTo(2);
        assertThat(QuantBits.nearestInt(2.5f)).isEqualTo(2);
        assertThat(QuantBits.nearestInt(-0.5f)).isZero();
        assertThat(QuantBits.nearestInt(-1.5f)).isEqualTo(-2);
        assertThat(QuantBits.nearestInt(-2.6f)).isEqualTo(-3);
        assertThat(QuantBits.nearestInt(4194303f)).isEqualTo(4194303);
        assertThat(QuantBits.nearestInt(-4194303f)).isEqualTo(-4194303);
    }

    @Test
    void truncateToIntFollowsX86ForNaNAndOverflow() {
        assertThat(QuantBits.truncateToInt(-7.9f)).isEqualTo(-7);
        assertThat(QuantBits.truncateToInt(16.99f)).isEqualTo(16);
        assertThat(QuantBits.truncateToInt(Float.NaN)).isEqualTo(Integer.MIN_VALUE);
        assertThat(QuantBits.truncateToInt(Float.POSITIVE_INFINITY)).isEqualTo(Integer.MIN_VALUE);
        assertThat(QuantBits.truncateToInt(2147483648f)).isEqualTo(Integer.MIN_VALUE);
        assertThat(QuantBits.truncateToInt(-2147483648f)).isEqualTo(Integer.MIN_VALUE);
        assertThat(QuantBits.truncateToInt(2147483520f)).isEqualTo(2147483520);
    }
}
