package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import dev.caracal.formats.testing.RandomModels;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code caracal quantize} on stories260K and a random model whose rows are whole 256-blocks. */
class QuantizeCommandTest {

    @TempDir
    Path temporary;

    @Test
    void reportsFallbacksAndASummary() throws Exception {
        String stories = SharedData.require("models/stories260K.gguf").toString();
        Path output = temporary.resolve("q4.gguf");
        Run run = caracal("quantize", stories, output.toString(), "q4_0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("fallback: blk.0.ffn_down.weight [172 x 64] rows of 172 are not whole Q4_0 blocks of 32;"
                        + " wrote F16")
                .contains("fallback: output.weight [64 x 512] rows of 64 are not whole Q6_K blocks of 256; wrote Q8_0")
                .contains("(Q4_0, file type 2)")
                .containsPattern("Q4_0 +[0-9]+ tensors +[0-9,]+ weights +4.500 bits/weight")
                .containsPattern("F16 +5 tensors")
                .containsPattern("size +[0-9,]+ -> [0-9,]+ bytes of tensors \\(32.000 -> [0-9.]+ bits/weight\\)");
        assertThat(Files.size(output)).isPositive();
    }

    @Test
    void jsonListsEveryTensorAndOverridesApply() throws Exception {
        Path model = RandomModels.file(Spec.small().withSizes(256, 8, 768));
        Run run = caracal("quantize", model.toString(), temporary.resolve("m.gguf").toString(), "Q4_K_M",
                "--tensor-type", "ffn_up=Q8_0", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        assertThat(report.get("file_type").asInt()).isEqualTo(15);
        assertThat(report.get("fallbacks")).isEmpty();
        for (JsonNode tensor : report.get("tensors")) {
            String name = tensor.get("name").asString();
            String type = tensor.get("type").asString();
            if (name.equals("output.weight") || name.equals("blk.7.attn_v.weight")
                    || name.equals("blk.3.ffn_down.weight")) {
                assertThat(type).as(name).isEqualTo("Q6_K");
            } else if (name.contains("ffn_up")) {
                assertThat(type).as(name).isEqualTo("Q8_0");
                assertThat(tensor.get("reason").asString()).isEqualTo("override");
            } else if (name.equals("blk.1.attn_v.weight") || name.equals("blk.1.attn_q.weight")) {
                assertThat(type).as(name).isEqualTo("Q4_K");
            }
        }
    }

    @Test
    void anImportanceMatrixIsUsedAndReported() throws Exception {
        String stories = SharedData.require("models/stories260K.gguf").toString();
        Path imatrix = temporary.resolve("imatrix.gguf");
        Run collect = caracal("imatrix", stories, "-o", imatrix.toString(), "--self-sample", "256", "-c", "128",
                "-t", "2");
        assertThat(collect.exitCode()).as(collect.err()).isZero();

        Run text = caracal("quantize", stories, temporary.resolve("q5.gguf").toString(), "Q5_0", "--imatrix",
                imatrix.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        // Five layers of q, k, v, output, gate and up take Q5_0 with importance; ffn_down falls back to F16 and
        // output.weight to Q8_0, which ignore it; token_embd is never multiplied, so the matrix has no entry for it.
        assertThat(text.out())
                .contains("imatrix: no entry for token_embd.weight; quantized without importance")
                .contains("imatrix: " + imatrix + " (36 entries, used for 30 tensors)");

        Run json = caracal("quantize", stories, temporary.resolve("q4.gguf").toString(), "Q4_0", "--imatrix",
                imatrix.toString(), "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(json.out());
        JsonNode summary = report.get("imatrix");
        assertThat(summary.get("file").asString()).isEqualTo(imatrix.toString());
        assertThat(summary.get("entries").asInt()).isEqualTo(36);
        assertThat(summary.get("used").asInt()).isEqualTo(30);
        assertThat(summary.get("missing")).hasSize(1);
        assertThat(summary.get("missing").get(0).asString()).isEqualTo("token_embd.weight");
        for (JsonNode tensor : report.get("tensors")) {
            String name = tensor.get("name").asString();
            String expected = name.contains("norm") ? "none"
                    : name.equals("token_embd.weight") ? "no_entry"
                    : name.contains("ffn_down") || name.equals("output.weight") ? "ignored_by_format" : "used";
            assertThat(tensor.get("imatrix").asString()).as(name).isEqualTo(expected);
        }

        Path garbage = Files.writeString(temporary.resolve("garbage.dat"), "not an importance matrix at all");
        Run bad = caracal("quantize", stories, temporary.resolve("x.gguf").toString(), "Q4_0", "--imatrix",
                garbage.toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("caracal quantize: " + garbage)
                .contains("neither a GGUF file nor llama.cpp's legacy imatrix layout").doesNotContain("\tat ");

        Path other = RandomModels.file(Spec.small().withSizes(256, 8, 768));
        Path otherImatrix = temporary.resolve("other.gguf");
        assertThat(caracal("imatrix", other.toString(), "-o", otherImatrix.toString(), "--self-sample", "64", "-c",
                "32").exitCode()).isZero();
        Run mismatch = caracal("quantize", stories, temporary.resolve("y.gguf").toString(), "Q4_0", "--imatrix",
                otherImatrix.toString());
        assertThat(mismatch.exitCode()).isNotZero();
        assertThat(mismatch.err().strip()).isEqualTo("caracal quantize: imatrix entry output.weight has 256 values, but"
                + " tensor output.weight [64 x 512] needs 64 (one per column); was the importance matrix computed for"
                + " another model?");
        assertThat(temporary.resolve("y.gguf")).doesNotExist();
    }

    @Test
    void convertsAHuggingFaceDirectory() throws Exception {
        Path directory = SharedData.require("models/stories260K-hf/config.json").getParent();
        Path output = temporary.resolve("stories-q8_0.gguf");
        Run run = caracal("quantize", directory.toString(), output.toString(), "Q8_0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("wrote " + output + " (Q8_0, file type 7) from " + directory)
                .contains("fallback: blk.0.ffn_down.weight [172 x 64] rows of 172 are not whole Q8_0 blocks of 32;"
                        + " wrote F16")
                .containsPattern("Q8_0 +[0-9]+ tensors");
        try (GgufFile written = GgufFile.open(output)) {
            assertThat(written.metadata().findString("tokenizer.ggml.model")).contains("llama");
            assertThat(written.metadata().findLong("llama.block_count")).contains(5L);
        }

        Run help = caracal("quantize", "--help");
        assertThat(help.out()).contains("A Hugging Face directory (config.json").contains("convert_hf_to_gguf.py");
    }

    @Test
    void aHuggingFaceDirectoryWithoutConfigOrTokenizerIsALineAndExitOne() throws Exception {
        Path stories = SharedData.require("models/stories260K-hf/config.json").getParent();
        Path directory = Files.createDirectory(temporary.resolve("incomplete"));
        Files.copy(stories.resolve("model.safetensors"), directory.resolve("model.safetensors"));
        Path output = temporary.resolve("out.gguf");

        Run noConfig = caracal("quantize", directory.toString(), output.toString(), "Q8_0");
        assertThat(noConfig.exitCode()).isEqualTo(1);
        assertThat(noConfig.err().strip())
                .isEqualTo("caracal quantize: no such file: " + directory.resolve("config.json"));

        Files.copy(stories.resolve("config.json"), directory.resolve("config.json"));
        Run noTokenizer = caracal("quantize", directory.toString(), output.toString(), "Q8_0");
        assertThat(noTokenizer.exitCode()).isEqualTo(1);
        assertThat(noTokenizer.err().strip())
                .isEqualTo("caracal quantize: no such file: " + directory.resolve("tokenizer.json"));
        assertThat(output).doesNotExist();
    }

    @Test
    void badInputsExitNonZeroWithAMessage() throws Exception {
        String stories = SharedData.require("models/stories260K.gguf").toString();
        Path q4 = temporary.resolve("q4.gguf");
        assertThat(caracal("quantize", stories, q4.toString(), "Q4_0").exitCode()).isZero();

        Run requantize = caracal("quantize", q4.toString(), temporary.resolve("x.gguf").toString(), "Q8_0");
        assertThat(requantize.exitCode()).isNotZero();
        assertThat(requantize.err().strip())
                .isEqualTo("caracal quantize: q4.gguf is Q4_0 already; quantize from F32, F16 or BF16");

        Run missing = caracal("quantize", temporary.resolve("none.gguf").toString(), "out.gguf", "Q8_0");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("no such file: ").doesNotContain("Exception");

        Run unknown = caracal("quantize", stories, "out.gguf", "Q9_9");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("unknown TYPE 'Q9_9'; use one of F32, F16, BF16").doesNotContain("at dev.");

        Run badRule = caracal("quantize", stories, "out.gguf", "Q8_0", "--tensor-type", "ffn_down");
        assertThat(badRule.exitCode()).isNotZero();
        assertThat(badRule.err()).contains("is not PATTERN=TYPE");
        assertThat(Files.exists(Path.of("out.gguf"))).isFalse();
    }
}
