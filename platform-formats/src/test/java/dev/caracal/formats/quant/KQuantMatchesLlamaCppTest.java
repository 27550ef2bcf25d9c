package dev.caracal.formats.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The K-quant codecs against llama.cpp's own output: every tensor of {@code tiny-<TYPE>.gguf} ({@code llama-quantize
 * --pure} of {@code tiny-f32.gguf}, no importance matrix) must be exactly what the codec writes for the F32 tensor of
 * the same name, and decoding llama.cpp's bytes must give what decoding ours gives, close to the F32 source.
 */
class KQuantMatchesLlamaCppTest {

    private static final ValueLayout.OfFloat LE_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    // maxError: the largest decoding error allowed, as a fraction of the largest magnitude in the element's 256-element
    // super-block (llama.cpp's bytes reach about 0.38, 0.22, 0.088, 0.048 and 0.016 on these N(0, 0.02) weights).
    // output.weight has 259 all-zero rows, which must decode to exact zeros.
    @ParameterizedTest(name = "{0}")
    @CsvSource({"Q2_K, 0.5", "Q3_K, 0.3", "Q4_K, 0.12", "Q5_K, 0.07", "Q6_K, 0.025"})
    void quantizesEveryTensorToLlamaCppsBytes(QuantFormat format, double maxError) throws IOException {
        Path sourcePath = SharedData.require("models/quant-ref/tiny-f32.gguf");
        Path referencePath = SharedData.require("models/quant-ref/tiny-" + format.name() + ".gguf");
        QuantCodec codec = QuantCodecs.of(format);
        assertThat(codec.canQuantize()).isTrue();
        int checked = 0;
        try (GgufFile source = GgufFile.open(sourcePath);
                GgufFile reference = GgufFile.open(referencePath);
                Arena arena = Arena.ofConfined()) {
            for (GgufTensorInfo tensor : reference.tensors()) {
                if (tensor.format() != format) {
                    assertThat(tensor.format()).as("%s of %s", tensor.name(), referencePath).isEqualTo(QuantFormat.F32);
                    assertThat(tensor.dimensions()).as("%s of %s", tensor.name(), referencePath).hasSize(1);
                    continue;
                }
                GgufTensorInfo original = source.tensor(tensor.name()).orElseThrow();
                assertThat(original.format()).isEqualTo(QuantFormat.F32);
                assertThat(original.dimensions()).isEqualTo(tensor.dimensions());
                int count = Math.toIntExact(tensor.elementCount());
                float[] values = source.tensorData(original).toArray(LE_FLOAT);

                MemorySegment expected = reference.tensorData(tensor);
                MemorySegment actual = arena.allocate(expected.byteSize());
                codec.quantize(values, 0, actual, 0, count);
                assertSameBytes(format, tensor.name(), expected, actual);

                float[] decodedReference = new float[count];
                float[] decodedOurs = new float[count];
                codec.dequantize(expected, 0, decodedReference, 0, count);
                codec.dequantize(actual, 0, decodedOurs, 0, count);
                int differs = Arrays.mismatch(decodedReference, decodedOurs);
                assertThat(differs).as("first element of %s where decoding llama.cpp's bytes and ours differ",
                        tensor.name()).isEqualTo(-1);
                assertCloseToSource(tensor.name(), values, decodedReference, maxError);
                checked++;
            }
        }
        assertThat(checked).as("%s tensors in %s (all but the five norms)", format, referencePath).isEqualTo(16);
    }

    private static void assertSameBytes(QuantFormat format, String name, MemorySegment expected, MemorySegment actual) {
        long mismatch = expected.mismatch(actual);
        if (mismatch < 0) {
            return;
        }
        int blockBytes = format.bytesPerBlock();
        long blocks = expected.byteSize() / blockBytes;
        long wrongBlocks = 0;
        for (long block = 0; block < blocks; block++) {
            MemorySegment left = expected.asSlice(block * blockBytes, blockBytes);
            MemorySegment right = actual.asSlice(block * blockBytes, blockBytes);
            if (left.mismatch(right) >= 0) {
                wrongBlocks++;
            }
        }
        long block = mismatch / blockBytes;
        fail("%s tensor %s: %d of %d blocks differ from llama.cpp's; the first is block %d, at byte %d of it "
                        + "(llama.cpp wrote 0x%02x, we wrote 0x%02x)",
                format, name, wrongBlocks, blocks, block, mismatch % blockBytes,
                expected.get(ValueLayout.JAVA_BYTE, mismatch) & 0xFF,
                actual.get(ValueLayout.JAVA_BYTE, mismatch) & 0xFF);
    }

    private static void assertCloseToSource(String name, float[] values, float[] decoded, double maxError) {
        for (int start = 0; start < values.length; start += 256) {
            float amax = 0;
            for (int i = start; i < start + 256; i++) {
                amax = Math.max(amax, Math.abs(values[i]));
            }
            for (int i = start; i < start + 256; i++) {
                double error = Math.abs(values[i] - decoded[i]);
                if (error > maxError * amax) {
                    fail("%s element %d decodes to %s, %s from the source %s (block max %s)", name, i, decoded[i],
                            error, values[i], amax);
                }
            }
        }
    }
}
