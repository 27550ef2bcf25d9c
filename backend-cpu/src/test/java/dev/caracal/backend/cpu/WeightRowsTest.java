package dev.caracal.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The vector decoders of {@link WeightRows} give the reference codecs' bits, warm (C2-compiled) as well as cold. */
class WeightRowsTest {

    private static final int ELEMENTS = 1024;

    @ParameterizedTest
    @EnumSource(QuantFormat.class)
    void dequantizesAsTheReferenceCodecBitForBit(QuantFormat format) {
        Random random = new Random(format.ordinal());
        float[] values = new float[ELEMENTS];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * (i < ELEMENTS / 2 ? 0.05 : 3));
        }
        QuantCodec codec = QuantCodecs.of(format);
        MemorySegment bytes = Arena.ofAuto().allocate(format.bytesFor(ELEMENTS) + 1, 64).asSlice(1);
        codec.quantize(values, 0, bytes, 0, ELEMENTS);
        assertDecodesAsTheCodec(format, codec, bytes);
    }

    /** Every index in every nibble position, under scales from subnormal to the largest f16. */
    @ParameterizedTest
    @EnumSource(names = {"Q4_0", "IQ4_NL"})
    void everyNibbleDecodesAsTheReferenceCodec(QuantFormat format) {
        Random random = new Random(7);
        byte[] blocks = new byte[Math.toIntExact(format.bytesFor(ELEMENTS))];
        random.nextBytes(blocks);
        MemorySegment bytes = MemorySegment.ofArray(blocks);
        short[] scales = {0x0001, 0x3800, (short) 0xC000, 0x7BFF, (short) 0x8400};
        for (int block = 0; block < ELEMENTS / 32; block++) {
            bytes.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 18L * block,
                    scales[block % scales.length]);
        }
        assertDecodesAsTheCodec(format, QuantCodecs.of(format), bytes);
    }

    private static void assertDecodesAsTheCodec(QuantFormat format, QuantCodec codec, MemorySegment bytes) {
        float[] expected = new float[ELEMENTS];
        codec.dequantize(bytes, 0, expected, 0, ELEMENTS);
        float[] actual = new float[ELEMENTS];
        for (int round = 0; round < 2000; round++) { // until C2 has compiled the decoder
            WeightRows.dequantize(format, codec, bytes, 0, actual, 0, ELEMENTS);
            if (round == 0 || round == 1999) {
                for (int i = 0; i < ELEMENTS; i++) {
                    assertThat(Float.floatToRawIntBits(actual[i])).as("%s element %d, round %d: %s, codec %s",
                            format, i, round, actual[i], expected[i]).isEqualTo(Float.floatToRawIntBits(expected[i]));
                }
            }
        }
    }
}
