package dev.caracal.formats.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The newer Llama/Mistral {@code tokenizer.json} layout, a {@code Metaspace} pre-tokenizer and decoder instead of the
 * Prepend/Replace normalizer, agrees with Hugging Face tokenizers for each prepend scheme and with or without splitting
 * on ▁ (Mistral's vocabulary rewritten that way).
 */
class SentencePieceMetaspaceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @ParameterizedTest(name = "prepend_scheme {0}, split {1}")
    @CsvSource({"first, false", "always, true", "always, false", "never, false"})
    void metaspaceVariantsAgreeWithHuggingFace(String scheme, boolean split) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(
                SharedData.require("tokenizers/mistral-v0.1-json/tokenizer.json"));
        root.putNull("normalizer");
        ObjectNode preTokenizer = root.putObject("pre_tokenizer");
        preTokenizer.put("type", "Metaspace").put("replacement", "▁").put("prepend_scheme", scheme)
                .put("split", split);
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "Sequence");
        decoder.putArray("decoders")
                .add(JSON.createObjectNode().put("type", "Metaspace").put("replacement", "▁")
                        .put("prepend_scheme", scheme).put("split", split))
                .add(JSON.createObjectNode().put("type", "ByteFallback"))
                .add(JSON.createObjectNode().put("type", "Fuse"));
        Path json = Files.createDirectories(directory.resolve(scheme + split)).resolve("tokenizer.json");
        Files.writeString(json, JSON.writeValueAsString(root));

        SentencePieceTokenizer caracal = SentencePieceTokenizer.fromTokenizerJson(json);
        try (HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(json,
                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"))) {
            List<String> failures = SentencePieceHuggingFaceAgreementTest.compare(caracal, reference,
                    new SentencePieceRandomText(scheme.hashCode() + (split ? 1 : 0)), 1000);
            assertThat(failures).as("strings where Caracal and Hugging Face differ (first few)").isEmpty();
        }
    }
}
