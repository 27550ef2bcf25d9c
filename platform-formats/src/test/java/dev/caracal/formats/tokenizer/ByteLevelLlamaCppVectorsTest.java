package dev.caracal.formats.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * llama.cpp's tokenizer test vectors (test-tokenizer-0: no BOS, special tokens not parsed), every one exact, through
 * tokenizer.json and through a GGUF written from it as convert_hf_to_gguf.py would.
 */
class ByteLevelLlamaCppVectorsTest {

    @TempDir
    static Path directory;

    static Stream<Arguments> vocabularies() {
        return Stream.of(
                Arguments.of("ggml-vocab-llama-bpe.gguf", ByteLevelTestSupport.LLAMA3, "llama-bpe"),
                Arguments.of("ggml-vocab-qwen2.gguf", ByteLevelTestSupport.QWEN3, "qwen2"),
                Arguments.of("ggml-vocab-deepseek-r1-qwen.gguf", ByteLevelTestSupport.QWEN3, "deepseek-r1-qwen"));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("vocabularies")
    void tokenizerJsonGivesEveryVector(String vectors, String tokenizerJson, String pre) {
        assertAllVectors(ByteLevelTestSupport.fromJson(tokenizerJson), vectors);
    }

    @ParameterizedTest(name = "{0} from a GGUF with pre {2}")
    @MethodSource("vocabularies")
    void ggufGivesEveryVector(String vectors, String tokenizerJson, String pre) throws IOException {
        Path gguf = ByteLevelTestSupport.writeGguf(SharedData.require(tokenizerJson), pre, directory);
        ByteLevelBpeTokenizer tokenizer = ByteLevelTestSupport.fromGgufFile(gguf);
        assertThat(tokenizer.preTokenizer()).isEqualTo(pre.equals("llama-bpe")
                ? ByteLevelPreTokenizer.LLAMA3 : ByteLevelPreTokenizer.QWEN2);
        assertAllVectors(tokenizer, vectors);
    }

    private static void assertAllVectors(ByteLevelBpeTokenizer tokenizer, String name) {
        List<ByteLevelTestSupport.Vector> vectors = ByteLevelTestSupport.vectors(name);
        assertThat(vectors).hasSizeGreaterThan(40);
        List<String> failures = new ArrayList<>();
        for (ByteLevelTestSupport.Vector vector : vectors) {
            int[] actual = tokenizer.encode(vector.text(), false, false);
            if (!java.util.Arrays.equals(actual, vector.expected())) {
                failures.add(ByteLevelTestSupport.escape(vector.text()) + "\n  expected "
                        + ByteLevelTestSupport.ids(vector.expected()) + "\n  actual   "
                        + ByteLevelTestSupport.ids(actual));
            }
            assertThat(tokenizer.decode(actual)).as("decode of %s", ByteLevelTestSupport.escape(vector.text()))
                    .isEqualTo(vector.text());
        }
        assertThat(failures).as("%d of %d vectors differ", failures.size(), vectors.size()).isEmpty();
    }
}
