package dev.caracal.api.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link QuantCodec#quantizeWeighted}: with a few columns far more important than the rest, the importance-weighted
 * squared error of the decoded rows must drop well below that of plain {@link QuantCodec#quantize} and of the same
 * search told that every column matters equally; the blocks stay the format's own (decoded by the same codec).
 * Bit-exactness against ggml is checked in platform-formats ({@code WeightedQuantMatchesLlamaCppTest}).
 */
class ImportanceWeightedQuantizationTest {

    private static final int ROWS = 32;
    private static final int ROW_LENGTH = 512;

    // The weighted error must fall below this fraction of the others. Measured ratios on this data, against plain
    // quantize: Q4_0 0.58, Q4_1 0.35, Q5_0 0.58, Q5_1 0.34, Q2_K 0.27, Q3_K 0.50, Q4_K 0.47, Q5_K 0.52, Q6_K 0.54;
    // against equal importance: 0.67, 0.45, 0.66, 0.44, 0.33, 0.55, 0.48, 0.56, 0.57.
    private static final double REQUIRED_RATIO = 0.8;

    @ParameterizedTest
    @EnumSource(names = {"Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K"})
    void importanceLowersTheImportanceWeightedError(QuantFormat format) {
        Random random = new Random(11);
        float[] values = new float[ROWS * ROW_LENGTH];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (0.02 * random.nextGaussian());
        }
        // One column in eight matters a hundred times more: skewed, as real activations are.
        float[] importance = new float[ROW_LENGTH];
        for (int column = 0; column < ROW_LENGTH; column++) {
            importance[column] = random.nextInt(8) == 0 ? 100.0f : 1.0f;
        }
        QuantCodec codec = QuantCodecs.of(format);
        assertThat(codec.usesImportance()).isTrue();
        long rowBytes = format.bytesFor(ROW_LENGTH);
        float[] equal = new float[ROW_LENGTH];
        Arrays.fill(equal, 1.0f);
        MemorySegment plain = MemorySegment.ofArray(new byte[(int) (rowBytes * ROWS)]);
        MemorySegment uniform = MemorySegment.ofArray(new byte[(int) (rowBytes * ROWS)]);
        MemorySegment weighted = MemorySegment.ofArray(new byte[(int) (rowBytes * ROWS)]);
        codec.quantize(values, 0, plain, 0, values.length);
        for (int row = 0; row < ROWS; row++) {
            codec.quantizeWeighted(values, row * ROW_LENGTH, equal, 0, uniform, row * rowBytes, ROW_LENGTH);
            codec.quantizeWeighted(values, row * ROW_LENGTH, importance, 0, weighted, row * rowBytes, ROW_LENGTH);
        }
        double weightedError = weightedError(codec, weighted, values, importance);
        assertThat(weightedError).as("%s: weighted error with importance vs plain quantize", format)
                .isLessThan(REQUIRED_RATIO * weightedError(codec, plain, values, importance));
        assertThat(weightedError).as("%s: weighted error with importance vs equal importance", format)
                .isLessThan(REQUIRED_RATIO * weightedError(codec, uniform, values, importance));
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16", "Q8_0"})
    void formatsThatIgnoreImportanceWriteWhatQuantizeWrites(QuantFormat format) {
        Random random = new Random(5);
        float[] values = new float[256];
        float[] importance = new float[256];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
            importance[i] = random.nextFloat() * 100;
        }
        QuantCodec codec = QuantCodecs.of(format);
        assertThat(codec.usesImportance()).isFalse();
        MemorySegment plain = MemorySegment.ofArray(new byte[(int) format.bytesFor(256)]);
        MemorySegment weighted = MemorySegment.ofArray(new byte[(int) format.bytesFor(256)]);
        codec.quantize(values, 0, plain, 0, 256);
        codec.quantizeWeighted(values, 0, importance, 0, weighted, 0, 256);
        assertThat(weighted.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(plain.toArray(ValueLayout.JAVA_BYTE));
    }

    @ParameterizedTest
    @EnumSource(names = {"Q4_0", "Q5_1", "Q3_K", "Q6_K"})
    void theImportanceOffsetSelectsOneMatrixOfSeveral(QuantFormat format) {
        Random random = new Random(8);
        float[] values = new float[ROW_LENGTH];
        float[] experts = new float[3 * ROW_LENGTH];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < experts.length; i++) {
            experts[i] = (float) Math.exp(2 * random.nextGaussian());
        }
        QuantCodec codec = QuantCodecs.of(format);
        MemorySegment sliced = MemorySegment.ofArray(new byte[(int) format.bytesFor(ROW_LENGTH)]);
        MemorySegment offset = MemorySegment.ofArray(new byte[(int) format.bytesFor(ROW_LENGTH)]);
        MemorySegment first = MemorySegment.ofArray(new byte[(int) format.bytesFor(ROW_LENGTH)]);
        codec.quantizeWeighted(values, 0, Arrays.copyOfRange(experts, ROW_LENGTH, 2 * ROW_LENGTH), 0, sliced, 0,
                ROW_LENGTH);
        codec.quantizeWeighted(values, 0, experts, ROW_LENGTH, offset, 0, ROW_LENGTH);
        codec.quantizeWeighted(values, 0, experts, 0, first, 0, ROW_LENGTH);
        assertThat(offset.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(sliced.toArray(ValueLayout.JAVA_BYTE))
                .isNotEqualTo(first.toArray(ValueLayout.JAVA_BYTE));
    }

    @Test
    void tooFewImportancesAreRejected() {
        float[] values = new float[64];
        MemorySegment destination = MemorySegment.ofArray(new byte[(int) QuantFormat.Q4_0.bytesFor(64)]);
        assertThatThrownBy(() -> QuantCodecs.of(QuantFormat.Q4_0)
                .quantizeWeighted(values, 0, new float[32], 0, destination, 0, 64))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> QuantCodecs.of(QuantFormat.Q4_K)
                .quantizeWeighted(new float[256], 0, new float[300], 100, destination, 0, 256))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Σ importance[column] · (x − decoded)² over all rows. */
    private static double weightedError(QuantCodec codec, MemorySegment blocks, float[] values, float[] importance) {
        float[] decoded = new float[values.length];
        codec.dequantize(blocks, 0, decoded, 0, values.length);
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            double difference = values[i] - decoded[i];
            sum += importance[i % ROW_LENGTH] * difference * difference;
        }
        return sum;
    }
}
