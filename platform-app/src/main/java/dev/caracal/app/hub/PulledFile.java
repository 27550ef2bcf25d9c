package dev.caracal.app.hub;

import java.nio.file.Path;

/**
 * A file in the cache after a pull.
 *
 * @param repository the repository, {@code ORG/NAME}
 * @param revision   the revision asked for
 * @param commit     the commit hash it resolved to
 * @param file       the file's path in the repository
 * @param path       the file in the snapshot folder ({@code snapshots/COMMIT/FILE}, a link to the blob): what to open
 * @param blob       the content ({@code blobs/ETAG})
 * @param sizeBytes  the content's size
 * @param downloaded whether this pull downloaded it (false: it was in the cache already)
 */
public record PulledFile(String repository, String revision, String commit, String file, Path path, Path blob,
        long sizeBytes, boolean downloaded) {
}
