package dev.caracal.api.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The IQ4_NL reference codec: hand-computed blocks, the codebook search, and its error against Q4_0's. */
class IQ4_NLCodecTest {

    private final IQ4_NLCodec codec = new IQ4_NLCodec();

    @Test
    void isGgmlType20WithBlocksOf32In18Bytes() {
        assertThat(QuantFormat.IQ4_NL.ggmlTypeId()).isEqualTo(20);
        assertThat(QuantFormat.IQ4_NL.blockSize()).isEqualTo(32);
        assertThat(QuantFormat.IQ4_NL.bytesPerBlock()).isEqualTo(18);
        assertThat(QuantFormat.fromGgmlTypeId(20)).contains(QuantFormat.IQ4_NL);
        assertThat(QuantCodecs.of(QuantFormat.IQ4_NL)).isInstanceOf(IQ4_NLCodec.class);
        assertThat(codec.format()).isEqualTo(QuantFormat.IQ4_NL);
        assertThat(codec.canQuantize()).isTrue();
    }

    @Test
    void theCodebookIsGgmlsKvaluesIq4nl() {
        assertThat(IQ4_NLCodec.CODEBOOK)
                .containsExactly(-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113);
        assertThatThrownBy(() -> IQ4_NLCodec.CODEBOOK.set(0, 0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void handBuiltBlocksDecodeToScaleTimesCodebookValue() {
        // Block 0: d = 0.5 (f16 0x3800); byte j = j | (15 - j) << 4: element j is index j, element 16 + j index 15 - j.
        // Block 1: d = -2 (f16 0xC000); every byte 0x8F: low nibble 15 (113), high nibble 8 (1).
        StringBuilder bytes = new StringBuilder("00 38");
        for (int j = 0; j < 16; j++) {
            bytes.append(' ').append(HexFormat.of().toHexDigits((byte) (j | (15 - j) << 4)));
        }
        bytes.append(" 00 c0").append(" 8f".repeat(16));
        float[] decoded = decode(hex(bytes.toString()), 64);

        float[] halfCodebook = {-63.5f, -52f, -41.5f, -32.5f, -24.5f, -17.5f, -11f, -5f,
            0.5f, 6.5f, 12.5f, 19f, 26.5f, 34.5f, 44.5f, 56.5f};
        for (int j = 0; j < 16; j++) {
            assertThat(decoded[j]).as("element %d", j).isEqualTo(halfCodebook[j]);
            assertThat(decoded[16 + j]).as("element %d", 16 + j).isEqualTo(halfCodebook[15 - j]);
            assertThat(decoded[32 + j]).as("element %d", 32 + j).isEqualTo(-226f);
            assertThat(decoded[48 + j]).as("element %d", 48 + j).isEqualTo(-2f);
        }
    }

    @Test
    void valuesOnTheCodebookEncodeExactly() {
        // x_j = codebook[j % 16] / 4: the search's scale 4 / 1 (t = 0) gives every index exactly, and the least-squares
        // refit Σwqx / Σwq² is then exactly 0.25 (each term is a quarter of the other's), f16 0x3400.
        float[] values = new float[32];
        for (int j = 0; j < 32; j++) {
            values[j] = IQ4_NLCodec.CODEBOOK.get(j % 16) / 4f;
        }
        assertThat(hexOf(encode(values, null))).isEqualTo("00 34 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff");
        assertThat(decode(encode(values, null), 32)).isEqualTo(values);
    }

    @Test
    void aBlockOfZerosHasScaleZeroAndTheIndexOfValueOne() {
        // As ggml: d = 0, and every element takes the index nearest to 0 · x = 0, which is 8 (value 1).
        assertThat(hexOf(encode(new float[32], null))).isEqualTo("00 00" + " 88".repeat(16));
        assertThat(decode(encode(new float[32], null), 32)).containsOnly(0f);
    }

    @Test
    void nearestIndexTakesTheUpperValueAtAMidpoint() {
        assertThat(IQ4_NLCodec.nearestIndex(7f)).isEqualTo(9);          // midpoint of 1 and 13
        assertThat(IQ4_NLCodec.nearestIndex(Math.nextDown(7f))).isEqualTo(8);
        assertThat(IQ4_NLCodec.nearestIndex(-4.5f)).isEqualTo(8);       // midpoint of -10 and 1
        assertThat(IQ4_NLCodec.nearestIndex(-115.5f)).isEqualTo(1);     // midpoint of -127 and -104
        assertThat(IQ4_NLCodec.nearestIndex(-1000f)).isEqualTo(0);
        assertThat(IQ4_NLCodec.nearestIndex(1000f)).isEqualTo(15);
        assertThat(IQ4_NLCodec.nearestIndex(101f)).isEqualTo(15);       // midpoint of 89 and 113
        for (int i = 0; i < 16; i++) {
            assertThat(IQ4_NLCodec.nearestIndex(IQ4_NLCodec.CODEBOOK.get(i))).isEqualTo(i);
        }
    }

    @Test
    void gaussianWeightsLoseLessThanWithQ4_0() {
        Random random = new Random(42);
        float[] values = new float[256 * 32];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.02);
        }
        double iq4 = relativeRmsError(values, decode(encode(values, null), values.length));
        float[] q4 = new float[values.length];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(QuantFormat.Q4_0.bytesFor(values.length));
            QuantCodec q4_0 = QuantCodecs.of(QuantFormat.Q4_0);
            q4_0.quantize(values, 0, bytes, 0, values.length);
            q4_0.dequantize(bytes, 0, q4, 0, values.length);
        }
        double q4_0Error = relativeRmsError(values, q4);
        // Measured relative RMS error: IQ4_NL 0.0751, Q4_0 0.0850 (Q4_0 spends a step on its largest value; the
        // codebook is denser near zero and the search refits the scale to the whole block).
        assertThat(iq4).isLessThan(0.08).isLessThan(0.95 * q4_0Error);
    }

    @Test
    void importanceWeightsLowerTheErrorOfTheColumnsTheyFavour() {
        Random random = new Random(5);
        int columns = 256;
        float[] values = new float[64 * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        float[] importance = new float[columns];
        for (int c = 0; c < columns; c++) {
            importance[c] = c % 4 == 0 ? 50f : 1f;
        }
        float[] plain = new float[values.length];
        float[] weighted = new float[values.length];
        for (int row = 0; row < 64; row++) {
            float[] rowValues = Arrays.copyOfRange(values, row * columns, (row + 1) * columns);
            System.arraycopy(decode(encode(rowValues, null), columns), 0, plain, row * columns, columns);
            System.arraycopy(decode(encode(rowValues, importance), columns), 0, weighted, row * columns, columns);
        }
        assertThat(weightedSquaredError(values, weighted, importance, columns))
                .isLessThan(0.9 * weightedSquaredError(values, plain, importance, columns));
    }

    @Test
    void quantizingIsDeterministicAndNullImportanceIsThePlainCodec() {
        Random random = new Random(9);
        float[] values = new float[8 * 32];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        byte[] plain;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(QuantFormat.IQ4_NL.bytesFor(values.length));
            codec.quantize(values, 0, segment, 0, values.length);
            plain = segment.toArray(ValueLayout.JAVA_BYTE);
        }
        assertThat(encode(values, null)).isEqualTo(plain).isEqualTo(encode(values, null));
    }

    @Test
    void offsetsAddressElementsAndBytesAnywhere() {
        Random random = new Random(3);
        float[] values = new float[128];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        float[] importance = new float[values.length];
        Arrays.fill(importance, 2f);
        float[] shifted = new float[64 + values.length + 5];
        System.arraycopy(values, 0, shifted, 64, values.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(QuantFormat.IQ4_NL.bytesFor(values.length) + 16);
            codec.quantizeWeighted(shifted, 64, importance, 0, segment, 7, values.length);
            byte[] atZero = encode(values, importance);
            assertThat(segment.asSlice(7, atZero.length).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(atZero);
            float[] decoded = new float[values.length + 9];
            codec.dequantize(segment, 7, decoded, 9, values.length);
            assertThat(Arrays.copyOfRange(decoded, 9, decoded.length)).isEqualTo(decode(atZero, values.length));
        }
    }

    @Test
    void partialBlocksAndShortImportanceAreRejected() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(1024);
            assertThatThrownBy(() -> codec.quantize(new float[48], 0, segment, 0, 48))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("blocks of 32")
                    .hasMessageContaining("48");
            assertThatThrownBy(() -> codec.dequantize(segment, 0, new float[48], 0, 40))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("40");
            assertThatThrownBy(() -> codec.quantizeWeighted(new float[64], 0, new float[32], 0, segment, 0, 64))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    private static double relativeRmsError(float[] values, float[] decoded) {
        double error = 0;
        double signal = 0;
        for (int i = 0; i < values.length; i++) {
            error += Math.pow(decoded[i] - values[i], 2);
            signal += Math.pow(values[i], 2);
        }
        return Math.sqrt(error / signal);
    }

    private static double weightedSquaredError(float[] values, float[] decoded, float[] importance, int columns) {
        double error = 0;
        for (int i = 0; i < values.length; i++) {
            error += importance[i % columns] * Math.pow(decoded[i] - values[i], 2);
        }
        return error;
    }

    private byte[] encode(float[] values, float[] importance) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(QuantFormat.IQ4_NL.bytesFor(values.length));
            if (importance == null) {
                codec.quantize(values, 0, segment, 0, values.length);
            } else {
                codec.quantizeWeighted(values, 0, importance, 0, segment, 0, values.length);
            }
            return segment.toArray(ValueLayout.JAVA_BYTE);
        }
    }

    private float[] decode(byte[] bytes, int count) {
        float[] decoded = new float[count];
        codec.dequantize(MemorySegment.ofArray(bytes), 0, decoded, 0, count);
        return decoded;
    }

    private static byte[] hex(String text) {
        return HexFormat.ofDelimiter(" ").parseHex(text);
    }

    private static String hexOf(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
