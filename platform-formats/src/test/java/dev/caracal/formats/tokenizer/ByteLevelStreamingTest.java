package dev.caracal.formats.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Streaming decode of the test vectors' tokens, one token at a time: the same text as decoding at once, and never half
 * a character, even where an emoji or a CJK character is spread over several byte tokens.
 */
class ByteLevelStreamingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ggml-vocab-llama-bpe.gguf, tokenizers/llama3/tokenizer.json",
        "ggml-vocab-qwen2.gguf, tokenizers/qwen3/tokenizer.json"
    })
    void streamingEqualsDecodingAtOnceAndNeverSplitsACharacter(String vectors, String tokenizerJson) {
        ByteLevelBpeTokenizer tokenizer = ByteLevelTestSupport.fromJson(tokenizerJson);
        int tokensEndingInsideACharacter = 0;
        List<String> texts = new java.util.ArrayList<>(
                ByteLevelTestSupport.vectors(vectors).stream().map(ByteLevelTestSupport.Vector::text).toList());
        ByteLevelRandomText generator = new ByteLevelRandomText(5, List.of());
        for (int i = 0; i < 500; i++) {
            texts.add(generator.next());
        }
        for (String text : texts) {
            int[] tokens = tokenizer.encode(text, false, false);
            StreamingDetokenizer detokenizer = new StreamingDetokenizer(tokenizer, false);
            StringBuilder streamed = new StringBuilder();
            for (int token : tokens) {
                String piece = detokenizer.push(token);
                if (!text.contains("\ufffd")) {
                    assertThat(piece).as("a piece of %s", ByteLevelTestSupport.escape(text)).doesNotContain("\ufffd");
                }
                if (!piece.isEmpty()) {
                    assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).isFalse();
                }
                if (detokenizer.hasPendingBytes()) {
                    tokensEndingInsideACharacter++;
                }
                streamed.append(piece);
            }
            streamed.append(detokenizer.flush());
            assertThat(streamed.toString()).isEqualTo(tokenizer.decode(tokens)).isEqualTo(decodeAtOnce(tokenizer, tokens));
        }
        assertThat(tokensEndingInsideACharacter).as("tokens that end inside a character were exercised")
                .isGreaterThan(10);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tokenizers/llama3/tokenizer.json", "tokenizers/qwen3/tokenizer.json"})
    void aCharacterSplitOverByteTokensWaitsForItsLastByte(String tokenizerJson) {
        ByteLevelBpeTokenizer tokenizer = ByteLevelTestSupport.fromJson(tokenizerJson);
        String character = "𓀀"; // U+13000, an Egyptian hieroglyph: four bytes, no token of its own
        byte[] utf8 = character.getBytes(StandardCharsets.UTF_8);
        StreamingDetokenizer detokenizer = new StreamingDetokenizer(tokenizer, false);
        int[] byteTokens = tokenizer.encode(character, false, false);
        assertThat(byteTokens).as("the character is more than one token").hasSizeGreaterThan(1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < byteTokens.length; i++) {
            String piece = detokenizer.push(byteTokens[i]);
            if (i < byteTokens.length - 1) {
                assertThat(piece).isEmpty();
                assertThat(detokenizer.hasPendingBytes()).isTrue();
            }
            text.append(piece);
        }
        assertThat(text.toString()).isEqualTo(new String(utf8, StandardCharsets.UTF_8));
        assertThat(detokenizer.flush()).isEmpty();
    }

    private static String decodeAtOnce(Tokenizer tokenizer, int[] tokens) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int token : tokens) {
            bytes.writeBytes(tokenizer.tokenBytes(token, false, false));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
