package dev.caracal.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class InspectCommandTest {

    @TempDir
    Path temporary;

    /** What one run of the command line printed and returned. */
    public record Run(int exitCode, String out, String err) {
    }

    public static Run caracal(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CaracalCommand.run(arguments, new PrintWriter(out), new PrintWriter(err));
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void inspectsAGgufFile() {
        Path model = SharedData.require("models/stories260K.gguf");
        Run run = caracal("inspect", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("GGUF v3")
                .contains("llama, 5 layers, embedding 64, FFN 172, 8 heads (4 KV, head size 8), vocabulary 512")
                .contains("general.architecture")
                .containsPattern("token_embd.weight +\\[512, 64] +F32 +131,072")
                .contains("Tensors (48)");
    }

    @Test
    void inspectsASafetensorsDirectoryAsJson() {
        Path model = SharedData.require("models/stories260K-hf/config.json").getParent();
        Run run = caracal("inspect", "--json", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        assertThat(report.get("container").asString()).contains("safetensors");
        assertThat(report.get("architecture").get("layers").asInt()).isEqualTo(5);
        // The Hugging Face copy ties the output projection to the embedding; the GGUF stores it as a 48th tensor.
        assertThat(report.get("tensors").size()).isEqualTo(47);
        assertThat(report.get("architecture").get("tiedEmbeddings").asBoolean()).isTrue();
        Run gguf = caracal("inspect", "--json", SharedData.require("models/stories260K.gguf").toString());
        JsonNode ggufReport = JsonMapper.builder().build().readTree(gguf.out());
        assertThat(report.get("parameterCount").asLong())
                .isEqualTo(ggufReport.get("parameterCount").asLong() - 512 * 64);
        for (String field : new String[] {"name", "embeddingLength", "feedForwardLength", "heads", "kvHeads",
            "headSize", "vocabularySize", "ropeFrequencyBase", "rmsNormEpsilon"}) {
            assertThat(report.get("architecture").get(field)).as(field)
                    .isEqualTo(ggufReport.get("architecture").get(field));
        }
    }

    @Test
    void inspectsAGgufThatHoldsNoModel() {
        Path vocabulary = SharedData.require("tokenizer-tests/ggml-vocab-phi-3.gguf");
        Run run = caracal("inspect", vocabulary.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("no model summary").contains("tokenizer.ggml.tokens").contains("Tensors (0)");
    }

    @Test
    void aDamagedFileGivesOneLineAndANonZeroExit() throws Exception {
        byte[] bytes = Files.readAllBytes(SharedData.require("models/stories260K.gguf"));
        Path truncated = temporary.resolve("truncated.gguf");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, 5000));
        Run run = caracal("inspect", truncated.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("truncated.gguf at byte offset").contains("truncated");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingFileIsReportedPlainly() {
        Run run = caracal("inspect", temporary.resolve("nothing.gguf").toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("no such file").doesNotContain("\tat ");
    }

    @Test
    void helpListsCommandsAndOptions() {
        Run help = caracal("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("inspect").contains("--version");
        Run inspectHelp = caracal("inspect", "--help");
        assertThat(inspectHelp.out()).contains("--json").contains("FILE|DIR");
        Run usage = caracal("inspect");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required parameter");
    }
}
