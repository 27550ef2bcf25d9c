package dev.caracal.app.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing and deleting what a cache in Hugging Face's layout holds, whoever wrote it. */
class HubCacheTest {

    private static final String REPOSITORY = "stories/stories260K";

    @TempDir
    Path cache;

    private FakeHub hub;
    private HubClient client;
    private Path model;

    @BeforeEach
    void startHub() throws IOException {
        model = SharedData.require("models/stories260K.gguf");
        hub = FakeHub.start();
        hub.addLfsFile(REPOSITORY, "stories260K.gguf", Files.readAllBytes(model));
        hub.addGitFile(REPOSITORY, "hf/config.json",
                Files.readAllBytes(SharedData.require("models/stories260K-hf/config.json")));
        client = new HubClient(new HubSettings(hub.endpoint(), Optional.empty(), cache));
    }

    @AfterEach
    void stopHub() {
        client.close();
        hub.close();
    }

    @Test
    void listsRepositoriesWithTheirRevisionsFilesSizesAndPaths() throws Exception {
        PulledFile gguf = client.pull(REPOSITORY, "stories260K.gguf", PullListener.NONE);
        PulledFile config = client.pull(REPOSITORY, "hf/config.json", PullListener.NONE);
        Files.write(gguf.blob().resolveSibling("0123.incomplete"), new byte[1000]);

        List<CachedRepository> repositories = client.cache().list();

        assertThat(repositories).singleElement().satisfies(repository -> {
            assertThat(repository.repository()).isEqualTo(REPOSITORY);
            assertThat(repository.path()).isEqualTo(cache.resolve("models--stories--stories260K"));
            assertThat(repository.sizeBytes()).isEqualTo(gguf.sizeBytes() + config.sizeBytes());
            assertThat(repository.incompleteBytes()).isEqualTo(1000);
            assertThat(repository.revisions()).containsExactly(new CachedRevision(FakeHub.COMMIT, List.of("main"),
                    List.of(new CachedFile("hf/config.json", config.path(), config.blob(), config.sizeBytes()),
                            new CachedFile("stories260K.gguf", gguf.path(), gguf.blob(), Files.size(model)))));
        });
    }

    @Test
    void readsACacheThatHuggingFaceHubWrote() throws Exception {
        // huggingface_hub's own layout: a pull request ref, two commits sharing a blob, a link whose blob is gone.
        Path folder = cache.resolve("models--Org--Model-GGUF");
        Path blob = Files.createDirectories(folder.resolve("blobs")).resolve("a".repeat(64));
        Files.write(blob, new byte[4096]);
        for (String commit : List.of("1".repeat(40), "2".repeat(40))) {
            Path snapshot = Files.createDirectories(folder.resolve("snapshots").resolve(commit));
            Files.createSymbolicLink(snapshot.resolve("model.gguf"), Path.of("../../blobs/" + "a".repeat(64)));
        }
        Files.createSymbolicLink(folder.resolve("snapshots").resolve("2".repeat(40)).resolve("gone.gguf"),
                Path.of("../../blobs/" + "b".repeat(64)));
        Files.createDirectories(folder.resolve("refs/refs/pr"));
        Files.writeString(folder.resolve("refs/main"), "2".repeat(40));
        Files.writeString(folder.resolve("refs/refs/pr/1"), "2".repeat(40));
        Files.createDirectories(cache.resolve("datasets--Org--Data"));

        CachedRepository repository = new HubCache(cache).find("Org/Model-GGUF").orElseThrow();

        assertThat(new HubCache(cache).list()).extracting(CachedRepository::repository)
                .containsExactly("Org/Model-GGUF");
        assertThat(repository.sizeBytes()).isEqualTo(4096);
        assertThat(repository.revisions()).extracting(CachedRevision::commit, CachedRevision::refs)
                .containsExactly(tuple("1".repeat(40), List.of()),
                        tuple("2".repeat(40), List.of("main", "refs/pr/1")));
        assertThat(repository.files()).extracting(CachedFile::name).containsExactly("model.gguf", "model.gguf");
        assertThat(repository.files()).allSatisfy(file -> assertThat(file.blob()).isEqualTo(blob.toRealPath()));
    }

    @Test
    void deletesARepositoryByNameWithoutTouchingOthers() throws Exception {
        PulledFile pulled = client.pull(REPOSITORY, "stories260K.gguf", PullListener.NONE);
        hub.addLfsFile("other/model", "other.gguf", new byte[] {1, 2, 3});
        PulledFile other = client.pull("other/model", "other.gguf", PullListener.NONE);
        HubCache hubCache = client.cache();

        assertThat(hubCache.delete(REPOSITORY)).isTrue();

        assertThat(cache.resolve("models--stories--stories260K")).doesNotExist();
        assertThat(cache.resolve(".locks/models--stories--stories260K")).doesNotExist();
        assertThat(pulled.path()).doesNotExist();
        assertThat(hubCache.list()).extracting(CachedRepository::repository).containsExactly("other/model");
        assertThat(Files.readAllBytes(other.path())).containsExactly(1, 2, 3);
        assertThat(hubCache.delete(REPOSITORY)).isFalse();
        assertThat(hubCache.find(REPOSITORY)).isEmpty();
    }

    @Test
    void deletesTheRepositoryThatHoldsAPath() throws Exception {
        PulledFile pulled = client.pull(REPOSITORY, "stories260K.gguf", PullListener.NONE);
        HubCache hubCache = client.cache();

        assertThat(hubCache.repositoryContaining(pulled.path())).contains(REPOSITORY);
        assertThat(hubCache.repositoryContaining(pulled.blob())).contains(REPOSITORY);
        assertThat(hubCache.repositoryContaining(cache)).isEmpty();
        assertThat(hubCache.repositoryContaining(cache.resolve("models--stories--stories260K/../../elsewhere")))
                .isEmpty();
        assertThatThrownBy(() -> hubCache.deleteContaining(model))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not inside a model repository");
        assertThat(model).exists();

        assertThat(hubCache.deleteContaining(pulled.path())).isEqualTo(REPOSITORY);

        assertThat(hubCache.list()).isEmpty();
        assertThat(model).exists();
    }
}
