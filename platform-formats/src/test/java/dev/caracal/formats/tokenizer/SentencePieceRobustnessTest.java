package dev.caracal.formats.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text with unpaired surrogates encodes as if each were U+FFFD and never throws; streaming decode token by token gives
 * the full decode and never a lone surrogate or a U+FFFD that the text did not have; long text encodes quickly.
 */
class SentencePieceRobustnessTest {

    private static final SentencePieceTokenizer LLAMA = SentencePieceTestVectors.fromGguf("ggml-vocab-llama-spm.gguf");
    private static final SentencePieceTokenizer PHI3 = SentencePieceTestVectors.fromGguf("ggml-vocab-phi-3.gguf");
    private static final SentencePieceTokenizer MISTRAL = mistral();

    private static SentencePieceTokenizer mistral() {
        try {
            return SentencePieceTokenizer.fromTokenizerJson(
                    SharedData.require("tokenizers/mistral-v0.1-json/tokenizer.json"));
        } catch (IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }

    static Stream<Arguments> tokenizers() {
        return Stream.of(Arguments.of("llama-spm", LLAMA), Arguments.of("phi-3", PHI3),
                Arguments.of("mistral json", MISTRAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenizers")
    void unpairedSurrogatesEncodeAsReplacementCharacters(String name, SentencePieceTokenizer tokenizer) {
        String[] texts = {"\uD800", "\uDFFF", "a\uD83Db", "\uDE00x", "x\uD83D", "\uDE00\uD83D", "\uD83D\uD83D\uDE00",
                "<s>\uD800</s>", " \uDC00 ", "\uD83D\uDE00\uDE00"};
        for (String text : texts) {
            String replaced = SentencePieceTokenizer.withoutLoneSurrogates(text);
            assertThat(replaced).doesNotContain("\uD800", "\uDFFF", "\uDC00");
            for (boolean addSpecial : new boolean[] {false, true}) {
                for (boolean parseSpecial : new boolean[] {false, true}) {
                    assertThat(tokenizer.encode(text, addSpecial, parseSpecial))
                            .isEqualTo(tokenizer.encode(replaced, addSpecial, parseSpecial));
                }
            }
            assertThat(tokenizer.decode(tokenizer.encode(text, false, false))).isEqualTo(replaced);
        }
        assertThat(SentencePieceTokenizer.withoutLoneSurrogates("a\uD83D\uDE00b")).isEqualTo("a\uD83D\uDE00b");
        assertThat(SentencePieceTokenizer.withoutLoneSurrogates("\uDE00\uD83D")).isEqualTo("\uFFFD\uFFFD");
    }

    /** Any string round-trips (lone surrogates as U+FFFD; ▁ excluded, since it decodes to a space by design). */
    @Property(tries = 500)
    void anyTextRoundTrips(@ForAll @StringLength(max = 80) String text) {
        String expected = SentencePieceTokenizer.withoutLoneSurrogates(text.replace('\u2581', '_'));
        for (SentencePieceTokenizer tokenizer : List.of(LLAMA, PHI3, MISTRAL)) {
            int[] ids = tokenizer.encode(text.replace('\u2581', '_'), false, false);
            assertThat(tokenizer.decode(ids)).isEqualTo(expected);
            assertStreamsLikeFullDecode(tokenizer, ids, !expected.contains("\uFFFD"));
        }
    }

    @Test
    void streamingTheTestVectorsEqualsFullDecode() {
        int checked = 0;
        for (String vocabulary : List.of("ggml-vocab-llama-spm.gguf", "ggml-vocab-phi-3.gguf")) {
            SentencePieceTokenizer tokenizer = vocabulary.contains("phi") ? PHI3 : LLAMA;
            for (SentencePieceTestVectors.Vector vector : SentencePieceTestVectors.read(vocabulary)) {
                for (int[] ids : List.of(vector.expected(), tokenizer.encode(vector.text()))) {
                    assertStreamsLikeFullDecode(tokenizer, ids, true);
                    checked++;
                }
            }
        }
        SentencePieceRandomText generator = new SentencePieceRandomText(3);
        for (int i = 0; i < 1000; i++) {
            String text = generator.next();
            String clean = SentencePieceTokenizer.withoutLoneSurrogates(text);
            assertStreamsLikeFullDecode(MISTRAL, MISTRAL.encode(text), !clean.contains("\uFFFD"));
            checked++;
        }
        assertThat(checked).isGreaterThan(1000);
    }

    private static void assertStreamsLikeFullDecode(Tokenizer tokenizer, int[] ids, boolean textHasNoReplacement) {
        for (boolean renderSpecial : new boolean[] {false, true}) {
            StreamingDetokenizer stream = new StreamingDetokenizer(tokenizer, renderSpecial);
            StringBuilder streamed = new StringBuilder();
            List<String> chunks = new ArrayList<>();
            for (int id : ids) {
                chunks.add(stream.push(id));
            }
            chunks.add(stream.flush());
            for (String chunk : chunks) {
                assertThat(hasLoneSurrogate(chunk)).as("chunk '%s' of %s", chunk, java.util.Arrays.toString(ids))
                        .isFalse();
                if (textHasNoReplacement) {
                    assertThat(chunk).doesNotContain("\uFFFD");
                }
                streamed.append(chunk);
            }
            assertThat(streamed.toString())
                    .isEqualTo(SentencePieceTestVectors.decodeAtOnce(tokenizer, ids, renderSpecial))
                    .isEqualTo(tokenizer.decode(ids, renderSpecial));
        }
    }

    private static boolean hasLoneSurrogate(String text) {
        return !SentencePieceTokenizer.withoutLoneSurrogates(text).equals(text);
    }

    @Test
    void longTextEncodesQuicklyAndLinearly() {
        StringBuilder text = new StringBuilder();
        SentencePieceRandomText generator = new SentencePieceRandomText(11);
        while (text.length() < 1_000_000) {
            text.append(generator.next()).append('\n');
        }
        text.append(" ".repeat(100_000)).append("a".repeat(100_000)).append("😀".repeat(50_000));
        for (SentencePieceTokenizer tokenizer : List.of(LLAMA, MISTRAL)) {
            tokenizer.encode(text.substring(0, 100_000), false, false); // warm up
            long start = System.nanoTime();
            int[] ids = tokenizer.encode(text.toString(), false, false);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(ids.length).isGreaterThan(100_000);
            assertThat(millis).as("milliseconds to encode %d characters", text.length()).isLessThan(20_000);
            assertThat(tokenizer.decode(ids)).isEqualTo(
                    SentencePieceTokenizer.withoutLoneSurrogates(text.toString()).replace('\u2581', ' '));
        }
    }

    @Test
    void endOfGenerationAndSpecialTokens() {
        assertThat(LLAMA.endOfGenerationTokens()).containsExactly(2);
        assertThat(LLAMA.bosToken()).hasValue(1);
        assertThat(LLAMA.isSpecial(1)).isTrue();
        assertThat(LLAMA.isSpecial(0)).isTrue();
        assertThat(LLAMA.isSpecial(13)).isFalse();
        assertThat(LLAMA.piece(13)).isEqualTo("<0x0A>");
        assertThat(LLAMA.tokenBytes(13, false, false)).containsExactly('\n');
        assertThat(LLAMA.tokenBytes(1, false, false)).isEmpty();
        assertThat(LLAMA.tokenBytes(1, false, true)).isEqualTo("<s>".getBytes());
        assertThat(LLAMA.tokenBytes(15043, true, false)).isEqualTo("Hello".getBytes());
        assertThat(LLAMA.tokenBytes(15043, false, false)).isEqualTo(" Hello".getBytes());
        assertThat(LLAMA.addsBosToken()).isTrue();
        assertThat(LLAMA.addsEosToken()).isFalse();
        // Phi-3: <|end|> and <|endoftext|> end generation; </s> is forced to a control token as llama.cpp does.
        assertThat(PHI3.endOfGenerationTokens()).contains(32000, 32007, 2);
        assertThat(PHI3.isSpecial(2)).isTrue();
        assertThat(PHI3.encode("<|user|>\nHi<|end|>\n<|assistant|>", true, true))
                .startsWith(1, 32010).contains(32007, 32001);
        // Phi-3's special tokens strip the whitespace after them (llama.cpp's rule for models named Phi-3).
        assertThat(PHI3.encode("<|end|>\n hi", false, true)).isEqualTo(PHI3.encode("<|end|>hi", false, true));
        assertThat(PHI3.encode("<|end|>", false, false)).doesNotContain(32007);
        assertThat(MISTRAL.encode("<s>", false, false)).doesNotContain(1);
        assertThat(MISTRAL.encode("<s>", false, true)).containsExactly(1);
        assertThat(MISTRAL.encode("", true, true)).containsExactly(1);
        assertThat(MISTRAL.encode("", false, true)).isEmpty();
    }
}
