package dev.caracal.formats.quant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.testing.GgmlQuantizer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The importance-weighted quantizers against ggml's own {@code quantize_<type>} with {@code quant_weights}, called in
 * the llama.cpp library of the node-llama-cpp oracle ({@link GgmlQuantizer}): the same rows and importances must give
 * the same bytes. The rows mix Gaussian weights, outliers, a heavy tail and an all-zero row; the importances span six orders of
 * magnitude and include zeros, as an importance matrix of a real model does.
 */
class WeightedQuantMatchesLlamaCppTest {

    private static final int ROWS = 6;
    private static final int ROW_LENGTH = 512;

    @ParameterizedTest
    @EnumSource(names = {"Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0", "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "IQ4_NL"})
    void quantizesWithImportanceToGgmlsBytes(QuantFormat format) {
        Random random = new Random(format.ordinal() * 31L + 7);
        float[] values = rows(random);
        float[] importance = importance(random);
        QuantCodec codec = QuantCodecs.of(format);
        assertThat(codec.usesImportance()).isEqualTo(format != QuantFormat.Q8_0);

        byte[] expected = GgmlQuantizer.quantize(format, values, ROWS, ROW_LENGTH, importance);
        long rowBytes = format.bytesFor(ROW_LENGTH);
        MemorySegment actual = MemorySegment.ofArray(new byte[expected.length]);
        for (int row = 0; row < ROWS; row++) {
            codec.quantizeWeighted(values, row * ROW_LENGTH, importance, 0, actual, row * rowBytes, ROW_LENGTH);
        }
        assertSameBytes(format, expected, actual.toArray(ValueLayout.JAVA_BYTE));

        // The harness itself: without weights ggml runs its reference quantizer, which the codecs match.
        byte[] unweighted = GgmlQuantizer.quantize(format, values, ROWS, ROW_LENGTH, null);
        MemorySegment ours = MemorySegment.ofArray(new byte[unweighted.length]);
        codec.quantize(values, 0, ours, 0, values.length);
        assertSameBytes(format, unweighted, ours.toArray(ValueLayout.JAVA_BYTE));
        if (codec.usesImportance()) {
            assertThat(expected).as("importance changes %s's bytes", format).isNotEqualTo(unweighted);
        }
    }

    private static float[] rows(Random random) {
        float[] values = new float[ROWS * ROW_LENGTH];
        for (int row = 0; row < ROWS; row++) {
            for (int column = 0; column < ROW_LENGTH; column++) {
                int i = row * ROW_LENGTH + column;
                values[i] = switch (row) {
                    case 0, 1 -> (float) (0.02 * random.nextGaussian());
                    // A few outliers twenty deviations out.
                    case 2 -> (float) (0.02 * random.nextGaussian() * (random.nextInt(64) == 0 ? 20 : 1));
                    // Heavy tail: a Gaussian over a uniform.
                    case 3 -> (float) (0.01 * random.nextGaussian() / (0.05 + random.nextDouble()));
                    // Positive only, for the formats with a minimum.
                    case 4 -> (float) Math.abs(0.05 * random.nextGaussian()) + 0.01f;
                    default -> 0.0f;
                };
            }
        }
        return values;
    }

    private static float[] importance(Random random) {
        float[] importance = new float[ROW_LENGTH];
        for (int column = 0; column < ROW_LENGTH; column++) {
            importance[column] = random.nextInt(40) == 0 ? 0.0f : (float) Math.exp(2.5 * random.nextGaussian());
        }
        return importance;
    }

    private static void assertSameBytes(QuantFormat format, byte[] expected, byte[] actual) {
        int mismatch = Arrays.mismatch(expected, actual);
        if (mismatch >= 0) {
            int blockBytes = format.bytesPerBlock();
            int blocksPerRow = ROW_LENGTH / format.blockSize();
            int block = mismatch / blockBytes;
            throw new AssertionError(String.format(
                    "%s: row %d, block %d differs from ggml's at byte %d of the block (ggml wrote 0x%02x, we 0x%02x)",
                    format, block / blocksPerRow, block % blocksPerRow, mismatch % blockBytes,
                    expected[mismatch] & 0xFF, actual[mismatch] & 0xFF));
        }
    }
}
