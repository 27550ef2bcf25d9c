package dev.caracal.formats.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A SentencePiece {@code tokenizer.model} read with the protobuf reader tokenizes like the GGUF or
 * {@code tokenizer.json} of the same vocabulary: Llama 2's model against llama.cpp's Llama SPM vocabulary, Mistral's v1
 * model against Mistral's {@code tokenizer.json}; Mistral's v3 model has its [INST]-style control tokens.
 */
class SentencePieceModelAgreementTest {

    static final int STRINGS = 500;

    @Test
    void llama2ModelMatchesTheLlamaSpmGguf() throws IOException {
        SentencePieceTokenizer model = SentencePieceTokenizer.fromSentencePieceModel(
                SharedData.require("tokenizers/llama2-spm/tokenizer.model"));
        SentencePieceTokenizer gguf = SentencePieceTestVectors.fromGguf("ggml-vocab-llama-spm.gguf");
        assertThat(model.vocabularySize()).isEqualTo(32_000).isEqualTo(gguf.vocabularySize());
        for (int id = 0; id < model.vocabularySize(); id++) {
            assertThat(model.piece(id)).isEqualTo(gguf.piece(id));
            assertThat(model.isSpecial(id)).isEqualTo(gguf.isSpecial(id));
            assertThat(model.tokenBytes(id, false, true)).isEqualTo(gguf.tokenBytes(id, false, true));
        }
        assertThat(model.bosToken()).isEqualTo(gguf.bosToken()).hasValue(1);
        assertThat(model.eosToken()).isEqualTo(gguf.eosToken()).hasValue(2);
        assertThat(model.unknownToken()).hasValue(0);
        assertThat(model.endOfGenerationTokens()).containsExactly(2);
        for (SentencePieceTestVectors.Vector vector : SentencePieceTestVectors.read("ggml-vocab-llama-spm.gguf")) {
            assertThat(model.encode(vector.text(), false, false)).isEqualTo(vector.expected());
        }
        assertThat(differences(model, gguf, 1)).isEmpty();
    }

    @Test
    void mistralV1ModelMatchesMistralTokenizerJson() throws IOException {
        SentencePieceTokenizer model = SentencePieceTokenizer.fromSentencePieceModel(
                SharedData.require("tokenizers/mistral/tokenizer.model.v1"));
        SentencePieceTokenizer json = SentencePieceTokenizer.fromTokenizerJson(
                SharedData.require("tokenizers/mistral-v0.1-json/tokenizer.json"));
        assertThat(model.vocabularySize()).isEqualTo(32_000).isEqualTo(json.vocabularySize());
        for (int id = 0; id < model.vocabularySize(); id++) {
            assertThat(model.piece(id)).isEqualTo(json.piece(id));
        }
        assertThat(model.bosToken()).isEqualTo(json.bosToken()).hasValue(1);
        assertThat(model.eosToken()).isEqualTo(json.eosToken()).hasValue(2);
        assertThat(differences(model, json, 2)).isEmpty();
    }

    @Test
    void mistralV3ModelHasItsControlTokens() throws IOException {
        SentencePieceTokenizer model = SentencePieceTokenizer.fromSentencePieceModel(
                SharedData.require("tokenizers/mistral/mistral_instruct_tokenizer_240323.model.v3"));
        assertThat(model.vocabularySize()).isEqualTo(32_768);
        assertThat(model.piece(3)).isEqualTo("[INST]");
        assertThat(model.piece(4)).isEqualTo("[/INST]");
        assertThat(model.isSpecial(3)).isTrue();
        assertThat(model.endOfGenerationTokens()).containsExactly(2);

        int[] prompt = model.encode("[INST] What is 2+2? [/INST]", true, true);
        assertThat(prompt[0]).isEqualTo(1);
        assertThat(prompt[1]).isEqualTo(3);
        assertThat(prompt[prompt.length - 1]).isEqualTo(4);
        // As in llama.cpp, text after a control token gets the space prefix too: " What" becomes "▁▁What".
        assertThat(model.decode(prompt, true)).isEqualTo("<s>[INST]  What is 2+2? [/INST]");
        assertThat(model.decode(prompt, false)).isEqualTo(" What is 2+2? ");

        int[] plain = model.encode("[INST] What is 2+2? [/INST]", true, false);
        assertThat(plain).doesNotContain(3, 4);
        assertThat(model.decode(plain)).isEqualTo("[INST] What is 2+2? [/INST]");
    }

    /** Encodes generated strings (and the llama.cpp vectors) with both; describes the first few differences. */
    private static List<String> differences(SentencePieceTokenizer first, SentencePieceTokenizer second, long seed) {
        List<String> texts = new ArrayList<>();
        SentencePieceTestVectors.read("ggml-vocab-llama-spm.gguf").forEach(vector -> texts.add(vector.text()));
        SentencePieceRandomText generator = new SentencePieceRandomText(seed);
        for (int i = 0; i < STRINGS; i++) {
            texts.add(generator.next());
        }
        List<String> differences = new ArrayList<>();
        for (String text : texts) {
            for (boolean addSpecial : new boolean[] {false, true}) {
                for (boolean parseSpecial : new boolean[] {false, true}) {
                    int[] a = first.encode(text, addSpecial, parseSpecial);
                    int[] b = second.encode(text, addSpecial, parseSpecial);
                    if (!Arrays.equals(a, b) && differences.size() < 5) {
                        differences.add("'" + SentencePieceRandomText.visible(text) + "' (addSpecial " + addSpecial
                                + ", parseSpecial " + parseSpecial + ")\n  " + Arrays.toString(a) + "\n  "
                                + Arrays.toString(b));
                    }
                    if (Arrays.equals(a, b) && !first.decode(a, parseSpecial).equals(second.decode(b, parseSpecial))
                            && differences.size() < 5) {
                        differences.add("decode of '" + SentencePieceRandomText.visible(text) + "'");
                    }
                }
            }
        }
        return differences;
    }
}
