package dev.caracal.api.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The K-quant reference codecs (Q2_K ... Q8_K): hand-built blocks decoded against their documented layouts, error
 * bounds on seeded random data and edge cases. Byte-exactness against llama.cpp is checked by the engine's
 * {@code KQuantMatchesLlamaCppTest}.
 */
class KQuantCodecTest {

    private static final int QK = 256;

    @ParameterizedTest
    @EnumSource(names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q8_K"})
    void registryReturnsACodecForTheFormat(QuantFormat format) {
        QuantCodec codec = QuantCodecs.of(format);
        assertThat(codec.format()).isEqualTo(format);
        assertThat(codec.canQuantize()).isTrue();
    }

    // ---- decoding hand-built blocks: each test writes the bytes as the layout comment describes them

    @Test
    void q4_KDecodesAHandBuiltBlock() {
        int[] scales = {1, 2, 3, 4, 17, 33, 49, 63};
        int[] mins = {0, 5, 10, 15, 20, 40, 60, 1};
        byte[] block = new byte[144];
        putHalf(block, 0, 1.0f);
        putHalf(block, 2, 0.5f);
        putBytes(block, 4, packedScalesAndMins(scales, mins));
        for (int i = 0; i < 128; i++) {
            block[16 + i] = (byte) ((i % 16) | (15 - i % 16) << 4);
        }
        float[] decoded = decode(QuantFormat.Q4_K, block, QK);
        for (int e = 0; e < QK; e++) {
            int l = e % 32;
            int q = e % 64 < 32 ? l % 16 : 15 - l % 16;
            int s = e / 32;
            assertThat(decoded[e]).as("element %d", e).isEqualTo(1.0f * scales[s] * q - 0.5f * mins[s]);
        }
    }

    @Test
    void q5_KDecodesAHandBuiltBlock() {
        int[] scales = {63, 1, 40, 7, 8, 33, 16, 2};
        int[] mins = {3, 62, 0, 21, 1, 44, 9, 63};
        byte[] block = new byte[176];
        putHalf(block, 0, 0.25f);
        putHalf(block, 2, 0.125f);
        putBytes(block, 4, packedScalesAndMins(scales, mins));
        for (int l = 0; l < 32; l++) {
            block[16 + l] = (byte) (l * 37 + 11);
        }
        for (int i = 0; i < 128; i++) {
            block[48 + i] = (byte) (i * 29 + 3);
        }
        float[] decoded = decode(QuantFormat.Q5_K, block, QK);
        for (int e = 0; e < QK; e++) {
            int l = e % 32;
            int packed = block[48 + 32 * (e / 64) + l] & 0xFF;
            int low = e % 64 < 32 ? packed & 0xF : packed >> 4;
            int high = (block[16 + l] >> (e / 32)) & 1;
            int s = e / 32;
            float expected = 0.25f * scales[s] * (low + 16 * high) - 0.125f * mins[s];
            assertThat(decoded[e]).as("element %d", e).isEqualTo(expected);
        }
    }

    @Test
    void q6_KDecodesAHandBuiltBlock() {
        byte[] block = new byte[210];
        for (int i = 0; i < 192; i++) {
            block[i] = (byte) (i * 7 + 3);
        }
        for (int s = 0; s < 16; s++) {
            block[192 + s] = (byte) ((s - 8) * 9);
        }
        putHalf(block, 208, 0.25f);
        float[] decoded = decode(QuantFormat.Q6_K, block, QK);
        for (int e = 0; e < QK; e++) {
            int h = e / 128;
            int k = (e % 128) / 32;
            int l = e % 32;
            int low = (block[64 * h + 32 * (k % 2) + l] >> (4 * (k / 2))) & 0xF;
            int high = (block[128 + 32 * h + l] >> (2 * k)) & 3;
            float expected = 0.25f * ((e / 16 - 8) * 9) * ((low | high << 4) - 32);
            assertThat(decoded[e]).as("element %d", e).isEqualTo(expected);
        }
    }

    @Test
    void q2_KDecodesAHandBuiltBlock() {
        byte[] block = new byte[84];
        for (int s = 0; s < 16; s++) {
            block[s] = (byte) (s | (15 - s) << 4);
        }
        for (int i = 0; i < 64; i++) {
            block[16 + i] = (byte) (i * 29 + 7);
        }
        putHalf(block, 80, 1.0f);
        putHalf(block, 82, 0.5f);
        float[] decoded = decode(QuantFormat.Q2_K, block, QK);
        for (int e = 0; e < QK; e++) {
            int q = (block[16 + 32 * (e / 128) + e % 32] >> (2 * ((e % 128) / 32))) & 3;
            int s = e / 16;
            assertThat(decoded[e]).as("element %d", e).isEqualTo(1.0f * s * q - 0.5f * (15 - s));
        }
    }

    @Test
    void q3_KDecodesAHandBuiltBlock() {
        int[] scales = new int[16];
        byte[] block = new byte[110];
        for (int i = 0; i < 96; i++) {
            block[i] = (byte) (i * 53 + 17);
        }
        for (int s = 0; s < 16; s++) {
            scales[s] = (s * 11 + 5) % 64;
            int low = scales[s] & 0xF;
            block[96 + s % 8] |= (byte) (s < 8 ? low : low << 4);
            block[104 + s % 4] |= (byte) ((scales[s] >> 4) << (2 * (s / 4)));
        }
        putHalf(block, 108, 0.5f);
        float[] decoded = decode(QuantFormat.Q3_K, block, QK);
        for (int e = 0; e < QK; e++) {
            int low = (block[32 + 32 * (e / 128) + e % 32] >> (2 * ((e % 128) / 32))) & 3;
            int high = (block[e % 32] >> (e / 32)) & 1;
            float expected = 0.5f * (scales[e / 16] - 32) * (low + 4 * high - 4);
            assertThat(decoded[e]).as("element %d", e).isEqualTo(expected);
        }
    }

    @Test
    void q8_KEncodesAndDecodesAHandComputedBlock() {
        // amax 127 at element 0 (negative): iscale = -127 / -127 = 1, so d = 1 and every quant is the value itself.
        float[] values = new float[QK];
        for (int e = 0; e < QK; e++) {
            values[e] = e % 255 - 127;
        }
        byte[] bytes = encode(QuantFormat.Q8_K, values);
        MemorySegment block = MemorySegment.ofArray(bytes);
        assertThat(block.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0)).isEqualTo(1.0f);
        for (int e = 0; e < QK; e++) {
            assertThat(bytes[4 + e]).as("quant %d", e).isEqualTo((byte) values[e]);
        }
        for (int g = 0; g < 16; g++) {
            int sum = 0;
            for (int i = 0; i < 16; i++) {
                sum += (int) values[16 * g + i];
            }
            assertThat(block.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 260 + 2 * g))
                    .as("sum %d", g).isEqualTo((short) sum);
        }
        assertThat(decode(QuantFormat.Q8_K, bytes, QK)).isEqualTo(values);
    }

    @Test
    void q8_KBlockSumsAreTheSumsOfEachSixteenQuants() {
        Random random = new Random(5);
        float[] values = new float[4 * QK];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 3);
        }
        byte[] bytes = encode(QuantFormat.Q8_K, values);
        MemorySegment segment = MemorySegment.ofArray(bytes);
        for (int b = 0; b < 4; b++) {
            int at = 292 * b;
            float d = segment.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), at);
            int extreme = 0;
            for (int g = 0; g < 16; g++) {
                int sum = 0;
                for (int i = 0; i < 16; i++) {
                    byte q = bytes[at + 4 + 16 * g + i];
                    sum += q;
                    extreme = Math.max(extreme, Math.abs(q));
                }
                short stored = segment.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN),
                        at + 260 + 2 * g);
                assertThat(stored).as("block %d sum %d", b, g).isEqualTo((short) sum);
            }
            // The largest magnitude maps to -127 (never -128), the scale is -max/127.
            assertThat(extreme).isEqualTo(127);
            assertThat(d).isNotZero();
        }
    }

    @Test
    void packedScalesAndMinsMatchTheDocumentedLayout() {
        int[] scales = {1, 2, 3, 4, 17, 33, 49, 63};
        int[] mins = {0, 5, 10, 15, 20, 40, 60, 1};
        byte[] block = new byte[12];
        for (int j = 0; j < 8; j++) {
            KQuantMath.packScaleMin(block, 0, j, scales[j], mins[j]);
        }
        assertThat(block).isEqualTo(packedScalesAndMins(scales, mins));
        for (int j = 0; j < 8; j++) {
            assertThat(KQuantMath.unpackScale(block, 0, j)).isEqualTo(scales[j]);
            assertThat(KQuantMath.unpackMin(block, 0, j)).isEqualTo(mins[j]);
        }
    }

    // ---- round trips

    @ParameterizedTest
    @EnumSource(names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q8_K"})
    void randomDataRoundTripsWithinTheFormatsBound(QuantFormat format) {
        Random random = new Random(20250101L + format.ordinal());
        double[] scales = {1e-3, 0.02, 1, 30, 1000};
        float[] values = new float[40 * QK];
        for (int block = 0; block < 40; block++) {
            double scale = scales[block % scales.length];
            double mean = block % 3 == 0 ? (random.nextDouble() * 4 - 2) * scale : 0;
            boolean uniform = block % 4 == 1;
            for (int j = 0; j < QK; j++) {
                double noise = uniform ? random.nextDouble() * 2 - 1 : random.nextGaussian();
                values[block * QK + j] = (float) (mean + noise * scale);
            }
        }
        assertRoundTripWithinBound(format, values);
        assertRelativeRmsBelow(format, values, switch (format) {
            case Q2_K -> 0.33;
            case Q3_K -> 0.18;
            case Q4_K -> 0.085;
            case Q5_K -> 0.045;
            case Q6_K -> 0.022;
            default -> 0.01;
        });
    }

    @ParameterizedTest
    @EnumSource(names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q8_K"})
    void allZerosEncodeToZeroBytesAndDecodeToZeros(QuantFormat format) {
        float[] values = new float[2 * QK];
        assertThat(encode(format, values)).containsOnly((byte) 0);
        for (float value : roundTrip(format, values)) {
            assertThat(value == 0f).as("%s is zero", value).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q8_K"})
    void constantBlocksStayWithinBound(QuantFormat format) {
        for (float constant : new float[] {0.3f, -7.25f, 1e-3f, -1000f, 1000f}) {
            float[] values = new float[QK];
            Arrays.fill(values, constant);
            assertRoundTripWithinBound(format, values);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q8_K"})
    void negativeOnlyAndPositiveOnlyBlocksStayWithinBound(QuantFormat format) {
        Random random = new Random(9);
        float[] values = new float[4 * QK];
        for (int i = 0; i < values.length; i++) {
            double magnitude = Math.abs(random.nextGaussian()) + (i < 2 * QK ? 0 : 5);
            values[i] = (float) (i % (2 * QK) < QK ? -magnitude : magnitude);
        }
        assertRoundTripWithinBound(format, values);
    }

    @ParameterizedTest
    @EnumSource(names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q8_K"})
    void oneOutlierStaysWithinBound(QuantFormat format) {
        Random random = new Random(11);
        float[] values = new float[2 * QK];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.01);
        }
        values[37] = -100f;
        values[QK + 200] = 250f;
        float[] decoded = roundTrip(format, values);
        // The outlier sets its sub-block's scale, so it comes back close in relative terms.
        assertThat(Math.abs(decoded[37] + 100.0)).isLessThan(100f * bound(format));
        assertThat(Math.abs(decoded[QK + 200] - 250.0)).isLessThan(250f * bound(format));
        assertRoundTripWithinBound(format, values);
    }

    @ParameterizedTest
    @EnumSource(names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q8_K"})
    void offsetsAddressElementsAndBytesAnywhere(QuantFormat format) {
        Random random = new Random(3);
        int count = 3 * QK;
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        byte[] atZero = encode(format, values);
        QuantCodec codec = QuantCodecs.of(format);
        float[] shifted = new float[QK + 5 + count + 3];
        System.arraycopy(values, 0, shifted, QK + 5, count);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(atZero.length + 16);
            codec.quantize(shifted, QK + 5, segment, 7, count);
            assertThat(segment.asSlice(7, atZero.length).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(atZero);
            float[] decoded = new float[count + 9];
            codec.dequantize(segment, 7, decoded, 9, count);
            assertThat(Arrays.copyOfRange(decoded, 9, 9 + count)).isEqualTo(decode(format, atZero, count));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q8_K"})
    void partialSuperBlocksAreRejected(QuantFormat format) {
        QuantCodec codec = QuantCodecs.of(format);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(4096);
            assertThatThrownBy(() -> codec.quantize(new float[512], 0, segment, 0, 384))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(format.name())
                    .hasMessageContaining("blocks of 256")
                    .hasMessageContaining("384");
            assertThatThrownBy(() -> codec.dequantize(segment, 0, new float[512], 0, 32))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("32");
        }
    }

    // ---- helpers

    /**
     * The largest error allowed, as a fraction of the largest magnitude in the element's super-block: measured on
     * Gaussian and uniform data with some margin (the scale search and the 4-, 6- or 8-bit sub-block scales make a
     * closed form loose), far below what a misplaced bit gives.
     */
    private static double bound(QuantFormat format) {
        return switch (format) {
            case Q2_K -> 0.5;
            case Q3_K -> 0.3;
            case Q4_K -> 0.12;
            case Q5_K -> 0.07;
            case Q6_K -> 0.025;
            case Q8_K -> 0.5 / 127 * 1.0001;
            default -> throw new IllegalArgumentException(format.toString());
        };
    }

    /** The largest product of a sub-block scale (and minimum) and a quant that multiplies an f16 super-block scale. */
    private static int largestScaledQuant(QuantFormat format) {
        return switch (format) {
            case Q2_K -> 15 * 3 + 15;
            case Q3_K -> 32 * 4;
            case Q4_K -> 63 * 15 + 63;
            case Q5_K -> 63 * 31 + 63;
            case Q6_K -> 128 * 32;
            default -> 0; // Q8_K's scale is an f32
        };
    }

    private static void assertRoundTripWithinBound(QuantFormat format, float[] values) {
        float[] decoded = roundTrip(format, values);
        for (int start = 0; start < values.length; start += QK) {
            double amax = 0;
            for (int j = start; j < start + QK; j++) {
                amax = Math.max(amax, Math.abs(values[j]));
            }
            // Plus the f16 rounding of the super-block scales: near zero (subnormal f16) it is absolute, up to 2^-25,
            // multiplied by the largest sub-block scale times quant.
            double limit = amax * bound(format) + 0x1p-25 * largestScaledQuant(format);
            for (int j = start; j < start + QK; j++) {
                double error = Math.abs((double) decoded[j] - values[j]);
                if (!(error <= limit)) {
                    fail("%s element %d: source %s decoded %s, error %s over bound %s"
                            .formatted(format, j, values[j], decoded[j], error, limit));
                }
            }
        }
    }

    private static void assertRelativeRmsBelow(QuantFormat format, float[] values, double limit) {
        float[] decoded = roundTrip(format, values);
        for (int start = 0; start < values.length; start += QK) {
            double squaredError = 0;
            double squared = 0;
            double amax = 0;
            for (int j = start; j < start + QK; j++) {
                squaredError += Math.pow(decoded[j] - values[j], 2);
                squared += Math.pow(values[j], 2);
                amax = Math.max(amax, Math.abs(values[j]));
            }
            if (amax < 0.05) {
                continue; // the f16 super-block scales are subnormal there and their rounding dominates
            }
            assertThat(Math.sqrt(squaredError / squared)).as("%s relative RMS error of block %d", format, start / QK)
                    .isLessThan(limit);
        }
    }

    /** Twelve bytes holding eight 6-bit scales and minimums, written out as the Q4_K/Q5_K layout comment says. */
    private static byte[] packedScalesAndMins(int[] scales, int[] mins) {
        byte[] packed = new byte[12];
        for (int j = 0; j < 4; j++) {
            packed[j] = (byte) (scales[j] | (scales[j + 4] >> 4) << 6);
            packed[j + 4] = (byte) (mins[j] | (mins[j + 4] >> 4) << 6);
            packed[j + 8] = (byte) ((scales[j + 4] & 0xF) | (mins[j + 4] & 0xF) << 4);
        }
        return packed;
    }

    private static void putHalf(byte[] block, int offset, float value) {
        short half = Float.floatToFloat16(value);
        block[offset] = (byte) half;
        block[offset + 1] = (byte) (half >> 8);
    }

    private static void putBytes(byte[] block, int offset, byte[] bytes) {
        System.arraycopy(bytes, 0, block, offset, bytes.length);
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
}
