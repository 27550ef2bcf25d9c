package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.app.server.security.ApiKeyHash;
import dev.caracal.formats.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * {@code caracal serve}'s command line (the server itself is tested in {@code dev.caracal.app.server}), and
 * {@code caracal hash-key}.
 */
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

    @Test
    void plainApiKeysInTheConfigurationStopTheStartWithWhatToDoInstead() {
        Run run = caracal("serve", "--port", "0", "--caracal.api-keys=sk-plain");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the server did not start: caracal.api-keys (plain keys) is replaced by"
                + " caracal.security.tenants").contains("caracal hash-key").doesNotContain("\tat ");
    }

    @Test
    void aKvMemoryTooSmallForOneFullContextRequestStopsTheStartWithWhatItNeeds() {
        Run run = caracal("serve", "--port", "0", "--model", SharedData.require("models/stories260K.gguf").toString(),
                "--caracal.models[0].kv-memory=100KB");
        assertThat(run.exitCode()).isEqualTo(1);
        // stories260K: 5 layers x 4 KV heads x 8 x 2 (K, V) x 2 bytes = 640 bytes a token; 2,048 tokens = 1,310,720.
        assertThat(run.err()).contains("caracal.models[0].kv-memory (102400B) cannot hold one request of the 2,048-token"
                + " context: that needs 1,310,720 bytes").contains("at least 2MB").doesNotContain("\tat ");
    }

    @Test
    void hashKeyPrintsTheSha256OfAKeyOrANewKeyWithItsHash() {
        Run hash = caracal("hash-key", "sk-test");
        assertThat(hash.exitCode()).isZero();
        // printf %s sk-test | sha256sum
        assertThat(hash.out().strip())
                .isEqualTo("sha256:f3abf2a6cc4f00987743db5f544ba345b4899ae31f326d8ee9c4816de153c9e0");
        Run generated = caracal("hash-key", "--generate");
        assertThat(generated.exitCode()).isZero();
        String[] lines = generated.out().strip().split("\n");
        String key = lines[0].substring("key:".length()).strip();
        assertThat(key).startsWith("sk-caracal-").hasSizeGreaterThan(40);
        assertThat(lines[1].substring("hash:".length()).strip())
                .isEqualTo(ApiKeyHash.of(key));
    }
}
