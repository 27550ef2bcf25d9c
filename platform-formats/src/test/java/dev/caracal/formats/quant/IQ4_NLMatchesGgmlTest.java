package dev.caracal.formats.quant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.quant.IQ4_NLCodec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.testing.GgmlQuantizer;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IQ4_NL codec against ggml itself, called in the oracle's {@code libggml-base}: {@code ggml_quantize_chunk} (what
 * llama-quantize calls: {@code quantize_iq4_nl}, with and without an importance matrix) must write the codec's bytes,
 * and {@code dequantize_row_iq4_nl} must read any bytes to the codec's floats. No llama.cpp IQ4_NL file is in
 * {@code quant-ref/}, so this is the byte-exact check.
 */
class IQ4_NLMatchesGgmlTest {

    private static final int COLUMNS = 512;
    private static final int ROWS = 48;

    private static Arena arena;
    private static MethodHandle quantizeChunk;
    private static MethodHandle dequantizeRow;

    @BeforeAll
    static void loadGgml() {
        arena = Arena.ofShared();
        SymbolLookup ggml = GgmlQuantizer.library();
        Linker linker = Linker.nativeLinker();
        // size_t ggml_quantize_chunk(enum ggml_type, const float * src, void * dst, int64_t start, int64_t nrows,
        //                            int64_t n_per_row, const float * imatrix)
        quantizeChunk = linker.downcallHandle(ggml.find("ggml_quantize_chunk").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                        ValueLayout.ADDRESS));
        // void dequantize_row_iq4_nl(const block_iq4_nl * x, float * y, int64_t k)
        dequantizeRow = linker.downcallHandle(ggml.find("dequantize_row_iq4_nl").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    }

    @AfterAll
    static void close() {
        if (arena != null) {
            arena.close();
        }
    }

    @Test
    void quantizesAsGgmlWithoutImportance() throws Throwable {
        assertQuantizesAsGgml(values(new Random(1)), null);
    }

    @Test
    void quantizesAsGgmlWithImportance() throws Throwable {
        Random random = new Random(2);
        float[] importance = new float[COLUMNS];
        for (int c = 0; c < COLUMNS; c++) {
            importance[c] = c % 7 == 0 ? 0 : (float) Math.abs(random.nextGaussian() * 3) + 1e-3f;
        }
        assertQuantizesAsGgml(values(random), importance);
    }

    @Test
    void dequantizesAsGgml() throws Throwable {
        Random random = new Random(3);
        byte[] blocks = new byte[Math.toIntExact(QuantFormat.IQ4_NL.bytesFor((long) ROWS * COLUMNS))];
        random.nextBytes(blocks);
        for (int block = 0; block < blocks.length / 18; block++) { // finite scales from subnormal to 65504
            blocks[18 * block + 1] &= (byte) 0xFB;
        }
        int count = ROWS * COLUMNS;
        MemorySegment bytes = arena.allocateFrom(ValueLayout.JAVA_BYTE, blocks);
        MemorySegment ggmlFloats = arena.allocate(ValueLayout.JAVA_FLOAT, count);
        dequantizeRow.invokeExact(bytes, ggmlFloats, (long) count);
        float[] ours = new float[count];
        new IQ4_NLCodec().dequantize(bytes, 0, ours, 0, count);
        assertThat(ours).isEqualTo(ggmlFloats.toArray(ValueLayout.JAVA_FLOAT));
    }

    /** Gaussian rows at scales from 1e-3 to 300, with outliers, zeros, an all-zero block and one of 1e-20s. */
    private static float[] values(Random random) {
        float[] values = new float[ROWS * COLUMNS];
        double[] scales = {1e-3, 0.02, 1, 300};
        for (int i = 0; i < values.length; i++) {
            double scale = scales[(i / COLUMNS) % scales.length] * (random.nextInt(25) == 0 ? 10 : 1);
            values[i] = i % 101 == 0 ? 0 : (float) (random.nextGaussian() * scale);
        }
        Arrays.fill(values, 64, 96, 0f);
        Arrays.fill(values, 128, 160, 1e-20f);
        return values;
    }

    private static void assertQuantizesAsGgml(float[] values, float[] importance) throws Throwable {
        long bytes = QuantFormat.IQ4_NL.bytesFor((long) ROWS * COLUMNS);
        MemorySegment ggml = arena.allocate(bytes);
        MemorySegment imatrix = importance == null ? MemorySegment.NULL
                : arena.allocateFrom(ValueLayout.JAVA_FLOAT, importance);
        long written = (long) quantizeChunk.invokeExact(QuantFormat.IQ4_NL.ggmlTypeId(),
                arena.allocateFrom(ValueLayout.JAVA_FLOAT, values), ggml, 0L, (long) ROWS, (long) COLUMNS, imatrix);
        assertThat(written).isEqualTo(bytes);

        MemorySegment ours = arena.allocate(bytes);
        long rowBytes = QuantFormat.IQ4_NL.bytesFor(COLUMNS);
        IQ4_NLCodec codec = new IQ4_NLCodec();
        for (int row = 0; row < ROWS; row++) {
            if (importance == null) {
                codec.quantize(values, row * COLUMNS, ours, row * rowBytes, COLUMNS);
            } else {
                codec.quantizeWeighted(values, row * COLUMNS, importance, 0, ours, row * rowBytes, COLUMNS);
            }
        }
        long mismatch = ours.mismatch(ggml);
        assertThat(mismatch).as("first byte that differs (block %d)", mismatch / 18).isEqualTo(-1L);
    }
}
