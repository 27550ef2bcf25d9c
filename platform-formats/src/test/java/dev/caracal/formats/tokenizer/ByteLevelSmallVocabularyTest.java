package dev.caracal.formats.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufMetadata;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.gguf.GgufValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hand-made vocabulary (the 256 byte tokens and a few merges) through both readers: GPT-2's ByteLevel
 * pre-tokenizer, templates and tokenizer_config.json, and every kind of bad input failing with the file and the cause.
 */
class ByteLevelSmallVocabularyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    /** tokenizer.json as nested maps, to be changed by each test before writing. */
    private static Map<String, Object> tokenizerJson() {
        Map<String, Object> vocab = new LinkedHashMap<>();
        for (int value = 0; value < 256; value++) {
            vocab.put(String.valueOf(ByteLevelAlphabet.character(value)), value);
        }
        vocab.put("he", 256);
        vocab.put("Ġt", 257);
        vocab.put("Ġthe", 258);
        vocab.put("ll", 259);
        vocab.put("llo", 260);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("vocab", vocab);
        model.put("merges", new ArrayList<>(List.of("h e", "Ġ t", "Ġt he", List.of("l", "l"), "ll o")));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model);
        root.put("added_tokens", List.of(
                added(261, "<s>", true), added(262, "</s>", true), added(263, "<tool>", false)));
        root.put("normalizer", null);
        root.put("pre_tokenizer", Map.of("type", "ByteLevel", "add_prefix_space", false, "use_regex", true));
        root.put("post_processor", Map.of("type", "TemplateProcessing",
                "single", List.of(Map.of("SpecialToken", Map.of("id", "<s>", "type_id", 0)),
                        Map.of("Sequence", Map.of("id", "A", "type_id", 0))),
                "special_tokens", Map.of("<s>", Map.of("id", "<s>", "ids", List.of(261), "tokens", List.of("<s>")))));
        root.put("decoder", Map.of("type", "ByteLevel"));
        return root;
    }

    private static Map<String, Object> added(int id, String content, boolean special) {
        return Map.of("id", id, "content", content, "special", special, "lstrip", false, "rstrip", false,
                "single_word", false, "normalized", false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> model(Map<String, Object> root) {
        return (Map<String, Object>) root.get("model");
    }

    private Path write(Map<String, Object> root) throws IOException {
        Path path = directory.resolve("tokenizer.json");
        Files.writeString(path, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
        return path;
    }

    private ByteLevelBpeTokenizer load(Consumer<Map<String, Object>> change) throws IOException {
        Map<String, Object> root = tokenizerJson();
        change.accept(root);
        return ByteLevelBpeTokenizer.fromTokenizerJson(write(root));
    }

    @Test
    void mergesInRankOrderAndAddsTheTemplatesTokens() throws IOException {
        ByteLevelBpeTokenizer tokenizer = load(root -> { });
        assertThat(tokenizer.vocabularySize()).isEqualTo(264);
        assertThat(tokenizer.encode(" the hello", false, false)).containsExactly(258, 32, 256, 260);
        assertThat(tokenizer.encode(" the hello", true, true)).containsExactly(261, 258, 32, 256, 260);
        assertThat(tokenizer.encode("<s><tool>x", false, false)).as("only the non-special added token is matched")
                .containsExactly('<', 's', '>', 263, 'x');
        assertThat(tokenizer.encode("<s><tool>x", false, true)).containsExactly(261, 263, 'x');
        assertThat(tokenizer.bosToken()).hasValue(261);
        assertThat(tokenizer.isSpecial(261)).isTrue();
        assertThat(tokenizer.isSpecial(263)).isFalse();
        assertThat(tokenizer.piece(258)).isEqualTo("Ġthe");
        assertThat(tokenizer.decode(new int[] {261, 258, 263}, false)).isEqualTo(" the<tool>");
        assertThat(tokenizer.decode(new int[] {261, 258, 263}, true)).isEqualTo("<s> the<tool>");
        assertThat(tokenizer.tokenBytes(10_000, false, true)).as("ids outside the vocabulary").isEmpty();
    }

    @Test
    void tokenizerConfigDecidesBosAndEos() throws IOException {
        Files.writeString(directory.resolve("tokenizer_config.json"),
                "{\"bos_token\": \"<s>\", \"eos_token\": {\"content\": \"</s>\"}, \"add_bos_token\": false,"
                        + " \"add_eos_token\": true}");
        ByteLevelBpeTokenizer tokenizer = load(root -> { });
        assertThat(tokenizer.encode(" the", true, true)).containsExactly(258, 262);
        assertThat(tokenizer.eosToken()).hasValue(262);
        assertThat(tokenizer.endOfGenerationTokens()).containsExactly(262);
    }

    @Test
    void byteLevelAddPrefixSpacePutsASpaceBeforeEachText() throws IOException {
        ByteLevelBpeTokenizer tokenizer = load(root -> root.put("pre_tokenizer",
                Map.of("type", "ByteLevel", "add_prefix_space", true, "use_regex", true)));
        assertThat(tokenizer.encode("the", false, false)).containsExactly(258);
        assertThat(tokenizer.encode(" the", false, false)).containsExactly(258);
    }

    @Test
    void ggufVocabularyWithGpt2AndDefaultPreTokenizers() {
        ByteLevelBpeTokenizer gpt2 = ByteLevelBpeTokenizer.fromGguf(gguf(Map.of()), "small.gguf");
        assertThat(gpt2.preTokenizer()).isEqualTo(ByteLevelPreTokenizer.GPT2);
        assertThat(gpt2.encode(" the hello", false, false)).containsExactly(258, 32, 256, 260);
        assertThat(gpt2.encode("<s> the", true, false)).as("control tokens need parseSpecial")
                .containsExactly('<', 's', '>', 258);
        assertThat(gpt2.encode("<s> the", true, true)).containsExactly(261, 258);
        assertThat(gpt2.decode(new int[] {261, 258, 262}, false)).isEqualTo(" the");
        assertThat(gpt2.endOfGenerationTokens()).containsExactly(262);

        Map<String, GgufValue> noPre = new LinkedHashMap<>(ggufValues(Map.of()));
        noPre.remove(ByteLevelGgufReader.PRE);
        ByteLevelBpeTokenizer defaulted = ByteLevelBpeTokenizer.fromGguf(new GgufMetadata(noPre), "small.gguf");
        assertThat(defaulted.preTokenizer()).isEqualTo(ByteLevelPreTokenizer.LLAMA_CPP_DEFAULT);

        ByteLevelBpeTokenizer llama = ByteLevelBpeTokenizer.fromGguf(
                gguf(Map.of(ByteLevelGgufReader.PRE, GgufValue.ofString("llama-bpe"))), "small.gguf");
        assertThat(llama.encode(" the", true, false)).as("llama-bpe adds BOS unless the file says otherwise")
                .containsExactly(261, 258);
    }

    // --- bad input ---

    @Test
    void unknownModelTypeIsRefusedNamingIt() {
        assertBadJson(root -> model(root).put("type", "WordPiece"), "WordPiece");
    }

    @Test
    void unsupportedPreTokenizersAreRefusedNamingThem() {
        assertBadJson(root -> root.put("pre_tokenizer", Map.of("type", "Metaspace")), "Metaspace");
        assertBadJson(root -> root.put("pre_tokenizer", null), "no pre_tokenizer");
        assertBadJson(root -> root.put("pre_tokenizer", Map.of("type", "Sequence", "pretokenizers", List.of(
                Map.of("type", "Split", "pattern", Map.of("Regex", "\\w+|\\s+"), "behavior", "Isolated",
                        "invert", false),
                Map.of("type", "ByteLevel", "add_prefix_space", false, "use_regex", false)))), "\\w+|\\s+");
        assertBadJson(root -> root.put("normalizer", Map.of("type", "NFKC")), "NFKC");
    }

    @Test
    void mergesNamingUnknownTokensAreRefused() {
        assertBadJson(root -> ((List<Object>) model(root).get("merges")).add("q zz"), "'zz'");
        assertBadJson(root -> ((List<Object>) model(root).get("merges")).add("x y"), "'xy'");
        assertBadJson(root -> ((List<Object>) model(root).get("merges")).add("xy"), "not two tokens");
    }

    @Test
    void vocabularyWithoutEveryByteIsRefused() {
        assertBadJson(root -> ((Map<?, ?>) model(root).get("vocab")).remove("Ā"), "byte 0x0");
    }

    @Test
    void invalidJsonIsRefusedWithItsOffset() throws IOException {
        Path path = directory.resolve("tokenizer.json");
        Files.writeString(path, "{\"model\": {\"type\": \"BPE\",, }");
        assertThatThrownBy(() -> ByteLevelBpeTokenizer.fromTokenizerJson(path))
                .isInstanceOfSatisfying(ModelFormatException.class, failure -> {
                    assertThat(failure.file()).isEqualTo(path.toString());
                    assertThat(failure.byteOffset()).isGreaterThan(0);
                });
    }

    @Test
    void ggufWithAnotherTokenizerModelIsRefused() {
        assertBadGguf(Map.of(ByteLevelGgufReader.MODEL, GgufValue.ofString("llama")), "'llama'");
    }

    @Test
    void ggufWithAnUnknownPreTokenizerIsRefusedNamingTheKnownOnes() {
        assertBadGguf(Map.of(ByteLevelGgufReader.PRE, GgufValue.ofString("jais-unknown")),
                "'jais-unknown'", "llama-bpe", "qwen2", "deepseek-r1-qwen", "gpt-2", "default");
    }

    @Test
    void ggufMergesNamingUnknownTokensAreRefused() {
        assertBadGguf(Map.of(ByteLevelGgufReader.MERGES, strings("h e", "q zz")), "'zz'", "entry 1");
    }

    @Test
    void ggufTokenTypeCountMustMatchTheTokens() {
        assertBadGguf(Map.of(ByteLevelGgufReader.TOKEN_TYPE,
                GgufValue.ofArray(new GgufArray(GgufValueType.INT32, new int[10]))), "10 entries", "264");
    }

    @Test
    void ggufSpecialTokenIdsMustBeInTheVocabulary() {
        assertBadGguf(Map.of(ByteLevelGgufReader.BOS, GgufValue.ofUint32(70_000)), "70000", "bos_token_id");
        Map<String, GgufValue> noTokens = new LinkedHashMap<>(ggufValues(Map.of()));
        noTokens.remove(ByteLevelGgufReader.TOKENS);
        assertThatThrownBy(() -> ByteLevelBpeTokenizer.fromGguf(new GgufMetadata(noTokens), "bad.gguf"))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("no tokenizer.ggml.tokens");
    }

    private void assertBadJson(Consumer<Map<String, Object>> change, String... expectedInMessage) {
        Map<String, Object> root = tokenizerJson();
        change.accept(root);
        assertThatThrownBy(() -> ByteLevelBpeTokenizer.fromTokenizerJson(write(root)))
                .isInstanceOfSatisfying(ModelFormatException.class, failure -> {
                    assertThat(failure.file()).endsWith("tokenizer.json");
                    assertThat(failure.getMessage()).contains(expectedInMessage);
                });
    }

    private static void assertBadGguf(Map<String, GgufValue> changes, String... expectedInMessage) {
        assertThatThrownBy(() -> ByteLevelBpeTokenizer.fromGguf(gguf(changes), "bad.gguf"))
                .isInstanceOfSatisfying(ModelFormatException.class, failure -> {
                    assertThat(failure.file()).isEqualTo("bad.gguf");
                    assertThat(failure.getMessage()).contains(expectedInMessage);
                });
    }

    /** The small vocabulary as GGUF metadata (pre-tokenizer gpt-2), with {@code changes} applied. */
    private static GgufMetadata gguf(Map<String, GgufValue> changes) {
        return new GgufMetadata(ggufValues(changes));
    }

    private static Map<String, GgufValue> ggufValues(Map<String, GgufValue> changes) {
        String[] tokens = new String[264];
        int[] types = new int[264];
        for (int value = 0; value < 256; value++) {
            tokens[value] = String.valueOf(ByteLevelAlphabet.character(value));
            types[value] = ByteLevelGgufReader.NORMAL;
        }
        String[] more = {"he", "Ġt", "Ġthe", "ll", "llo", "<s>", "</s>", "<tool>"};
        for (int i = 0; i < more.length; i++) {
            tokens[256 + i] = more[i];
            types[256 + i] = i < 5 ? ByteLevelGgufReader.NORMAL
                    : i < 7 ? ByteLevelGgufReader.CONTROL : ByteLevelGgufReader.USER_DEFINED;
        }
        Map<String, GgufValue> values = new LinkedHashMap<>();
        values.put(ByteLevelGgufReader.MODEL, GgufValue.ofString("gpt2"));
        values.put(ByteLevelGgufReader.PRE, GgufValue.ofString("gpt-2"));
        values.put(ByteLevelGgufReader.TOKENS, GgufValue.ofArray(new GgufArray(GgufValueType.STRING, tokens)));
        values.put(ByteLevelGgufReader.TOKEN_TYPE, GgufValue.ofArray(new GgufArray(GgufValueType.INT32, types)));
        values.put(ByteLevelGgufReader.MERGES, strings("h e", "Ġ t", "Ġt he", "l l", "ll o"));
        values.put(ByteLevelGgufReader.BOS, GgufValue.ofUint32(261));
        values.put(ByteLevelGgufReader.EOS, GgufValue.ofUint32(262));
        values.putAll(changes);
        return values;
    }

    private static GgufValue strings(String... values) {
        return GgufValue.ofArray(new GgufArray(GgufValueType.STRING, values));
    }
}
