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
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks the legacy reference codecs against llama.cpp itself: {@code tiny-<TYPE>.gguf} is {@code llama-quantize --pure}
 * of {@code tiny-f32.gguf}, so quantizing each F32 tensor must give llama.cpp's bytes exactly.
 */
class LegacyQuantMatchesLlamaCppTest {

    private static final ValueLayout.OfFloat LE_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @ParameterizedTest
    @EnumSource(names = {"Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1"})
    void quantizingTheF32ModelReproducesLlamaQuantizeByteForByte(QuantFormat format) throws IOException {
        try (GgufFile original = GgufFile.open(SharedData.require("models/quant-ref/tiny-f32.gguf"));
                GgufFile quantized = GgufFile.open(SharedData.require("models/quant-ref/tiny-" + format + ".gguf"));
                Arena arena = Arena.ofConfined()) {
            QuantCodec codec = QuantCodecs.of(format);
            int quantizedTensors = 0;
            for (GgufTensorInfo expected : quantized.tensors()) {
                GgufTensorInfo source = original.tensor(expected.name())
                        .orElseThrow(() -> new AssertionError(expected.name() + " is missing from tiny-f32.gguf"));
                assertThat(source.format()).as("%s in tiny-f32.gguf", source.name()).isEqualTo(QuantFormat.F32);
                assertThat(expected.dimensions()).as("%s dimensions", expected.name()).isEqualTo(source.dimensions());
                MemorySegment llamaBytes = quantized.tensorData(expected);
                if (expected.format() == QuantFormat.F32) {
                    // 1-D tensors (norms) stay F32 under --pure.
                    assertThat(expected.dimensions()).as("%s kept as F32", expected.name()).hasSize(1);
                    assertThat(llamaBytes.mismatch(original.tensorData(source))).as(expected.name()).isEqualTo(-1L);
                    continue;
                }
                assertThat(expected.format()).as("%s format", expected.name()).isEqualTo(format);
                float[] values = readFloats(original.tensorData(source), Math.toIntExact(source.elementCount()));

                MemorySegment ours = arena.allocate(expected.byteSize());
                codec.quantize(values, 0, ours, 0, values.length);
                long mismatch = ours.mismatch(llamaBytes);
                if (mismatch != -1) {
                    long block = mismatch / format.bytesPerBlock();
                    fail("%s %s: first byte difference at %d, block %d (elements %d..%d)%n ours:      %s%n llama.cpp: %s%n source:    %s"
                            .formatted(format, expected.name(), mismatch, block, block * format.blockSize(),
                                    (block + 1) * format.blockSize() - 1, blockHex(ours, block, format),
                                    blockHex(llamaBytes, block, format),
                                    Arrays.toString(Arrays.copyOfRange(values, (int) (block * format.blockSize()),
                                            (int) ((block + 1) * format.blockSize())))));
                }

                float[] fromLlama = new float[values.length];
                float[] fromOurs = new float[values.length];
                codec.dequantize(llamaBytes, 0, fromLlama, 0, values.length);
                codec.dequantize(ours, 0, fromOurs, 0, values.length);
                assertThat(Arrays.equals(fromLlama, fromOurs)).as("%s dequantized identically", expected.name()).isTrue();
                assertWithinBound(format, expected.name(), values, fromLlama);
                quantizedTensors++;
            }
            assertThat(quantizedTensors).as("quantized tensors checked in tiny-%s.gguf", format).isGreaterThan(0);
        }
    }

    private static float[] readFloats(MemorySegment data, int count) {
        float[] values = new float[count];
        MemorySegment.copy(data, LE_FLOAT, 0, values, 0, count);
        return values;
    }

    private static String blockHex(MemorySegment data, long block, QuantFormat format) {
        byte[] bytes = data.asSlice(block * format.bytesPerBlock(), format.bytesPerBlock())
                .toArray(ValueLayout.JAVA_BYTE);
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /**
     * Each element within half a quantization step of its source (a whole step where Q4_0/Q5_0 clamp the top quant),
     * plus the f16 rounding of the block's scale and minimum.
     */
    private static void assertWithinBound(QuantFormat format, String name, float[] source, float[] decoded) {
        int blockSize = format.blockSize();
        for (int start = 0; start < source.length; start += blockSize) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            float absoluteMax = 0;
            for (int j = start; j < start + blockSize; j++) {
                min = Math.min(min, source[j]);
                max = Math.max(max, source[j]);
                absoluteMax = Math.max(absoluteMax, Math.abs(source[j]));
            }
            double range = (double) max - min;
            double bound = switch (format) {
                case Q8_0 -> absoluteMax / 127.0 / 2 + absoluteMax / 1024.0;
                case Q4_0 -> absoluteMax / 8.0 + absoluteMax / 1024.0;
                case Q5_0 -> absoluteMax / 16.0 + absoluteMax / 1024.0;
                case Q4_1 -> range / 15.0 / 2 + (range + Math.abs(min)) / 1024.0;
                case Q5_1 -> range / 31.0 / 2 + (range + Math.abs(min)) / 1024.0;
                default -> throw new IllegalArgumentException(format.toString());
            };
            for (int j = start; j < start + blockSize; j++) {
                double error = Math.abs((double) decoded[j] - source[j]);
                if (error > bound) {
                    fail("%s %s element %d: source %s decoded %s, error %s over bound %s"
                            .formatted(format, name, j, source[j], decoded[j], error, bound));
                }
            }
        }
    }
}
