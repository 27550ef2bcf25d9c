package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code caracal imatrix} on stories260K. */
class ImatrixCommandTest {

    @TempDir
    static Path temporary;

    private static String model;

    @BeforeAll
    static void find() {
        model = SharedData.require("models/stories260K.gguf").toString();
    }

    @Test
    void writesTheSameImatrixTwiceForTheSameSeed() throws Exception {
        Path first = temporary.resolve("first.gguf");
        Path second = temporary.resolve("second.gguf");
        Run run = caracal("imatrix", model, "-o", first.toString(), "--self-sample", "256", "--seed", "3", "-c", "128",
                "-t", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("256 tokens, 2 chunks of 128").contains("wrote " + first);
        Run again = caracal("imatrix", model, "-o", second.toString(), "--self-sample", "256", "--seed", "3", "-c",
                "128", "--chunks", "2");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        try (GgufFile gguf = GgufFile.open(first)) {
            assertThat(gguf.metadata().findString("general.type")).contains("imatrix");
            assertThat(gguf.metadata().findLong("imatrix.chunk_count")).contains(2L);
            assertThat(gguf.metadata().findLong("imatrix.chunk_size")).contains(128L);
            assertThat(gguf.tensor("blk.0.attn_q.weight.in_sum2")).isPresent();
            assertThat(gguf.tensor("blk.0.attn_q.weight.counts")).isPresent();
        }
    }

    @Test
    void aMissingFileIsAClearError() {
        Path out = temporary.resolve("never.gguf");
        Run run = caracal("imatrix", temporary.resolve("absent.gguf").toString(), "-o", out.toString(),
                "--self-sample", "64");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo("caracal imatrix: no such file: " + temporary.resolve("absent.gguf"))
                .doesNotContain("\tat ");
        Run text = caracal("imatrix", model, "-o", out.toString(), "-f", temporary.resolve("absent.txt").toString());
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.err()).contains("no such file").doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }

    @Test
    void tooFewTokensAndMissingOptionsAreClearErrors() {
        Run few = caracal("imatrix", model, "-o", temporary.resolve("few.gguf").toString(), "--self-sample", "10",
                "-c", "64");
        assertThat(few.exitCode()).isNotZero();
        assertThat(few.err()).contains("fewer than one chunk").doesNotContain("\tat ");
        Run noOutput = caracal("imatrix", model, "--self-sample", "64");
        assertThat(noOutput.exitCode()).isEqualTo(2);
        assertThat(noOutput.err()).contains("--output");
        Run both = caracal("imatrix", model, "-o", "x.gguf", "-f", "x.txt", "--self-sample", "64");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }
}
