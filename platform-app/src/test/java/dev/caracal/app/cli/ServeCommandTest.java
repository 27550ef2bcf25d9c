package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
import org.junit.jupiter.api.Test;

/** {@code caracal serve}'s command line (the server itself is tested in {@code dev.caracal.app.server}). */
class ServeCommandTest {

    @Test
    void helpNamesTheOptionsAndProperties() {
        Run run = caracal("serve", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--model", "--port", "--caracal.name=value", "stories260K");
    }

    @Test
    void badUsageFailsBeforeStartingAServer() {
        Run missing = caracal("serve", "--model", "/nonexistent/model.gguf");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such model file or directory: /nonexistent/model.gguf");
        Run alias = caracal("serve", "--alias", "x");
        assertThat(alias.exitCode()).isEqualTo(2);
        assertThat(alias.err()).contains("need --model");
        Run stray = caracal("serve", "model.gguf");
        assertThat(stray.exitCode()).isEqualTo(2);
        assertThat(stray.err()).contains("properties are given as --name=value");
    }
}
