package dev.caracal.backend.xla.hlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Rounding to the narrow floats, integer wrap-around, and the host layout of {@link HostArray}. */
class ElementTypeTest {

    @Test
    void f16RoundingAgreesWithTheJdkOnFloats() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            // exponents around f16's range: subnormals (below 2^-14), normals, and overflow past 65504
            float value = Float.intBitsToFloat(random.nextInt(0x3000_0000, 0x4800_0000) | (random.nextBoolean()
                    ? 0x8000_0000 : 0));
            double expected = Float.float16ToFloat(Float.floatToFloat16(value));
            assertThat(ElementType.F16.round(value)).as("%a", value).isEqualTo(expected);
        }
    }

    @Test
    void bf16RoundingIsNearestEven() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            int bits = random.nextInt(0, 0x7F80_0000);
            // nearest even on the top 16 bits: add 0x7FFF plus the lowest kept bit, then truncate
            int rounded = (bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF_0000;
            assertThat(ElementType.BF16.round(Float.intBitsToFloat(bits))).isEqualTo(Float.intBitsToFloat(rounded));
        }
        // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: to 1 (even); 1 + 3 * 2^-8 goes up to 1 + 2^-6
        assertThat(ElementType.BF16.round(1 + 0x1p-8)).isEqualTo(1);
        assertThat(ElementType.BF16.round(1 + 3 * 0x1p-8)).isEqualTo(1 + 0x1p-6);
        assertThat(ElementType.BF16.round(Float.MAX_VALUE)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ElementType.BF16.round(-0.0)).isEqualTo(-0.0);
    }

    @Test
    void f16HasSubnormalsAndOverflows() {
        assertThat(ElementType.F16.round(0x1p-24)).isEqualTo(0x1p-24);
        assertThat(ElementType.F16.round(0x1p-25)).isEqualTo(0.0);
        assertThat(ElementType.F16.round(0x1.8p-25)).isEqualTo(0x1p-24);
        assertThat(ElementType.F16.round(65519.99)).isEqualTo(65504);
        assertThat(ElementType.F16.round(65520)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ElementType.F16.round(Double.NaN)).isNaN();
    }

    @Test
    void integersWrapToTheirWidth() {
        assertThat(ElementType.I8.wrap(200)).isEqualTo(-56);
        assertThat(ElementType.UI8.wrap(-1)).isEqualTo(255);
        assertThat(ElementType.I32.wrap(1L << 31)).isEqualTo(Integer.MIN_VALUE);
        assertThat(ElementType.UI32.wrap(-1)).isEqualTo(0xFFFF_FFFFL);
        assertThat(ElementType.I1.wrap(3)).isEqualTo(1);
        assertThat(ElementType.UI16.maxValue()).isEqualTo(65535);
        assertThat(ElementType.I64.minValue()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void bytesAreLittleEndian() {
        HostArray halves = HostArray.fromBytes(TensorType.of("tensor<2xf16>"), new byte[] {0x00, 0x3C, 0x00,
                (byte) 0xC0});
        assertThat(halves.toDoubles()).containsExactly(1, -2);
        assertThat(halves.toBytes()).containsExactly(0x00, 0x3C, 0x00, 0xC0);
        HostArray words = HostArray.ofLongs(TensorType.of("tensor<1xi32>"), -2);
        assertThat(words.toBytes()).containsExactly(0xFE, 0xFF, 0xFF, 0xFF);
        HostArray predicates = HostArray.fromBytes(TensorType.of("tensor<2xi1>"), new byte[] {1, 0});
        assertThat(predicates.toLongs()).containsExactly(1, 0);
        assertThatThrownBy(() -> HostArray.fromBytes(TensorType.of("tensor<2xf32>"), new byte[4]))
                .hasMessage("tensor<2xf32> has 2 elements, got 1 values");
    }

    @Test
    void arraysRoundTheirValuesToTheType() {
        assertThat(HostArray.of(TensorType.of("tensor<2xbf16>"), 1 + 0x1p-8, 3.14159).toDoubles())
                .containsExactly(1, 3.140625);
        assertThat(HostArray.of(TensorType.of("tensor<2xi8>"), -2.7, 300).toLongs()).containsExactly(-2, 127);
        assertThat(HostArray.ofLongs(TensorType.of("tensor<2xui8>"), -1, 256).toLongs()).containsExactly(255, 0);
    }

    @Test
    void tensorTypesParseAndPrint() {
        TensorType type = TensorType.of("tensor<2x3x4xbf16>");
        assertThat(type).isEqualTo(TensorType.of(ElementType.BF16, 2, 3, 4));
        assertThat(type).hasToString("tensor<2x3x4xbf16>");
        assertThat(type.strides()).containsExactly(12, 4, 1);
        assertThat(TensorType.of("tensor<i1>").size()).isEqualTo(1);
        assertThatThrownBy(() -> TensorType.of("tensor<?x4xf32>")).hasMessageStartingWith("expected an element type");
    }
}
