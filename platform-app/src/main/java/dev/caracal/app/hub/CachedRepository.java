package dev.caracal.app.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * A repository in the cache.
 *
 * @param repository      the repository, {@code ORG/NAME}
 * @param path            its folder ({@code models--ORG--NAME}), what {@link HubCache#delete(String)} removes
 * @param revisions       its commits with files, by commit hash
 * @param sizeBytes       the bytes of its complete contents (a blob that several revisions share counts once)
 * @param incompleteBytes the bytes of its partial downloads, which the next pull of their file resumes
 */
public record CachedRepository(String repository, Path path, List<CachedRevision> revisions, long sizeBytes,
        long incompleteBytes) {

    public CachedRepository {
        revisions = List.copyOf(revisions);
    }

    /** Every cached file of every revision. */
    public List<CachedFile> files() {
        return revisions.stream().flatMap(revision -> revision.files().stream()).toList();
    }
}
