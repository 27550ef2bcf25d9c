package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
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
