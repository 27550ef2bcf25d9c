package dev.caracal.formats.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufMetadata;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.gguf.GgufValueType;
import dev.caracal.formats.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Broken vocabularies fail with a {@link ModelFormatException} that names the file and the cause: GGUF metadata,
 * {@code tokenizer.json} and {@code tokenizer.model} alike.
 */
class SentencePieceBadInputTest {

    private static final String NAME = "broken.gguf";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    // GGUF metadata.

    @Test
    void ggufWithoutTokensFails() throws IOException {
        assertGgufFails(values -> values.remove("tokenizer.ggml.tokens"), "has no tokenizer.ggml.tokens");
    }

    @Test
    void ggufWithFewerScoresThanTokensFails() throws IOException {
        assertGgufFails(values -> {
            float[] scores = ((GgufArray) values.get("tokenizer.ggml.scores").value()).floats();
            values.put("tokenizer.ggml.scores", GgufValue.ofArray(
                    new GgufArray(GgufValueType.FLOAT32, Arrays.copyOf(scores, scores.length - 1))));
        }, "tokenizer.ggml.scores has 31999 entries but tokenizer.ggml.tokens has 32000");
    }

    @Test
    void ggufWithMoreTokenTypesThanTokensFails() throws IOException {
        assertGgufFails(values -> {
            int[] types = ((GgufArray) values.get("tokenizer.ggml.token_type").value()).ints();
            values.put("tokenizer.ggml.token_type", GgufValue.ofArray(
                    new GgufArray(GgufValueType.INT32, Arrays.copyOf(types, types.length + 5))));
        }, "tokenizer.ggml.token_type has 32005 entries");
    }

    @Test
    void ggufWithoutScoresFails() throws IOException {
        assertGgufFails(values -> values.remove("tokenizer.ggml.scores"), "has no tokenizer.ggml.scores");
    }

    @Test
    void ggufOfAnotherTokenizerModelFails() throws IOException {
        assertGgufFails(values -> values.put("tokenizer.ggml.model", GgufValue.ofString("gpt2")),
                "tokenizer model 'gpt2' is not a SentencePiece vocabulary");
        assertGgufFails(values -> values.put("tokenizer.ggml.model", GgufValue.ofString("bert")),
                "tokenizer model 'bert'");
        assertGgufFails(values -> values.remove("tokenizer.ggml.model"), "names no tokenizer");
    }

    @Test
    void ggufWithTokensOfTheWrongTypeFails() throws IOException {
        assertGgufFails(values -> values.put("tokenizer.ggml.tokens", GgufValue.ofArray(
                new GgufArray(GgufValueType.INT32, new int[32000]))), "tokenizer.ggml.tokens is an array of INT32");
        assertGgufFails(values -> values.put("tokenizer.ggml.tokens", GgufValue.ofString("<s>")),
                "tokenizer.ggml.tokens is a STRING, not an array");
    }

    @Test
    void ggufWithDuplicateTokenFails() throws IOException {
        assertGgufFails(values -> {
            String[] tokens = ((GgufArray) values.get("tokenizer.ggml.tokens").value()).strings().clone();
            tokens[500] = tokens[400];
            values.put("tokenizer.ggml.tokens", GgufValue.ofArray(new GgufArray(GgufValueType.STRING, tokens)));
        }, "duplicate token in the vocabulary");
    }

    @Test
    void ggufWithSpecialTokenOutsideTheVocabularyFails() throws IOException {
        assertGgufFails(values -> values.put("tokenizer.ggml.bos_token_id", GgufValue.ofUint32(40_000)),
                "tokenizer.ggml.bos_token_id = 40000 is outside the vocabulary of 32000 tokens");
    }

    private static void assertGgufFails(Consumer<Map<String, GgufValue>> breakIt, String cause) throws IOException {
        Map<String, GgufValue> values;
        try (GgufFile file = GgufFile.open(SharedData.require("tokenizer-tests/ggml-vocab-llama-spm.gguf"))) {
            values = new LinkedHashMap<>(file.metadata().asMap());
        }
        breakIt.accept(values);
        assertFails(() -> SentencePieceTokenizer.fromGguf(new GgufMetadata(values), NAME), NAME, cause);
    }

    // tokenizer.json.

    @Test
    void mergeOfAnUnknownPieceFails() throws IOException {
        Path json = brokenJson(root -> ((ArrayNode) root.path("model").path("merges")).add("▁t zzzunknown"));
        assertFails(() -> SentencePieceTokenizer.fromTokenizerJson(json), json.toString(),
                "merge 58980 ('▁t', 'zzzunknown') refers to 'zzzunknown', which is not in model.vocab");
    }

    @Test
    void mergeWhosePairIsNotAPieceFails() throws IOException {
        Path json = brokenJson(root -> ((ArrayNode) root.path("model").path("merges")).insert(0, "▁ zzz"));
        assertThatThrownBy(() -> SentencePieceTokenizer.fromTokenizerJson(json))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("merge 0");
        Path pairs = brokenJson(root -> ((ArrayNode) root.path("model").path("merges")).insertArray(0).add("a"));
        assertFails(() -> SentencePieceTokenizer.fromTokenizerJson(pairs), pairs.toString(),
                "merge 0 [\"a\"] is not two pieces");
        Path spaces = brokenJson(root -> ((ArrayNode) root.path("model").path("merges")).insert(3, "abc"));
        assertFails(() -> SentencePieceTokenizer.fromTokenizerJson(spaces), spaces.toString(),
                "merge 3 \"abc\" is not two pieces separated by one space");
    }

    @Test
    void otherModelTypesFail() throws IOException {
        Path json = brokenJson(root -> ((ObjectNode) root.path("model")).put("type", "Unigram"));
        assertFails(() -> SentencePieceTokenizer.fromTokenizerJson(json), json.toString(),
                "model type 'Unigram' is not BPE");
        Path noModel = brokenJson(root -> ((ObjectNode) root).remove("model"));
        assertFails(() -> SentencePieceTokenizer.fromTokenizerJson(noModel), noModel.toString(),
                "has no \"model\" object");
    }

    @Test
    void missingOrBrokenVocabularyFails() throws IOException {
        Path noVocab = brokenJson(root -> ((ObjectNode) root.path("model")).remove("vocab"));
        assertFails(() -> SentencePieceTokenizer.fromTokenizerJson(noVocab), noVocab.toString(), "model.vocab");
        Path gap = brokenJson(root -> ((ObjectNode) root.path("model").path("vocab")).put("zzznew", 40_000));
        assertFails(() -> SentencePieceTokenizer.fromTokenizerJson(gap), gap.toString(),
                "no piece or added token has id 32000");
        Path badId = brokenJson(root -> ((ObjectNode) root.path("model").path("vocab")).put("zzznew", "seven"));
        assertFails(() -> SentencePieceTokenizer.fromTokenizerJson(badId), badId.toString(),
                "model.vocab[\"zzznew\"] is not a token id");
    }

    @Test
    void unsupportedNormalizerFails() throws IOException {
        Path json = brokenJson(root -> ((ObjectNode) root).putObject("normalizer").put("type", "NFKC"));
        assertFails(() -> SentencePieceTokenizer.fromTokenizerJson(json), json.toString(),
                "normalizer 'NFKC' is not supported");
    }

    @Test
    void truncatedJsonFails() throws IOException {
        Path source = SharedData.require("tokenizers/mistral-v0.1-json/tokenizer.json");
        byte[] bytes = Files.readAllBytes(source);
        Path json = Files.createDirectories(directory.resolve("truncated")).resolve("tokenizer.json");
        Files.write(json, Arrays.copyOf(bytes, bytes.length / 2));
        assertFails(() -> SentencePieceTokenizer.fromTokenizerJson(json), json.toString(), "not valid JSON");
    }

    @Test
    void configNamingAnAbsentBosTokenFails() throws IOException {
        Path json = brokenJson(root -> { });
        Path config = json.resolveSibling("tokenizer_config.json");
        Files.writeString(config, "{\"add_bos_token\": true, \"bos_token\": \"<bos>\"}");
        assertFails(() -> SentencePieceTokenizer.fromTokenizerJson(json), config.toString(),
                "the BOS token '<bos>' is not in the vocabulary");
    }

    private Path brokenJson(Consumer<JsonNode> breakIt) throws IOException {
        JsonNode root = JSON.readTree(SharedData.require("tokenizers/mistral-v0.1-json/tokenizer.json"));
        breakIt.accept(root);
        Path json = Files.createTempDirectory(directory, "json").resolve("tokenizer.json");
        Files.writeString(json, JSON.writeValueAsString(root));
        return json;
    }

    // tokenizer.model.

    @Test
    void truncatedModelFailsWithAnOffset() throws IOException {
        byte[] bytes = Files.readAllBytes(SharedData.require("tokenizers/llama2-spm/tokenizer.model"));
        for (int length : new int[] {1, 2, 7, 1000, bytes.length / 2, bytes.length - 1}) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> SentencePieceModelReader.read("cut.model", truncated))
                    .as("truncated to %d bytes", length)
                    .isInstanceOfSatisfying(ModelFormatException.class, error -> {
                        assertThat(error.file()).isEqualTo("cut.model");
                        assertThat(error.getMessage()).startsWith("cut.model");
                    });
        }
    }

    @Test
    void unigramModelFails() throws IOException {
        byte[] model = model(2, 1);
        Path file = directory.resolve("unigram.model");
        Files.write(file, model);
        assertFails(() -> SentencePieceTokenizer.fromSentencePieceModel(file), file.toString(),
                "the model type is UNIGRAM; only BPE");
        SentencePieceTokenizer bpe = new SentencePieceTokenizer(SentencePieceModelReader.read("bpe", model(2, 2)));
        assertThat(bpe.encode("ab", true, true)).containsExactly(1, 3); // "ab" (-5) before "▁a" (-6), then "▁ab"
        assertThat(bpe.encode("b a", false, false)).containsExactly(4, 6, 8);
        assertThat(bpe.encode("c", false, false)).containsExactly(4, 0); // no byte tokens: unknown
    }

    @Test
    void modelWithoutPiecesOrTrainerFails() {
        assertFails(() -> SentencePieceModelReader.read("empty.model", new byte[0]), "empty.model", "has no pieces");
        assertFails(() -> SentencePieceModelReader.read("text.model", "hello world".getBytes(StandardCharsets.UTF_8)),
                "text.model", "");
    }

    @Property(tries = 300)
    void garbageModelBytesFailOnlyWithModelFormatException(@ForAll @Size(max = 200) byte[] garbage) {
        try {
            new SentencePieceTokenizer(SentencePieceModelReader.read("garbage.model", garbage));
        } catch (ModelFormatException expected) {
            assertThat(expected.getMessage()).startsWith("garbage.model");
        }
    }

    /** A tiny ModelProto: pieces {@code <unk> <s> </s> a b ab ▁} and a trainer_spec of the given model type. */
    private static byte[] model(int typeOfUnk, int modelType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] pieces = {"<unk>", "<s>", "</s>", "▁ab", "▁", "a", "b", "ab", "▁a"};
        int[] types = {typeOfUnk, 3, 3, 1, 1, 1, 1, 1, 1};
        float[] scores = {0, 0, 0, -1, -2, -3, -4, -5, -6};
        for (int i = 0; i < pieces.length; i++) {
            ByteArrayOutputStream piece = new ByteArrayOutputStream();
            byte[] text = pieces[i].getBytes(StandardCharsets.UTF_8);
            piece.write(0x0a);
            piece.write(text.length);
            piece.writeBytes(text);
            piece.write(0x15);
            int bits = Float.floatToIntBits(scores[i]);
            for (int shift = 0; shift < 32; shift += 8) {
                piece.write(bits >>> shift);
            }
            piece.write(0x18);
            piece.write(types[i]);
            out.write(0x0a);
            out.write(piece.size());
            out.writeBytes(piece.toByteArray());
        }
        byte[] trainer = {0x18, (byte) modelType, (byte) 0x98, 0x02, 0x01}; // model_type, byte_fallback = true
        out.write(0x12);
        out.write(trainer.length);
        out.writeBytes(trainer);
        return out.toByteArray();
    }

    private static void assertFails(ThrowingCallable load, String file, String cause) {
        assertThatThrownBy(load).isInstanceOfSatisfying(ModelFormatException.class, error -> {
            assertThat(error.file()).isEqualTo(file);
            assertThat(error.getMessage()).startsWith(file).contains(cause);
        });
    }
}
