package dev.caracal.formats.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * llama.cpp's own tokenizer test vectors (test-tokenizer-0): every string must give exactly llama.cpp's ids, encoded
 * as the test does ({@code add_special = false}, {@code parse_special = false}), and decode back to itself.
 */
class SentencePieceLlamaCppVectorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ggml-vocab-llama-spm.gguf", "ggml-vocab-phi-3.gguf"})
    void everyVectorGivesLlamaCppsIds(String vocabulary) {
        SentencePieceTokenizer tokenizer = SentencePieceTestVectors.fromGguf(vocabulary);
        List<SentencePieceTestVectors.Vector> vectors = SentencePieceTestVectors.read(vocabulary);
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(40);
        List<String> failures = new ArrayList<>();
        for (SentencePieceTestVectors.Vector vector : vectors) {
            int[] ids = tokenizer.encode(vector.text(), false, false);
            if (!Arrays.equals(ids, vector.expected()) && failures.size() < 5) {
                failures.add("'" + vector.text() + "'\n  expected " + Arrays.toString(vector.expected())
                        + "\n  got      " + Arrays.toString(ids));
            }
        }
        assertThat(failures).as("strings tokenized differently from llama.cpp").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ggml-vocab-llama-spm.gguf", "ggml-vocab-phi-3.gguf"})
    void everyVectorDecodesBackToItsText(String vocabulary) {
        SentencePieceTokenizer tokenizer = SentencePieceTestVectors.fromGguf(vocabulary);
        for (SentencePieceTestVectors.Vector vector : SentencePieceTestVectors.read(vocabulary)) {
            assertThat(tokenizer.decode(vector.expected())).as("decode of %s", Arrays.toString(vector.expected()))
                    .isEqualTo(vector.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ggml-vocab-llama-spm.gguf", "ggml-vocab-phi-3.gguf"})
    void addingSpecialTokensPutsBosFirst(String vocabulary) {
        SentencePieceTokenizer tokenizer = SentencePieceTestVectors.fromGguf(vocabulary);
        for (SentencePieceTestVectors.Vector vector : SentencePieceTestVectors.read(vocabulary)) {
            int[] expected = new int[vector.expected().length + 1];
            expected[0] = 1;
            System.arraycopy(vector.expected(), 0, expected, 1, vector.expected().length);
            assertThat(tokenizer.encode(vector.text(), true, true)).isEqualTo(expected);
            assertThat(tokenizer.decode(expected)).isEqualTo(vector.text());
        }
    }
}
