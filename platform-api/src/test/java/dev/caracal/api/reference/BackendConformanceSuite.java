package dev.caracal.api.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.kernel.RopeSpec;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite every backend runs (ggml's test-backend-ops): each kernel of the backend under test against
 * the scalar {@link ReferenceBackend} on seeded random data, for every {@link QuantFormat}, with error bounds stated
 * and justified next to each check.
 *
 * <p>A backend's test extends this class and implements {@link #openBackend()}. All bounds are in units of
 * {@link #UNIT_ROUNDOFF} (float's unit roundoff u = 2⁻²⁴) times a magnitude the result cannot beat (for a dot product
 * Σ|w·x|, not the result itself, which may cancel to zero); the reference computes in double, so its own error is
 * below u·|result|. A bound loose by a constant factor still catches real bugs: one wrong element of a dot product of
 * {@code C} columns moves the result by about {@code 1/C} of Σ|w·x|, far above {@code C·u} of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceSuite {

    /** Float's unit roundoff, 2⁻²⁴: the relative error of one correctly rounded float operation. */
    protected static final double UNIT_ROUNDOFF = 0x1p-24;

    private static final int MATMUL_ROWS = 67;

    private Backend backend;
    private ReferenceBackend reference;
    private Arena arena;

    /** Opens the backend under test; the suite closes it after the last test. */
    protected abstract Backend openBackend();

    /**
     * Extra error a backend adds to {@code Σ_c w[c]·x[c]} beyond float accumulation, for instance by quantizing the
     * activations to Q8 blocks as ggml's CPU backend does (then return {@link #quantizedActivationBound}); 0 for
     * backends that multiply with the float activations.
     *
     * @param w the dequantized weight row, {@code [columns]}
     * @param x the activation row, {@code x[xOffset .. xOffset + columns)}
     */
    protected double activationQuantizationBound(QuantFormat weightFormat, float[] w, float[] x, int xOffset,
            int columns) {
        return 0;
    }

    /**
     * The bound for activations quantized to 8-bit blocks of {@code blockSize} with scale {@code d = amax / 127}
     * rounded to f16: each activation moves by at most {@code d/2} (rounding to a level) plus {@code 127·d·2⁻¹¹} (the
     * f16 scale), that is {@code amax·(1/254 + 2⁻¹¹)}, so the dot product moves by at most
     * {@code Σ_c |w[c]|·amax(block of c)·(1/254 + 2⁻¹¹)}.
     */
    protected static double quantizedActivationBound(int blockSize, float[] w, float[] x, int xOffset, int columns) {
        double bound = 0;
        for (int start = 0; start < columns; start += blockSize) {
            int end = Math.min(columns, start + blockSize);
            double amax = 0;
            double weightSum = 0;
            for (int c = start; c < end; c++) {
                amax = Math.max(amax, Math.abs(x[xOffset + c]));
                weightSum += Math.abs(w[c]);
            }
            bound += weightSum * amax * (1.0 / 254 + 0x1p-11);
        }
        return bound;
    }

    @BeforeAll
    final void openBackends() {
        arena = Arena.ofShared();
        reference = new ReferenceBackend();
        backend = openBackend();
    }

    @AfterAll
    final void closeBackends() {
        if (backend != null) {
            backend.close();
        }
        reference.close();
        arena.close();
    }

    /** The backend under test, open for the whole suite. */
    protected final Backend backend() {
        return backend;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Basics

    @Test
    void describesItself() {
        assertThat(backend.name()).isNotBlank();
        assertThat(backend.devices()).isNotEmpty();
        assertThat(backend.supports(QuantFormat.F32)).as("every backend takes F32 weights").isTrue();
    }

    @Test
    void allocatesZeroedTensorsOfTheAskedShape() {
        Tensor tensor = backend.allocate(3, 37);
        assertThat(tensor.rows()).isEqualTo(3);
        assertThat(tensor.columns()).isEqualTo(37);
        assertThat(read(tensor)).containsOnly(0f);
        float[] row = random(new Random(1), 37, 1);
        tensor.write(1, row, 0);
        float[] back = new float[37];
        tensor.slice(1, 2).read(0, back, 0);
        assertThat(back).containsExactly(row);
    }

    @Test
    void readsRowsTogetherAsItReadsThemOneByOne() {
        Tensor tensor = backend.allocate(6, 37);
        Random random = new Random(2);
        float[][] rows = new float[6][];
        for (int r = 0; r < 6; r++) {
            rows[r] = random(random, 37, 1);
            tensor.write(r, rows[r], 0);
        }
        float[][] back = new float[4][37];
        tensor.slice(1, 5).readRows(1, 3, back);
        for (int i = 0; i < 3; i++) {
            assertThat(back[i]).as("row " + (2 + i)).containsExactly(rows[2 + i]);
        }
        assertThat(back[3]).as("untouched past count").containsOnly(0f);
        // after a kernel writes the tensor, the rows read are the kernel's
        Tensor sum = backend.allocate(6, 37);
        for (int r = 0; r < 6; r++) {
            sum.write(r, rows[r], 0);
        }
        sum.readRows(0, 6, new float[6][37]);
        backend.kernels().add(sum, tensor);
        float[][] doubled = new float[6][37];
        sum.readRows(0, 6, doubled);
        for (int r = 0; r < 6; r++) {
            float[] expected = new float[37];
            for (int c = 0; c < 37; c++) {
                expected[c] = rows[r][c] + rows[r][c];
            }
            assertThat(doubled[r]).as("row " + r + " of the sum").containsExactly(expected);
        }
        assertThatThrownBy(() -> tensor.readRows(4, 3, new float[3][37]))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // matmul

    /** Column counts that are whole blocks of {@code format}, odd where the format allows. */
    static int[] columnCounts(QuantFormat format) {
        return switch (format.blockSize()) {
            case 1 -> new int[] {37, 263};
            case 32 -> new int[] {32, 160, 416};
            default -> new int[] {256, 768};
        };
    }

    static Stream<Arguments> matmulCases() {
        List<Arguments> cases = new ArrayList<>();
        for (QuantFormat format : QuantFormat.values()) {
            for (int columns : columnCounts(format)) {
                for (int batch : new int[] {1, 3, 17}) {
                    cases.add(Arguments.of(format, columns, batch));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} [{1} columns], batch {2}")
    @MethodSource("matmulCases")
    void matmulMatchesReference(QuantFormat format, int columns, int batch) {
        checkMatmul(format, MATMUL_ROWS, columns, batch, 1000L * format.ordinal() + 10L * columns + batch);
    }

    /**
     * A layer-sized matmul: 256 rows (whole strips of 64 for backends that repack), 4352 columns (17 K-quant blocks,
     * 136 blocks of 32: a backend that decodes in chunks of 64 blocks ends on a chunk of eight), batches of 1, 5 and
     * 13 (two groups of six and one left over).
     */
    @ParameterizedTest(name = "{0} [256 x 4352], batch {1}")
    @MethodSource("largeMatmulCases")
    void largeMatmulMatchesReference(QuantFormat format, int batch) {
        checkMatmul(format, 256, 4352, batch, 77L * format.ordinal() + batch);
    }

    static Stream<Arguments> largeMatmulCases() {
        List<Arguments> cases = new ArrayList<>();
        for (QuantFormat format : List.of(QuantFormat.F32, QuantFormat.F16, QuantFormat.BF16, QuantFormat.Q8_0,
                QuantFormat.Q4_0, QuantFormat.Q5_0, QuantFormat.IQ4_NL, QuantFormat.Q4_K, QuantFormat.Q5_K,
                QuantFormat.Q6_K)) {
            for (int batch : new int[] {1, 5, 13}) {
                cases.add(Arguments.of(format, batch));
            }
        }
        return cases.stream();
    }

    private void checkMatmul(QuantFormat format, int rows, int columns, int batch, long seed) {
        assumeTrue(backend.supports(format), backend.name() + " does not take " + format + " weights");
        Random random = new Random(seed);
        float[] weights = random(random, rows * columns, 0.05);
        Weights weight = weights("w", format, rows, columns, weights);
        float[] activations = random(random, batch * columns, 1);
        Tensor input = tensor(backend, batch, columns, activations);
        Tensor output = backend.allocate(batch, rows);
        backend.kernels().matmul(weight.tested(), input, output);
        float[] actual = read(output);

        Tensor expectedOutput = reference.allocate(batch, rows);
        reference.kernels().matmul(weight.expected(), tensor(reference, batch, columns, activations), expectedOutput);
        float[] expected = read(expectedOutput);

        float[] row = new float[columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(weight.dequantized(), r * columns, row, 0, columns);
            for (int b = 0; b < batch; b++) {
                // Bound: a float dot product of C terms, however it is split into lanes, threads and blocks, is
                // within γ ≈ (C + a few)·u of Σ|terms| (Higham, recursive summation; a tree sum does better). Quant
                // formats multiply a block's partial sum by its scale and subtract scale·min·Σx (Q4_1, Q5_1, K-quants):
                // those partial terms are at most twice the block's largest weight times |x|, hence the
                // 2·max|w|(block)·|x| magnitude and the factor 2 of slack on top.
                double magnitude = 0;
                int blockSize = Math.max(format.blockSize(), 1);
                for (int start = 0; start < columns; start += blockSize) {
                    double blockMax = 0;
                    for (int c = start; c < start + blockSize; c++) {
                        blockMax = Math.max(blockMax, Math.abs(row[c]));
                    }
                    for (int c = start; c < start + blockSize; c++) {
                        magnitude += 2 * blockMax * Math.abs(activations[b * columns + c]);
                    }
                }
                double bound = 2 * (columns + 16) * UNIT_ROUNDOFF * magnitude
                        + activationQuantizationBound(format, row, activations, b * columns, columns);
                double error = Math.abs((double) actual[b * rows + r] - expected[b * rows + r]);
                if (!(error <= bound)) {
                    throw new AssertionError(String.format(
                            "matmul %s [%d x %d] batch %d: output[%d][%d] = %s, reference %s, |error| %.3g > bound %.3g",
                            format, rows, columns, batch, b, r, actual[b * rows + r], expected[b * rows + r], error,
                            bound));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Norms

    static Stream<Arguments> normCases() {
        List<Arguments> cases = new ArrayList<>();
        for (QuantFormat format : List.of(QuantFormat.F32, QuantFormat.F16)) {
            for (int columns : new int[] {37, 256, 2048}) {
                for (int batch : new int[] {1, 3, 17}) {
                    cases.add(Arguments.of(format, columns, batch));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} weight, {1} columns, batch {2}")
    @MethodSource("normCases")
    void rmsNormMatchesReference(QuantFormat format, int columns, int batch) {
        Random random = new Random(31L * columns + batch + format.ordinal());
        float[] values = random(random, batch * columns, 3);
        Weights weight = weights("norm", format, 1, columns, random(random, columns, 1));
        float epsilon = 1e-5f;
        for (boolean inPlace : new boolean[] {false, true}) {
            Tensor input = tensor(backend, batch, columns, values);
            Tensor output = inPlace ? input : backend.allocate(batch, columns);
            backend.kernels().rmsNorm(input, weight.tested(), epsilon, output);
            Tensor expected = tensor(reference, batch, columns, values);
            reference.kernels().rmsNorm(expected, weight.expected(), epsilon, expected);
            // Bound: the float sum of squares is within C·u relative, the square root halves that, and the two
            // products add 2u: (C/2 + 3)·u of each output; (C + 16)·u leaves slack.
            assertClose("rmsNorm " + (inPlace ? "in place" : ""), read(output), read(expected),
                    (columns + 16) * UNIT_ROUNDOFF, 0);
        }
    }

    @ParameterizedTest(name = "head size {0}")
    @EnumSource(names = {"F32", "F16"})
    void headRmsNormMatchesReference(QuantFormat format) {
        for (int headSize : new int[] {64, 128}) {
            int heads = 5;
            int batch = 3;
            Random random = new Random(headSize + format.ordinal());
            float[] values = random(random, batch * heads * headSize, 2);
            Weights weight = weights("head-norm", format, 1, headSize, random(random, headSize, 1));
            Tensor actual = tensor(backend, batch, heads * headSize, values);
            backend.kernels().headRmsNorm(actual, weight.tested(), headSize, 1e-6f);
            Tensor expected = tensor(reference, batch, heads * headSize, values);
            reference.kernels().headRmsNorm(expected, weight.expected(), headSize, 1e-6f);
            // Bound: as rmsNorm, with the head as the row.
            assertClose("headRmsNorm " + headSize, read(actual), read(expected), (headSize + 16) * UNIT_ROUNDOFF,
                    0);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // RoPE

    static Stream<Arguments> ropeCases() {
        Random random = new Random(5);
        float[] factors = new float[32];
        for (int i = 0; i < factors.length; i++) {
            factors[i] = 1 + 7 * random.nextFloat();
        }
        RopeSpec.Llama3Scaling llama3 = new RopeSpec.Llama3Scaling(8, 1, 4, 8192);
        List<Arguments> cases = new ArrayList<>();
        for (int batch : new int[] {1, 3, 17}) {
            cases.add(Arguments.of("normal", new RopeSpec(64, 64, 10000, false, null), batch));
            cases.add(Arguments.of("neox", new RopeSpec(64, 64, 1_000_000, true, null), batch));
            cases.add(Arguments.of("normal partial", new RopeSpec(64, 32, 10000, false, null), batch));
            cases.add(Arguments.of("neox partial", new RopeSpec(128, 64, 10000, true, null), batch));
            cases.add(Arguments.of("llama3 scaling", new RopeSpec(64, 64, 500000, false, llama3), batch));
            cases.add(Arguments.of("frequency factors", new RopeSpec(64, 64, 500000, false, null, factors), batch));
            cases.add(Arguments.of("neox frequency factors", new RopeSpec(64, 64, 500000, true, llama3, factors),
                    batch));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, batch {2}")
    @MethodSource("ropeCases")
    void ropeMatchesReference(String label, RopeSpec rope, int batch) {
        int heads = 3;
        int columns = heads * rope.headSize();
        Random random = new Random(label.hashCode() * 31L + batch);
        float[] values = random(random, batch * columns, 1);
        int[] positions = new int[batch];
        for (int b = 0; b < batch; b++) {
            positions[b] = b == 0 ? 0 : b == 1 ? 32767 : random.nextInt(4096);
        }
        Tensor actual = tensor(backend, batch, columns, values);
        backend.kernels().rope(actual, positions, rope);
        Tensor expectedTensor = tensor(reference, batch, columns, values);
        reference.kernels().rope(expectedTensor, positions, rope);
        float[] result = read(actual);
        float[] expected = read(expectedTensor);
        int pairs = rope.dimensionCount() / 2;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int at = b * columns + h * rope.headSize();
                for (int i = 0; i < pairs; i++) {
                    int first = rope.neox() ? at + i : at + 2 * i;
                    int second = rope.neox() ? at + i + pairs : at + 2 * i + 1;
                    double angle = (double) positions[b] * rope.frequency(i);
                    // Bound: a backend may form the angle position·frequency in float (error u·angle) and take sin
                    // and cos of it to within a few ulps; each output is x0·cos ∓ x1·sin, so it moves by at most
                    // (angle error + 4u)·(|x0| + |x1|). 4u·angle + 16u leaves slack.
                    double bound = (4 * angle + 16) * UNIT_ROUNDOFF
                            * (Math.abs(values[first]) + Math.abs(values[second]));
                    for (int index : new int[] {first, second}) {
                        double error = Math.abs((double) result[index] - expected[index]);
                        if (!(error <= bound)) {
                            throw new AssertionError(String.format("rope %s: row %d (position %d) head %d pair %d: %s,"
                                    + " reference %s, |error| %.3g > %.3g", label, b, positions[b], h, i,
                                    result[index], expected[index], error, bound));
                        }
                    }
                }
                for (int d = rope.dimensionCount(); d < rope.headSize(); d++) {
                    assertThat(result[at + d]).as("unrotated dimension %d", d).isEqualTo(values[at + d]);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Element-wise

    @ParameterizedTest(name = "batch {0}")
    @MethodSource("batches")
    void swigluMatchesReference(int batch) {
        for (int columns : new int[] {37, 1024}) {
            Random random = new Random(batch * 7L + columns);
            float[] gate = random(random, batch * columns, 4);
            float[] up = random(random, batch * columns, 2);
            for (boolean inPlace : new boolean[] {false, true}) {
                Tensor gateTensor = tensor(backend, batch, columns, gate);
                Tensor output = inPlace ? gateTensor : backend.allocate(batch, columns);
                backend.kernels().swiglu(gateTensor, tensor(backend, batch, columns, up), output);
                Tensor expected = reference.allocate(batch, columns);
                reference.kernels().swiglu(tensor(reference, batch, columns, gate),
                        tensor(reference, batch, columns, up), expected);
                // Bound: silu(g)·u = g·u / (1 + e^-g) has no cancellation; exp within a few ulps (the Vector API's
                // and CUDA's fast exp), one add, one divide and one multiply: 16u of the result.
                assertClose("swiglu", read(output), read(expected), 16 * UNIT_ROUNDOFF, 1e-37);
            }
        }
    }

    static Stream<Arguments> batches() {
        return Stream.of(Arguments.of(1), Arguments.of(3), Arguments.of(17));
    }

    @ParameterizedTest(name = "batch {0}")
    @MethodSource("batches")
    void addIsExact(int batch) {
        Random random = new Random(batch);
        float[] a = random(random, batch * 263, 1);
        float[] b = random(random, batch * 263, 1);
        Tensor actual = tensor(backend, batch, 263, a);
        backend.kernels().add(actual, tensor(backend, batch, 263, b));
        Tensor expected = tensor(reference, batch, 263, a);
        reference.kernels().add(expected, tensor(reference, batch, 263, b));
        // One float addition per element: every backend gets the same correctly rounded sum.
        assertThat(read(actual)).containsExactly(read(expected));
    }

    @ParameterizedTest(name = "{0} bias")
    @EnumSource(names = {"F32", "F16", "BF16"})
    void addBiasIsExact(QuantFormat format) {
        for (int batch : new int[] {1, 3, 17}) {
            Random random = new Random(batch + 10L * format.ordinal());
            float[] values = random(random, batch * 263, 1);
            Weights bias = weights("bias", format, 1, 263, random(random, 263, 1));
            Tensor actual = tensor(backend, batch, 263, values);
            backend.kernels().addBias(actual, bias.tested());
            Tensor expected = tensor(reference, batch, 263, values);
            reference.kernels().addBias(expected, bias.expected());
            // The float bias is decoded exactly and added once: exact.
            assertThat(read(actual)).containsExactly(read(expected));
        }
    }

    @ParameterizedTest(name = "batch {0}")
    @MethodSource("batches")
    void softmaxMatchesReference(int batch) {
        for (int columns : new int[] {1, 37, 32000}) {
            Random random = new Random(batch * 11L + columns);
            float[] values = random(random, batch * columns, 5);
            if (columns > 1) {
                values[columns / 2] = Float.NEGATIVE_INFINITY; // a masked logit
            }
            Tensor actual = tensor(backend, batch, columns, values);
            backend.kernels().softmax(actual);
            Tensor expectedTensor = tensor(reference, batch, columns, values);
            reference.kernels().softmax(expectedTensor);
            float[] result = read(actual);
            float[] expected = read(expectedTensor);
            for (int b = 0; b < batch; b++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < columns; c++) {
                    max = Math.max(max, values[b * columns + c]);
                }
                for (int c = 0; c < columns; c++) {
                    int i = b * columns + c;
                    // Bound: x - max is rounded (an error of u·|x - max| in the exponent, so that much relative in
                    // exp), exp itself is within a few ulps, the float sum of C terms within C·u and the divide u:
                    // (C + |x - max| + 8)·u of the result, doubled for slack.
                    double spread = Float.isInfinite(values[i]) ? 0 : Math.abs(values[i] - max);
                    double bound = 2 * (columns + spread + 8) * UNIT_ROUNDOFF * expected[i] + 1e-37;
                    double error = Math.abs((double) result[i] - expected[i]);
                    if (!(error <= bound)) {
                        throw new AssertionError(String.format("softmax [%d]: row %d column %d: %s, reference %s,"
                                + " |error| %.3g > %.3g", columns, b, c, result[i], expected[i], error, bound));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QuantFormat.class)
    void embeddingMatchesReference(QuantFormat format) {
        assumeTrue(backend.supports(format), backend.name() + " does not take " + format + " weights");
        int columns = columnCounts(format)[columnCounts(format).length - 1];
        int vocabulary = 13;
        Random random = new Random(format.ordinal());
        Weights table = weights("embedding", format, vocabulary, columns, random(random, vocabulary * columns, 0.5));
        for (int batch : new int[] {1, 3, 17}) {
            int[] tokens = new int[batch];
            for (int b = 0; b < batch; b++) {
                tokens[b] = b == 0 ? vocabulary - 1 : random.nextInt(vocabulary);
            }
            Tensor actual = backend.allocate(batch, columns);
            backend.kernels().embedding(table.tested(), tokens, actual);
            Tensor expected = reference.allocate(batch, columns);
            reference.kernels().embedding(table.expected(), tokens, expected);
            float[] result = read(actual);
            float[] wanted = read(expected);
            for (int b = 0; b < batch; b++) {
                double rowMax = 0;
                for (int c = 0; c < columns; c++) {
                    rowMax = Math.max(rowMax, Math.abs(wanted[b * columns + c]));
                }
                // Bound: dequantization is scale·q (- min): the same float operations give the same bits, and a
                // backend that fuses them into one FMA differs by at most an ulp of each term, each term being at
                // most twice the row's largest value: 4u of the row's largest value.
                double bound = 4 * UNIT_ROUNDOFF * rowMax;
                for (int c = 0; c < columns; c++) {
                    double error = Math.abs((double) result[b * columns + c] - wanted[b * columns + c]);
                    if (!(error <= bound)) {
                        throw new AssertionError(String.format("embedding %s token %d column %d: %s, reference %s",
                                format, tokens[b], c, result[b * columns + c], wanted[b * columns + c]));
                    }
                }
            }
        }
    }

    @Test
    void gatherRowsCopiesExactly() {
        Random random = new Random(3);
        float[] values = random(random, 9 * 41, 1);
        int[] rows = {8, 0, 3, 3, 7};
        Tensor actual = backend.allocate(rows.length, 41);
        backend.kernels().gatherRows(tensor(backend, 9, 41, values), rows, actual);
        Tensor expected = reference.allocate(rows.length, 41);
        reference.kernels().gatherRows(tensor(reference, 9, 41, values), rows, expected);
        assertThat(read(actual)).containsExactly(read(expected));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Attention

    static Stream<Arguments> attentionCases() {
        List<Arguments> cases = new ArrayList<>();
        for (QuantFormat dtype : List.of(QuantFormat.F32, QuantFormat.F16)) {
            for (int blockSize : new int[] {16, 1}) {
                for (int groupSize : new int[] {1, 2, 4}) {
                    for (int headSize : new int[] {8, 64, 80}) {
                        cases.add(Arguments.of(dtype, blockSize, groupSize, headSize));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} cache, blocks of {1}, {2} query heads per KV head, head size {3}")
    @MethodSource("attentionCases")
    void attentionMatchesReference(QuantFormat dtype, int blockSize, int groupSize, int headSize) {
        int kvHeads = 2;
        int queryHeads = kvHeads * groupSize;
        int layers = 2;
        // Step 1 prefills three sequences of different lengths (the longest over two tiles of 64 positions); step 2
        // adds a decode token, a chunk of four, and another decode token. The block tables are shuffled so that no
        // sequence's blocks are contiguous.
        int[] prefill = {5, 23, 140};
        int[] step = {1, 4, 1};
        int[] finalLength = new int[prefill.length];
        int blocksNeeded = 0;
        for (int s = 0; s < prefill.length; s++) {
            finalLength[s] = prefill[s] + step[s];
            blocksNeeded += (finalLength[s] + blockSize - 1) / blockSize;
        }
        int blockCount = blocksNeeded + 3;
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < blockCount; i++) {
            ids.add(i);
        }
        Random random = new Random(dtype.ordinal() * 100L + blockSize * 10L + groupSize);
        Collections.shuffle(ids, random);
        int[][] tables = new int[prefill.length][];
        int next = 0;
        for (int s = 0; s < prefill.length; s++) {
            tables[s] = new int[(finalLength[s] + blockSize - 1) / blockSize];
            for (int i = 0; i < tables[s].length; i++) {
                tables[s][i] = ids.get(next++);
            }
        }
        KvCacheSpec spec = new KvCacheSpec(layers, kvHeads, headSize, blockSize, dtype);
        try (KvCache tested = backend.allocateKvCache(spec, blockCount);
                KvCache expected = reference.allocateKvCache(spec, blockCount)) {
            assertThat(tested.blockCount()).isEqualTo(blockCount);
            assertThat(tested.spec()).isEqualTo(spec);
            AttentionBatch first = AttentionBatch.of(prefill, prefill, tables, blockSize);
            AttentionBatch second = AttentionBatch.of(step, finalLength, tables, blockSize);
            for (AttentionBatch batch : List.of(first, second)) {
                int rows = batch.rowCount();
                float scale = (float) (1 / Math.sqrt(headSize));
                float[] queries = random(random, rows * queryHeads * headSize, 3);
                for (int layer = 0; layer < layers; layer++) {
                    float[] keys = random(random, rows * kvHeads * headSize, 1);
                    float[] values = random(random, rows * kvHeads * headSize, 1);
                    backend.attention().store(tested, layer, tensor(backend, rows, kvHeads * headSize, keys),
                            tensor(backend, rows, kvHeads * headSize, values), batch);
                    reference.attention().store(expected, layer, tensor(reference, rows, kvHeads * headSize, keys),
                            tensor(reference, rows, kvHeads * headSize, values), batch);
                }
                for (int layer = 0; layer < layers; layer++) {
                    Tensor output = backend.allocate(rows, queryHeads * headSize);
                    backend.attention().attend(tested, layer, tensor(backend, rows, queryHeads * headSize, queries),
                            batch, queryHeads, scale, output);
                    Tensor wanted = reference.allocate(rows, queryHeads * headSize);
                    reference.attention().attend(expected, layer,
                            tensor(reference, rows, queryHeads * headSize, queries), batch, queryHeads, scale, wanted);
                    checkAttention((HostKvCache) expected, layer, batch, queries, queryHeads, scale, read(output),
                            read(wanted));
                }
            }
            checkBlockTransfer(tested, expected, tables);
        }
    }

    /**
     * Every used block reads out as the reference's bytes (the block layout is the same on every backend), and
     * writing a block's bytes into another block and reading them back returns them unchanged.
     */
    private static void checkBlockTransfer(KvCache tested, KvCache expected, int[][] tables) {
        int size = (int) tested.spec().bytesPerBlock();
        byte[] actual = new byte[size + 3];
        byte[] wanted = new byte[size];
        for (int[] table : tables) {
            for (int block : table) {
                tested.readBlock(block, actual, 3);
                expected.readBlock(block, wanted, 0);
                assertThat(Arrays.copyOfRange(actual, 3, 3 + size)).as("block %d's bytes", block).isEqualTo(wanted);
            }
        }
        int source = tables[0][0];
        int target = (source + 1) % tested.blockCount();
        tested.readBlock(source, actual, 0);
        tested.writeBlock(target, actual, 0);
        byte[] back = new byte[size];
        tested.readBlock(target, back, 0);
        assertThat(back).isEqualTo(Arrays.copyOf(actual, size));
    }

    private static void checkAttention(HostKvCache cache, int layer, AttentionBatch batch, float[] queries,
            int queryHeads, float scale, float[] actual, float[] expected) {
        KvCacheSpec spec = cache.spec();
        int headSize = spec.headSize();
        int group = queryHeads / spec.kvHeads();
        int width = queryHeads * headSize;
        for (int s = 0; s < batch.sequenceCount(); s++) {
            for (int i = 0; i < batch.queryLength()[s]; i++) {
                int row = batch.queryStart()[s] + i;
                int position = batch.rowPositions()[row];
                for (int h = 0; h < queryHeads; h++) {
                    int kvHead = h / group;
                    // The magnitudes the error scales with: the largest |score| term sum and the largest |value|.
                    double scoreMagnitude = 0;
                    double[] valueMax = new double[headSize];
                    for (int t = 0; t <= position; t++) {
                        int slot = batch.blockTables()[s][t / spec.blockSize()] * spec.blockSize()
                                + t % spec.blockSize();
                        double sum = 0;
                        for (int d = 0; d < headSize; d++) {
                            sum += Math.abs(queries[row * width + h * headSize + d]
                                    * cache.key(layer, slot, kvHead, d));
                            valueMax[d] = Math.max(valueMax[d], Math.abs(cache.value(layer, slot, kvHead, d)));
                        }
                        scoreMagnitude = Math.max(scoreMagnitude, sum * Math.abs(scale));
                    }
                    int contextLength = position + 1;
                    for (int d = 0; d < headSize; d++) {
                        // Bound: each score is a float dot of headSize terms, off by δ ≤ (headSize + 2)·u·Σ|q·k|·scale;
                        // softmax weights then move by at most 2δ relative, plus a few ulps from exp (online
                        // rescaling adds one more exp per tile) and (T + 2)·u from the sum over T positions; the
                        // weighted sum of values adds T·u of max|v|. Both caches hold the same F16 bits (round to
                        // nearest even), so F16 adds nothing. Total 2δ + (2T + 16)·u of max|v|, doubled for slack.
                        double delta = (headSize + 2) * UNIT_ROUNDOFF * scoreMagnitude;
                        double bound = 2 * (2 * delta + (2 * contextLength + 16) * UNIT_ROUNDOFF) * valueMax[d];
                        int index = row * width + h * headSize + d;
                        double error = Math.abs((double) actual[index] - expected[index]);
                        if (!(error <= bound)) {
                            throw new AssertionError(String.format("attention layer %d sequence %d row %d (position %d)"
                                    + " head %d dim %d: %s, reference %s, |error| %.3g > %.3g", layer, s, row, position,
                                    h, d, actual[index], expected[index], error, bound));
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    /** One weight loaded on both backends, and its dequantized values {@code [rows * columns]}. */
    record Weights(WeightTensor tested, WeightTensor expected, float[] dequantized) {
    }

    /** Quantizes {@code values} ({@code [rows * columns]}) to {@code format} and loads the bytes on both backends. */
    private Weights weights(String name, QuantFormat format, int rows, int columns, float[] values) {
        QuantCodec codec = QuantCodecs.of(format);
        long bytes = format.bytesFor((long) rows * columns);
        MemorySegment segment = arena.allocate(bytes, 64);
        codec.quantize(values, 0, segment, 0, rows * columns);
        float[] dequantized = new float[rows * columns];
        codec.dequantize(segment, 0, dequantized, 0, rows * columns);
        long[] shape = rows == 1 ? new long[] {columns} : new long[] {rows, columns};
        return new Weights(backend.loadWeight(name, shape, format, segment),
                reference.loadWeight(name, shape, format, segment), dequantized);
    }

    /** Gaussian values of standard deviation {@code scale}. */
    protected static float[] random(Random random, int count, double scale) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    /** A {@code [rows, columns]} tensor of {@code target} holding {@code values}. */
    protected static Tensor tensor(Backend target, int rows, int columns, float[] values) {
        Tensor tensor = target.allocate(rows, columns);
        for (int r = 0; r < rows; r++) {
            tensor.write(r, values, r * columns);
        }
        return tensor;
    }

    /** All rows of {@code tensor}, row-major. */
    protected static float[] read(Tensor tensor) {
        float[] values = new float[tensor.rows() * tensor.columns()];
        for (int r = 0; r < tensor.rows(); r++) {
            tensor.read(r, values, r * tensor.columns());
        }
        return values;
    }

    /** Asserts {@code |actual - expected| ≤ relative·|expected| + absolute} element by element. */
    private static void assertClose(String what, float[] actual, float[] expected, double relative, double absolute) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            double error = Math.abs((double) actual[i] - expected[i]);
            double bound = relative * Math.abs(expected[i]) + absolute;
            if (!(error <= bound)) {
                throw new AssertionError(String.format("%s: element %d: %s, reference %s, |error| %.3g > %.3g (%s)",
                        what, i, actual[i], expected[i], error, bound, Arrays.toString(
                                Arrays.copyOfRange(actual, Math.max(0, i - 2), Math.min(actual.length, i + 3)))));
            }
        }
    }
}
