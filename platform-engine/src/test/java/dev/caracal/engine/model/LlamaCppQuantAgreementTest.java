package dev.caracal.engine.model;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.model.DistributionAgreement.Bounds;
import dev.caracal.formats.testing.RandomModels;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every weight format gives llama.cpp's next-token distributions: random-weight models written by Caracal in each
 * format (and a Q4_K file with a Q6_K output, as llama-quantize's Q4_K_M writes), and llama.cpp's own quantizations in
 * {@code quant-ref/} as they are.
 *
 * <p>Two comparisons per random model:
 * <ul>
 *   <li><b>Exact</b>: llama.cpp runs the model's weights dequantized to F32 (by the reference codecs, which match
 *       llama.cpp's bytes) with an F32 KV cache, and Caracal the quantized file with an F32 KV cache. Nothing is
 *       rounded on either side, so this holds each format's decoding and fused kernels to the F32 architecture bound (2e-4).
 *   <li><b>Same file</b>: both engines run the quantized file with llama.cpp's default F16 KV cache. Both read the same
 *       weight bytes, so the weights' own quantization error is not part of the difference; what is, is that llama.cpp
 *       rounds the activations of every matrix product to the type its CPU kernel multiplies in
 *       ({@code vec_dot_type}), and with an F16 cache rounds queries and attention weights to F16. Caracal multiplies
 *       decoded weights with F32 activations, so the bounds are set by llama.cpp's rounding (see {@link #bounds}).
 * </ul>
 * The top token's probability is held to the same bound as the TV (it cannot differ by more), and where llama.cpp's top
 * token leads by more than twice the bound the top tokens must agree.
 */
class LlamaCppQuantAgreementTest {

    private static Backend backend;

    @BeforeAll
    static void openBackend() {
        backend = DistributionAgreement.openBackend();
    }

    @AfterAll
    static void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    /**
     * The bounds for a file whose matrices are {@code format}, both engines on an F16 KV cache. The random models'
     * logits have a standard deviation of about 3, so a relative error e in the last activations moves logits by
     * about 3e and the distribution (TV) by about e near its peak; the worst of 512 positions is a few times the
     * typical one. Measured worst TV (CPU backend, 512 positions) in brackets; each bound leaves about 1.5x or more.
     * <ul>
     *   <li>F32 [3.8e-4]: llama.cpp rounds queries, keys, values and attention weights to F16 (2^-11 relative):
     *       bound 2e-3.
     *   <li>F16 [3.2e-4]: also every activation row to F16 (2^-11): bound 2e-3.
     *   <li>BF16 [6.5e-3]: activations to BF16 (2^-8, eight times coarser than F16): bound 1.5e-2.
     *   <li>Q8_0, Q4_0, Q5_0, IQ4_NL (activations to Q8_0) and Q4_1, Q5_1 (to Q8_1) [2.1e-2 to 2.5e-2]: 8-bit
     *       integers, one scale per 32 values (step max/127, about 0.5% RMS error per value, so every matrix product
     *       carries 0.5% noise, compounded over 2 layers' 7 products and the output): bound 4e-2.
     *   <li>K-quants (activations to Q8_K: 8-bit, one scale per 256 values, a larger maximum and so a coarser step
     *       than Q8_0's) [2.9e-2 to 3.9e-2]: bound 6e-2.
     * </ul>
     */
    static Bounds bounds(QuantFormat format) {
        return switch (format) {
            case F32 -> new Bounds(2e-3, 2e-3, "F32 weights; llama.cpp rounds attention to its F16 KV cache");
            case F16 -> new Bounds(2e-3, 2e-3, "F16 weights; llama.cpp rounds activations to F16");
            case BF16 -> new Bounds(1.5e-2, 1.5e-2, "BF16 weights; llama.cpp rounds activations to BF16");
            case Q8_0, Q4_0, Q5_0, Q4_1, Q5_1, IQ4_NL -> new Bounds(4e-2, 4e-2,
                    format + " weights; llama.cpp rounds activations to 8-bit blocks of 32 (Q8_0/Q8_1)");
            case Q2_K, Q3_K, Q4_K, Q5_K, Q6_K -> new Bounds(6e-2, 6e-2,
                    format + " weights; llama.cpp rounds activations to 8-bit blocks of 256 (Q8_K)");
            case Q8_K -> throw new IllegalArgumentException("Q8_K is not a weight format");
        };
    }

    /** No rounding on either side: the bound of the F32 architecture tests. */
    private static final Bounds EXACT = new Bounds(2e-4, 2e-4,
            "llama.cpp on the dequantized F32 weights, F32 KV cache on both sides: nothing is rounded");

    static Stream<Arguments> randomModels() {
        Stream<Arguments> pure = Stream.of(QuantFormat.values())
                .filter(format -> format != QuantFormat.Q8_K)
                .map(format -> Arguments.of("random-" + format, format, Optional.empty()));
        Stream<Arguments> mixed = Stream.of(Arguments.of("random-Q4_K-with-Q6_K-output", QuantFormat.Q4_K,
                Optional.of(QuantFormat.Q6_K)));
        return Stream.concat(pure, mixed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomModels")
    void randomModelsInEveryFormatGiveLlamaCppsDistributions(String name, QuantFormat format,
            Optional<QuantFormat> output) throws Exception {
        Spec spec = Spec.small().withName("quant-" + name).withFormats(format, output);
        DistributionAgreement.compare(RandomModels.file(spec), backend, QuantFormat.F16, bounds(format));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomModels")
    void randomModelsInEveryFormatGiveLlamaCppsDistributionsOfTheirDequantizedWeights(String name,
            QuantFormat format, Optional<QuantFormat> output) throws Exception {
        Path model = RandomModels.file(Spec.small().withName("quant-" + name).withFormats(format, output));
        DistributionAgreement.compare(model, RandomModels.dequantizedTwin(model), backend, QuantFormat.F32, EXACT);
    }

    static Stream<Arguments> llamaCppQuantizations() {
        return Stream.of(
                Arguments.of("tiny-f32.gguf", QuantFormat.F32),
                Arguments.of("tiny-Q8_0.gguf", QuantFormat.Q8_0),
                Arguments.of("tiny-Q4_0.gguf", QuantFormat.Q4_0),
                Arguments.of("tiny-Q4_1.gguf", QuantFormat.Q4_1),
                Arguments.of("tiny-Q5_0.gguf", QuantFormat.Q5_0),
                Arguments.of("tiny-Q5_1.gguf", QuantFormat.Q5_1),
                Arguments.of("tiny-Q2_K.gguf", QuantFormat.Q2_K),
                Arguments.of("tiny-Q3_K.gguf", QuantFormat.Q3_K),
                Arguments.of("tiny-Q4_K.gguf", QuantFormat.Q4_K),
                Arguments.of("tiny-Q5_K.gguf", QuantFormat.Q5_K),
                Arguments.of("tiny-Q6_K.gguf", QuantFormat.Q6_K));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("llamaCppQuantizations")
    void llamaCppsOwnQuantizationsGiveLlamaCppsDistributions(String file, QuantFormat format) throws Exception {
        Path model = SharedData.require("models/quant-ref/" + file);
        DistributionAgreement.compare(model, backend, QuantFormat.F16, bounds(format));
    }
}
