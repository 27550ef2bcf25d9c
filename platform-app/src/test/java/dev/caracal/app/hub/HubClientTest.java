package dev.caracal.app.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.app.hub.HubException.Reason;
import dev.caracal.engine.api.EngineOptions;
import dev.caracal.engine.api.LocalEngine;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from a local hub that answers as huggingface.co does, into a cache in Hugging Face's layout. */
class HubClientTest {

    static final String REPOSITORY = "stories/stories260K";
    static final String FILE = "stories260K.gguf";

    @TempDir
    Path cache;

    private Path model;
    private String sha;
    private FakeHub hub;
    private HubClient client;

    @BeforeEach
    void startHub() throws IOException {
        model = SharedData.require("models/stories260K.gguf");
        hub = FakeHub.start();
        sha = hub.addLfsFile(REPOSITORY, FILE, Files.readAllBytes(model));
        client = client(Optional.empty());
    }

    @AfterEach
    void stopHub() {
        client.close();
        hub.close();
    }

    private HubClient client(Optional<String> token) {
        return new HubClient(new HubSettings(hub.endpoint(), token, cache));
    }

    private Path folder() {
        return cache.resolve("models--stories--stories260K");
    }

    @Test
    void aPullLandsInTheHuggingFaceLayoutAndOpensAsAModel() throws Exception {
        List<PullProgress> events = new ArrayList<>();
        PulledFile pulled = client.pull(REPOSITORY, FILE, events::add);

        long size = Files.size(model);
        Path blob = folder().resolve("blobs").resolve(sha);
        Path link = folder().resolve("snapshots").resolve(FakeHub.COMMIT).resolve(FILE);
        assertThat(pulled).isEqualTo(new PulledFile(REPOSITORY, "main", FakeHub.COMMIT, FILE, link, blob, size, true));
        assertThat(Files.mismatch(blob, model)).isEqualTo(-1);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../../blobs/" + sha));
        assertThat(Files.readString(folder().resolve("refs/main"))).isEqualTo(FakeHub.COMMIT);
        assertThat(names(folder().resolve("blobs"))).containsExactly(sha);

        assertThat(events).isNotEmpty();
        assertThat(events).allSatisfy(event -> assertThat(event.totalBytes()).isEqualTo(size));
        assertThat(events).extracting(PullProgress::bytesDone).isSorted();
        assertThat(events.getLast()).satisfies(last -> {
            assertThat(last.finished()).isTrue();
            assertThat(last.bytesDone()).isEqualTo(size);
            assertThat(last.fraction()).isEqualTo(1.0);
        });
        assertThat(events.subList(0, events.size() - 1)).noneMatch(PullProgress::finished);
        // The token stays with the hub; there is none here, and the CDN got no Authorization either.
        assertThat(hub.contentAuthorizations()).containsExactly("");

        EngineOptions options = EngineOptions.defaults().withKvCacheBytes(64L << 20);
        try (LocalEngine engine = LocalEngine.open(pulled.path(), options)) {
            String text = engine.complete("Once upon a time", SamplingParameters.greedy().toBuilder().maxTokens(12)
                    .build()).map(TokenChunk::text).collect(Collectors.joining()).block(Duration.ofSeconds(60));
            assertThat(text).contains("there was a little girl named Lily");
        }
    }

    @Test
    void aFileInTheCacheIsNotDownloadedAgain() throws Exception {
        PulledFile first = client.pull(REPOSITORY, FILE, PullListener.NONE);
        List<PullProgress> events = new ArrayList<>();
        PulledFile second = client.pull(REPOSITORY, FILE, events::add);

        assertThat(second.downloaded()).isFalse();
        assertThat(second.path()).isEqualTo(first.path());
        assertThat(events).isEmpty();
        assertThat(hub.downloads()).isEqualTo(1);
        // A commit hash names content that never changes: its snapshot answers without asking the hub.
        int requests = hub.requests().size();
        PulledFile pinned = client.pull(REPOSITORY, FILE, FakeHub.COMMIT, PullListener.NONE);
        assertThat(pinned.path()).isEqualTo(first.path());
        assertThat(pinned.blob()).isEqualTo(first.blob());
        assertThat(hub.requests()).hasSize(requests);
    }

    @Test
    void aCutDownloadResumesWithARangeRequestFromWhereItStopped() throws Exception {
        Path incomplete = folder().resolve("blobs").resolve(sha + ".incomplete");
        long cut = 300_000;
        hub.cutNextDownloadAfter(cut, incomplete);

        assertThatThrownBy(() -> client.pull(REPOSITORY, FILE, PullListener.NONE))
                .isInstanceOfSatisfying(HubException.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(Reason.INTERRUPTED);
                    assertThat(failure.getMessage()).contains("stories260K.gguf").contains("pull again to resume")
                            .contains("/cdn/" + sha).doesNotContain("signature=secret");
                });
        assertThat(Files.size(incomplete)).isEqualTo(cut);
        assertThat(folder().resolve("blobs").resolve(sha)).doesNotExist();
        assertThat(folder().resolve("snapshots")).doesNotExist();

        List<PullProgress> events = new ArrayList<>();
        PulledFile pulled = client.pull(REPOSITORY, FILE, events::add);

        long size = Files.size(model);
        assertThat(hub.ranges()).containsExactly("bytes=" + cut + "-");
        assertThat(hub.lastBytesServed()).isEqualTo(size - cut);
        assertThat(Files.mismatch(pulled.path(), model)).isEqualTo(-1);
        assertThat(incomplete).doesNotExist();
        assertThat(events.getFirst().bytesDone()).isGreaterThanOrEqualTo(cut);
        assertThat(events.getLast().bytesDone()).isEqualTo(size);
    }

    @Test
    void aServerThatIgnoresTheRangeSendsTheWholeFileAgain() throws Exception {
        Path blobs = Files.createDirectories(folder().resolve("blobs"));
        Files.write(blobs.resolve(sha + ".incomplete"), new byte[1000]);
        hub.ignoreRanges();

        PulledFile pulled = client.pull(REPOSITORY, FILE, PullListener.NONE);

        assertThat(hub.ranges()).containsExactly("bytes=1000-");
        assertThat(hub.lastBytesServed()).isEqualTo(Files.size(model));
        assertThat(Files.mismatch(pulled.path(), model)).isEqualTo(-1);
    }

    @Test
    void aPartialFileThatIsCompleteIsCheckedAndMovedWithoutDownloading() throws Exception {
        Path blobs = Files.createDirectories(folder().resolve("blobs"));
        Files.copy(model, blobs.resolve(sha + ".incomplete"));
        List<PullProgress> events = new ArrayList<>();

        PulledFile pulled = client.pull(REPOSITORY, FILE, events::add);

        assertThat(hub.downloads()).isZero();
        assertThat(pulled.downloaded()).isTrue();
        assertThat(Files.mismatch(pulled.path(), model)).isEqualTo(-1);
        assertThat(events).containsExactly(new PullProgress(Files.size(model), Files.size(model), 0, true));
    }

    @Test
    void anInterruptedPullStopsAndKeepsItsPartialFileForTheNext() throws Exception {
        try {
            assertThatThrownBy(() -> client.pull(REPOSITORY, FILE, progress -> Thread.currentThread().interrupt()))
                    .isInstanceOfSatisfying(HubException.class, failure -> {
                        assertThat(failure.reason()).isEqualTo(Reason.CANCELLED);
                        assertThat(failure.getMessage()).contains("was cancelled").contains("pull again to resume");
                    });
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(folder().resolve("blobs").resolve(sha + ".incomplete")).exists();
        assertThat(folder().resolve("blobs").resolve(sha)).doesNotExist();

        PulledFile pulled = client.pull(REPOSITORY, FILE, PullListener.NONE);

        assertThat(Files.mismatch(pulled.path(), model)).isEqualTo(-1);
    }

    @Test
    void pullsOfOneFileAtOnceDownloadItOnce() throws Exception {
        List<PulledFile> pulled = new CopyOnWriteArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> pulls = new ArrayList<>();
            for (int index = 0; index < 4; index++) {
                pulls.add(threads.submit(() -> pulled.add(client.pull(REPOSITORY, FILE, PullListener.NONE))));
            }
            for (Future<?> pull : pulls) {
                pull.get();
            }
        }

        assertThat(hub.downloads()).isEqualTo(1);
        assertThat(pulled).extracting(PulledFile::path).containsOnly(pulled.getFirst().path());
        assertThat(pulled).filteredOn(PulledFile::downloaded).hasSize(1);
        assertThat(Files.mismatch(pulled.getFirst().path(), model)).isEqualTo(-1);
    }

    @Test
    void contentThatDoesNotMatchItsSha256IsRefusedAndNothingOfItStays() throws Exception {
        String claimed = FakeHub.hex("SHA-256", "another model".getBytes());
        hub.announceEtag(claimed);

        assertThatThrownBy(() -> client.pull(REPOSITORY, FILE, PullListener.NONE))
                .isInstanceOfSatisfying(HubException.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(Reason.CHECKSUM_MISMATCH);
                    assertThat(failure.getMessage()).contains("SHA-256 is " + sha).contains("the hub says " + claimed)
                            .contains("deleted");
                });
        assertThat(names(folder().resolve("blobs"))).isEmpty();
        assertThat(folder().resolve("snapshots")).doesNotExist();
        assertThat(folder().resolve("refs")).doesNotExist();
        assertThat(new HubCache(cache).list()).singleElement()
                .satisfies(repository -> assertThat(repository.files()).isEmpty());
    }

    @Test
    void aFullDiskIsReportedAndThePartialFileStays() throws Exception {
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.exists(devFull), "/dev/full (Linux) fails every write with ENOSPC, as a full disk does");
        Path blobs = Files.createDirectories(folder().resolve("blobs"));
        Path incomplete = Files.createSymbolicLink(blobs.resolve(sha + ".incomplete"), devFull);

        assertThatThrownBy(() -> client.pull(REPOSITORY, FILE, PullListener.NONE))
                .isInstanceOfSatisfying(HubException.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(Reason.DISK_FULL);
                    assertThat(failure.getMessage()).startsWith("the disk is full: writing " + incomplete)
                            .contains("No space left on device").contains("is free").contains("resumes");
                });
        assertThat(Files.isSymbolicLink(incomplete)).isTrue();
        assertThat(blobs.resolve(sha)).doesNotExist();
        assertThat(folder().resolve("snapshots")).doesNotExist();
        Files.delete(incomplete);
    }

    @Test
    void tooLittleFreeSpaceIsRefusedBeforeDownloading() {
        hub.announceSize(1L << 60);

        assertThatThrownBy(() -> client.pull(REPOSITORY, FILE, PullListener.NONE))
                .isInstanceOfSatisfying(HubException.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(Reason.DISK_FULL);
                    assertThat(failure.getMessage()).startsWith("not enough disk space for stories260K.gguf in "
                            + folder().resolve("blobs")).contains("needs 1.0 EiB more").contains(" is free");
                });
        assertThat(hub.downloads()).isZero();
    }

    @Test
    void aMissingRepositoryRevisionOrFileIsNamedWithTheUrlAndStatus() {
        String resolve = hub.endpoint() + "/" + REPOSITORY + "/resolve/";
        assertThat(failure(() -> client.pull(REPOSITORY, "missing.gguf", PullListener.NONE)))
                .satisfies(failure -> {
                    assertThat(failure.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(failure.httpStatus()).isEqualTo(404);
                    assertThat(failure.getMessage()).isEqualTo("file missing.gguf does not exist in " + REPOSITORY
                            + " at revision main (HTTP 404 from " + resolve + "main/missing.gguf)");
                });
        assertThat(failure(() -> client.pull(REPOSITORY, FILE, "v9", PullListener.NONE)).getMessage())
                .isEqualTo("revision v9 does not exist in " + REPOSITORY + " (HTTP 404 from " + resolve + "v9/"
                        + FILE + ")");
        assertThat(failure(() -> client.pull("nobody/nothing", FILE, PullListener.NONE)).getMessage())
                .startsWith("repository nobody/nothing does not exist, or it is private: set HF_TOKEN (HTTP 404");
        assertThat(cache.resolve("models--nobody--nothing")).doesNotExist();
    }

    @Test
    void aPrivateRepositoryNeedsATokenWhichTheCdnNeverSees() throws Exception {
        hub.makePrivate(REPOSITORY, "hf_right");

        HubException anonymous = failure(() -> client.pull(REPOSITORY, FILE, PullListener.NONE));
        assertThat(anonymous.reason()).isEqualTo(Reason.TOKEN_NEEDED);
        assertThat(anonymous.httpStatus()).isEqualTo(401);
        assertThat(anonymous.getMessage()).startsWith(REPOSITORY + " needs a token").contains("set HF_TOKEN")
                .endsWith("(HTTP 401 from " + hub.endpoint() + "/" + REPOSITORY + "/resolve/main/" + FILE + ")");
        try (HubClient wrong = client(Optional.of("hf_wrong"))) {
            HubException refused = failure(() -> wrong.pull(REPOSITORY, FILE, PullListener.NONE));
            assertThat(refused.reason()).isEqualTo(Reason.ACCESS_DENIED);
            assertThat(refused.getMessage()).startsWith("the hub refused the token in HF_TOKEN");
        }
        try (HubClient right = client(Optional.of("hf_right"))) {
            PulledFile pulled = right.pull(REPOSITORY, FILE, PullListener.NONE);
            assertThat(Files.mismatch(pulled.path(), model)).isEqualTo(-1);
        }
        assertThat(hub.contentAuthorizations()).containsExactly("");
    }

    @Test
    void aGatedRepositoryAndAFailingHubAreNamed() {
        hub.fail(REPOSITORY, 403, "GatedRepo");
        try (HubClient withToken = client(Optional.of("hf_token"))) {
            HubException gated = failure(() -> withToken.pull(REPOSITORY, FILE, PullListener.NONE));
            assertThat(gated.reason()).isEqualTo(Reason.ACCESS_DENIED);
            assertThat(gated.getMessage()).startsWith(REPOSITORY + " is gated: accept its conditions at "
                    + hub.endpoint() + "/" + REPOSITORY).contains("HTTP 403");
        }
        hub.fail(REPOSITORY, 503, null);
        HubException failing = failure(() -> client.pull(REPOSITORY, FILE, PullListener.NONE));
        assertThat(failing.reason()).isEqualTo(Reason.HUB_FAILED);
        assertThat(failing.getMessage()).contains("try again later").contains("(HTTP 503 from " + hub.endpoint());
    }

    @Test
    void anUnreachableHubIsNamed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
        try (HubClient unreachable = new HubClient(new HubSettings(nowhere, Optional.empty(), cache))) {
            HubException failure = failure(() -> unreachable.pull(REPOSITORY, FILE, PullListener.NONE));
            assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
            assertThat(failure.getMessage()).startsWith("cannot reach " + nowhere + "/" + REPOSITORY);
        }
    }

    @Test
    void relativeRedirectsAreFollowedToTheContent() throws Exception {
        hub.useRelativeRedirects();

        PulledFile pulled = client.pull(REPOSITORY, FILE, PullListener.NONE);

        assertThat(Files.mismatch(pulled.path(), model)).isEqualTo(-1);
        assertThat(hub.requests()).containsExactly("HEAD /" + REPOSITORY + "/resolve/main/" + FILE,
                "HEAD /lfs/" + sha, "GET /lfs/" + sha, "GET /cdn/" + sha);
        assertThat(pulled.blob()).isEqualTo(folder().resolve("blobs").resolve(sha));
    }

    @Test
    void aRenamedRepositoryIsFollowedAndCachedUnderTheNameAskedFor() throws Exception {
        hub.rename("stories/old-stories", REPOSITORY);

        PulledFile pulled = client.pull("stories/old-stories", FILE, PullListener.NONE);

        assertThat(pulled.path()).startsWith(cache.resolve("models--stories--old-stories"));
        assertThat(Files.mismatch(pulled.path(), model)).isEqualTo(-1);
    }

    @Test
    void aFileInGitIsNamedByItsObjectIdFromTheHubsCommitPinnedRedirectAndASubfolderLinksFurtherUp() throws Exception {
        byte[] config = Files.readAllBytes(SharedData.require("models/stories260K-hf/config.json"));
        String objectId = hub.addGitFile(REPOSITORY, "hf/config.json", config);

        PulledFile pulled = client.pull(REPOSITORY, "hf/config.json", PullListener.NONE);

        assertThat(pulled.blob()).isEqualTo(folder().resolve("blobs").resolve(objectId));
        assertThat(pulled.path()).isEqualTo(folder().resolve("snapshots/" + FakeHub.COMMIT + "/hf/config.json"));
        assertThat(Files.readSymbolicLink(pulled.path())).isEqualTo(Path.of("../../../blobs/" + objectId));
        assertThat(Files.readAllBytes(pulled.path())).isEqualTo(config);
        // As huggingface.co answers small files: a relative 307 to a commit-pinned URL, followed.
        String pinned = "/api/resolve-cache/models/" + REPOSITORY + "/" + FakeHub.COMMIT + "/hf/config.json";
        assertThat(hub.requests()).containsExactly("HEAD /" + REPOSITORY + "/resolve/main/hf/config.json",
                "HEAD " + pinned, "GET " + pinned);
    }

    @Test
    void namesThatCouldLeaveTheCacheAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> client.pull("../etc", FILE, PullListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a repository name");
        assertThatThrownBy(() -> client.pull(REPOSITORY, "../../../x.gguf", PullListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a file of a repository");
        assertThatThrownBy(() -> client.pull(REPOSITORY, FILE, "../main", PullListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a revision");
        assertThat(hub.requests()).isEmpty();
    }

    private static HubException failure(ThrowingPull pull) {
        try {
            pull.run();
        } catch (HubException expected) {
            return expected;
        } catch (Exception other) {
            throw new AssertionError("expected a HubException, got " + other, other);
        }
        throw new AssertionError("expected a HubException, the pull succeeded");
    }

    private interface ThrowingPull {
        void run() throws Exception;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }
}
