package dev.caracal.api.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The float and legacy (32-element block) reference codecs: error bounds, edge cases and hand-computed blocks. */
class LegacyQuantCodecTest {

    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0"})
    void registryReturnsACodecForTheFormat(QuantFormat format) {
        QuantCodec codec = QuantCodecs.of(format);
        assertThat(codec.format()).isEqualTo(format);
        assertThat(codec.canQuantize()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0"})
    void randomDataRoundTripsWithinTheFormatsBound(QuantFormat format) {
        Random random = new Random(20240531L + format.ordinal());
        double[] scales = {1e-3, 0.02, 1, 30, 1000};
        float[] values = new float[64 * 32];
        for (int block = 0; block < 64; block++) {
            double scale = scales[block % scales.length];
            double mean = block % 3 == 0 ? (random.nextDouble() * 4 - 2) * scale : 0;
            for (int j = 0; j < 32; j++) {
                values[block * 32 + j] = (float) (mean + random.nextGaussian() * scale);
            }
        }
        assertRoundTripWithinBound(format, values);
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0"})
    void allZerosDecodeToZeros(QuantFormat format) {
        float[] decoded = roundTrip(format, new float[64]);
        for (float value : decoded) {
            // Q4_0 and Q5_0 give -0.0f, as ggml does: d = 0 / -8 is negative zero.
            assertThat(value == 0f).as("%s is zero", value).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0"})
    void constantRowsStayWithinBound(QuantFormat format) {
        for (float constant : new float[] {0.3f, -7.25f, 1e-3f, 1000f}) {
            float[] values = new float[64];
            Arrays.fill(values, constant);
            assertRoundTripWithinBound(format, values);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"Q4_1", "Q5_1"})
    void constantRowOfAMinimumFormatDecodesToTheF16Minimum(QuantFormat format) {
        float[] values = new float[32];
        Arrays.fill(values, 0.3f);
        float[] decoded = roundTrip(format, values);
        // max == min gives d = 0, so every quant is 0 and the value is m.
        assertThat(decoded).containsOnly(Float.float16ToFloat(Float.floatToFloat16(0.3f)));
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0"})
    void hugeAndTinyValuesStayWithinBound(QuantFormat format) {
        Random random = new Random(7);
        // Minimum formats store m as f16, so their minimum must stay inside f16's range.
        double huge = format == QuantFormat.Q4_1 || format == QuantFormat.Q5_1 || format == QuantFormat.F16 ? 3e4 : 4e5;
        float[] values = new float[3 * 32];
        for (int j = 0; j < 32; j++) {
            values[j] = (float) (random.nextGaussian() * huge / 4);
            values[32 + j] = (float) (random.nextGaussian() * 1e-6);
            values[64 + j] = (float) (random.nextGaussian() * 1e-30);
        }
        values[5] = (float) huge;
        assertRoundTripWithinBound(format, values);
    }

    @ParameterizedTest
    @EnumSource(names = {"Q4_0", "Q5_0", "Q8_0"})
    void oneOutlierIsKeptExactlyAndTheRestFlushToTheNearestStep(QuantFormat format) {
        Random random = new Random(11);
        float[] values = new float[32];
        for (int j = 0; j < 32; j++) {
            values[j] = (float) (random.nextGaussian() * 0.01);
        }
        values[9] = -100f; // d = 12.5, 6.25 or 100/127; the first two are exact in f16
        float[] decoded = roundTrip(format, values);
        if (format != QuantFormat.Q8_0) {
            assertThat(decoded[9]).isEqualTo(-100f);
        }
        assertThat(decoded[9]).isCloseTo(-100f, Offset.offset(0.05f));
        for (int j = 0; j < 32; j++) {
            if (j != 9) {
                assertThat(decoded[j]).as("element %d", j).isZero();
            }
        }
        assertRoundTripWithinBound(format, values);
    }

    @Test
    void q8_0HandComputedBlockRoundsHalfwayAwayFromZero() {
        // amax 127 gives d = 1 exactly; the other values sit halfway between integers.
        float[] values = new float[32];
        values[0] = -127f;
        StringBuilder expected = new StringBuilder("00 3c 81");
        for (int j = 1; j < 32; j++) {
            values[j] = j - 15.5f;
            int q = j < 16 ? j - 16 : j - 15;
            expected.append(' ').append(HexFormat.of().toHexDigits((byte) q));
        }
        assertEncodes(QuantFormat.Q8_0, values, expected.toString());
    }

    @Test
    void q4_0HandComputedBlockClampsTheTopQuant() {
        // max = -8 (first of the two largest magnitudes) gives d = 1; q = min(15, trunc(x + 8.5)).
        float[] values = new float[32];
        for (int j = 0; j < 32; j++) {
            values[j] = (j % 16) - 8;
        }
        values[31] = 8f; // 16.5 truncates to 16, clamped to 15
        // byte j = q[j] | q[j + 16] << 4 = j | j << 4
        assertEncodes(QuantFormat.Q4_0, values,
                "00 3c 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff");
        float[] decoded = decode(QuantFormat.Q4_0, hex("00 3c 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff"), 32);
        assertThat(decoded[31]).isEqualTo(7f);
        assertThat(decoded[16]).isEqualTo(-8f);
    }

    @Test
    void q4_1HandComputedBlock() {
        // min -2, max 13: d = 1, m = -2 (f16 0xC000); q = trunc(x - min + 0.5).
        float[] values = new float[32];
        for (int j = 0; j < 32; j++) {
            values[j] = (j % 16) - 2;
        }
        assertEncodes(QuantFormat.Q4_1, values,
                "00 3c 00 c0 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff");
    }

    @Test
    void q5_0HandComputedBlockPutsFifthBitsInQh() {
        // max = -16 gives d = 1; q_j = j, so the fifth bit is set exactly for j >= 16: qh = 0xFFFF0000 little-endian.
        float[] values = new float[32];
        for (int j = 0; j < 32; j++) {
            values[j] = j - 16;
        }
        assertEncodes(QuantFormat.Q5_0, values,
                "00 3c 00 00 ff ff 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff");
    }

    @Test
    void q5_1HandComputedBlock() {
        // min 0.25 (f16 0x3400), max 31.25: d = 1 and q_j = j.
        float[] values = new float[32];
        for (int j = 0; j < 32; j++) {
            values[j] = j + 0.25f;
        }
        values[3] = 3.7f; // 3.45 + 0.5 truncates to 3
        values[4] = 4.8f; // 4.55 + 0.5 truncates to 5; nibble 5 in the low half of byte 4
        assertEncodes(QuantFormat.Q5_1, values,
                "00 3c 00 34 00 00 ff ff 00 11 22 33 45 55 66 77 88 99 aa bb cc dd ee ff");
        float[] decoded = decode(QuantFormat.Q5_1,
                hex("00 3c 00 34 00 00 ff ff 00 11 22 33 45 55 66 77 88 99 aa bb cc dd ee ff"), 32);
        assertThat(decoded[4]).isEqualTo(5.25f);
        assertThat(decoded[31]).isEqualTo(31.25f);
    }

    @Test
    void floatFormatsHandComputedElements() {
        float[] values = {1.0f, -2.0f, 65504f, 0x1p-24f, 1.0f + 0x1p-11f, 1.0f + 3 * 0x1p-11f};
        assertEncodes(QuantFormat.F16, values, "00 3c 00 c0 ff 7b 01 00 00 3c 02 3c");
        float[] brain = {1.0f, Float.intBitsToFloat(0x3F80_8000), Float.intBitsToFloat(0x3F81_8000), -3.0f};
        assertEncodes(QuantFormat.BF16, brain, "80 3f 80 3f 82 3f 40 c0");
        assertEncodes(QuantFormat.F32, new float[] {1.0f, -0.0f}, "00 00 80 3f 00 00 00 80");
    }

    @Test
    void blockScaleIsComputedInFloatButStoredAsF16() {
        // amax 1e-6: d = 7.9e-9 underflows to f16 zero, yet the quants are computed from the float d, as in ggml.
        float[] values = new float[32];
        values[0] = 1e-6f;
        values[1] = -0.5e-6f;
        byte[] bytes = encode(QuantFormat.Q8_0, values);
        assertThat(hexOf(bytes).substring(0, 17)).isEqualTo("00 00 7f c1 00 00");
        for (float value : decode(QuantFormat.Q8_0, bytes, 32)) {
            assertThat(value == 0f).as("%s is zero", value).isTrue();
        }
    }

    @Test
    void scaleWhoseInverseOverflowsGivesZeroQuantsAsOnX86() {
        // amax 1e-38: 1/d is infinite, x*id is +-infinity or NaN, and C's conversion yields 0x80000000 whose low byte
        // is 0; Java's saturating cast would give 0x7FFFFFFF (-1 as a byte) for +infinity instead.
        float[] values = new float[32];
        for (int j = 0; j < 32; j++) {
            values[j] = (j % 2 == 0 ? 1e-38f : -1e-38f);
        }
        values[2] = 0;
        // After the f16 scale, which underflows to (negative) zero.
        assertThat(Arrays.copyOfRange(encode(QuantFormat.Q8_0, values), 2, 34)).containsOnly((byte) 0);
        assertThat(Arrays.copyOfRange(encode(QuantFormat.Q4_0, values), 2, 18)).containsOnly((byte) 0);
        assertThat(Arrays.copyOfRange(encode(QuantFormat.Q5_0, values), 2, 22)).containsOnly((byte) 0);
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0"})
    void offsetsAddressElementsAndBytesAnywhere(QuantFormat format) {
        Random random = new Random(3);
        int count = 4 * format.blockSize() * (format.isFloatingPoint() ? 32 : 1);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        byte[] atZero = encode(format, values);
        QuantCodec codec = QuantCodecs.of(format);
        int sourceOffset = 2 * format.blockSize() + (format.isFloatingPoint() ? 3 : 0);
        float[] shifted = new float[sourceOffset + count + 5];
        System.arraycopy(values, 0, shifted, sourceOffset, count);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(atZero.length + 16);
            codec.quantize(shifted, sourceOffset, segment, 7, count);
            assertThat(segment.asSlice(7, atZero.length).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(atZero);
            float[] decoded = new float[count + 9];
            codec.dequantize(segment, 7, decoded, 9, count);
            assertThat(Arrays.copyOfRange(decoded, 9, 9 + count)).isEqualTo(decode(format, atZero, count));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0"})
    void partialBlocksAreRejected(QuantFormat format) {
        QuantCodec codec = QuantCodecs.of(format);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(1024);
            assertThatThrownBy(() -> codec.quantize(new float[48], 0, segment, 0, 48))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("blocks of 32")
                    .hasMessageContaining("48");
            assertThatThrownBy(() -> codec.dequantize(segment, 0, new float[48], 0, 40))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("40");
        }
    }

    private static void assertRoundTripWithinBound(QuantFormat format, float[] values) {
        float[] decoded = roundTrip(format, values);
        int blockSize = format.isFloatingPoint() ? 1 : format.blockSize();
        for (int start = 0; start < values.length; start += blockSize) {
            float[] block = Arrays.copyOfRange(values, start, start + blockSize);
            for (int j = start; j < start + blockSize; j++) {
                double error = Math.abs((double) decoded[j] - values[j]);
                double bound = bound(format, block, values[j]);
                if (!(error <= bound)) {
                    fail("%s element %d: source %s decoded %s, error %s over bound %s"
                            .formatted(format, j, values[j], decoded[j], error, bound));
                }
            }
        }
    }

    /**
     * Half a quantization step (a whole step for the top quant Q4_0/Q5_0 clamp), plus the f16 rounding of the scale and
     * minimum (relative 2^-11, or 2^-25 absolute near zero) times the largest quant.
     */
    private static double bound(QuantFormat format, float[] block, float value) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double absoluteMax = 0;
        for (float v : block) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            absoluteMax = Math.max(absoluteMax, Math.abs(v));
        }
        double range = max - min;
        double f16 = 0x1p-10;
        return switch (format) {
            case F32 -> 0;
            case F16 -> Math.abs(value) * 0x1p-11 + 0x1p-25;
            case BF16 -> Math.abs(value) * 0x1p-8;
            case Q8_0 -> absoluteMax / 127 / 2 + absoluteMax * f16 + 127 * 0x1p-25;
            case Q4_0 -> absoluteMax / 8 + absoluteMax * f16 + 8 * 0x1p-25;
            case Q5_0 -> absoluteMax / 16 + absoluteMax * f16 + 16 * 0x1p-25;
            case Q4_1 -> range / 15 / 2 + (range + Math.abs(min)) * f16 + 16 * 0x1p-25;
            case Q5_1 -> range / 31 / 2 + (range + Math.abs(min)) * f16 + 32 * 0x1p-25;
            default -> throw new IllegalArgumentException(format.toString());
        };
    }

    private static float[] roundTrip(QuantFormat format, float[] values) {
        return decode(format, encode(format, values), values.length);
    }

    private static byte[] encode(QuantFormat format, float[] values) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(format.bytesFor(values.length));
            QuantCodecs.of(format).quantize(values, 0, segment, 0, values.length);
            return segment.toArray(ValueLayout.JAVA_BYTE);
        }
    }

    private static float[] decode(QuantFormat format, byte[] bytes, int count) {
        float[] decoded = new float[count];
        QuantCodecs.of(format).dequantize(MemorySegment.ofArray(bytes), 0, decoded, 0, count);
        return decoded;
    }

    private static void assertEncodes(QuantFormat format, float[] values, String expectedHex) {
        assertThat(hexOf(encode(format, values))).isEqualTo(expectedHex);
    }

    private static byte[] hex(String spaced) {
        return HexFormat.ofDelimiter(" ").parseHex(spaced);
    }

    private static String hexOf(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
