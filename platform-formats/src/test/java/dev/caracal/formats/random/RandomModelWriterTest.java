package dev.caracal.formats.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelFiles;
import dev.caracal.formats.OpenModel;
import dev.caracal.formats.TensorView;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.NodeLlamaCppOracle;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.formats.tokenizer.Tokenizers;
import dev.caracal.formats.random.RandomModelWriter.Architecture;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import dev.caracal.formats.random.RandomModelWriter.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Random-weight models load in llama.cpp and read back through Caracal's loader with the shapes llama.cpp expects. */
class RandomModelWriterTest {

    @TempDir
    Path temporary;

    static Stream<Arguments> architectures() {
        Spec small = Spec.small();
        return Stream.of(
                Arguments.of("llama-gqa", small),
                Arguments.of("llama3-rope-scaling", small.withRope(500000f,
                        Optional.of(Spec.llama3RopeScaling(32f))).withTiedEmbeddings(true)),
                Arguments.of("qwen2-bias", small.withArchitecture(Architecture.QWEN2)),
                Arguments.of("qwen3-qk-norm", small.withArchitecture(Architecture.QWEN3).withHeads(4, 2, 128)
                        .withTiedEmbeddings(true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void writesAModelThatLlamaCppRunsAndCaracalReadsBack(String name, Spec spec) throws Exception {
        Path file = temporary.resolve(name + ".gguf");
        RandomModelWriter.write(spec, file);

        int headSize = spec.resolvedHeadSize();
        int queryWidth = spec.headCount() * headSize;
        int keyValueWidth = spec.headCountKv() * headSize;
        try (OpenModel model = ModelFiles.open(file)) {
            ModelConfig config = model.description().config();
            assertThat(config.architecture()).isEqualTo(spec.architecture().ggufName());
            assertThat(config.vocabularySize()).isEqualTo(512);
            assertThat(config.embeddingLength()).isEqualTo(spec.embeddingLength());
            assertThat(config.blockCount()).isEqualTo(spec.blockCount());
            assertThat(config.headCount()).isEqualTo(spec.headCount());
            assertThat(config.headCountKv()).isEqualTo(spec.headCountKv());
            assertThat(config.keyLength()).isEqualTo(headSize);
            assertThat(config.ropeDimensionCount()).isEqualTo(headSize);
            assertThat(config.ropeFrequencyBase()).isEqualTo(spec.ropeFrequencyBase());
            assertThat(config.tiedEmbeddings()).isEqualTo(spec.tiedEmbeddings());

            Map<String, TensorView> tensors = model.description().tensorsByName();
            // Shapes as Caracal reports them: outermost first (rows, columns).
            assertThat(tensors.get("token_embd.weight").shape()).containsExactly(512, spec.embeddingLength());
            assertThat(tensors.containsKey("output.weight")).isEqualTo(!spec.tiedEmbeddings());
            assertThat(tensors.get("output_norm.weight").shape()).containsExactly(spec.embeddingLength());
            assertThat(tensors.get("blk.1.attn_q.weight").shape()).containsExactly(queryWidth, spec.embeddingLength());
            assertThat(tensors.get("blk.1.attn_k.weight").shape())
                    .containsExactly(keyValueWidth, spec.embeddingLength());
            assertThat(tensors.get("blk.1.attn_v.weight").shape())
                    .containsExactly(keyValueWidth, spec.embeddingLength());
            assertThat(tensors.get("blk.1.attn_output.weight").shape())
                    .containsExactly(spec.embeddingLength(), queryWidth);
            assertThat(tensors.get("blk.1.ffn_gate.weight").shape())
                    .containsExactly(spec.feedForwardLength(), spec.embeddingLength());
            assertThat(tensors.get("blk.1.ffn_down.weight").shape())
                    .containsExactly(spec.embeddingLength(), spec.feedForwardLength());
            boolean qwen2 = spec.architecture() == Architecture.QWEN2;
            boolean qwen3 = spec.architecture() == Architecture.QWEN3;
            assertThat(tensors.containsKey("blk.0.attn_q.bias")).isEqualTo(qwen2);
            if (qwen2) {
                assertThat(tensors.get("blk.0.attn_q.bias").shape()).containsExactly(queryWidth);
                assertThat(tensors.get("blk.0.attn_k.bias").shape()).containsExactly(keyValueWidth);
                assertThat(tensors.get("blk.0.attn_v.bias").shape()).containsExactly(keyValueWidth);
            }
            assertThat(tensors.containsKey("blk.0.attn_q_norm.weight")).isEqualTo(qwen3);
            if (qwen3) {
                assertThat(tensors.get("blk.0.attn_q_norm.weight").shape()).containsExactly(headSize);
                assertThat(tensors.get("blk.0.attn_k_norm.weight").shape()).containsExactly(headSize);
            }
            assertThat(tensors.containsKey("rope_freqs.weight")).isEqualTo(spec.ropeScaling().isPresent());
            if (spec.ropeScaling().isPresent()) {
                TensorView factors = tensors.get("rope_freqs.weight");
                assertThat(factors.shape()).containsExactly(headSize / 2);
                float[] values = dequantize(factors);
                assertThat(values[0]).isEqualTo(1f);                       // the fastest rotation is kept
                assertThat(values[values.length - 1]).isEqualTo(32f);      // the slowest is divided by the factor
            }
            for (TensorView tensor : tensors.values()) {
                if (tensor.shape().length == 1) {
                    assertThat(tensor.format()).as(tensor.name()).isEqualTo(QuantFormat.F32);
                }
            }
        }

        if (spec.architecture() != Architecture.QWEN3) {
            // de.kherud:llama 4.2.0 bundles a llama.cpp older than Qwen3 support; node-llama-cpp's covers all three.
            assertThat(LlamaCppReference.greedy(file, "Once upon a time", 8)).as("llama.cpp (JNI) ran the model")
                    .isNotNull();
        }
        int[] continuation = NodeLlamaCppOracle.greedy(file, new int[] {1, 300, 301}, 8);
        assertThat(continuation).as("llama.cpp (node-llama-cpp) ran the model").hasSize(8);
    }

    @Test
    void theSameSpecWritesTheSameBytesAndAnotherSeedOthers() throws Exception {
        Spec spec = Spec.small().withSizes(256, 1, 256).withFormats(QuantFormat.Q4_K, Optional.of(QuantFormat.Q6_K));
        Path first = temporary.resolve("a.gguf");
        Path second = temporary.resolve("b.gguf");
        Path reseeded = temporary.resolve("c.gguf");
        RandomModelWriter.write(spec, first);
        RandomModelWriter.write(spec, second);
        RandomModelWriter.write(spec.withSeed(2), reseeded);

        assertThat(Files.mismatch(first, second)).isEqualTo(-1);
        assertThat(Files.mismatch(first, reseeded)).isNotEqualTo(-1);
        try (GgufFile file = GgufFile.open(first)) {
            assertThat(file.tensor("blk.0.attn_q.weight").orElseThrow().format()).isEqualTo(QuantFormat.Q4_K);
            assertThat(file.tensor("output.weight").orElseThrow().format()).isEqualTo(QuantFormat.Q6_K);
            assertThat(file.tensor("token_embd.weight").orElseThrow().format()).isEqualTo(QuantFormat.Q6_K);
            assertThat(file.metadata().findLong("general.file_type")).contains(15L);
            assertThat(file.metadata().findLong("general.alignment")).contains(32L);
        }
    }

    @ParameterizedTest
    @EnumSource(value = QuantFormat.class, names = "Q8_K", mode = EnumSource.Mode.EXCLUDE)
    void everyWeightFormatHoldsWeightsOfTheIntendedScale(QuantFormat format) throws Exception {
        Spec spec = Spec.small().withSizes(256, 1, 256).withFormats(format, Optional.empty());
        Path file = temporary.resolve(format + ".gguf");
        RandomModelWriter.write(spec, file);

        try (OpenModel model = ModelFiles.open(file)) {
            Map<String, TensorView> tensors = model.description().tensorsByName();
            assertThat(tensors.get("blk.0.attn_q.weight").format()).isEqualTo(format);
            // Q projections are N(0, 1/width): a standard deviation of 1/16 at width 256, within quantization error.
            float[] query = dequantize(tensors.get("blk.0.attn_q.weight"));
            assertThat(mean(query)).isCloseTo(0, within(0.003));
            assertThat(std(query)).isCloseTo(1 / 16.0, within(1 / 16.0 * (format == QuantFormat.Q2_K ? 0.25 : 0.06)));
            float[] norm = dequantize(tensors.get("blk.0.attn_norm.weight"));
            assertThat(mean(norm)).isCloseTo(1, within(0.03));
            assertThat(std(norm)).isCloseTo(RandomModelWriter.NORM_NOISE, within(0.02));
        }
    }

    @Test
    void copiesTheTokenizerOfAVocabularyFile() throws Exception {
        Path vocabulary = SharedData.require("tokenizer-tests/ggml-vocab-llama-spm.gguf");
        Spec spec = Spec.small().withSizes(256, 1, 256).withVocabulary(Vocabulary.fromGguf(vocabulary))
                .withFormats(QuantFormat.Q8_0, Optional.empty());
        Path file = temporary.resolve("spm.gguf");
        RandomModelWriter.write(spec, file);

        try (GgufFile written = GgufFile.open(file); GgufFile source = GgufFile.open(vocabulary)) {
            assertThat(written.tensor("token_embd.weight").orElseThrow().dimensions()).containsExactly(256, 32000);
            source.metadata().asMap().forEach((key, value) -> {
                if (key.startsWith("tokenizer.")) {
                    assertThat(written.metadata().get(key)).as(key).contains(value);
                }
            });
        }
        assertThat(Tokenizers.load(file).encode("Hello world")).containsExactly(
                Tokenizers.load(vocabulary).encode("Hello world"));
        assertThat(LlamaCppReference.greedy(file, "Hello", 4)).isNotNull();
    }

    @Test
    void theSyntheticVocabularyTokenizesAndLlamaCppLoadsIt() throws Exception {
        Path file = temporary.resolve("synthetic.gguf");
        RandomModelWriter.write(Spec.small().withSizes(256, 1, 256).withVocabulary(Vocabulary.synthetic(1000)), file);

        var tokenizer = Tokenizers.load(file);
        assertThat(tokenizer.vocabularySize()).isEqualTo(1000);
        int[] tokens = tokenizer.encode("a b zz é");
        assertThat(tokens[0]).isEqualTo(1);
        assertThat(tokenizer.decode(Arrays.copyOfRange(tokens, 1, tokens.length))).isEqualTo("a b zz é");
        assertThat(LlamaCppReference.greedy(file, "a b c", 4)).isNotNull();
    }

    @Test
    void theOneBillionShapeHasLlama32OneBillionSizes() {
        Spec spec = Spec.oneBillionShape();
        assertThat(spec.embeddingLength()).isEqualTo(2048);
        assertThat(spec.blockCount()).isEqualTo(16);
        assertThat(spec.headCount()).isEqualTo(32);
        assertThat(spec.headCountKv()).isEqualTo(8);
        assertThat(spec.resolvedHeadSize()).isEqualTo(64);
        assertThat(spec.feedForwardLength()).isEqualTo(8192);
        assertThat(spec.vocabulary().syntheticSize()).isEqualTo(32000);
        assertThat(spec.weightFormat()).isEqualTo(QuantFormat.Q4_0);
    }

    @Test
    void theOneHundredTenMillionShapeHasStories110mSizes() {
        Spec spec = Spec.oneHundredTenMillionShape();
        assertThat(spec.embeddingLength()).isEqualTo(768);
        assertThat(spec.blockCount()).isEqualTo(12);
        assertThat(spec.headCount()).isEqualTo(12);
        assertThat(spec.headCountKv()).isEqualTo(12);
        assertThat(spec.resolvedHeadSize()).isEqualTo(64);
        assertThat(spec.feedForwardLength()).isEqualTo(2048);
        assertThat(spec.contextLength()).isEqualTo(2048);
        assertThat(spec.vocabulary().syntheticSize()).isEqualTo(32000);
        assertThat(spec.weightFormat()).isEqualTo(QuantFormat.Q4_0);
    }

    @Test
    void rowsThatAreNotWholeBlocksAreRefusedWithTheReason() {
        Spec spec = Spec.small().withSizes(128, 1, 384).withHeads(2, 1, 0).withFormats(QuantFormat.Q4_K,
                Optional.empty());
        assertThatThrownBy(() -> RandomModelWriter.write(spec, temporary.resolve("bad.gguf")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token_embd.weight")
                .hasMessageContaining("256");
        assertThat(temporary.resolve("bad.gguf")).doesNotExist();
    }

    @Test
    void llama3FactorsMatchTheConverterForLlama32() {
        // Llama 3.2 1B: theta 500000, head 64, factor 32, low 1, high 4, original context 8192.
        float[] factors = RandomModelWriter.llama3RopeFactors(Spec.llama3RopeScaling(32f), 500000f, 64);
        assertThat(factors).hasSize(32);
        // Wavelengths below 8192/4 = 2048 keep their frequency; above 8192 are divided by 32; between, a blend.
        for (int i = 0; i < factors.length; i++) {
            double wavelength = 2 * Math.PI * Math.pow(500000, 2.0 * i / 64);
            if (wavelength < 2048) {
                assertThat(factors[i]).isEqualTo(1f);
            } else if (wavelength > 8192) {
                assertThat(factors[i]).isEqualTo(32f);
            } else {
                assertThat(factors[i]).isBetween(1f, 32f);
            }
        }
        for (int i = 1; i < factors.length; i++) {
            assertThat(factors[i]).isGreaterThanOrEqualTo(factors[i - 1]);
        }
    }

    private static float[] dequantize(TensorView tensor) {
        int count = Math.toIntExact(tensor.elementCount());
        float[] values = new float[count];
        QuantCodecs.of(tensor.format()).dequantize(tensor.data(), 0, values, 0, count);
        return values;
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double std(float[] values) {
        double mean = mean(values);
        double sum = 0;
        for (float value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}
