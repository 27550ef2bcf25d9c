package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.quantize.QuantizationType;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** random-model: a shape with a synthetic vocabulary, or with a real tokenizer's vocabulary and chat template. */
class RandomModelCommandTest {

    @Test
    void writesAModelWithARealTokenizersVocabularyAndTemplate(@TempDir Path directory) {
        Path model = directory.resolve("small-qwen3.gguf");
        Run written = caracal("random-model", "-o", model.toString(), "--shape", "small", "--arch", "QWEN3",
                "--type", "Q8_0", "--tokenizer", SharedData.require("tokenizers/qwen3/tokenizer.json").toString(),
                "--pre-tokenizer", "qwen2");
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).contains("QWEN3 Q8_0");
        Run inspected = caracal("inspect", model.toString());
        assertThat(inspected.out()).contains("qwen3, 2 layers").contains("vocabulary 151669")
                .contains("tokenizer.chat_template");
        Run tokens = caracal("tokenize", "-m", model.toString(), "<tool_call>", "--no-bos");
        assertThat(tokens.exitCode()).as(tokens.err()).isZero();
        assertThat(tokens.out().strip()).isEqualTo("[151657]");
    }

    @Test
    void aLlamaCppMixGetsQ6KWhereLlamaQuantizeWouldPutIt(@TempDir Path directory) throws Exception {
        // medium: 4 layers; llama.cpp's use_more_bits(i, n): i < n/8, i >= 7n/8, or (i - n/8) % 3 == 2
        Path model = directory.resolve("medium-q4_k_m.gguf");
        Run written = caracal("random-model", "-o", model.toString(), "--shape", "medium", "--type", "q4_k_m");
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).contains("LLAMA Q4_K_M");
        Map<String, QuantFormat> formats = new TreeMap<>();
        try (GgufFile file = GgufFile.open(model)) {
            file.tensors().forEach(tensor -> formats.put(tensor.name(), tensor.format()));
            assertThat(file.metadata().findLong("general.file_type")).contains(15L);
        }
        assertThat(formats).containsEntry("output.weight", QuantFormat.Q6_K)
                .containsEntry("token_embd.weight", QuantFormat.Q4_K)
                .containsEntry("blk.1.attn_q.weight", QuantFormat.Q4_K)
                .containsEntry("blk.2.ffn_gate.weight", QuantFormat.Q4_K);
        for (int layer = 0; layer < 4; layer++) {
            QuantFormat more = QuantizationType.usesMoreBits(layer, 4) ? QuantFormat.Q6_K : QuantFormat.Q4_K;
            assertThat(formats).containsEntry("blk." + layer + ".attn_v.weight", more)
                    .containsEntry("blk." + layer + ".ffn_down.weight", more);
        }
        assertThat(formats.values()).contains(QuantFormat.Q6_K, QuantFormat.Q4_K);
        try (var left = Files.list(directory)) {
            assertThat(left).containsExactly(model);
        }
        Run unknown = caracal("random-model", "-o", directory.resolve("x.gguf").toString(), "--type", "Q3_K_L");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown --type 'Q3_K_L'");
    }

    @Test
    void aMissingTokenizerIsABadOption(@TempDir Path directory) {
        Run run = caracal("random-model", "-o", directory.resolve("x.gguf").toString(), "--shape", "small",
                "--tokenizer", directory.resolve("missing.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--tokenizer: no file");
    }
}
