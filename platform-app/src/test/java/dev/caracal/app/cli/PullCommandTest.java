package dev.caracal.app.cli;

import static dev.caracal.app.cli.InspectCommandTest.caracal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.cli.InspectCommandTest.Run;
import dev.caracal.app.hub.FakeHub;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** caracal pull: a model from a local hub into a cache, listed, pulled again for nothing, deleted. */
class PullCommandTest {

    private static final String REPOSITORY = "stories/stories260K";

    @TempDir
    Path cache;

    private FakeHub hub;
    private Path model;

    @BeforeEach
    void startHub() throws IOException {
        model = SharedData.require("models/stories260K.gguf");
        hub = FakeHub.start();
        hub.addLfsFile(REPOSITORY, "stories260K.gguf", Files.readAllBytes(model));
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private Run pull(String... arguments) {
        String[] all = new String[arguments.length + 5];
        all[0] = "pull";
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        all[arguments.length + 1] = "--cache";
        all[arguments.length + 2] = cache.toString();
        all[arguments.length + 3] = "--endpoint";
        all[arguments.length + 4] = hub.endpoint().toString();
        return caracal(all);
    }

    @Test
    void pullsPrintsTheSnapshotPathListsAndDeletes() throws Exception {
        Run pulled = pull(REPOSITORY, "stories260K.gguf");

        assertThat(pulled.exitCode()).as(pulled.err()).isZero();
        Path snapshot = cache.resolve("models--stories--stories260K/snapshots/" + FakeHub.COMMIT + "/stories260K.gguf");
        assertThat(pulled.out()).isEqualTo(snapshot + System.lineSeparator());
        assertThat(Files.mismatch(snapshot, model)).isEqualTo(-1);
        assertThat(pulled.err()).contains("stories260K.gguf  100% [##############################] 1.1 MiB / 1.1 MiB")
                .contains("pulled stories260K.gguf (1.1 MiB) of " + REPOSITORY + " at " + FakeHub.COMMIT);

        Run again = pull(REPOSITORY, "stories260K.gguf");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(pulled.out());
        assertThat(again.err()).contains("is in the cache already").doesNotContain("%");
        assertThat(hub.downloads()).isEqualTo(1);

        Run listed = pull("--list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(REPOSITORY + "  1.1 MiB  " + cache.resolve("models--stories--stories260K"))
                .contains("  main (" + FakeHub.COMMIT + ")  stories260K.gguf  1.1 MiB  " + snapshot);

        Run deleted = pull("--delete", REPOSITORY);
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).startsWith("deleted " + REPOSITORY + " (1.1 MiB)");
        assertThat(cache.resolve("models--stories--stories260K")).doesNotExist();
        assertThat(pull("--list").out()).startsWith("no models in " + cache);
        Run deletedAgain = pull("--delete", REPOSITORY);
        assertThat(deletedAgain.exitCode()).isEqualTo(1);
        assertThat(deletedAgain.err()).contains(REPOSITORY + " is not in the cache");
    }

    @Test
    void aFailureIsOneLineAndExitCodeOne() {
        Run missing = pull(REPOSITORY, "missing.gguf");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err().strip()).isEqualTo("caracal pull: file missing.gguf does not exist in " + REPOSITORY
                + " at revision main (HTTP 404 from " + hub.endpoint() + "/" + REPOSITORY
                + "/resolve/main/missing.gguf)");
    }

    @Test
    void badUsageIsExitCodeTwo() {
        assertThat(pull(REPOSITORY).exitCode()).isEqualTo(2);
        Run invalid = pull("../../etc", "passwd");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("is not a repository name");
        assertThat(pull("--list", "--delete", REPOSITORY).exitCode()).isEqualTo(2);
        assertThat(hub.requests()).isEmpty();
    }
}
