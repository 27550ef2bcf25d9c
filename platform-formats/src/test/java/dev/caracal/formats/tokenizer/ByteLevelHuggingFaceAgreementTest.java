package dev.caracal.formats.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Agreement with Hugging Face tokenizers (the Rust library, through DJL) on generated strings: the same ids with and
 * without special tokens added, and the same decoded text with and without special tokens rendered.
 */
class ByteLevelHuggingFaceAgreementTest {

    private static final int STRINGS = 10_000;
    private static final int SHOWN_FAILURES = 5;

    @TempDir
    static Path directory;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {ByteLevelTestSupport.LLAMA3, ByteLevelTestSupport.QWEN3})
    void encodeAndDecodeAgreeOnGeneratedStrings(String tokenizerJson) throws IOException {
        ByteLevelBpeTokenizer ours = ByteLevelTestSupport.fromJson(tokenizerJson);
        ByteLevelRandomText generator = new ByteLevelRandomText(
                tokenizerJson.hashCode(), ours.addedTokens().stream().map(AddedToken::content).toList());
        List<String> failures = new ArrayList<>();
        int differing = 0;
        try (HuggingFaceTokenizer reference = reference(tokenizerJson)) {
            for (int i = 0; i < STRINGS; i++) {
                String text = generator.next();
                String failure = compare(ours, reference, text, text);
                if (failure != null) {
                    differing++;
                    if (failures.size() < SHOWN_FAILURES) {
                        failures.add(failure);
                    }
                }
            }
        }
        assertThat(failures).as("%d of %d strings differ from Hugging Face; the first ones:", differing, STRINGS)
                .isEmpty();
    }

    /** Words longer than {@link ByteLevelMergeTable#LINEAR_LIMIT} bytes are merged through the heap. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {ByteLevelTestSupport.LLAMA3, ByteLevelTestSupport.QWEN3})
    void longWordsAgree(String tokenizerJson) throws IOException {
        ByteLevelBpeTokenizer ours = ByteLevelTestSupport.fromJson(tokenizerJson);
        SplittableRandom random = new SplittableRandom(13);
        String[] units = {"a", "ab", "abc", "the", "=", "-", "\u4e00", "\ud83e\udd99", "e\u0301", " ", "\n", "xyz"};
        List<String> failures = new ArrayList<>();
        try (HuggingFaceTokenizer reference = reference(tokenizerJson)) {
            for (int i = 0; i < 300; i++) {
                StringBuilder text = new StringBuilder();
                int length = ByteLevelMergeTable.LINEAR_LIMIT / 2 + random.nextInt(3_000);
                if (random.nextBoolean()) {
                    String unit = units[random.nextInt(units.length)];
                    while (text.length() < length) {
                        text.append(unit);
                    }
                } else {
                    while (text.length() < length) {
                        text.append((char) ('a' + random.nextInt(26)));
                    }
                }
                String failure = compare(ours, reference, text.toString(), text.toString());
                if (failure != null && failures.size() < SHOWN_FAILURES) {
                    failures.add(failure.length() > 2_000 ? failure.substring(0, 2_000) + "..." : failure);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {ByteLevelTestSupport.LLAMA3, ByteLevelTestSupport.QWEN3})
    void unpairedSurrogatesEncodeAsReplacementCharacters(String tokenizerJson) throws IOException {
        ByteLevelBpeTokenizer ours = ByteLevelTestSupport.fromJson(tokenizerJson);
        ByteLevelRandomText generator = new ByteLevelRandomText(7, List.of());
        List<String> failures = new ArrayList<>();
        try (HuggingFaceTokenizer reference = reference(tokenizerJson)) {
            for (int i = 0; i < 1_000; i++) {
                String text = generator.nextWithUnpairedSurrogates();
                assertThatCode(() -> ours.encode(text, true, true)).doesNotThrowAnyException();
                String failure = compare(ours, reference, text, replaceUnpairedSurrogates(text));
                if (failure != null && failures.size() < SHOWN_FAILURES) {
                    failures.add(failure);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Random ids make invalid UTF-8 (characters cut by byte tokens, surrogate and overlong encodings): the tokens'
     * bytes, with each maximal invalid subpart replaced by one U+FFFD as Rust's from_utf8_lossy does, are Hugging
     * Face's decoded text. {@link Tokenizer#decode} agrees too except where the JDK's UTF-8 decoder replaces an
     * invalid sequence differently from Rust (ED A0..BF, surrogates; E0 80..9F and F0 80..8F, overlong; F4 90..BF):
     * it then gives fewer U+FFFD than Hugging Face, a difference of the shared StreamingDetokenizer, not of this
     * tokenizer's bytes.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {ByteLevelTestSupport.LLAMA3, ByteLevelTestSupport.QWEN3})
    void randomTokenSequencesDecodeAsHuggingFaceDecodesThem(String tokenizerJson) throws IOException {
        ByteLevelBpeTokenizer ours = ByteLevelTestSupport.fromJson(tokenizerJson);
        SplittableRandom random = new SplittableRandom(11);
        List<String> failures = new ArrayList<>();
        List<String> decoderDifferences = new ArrayList<>();
        try (HuggingFaceTokenizer reference = reference(tokenizerJson)) {
            for (int i = 0; i < 2_000; i++) {
                int[] ids = new int[1 + random.nextInt(12)];
                for (int j = 0; j < ids.length; j++) {
                    // mostly byte tokens (which split characters), some of everything
                    ids[j] = random.nextInt(3) == 0 ? random.nextInt(ours.vocabularySize()) : random.nextInt(256);
                }
                long[] longIds = Arrays.stream(ids).asLongStream().toArray();
                for (boolean render : new boolean[] {false, true}) {
                    String expected = reference.decode(longIds, !render);
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    for (int id : ids) {
                        bytes.writeBytes(ours.tokenBytes(id, false, render));
                    }
                    String fromBytes = Utf8.decodeLossy(bytes.toByteArray());
                    if (!expected.equals(fromBytes) && failures.size() < SHOWN_FAILURES) {
                        failures.add(ByteLevelTestSupport.ids(ids) + " render " + render + "\n  expected "
                                + ByteLevelTestSupport.escape(expected) + "\n  actual   "
                                + ByteLevelTestSupport.escape(fromBytes));
                    }
                    String decoded = ours.decode(ids, render);
                    boolean jdkDecodesDifferently = !new String(bytes.toByteArray(), StandardCharsets.UTF_8)
                            .equals(fromBytes);
                    if (!decoded.equals(expected) && !jdkDecodesDifferently) {
                        decoderDifferences.add(ByteLevelTestSupport.ids(ids) + ": "
                                + ByteLevelTestSupport.escape(decoded) + " vs " + ByteLevelTestSupport.escape(expected));
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(decoderDifferences).isEmpty();
    }



    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {ByteLevelTestSupport.LLAMA3, ByteLevelTestSupport.QWEN3})
    void ggufWrittenFromTokenizerJsonEncodesTheSame(String tokenizerJson) throws IOException {
        ByteLevelBpeTokenizer fromJson = ByteLevelTestSupport.fromJson(tokenizerJson);
        String pre = tokenizerJson.equals(ByteLevelTestSupport.LLAMA3) ? "llama-bpe" : "qwen2";
        ByteLevelBpeTokenizer fromGguf = ByteLevelTestSupport.fromGgufFile(
                ByteLevelTestSupport.writeGguf(SharedData.require(tokenizerJson), pre, directory));
        assertThat(fromGguf.vocabularySize()).isEqualTo(fromJson.vocabularySize());
        ByteLevelRandomText generator = new ByteLevelRandomText(
                3, fromJson.addedTokens().stream().map(AddedToken::content).toList());
        for (int i = 0; i < 2_000; i++) {
            String text = generator.next();
            assertThat(fromGguf.encode(text, false, true)).as(ByteLevelTestSupport.escape(text))
                    .containsExactly(fromJson.encode(text, false, true));
        }
        assertThat(fromGguf.eosToken()).isEqualTo(fromJson.eosToken());
        assertThat(fromGguf.endOfGenerationTokens()).containsAll(fromJson.endOfGenerationTokens());
    }

    /** Null when both agree, else a description of the first difference. */
    private static String compare(ByteLevelBpeTokenizer ours, HuggingFaceTokenizer reference, String text,
            String referenceText) {
        for (boolean addSpecial : new boolean[] {false, true}) {
            long[] expected = reference.encode(referenceText, addSpecial, false).getIds();
            int[] actual = ours.encode(text, addSpecial, true);
            if (!Arrays.equals(Arrays.stream(actual).asLongStream().toArray(), expected)) {
                return ByteLevelTestSupport.escape(text) + " addSpecial " + addSpecial + "\n  expected "
                        + Arrays.toString(expected) + "\n  actual   " + ByteLevelTestSupport.ids(actual);
            }
            for (boolean render : new boolean[] {false, true}) {
                String expectedText = reference.decode(expected, !render);
                String actualText = ours.decode(actual, render);
                if (!expectedText.equals(actualText)) {
                    return ByteLevelTestSupport.escape(text) + " decode, render " + render + "\n  expected "
                            + ByteLevelTestSupport.escape(expectedText) + "\n  actual   "
                            + ByteLevelTestSupport.escape(actualText);
                }
            }
        }
        return null;
    }

    private static HuggingFaceTokenizer reference(String tokenizerJson) throws IOException {
        return HuggingFaceTokenizer.newInstance(SharedData.require(tokenizerJson),
                Map.of("truncation", "false", "padding", "false"));
    }

    private static String replaceUnpairedSurrogates(String text) {
        StringBuilder replaced = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                replaced.append(c).append(text.charAt(++i));
            } else {
                replaced.append(Character.isSurrogate(c) ? '\ufffd' : c);
            }
        }
        return replaced.toString();
    }
}
