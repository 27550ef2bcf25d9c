package dev.caracal.app.hub;

import java.net.URI;
import java.util.Optional;

/**
 * A file of a repository at a revision, as the hub resolves it (its metadata, before any download).
 *
 * @param repository the repository, {@code ORG/NAME}
 * @param file       the file's path in the repository
 * @param revision   the revision asked for (a branch, a tag or a commit hash)
 * @param commit     the commit hash the revision points at ({@code X-Repo-Commit})
 * @param etag       the content's identity: the SHA-256 of an LFS file ({@code X-Linked-Etag}), else the git object
 *                   id ({@code ETag}); the blob's name in the cache
 * @param sizeBytes  the file's size ({@code X-Linked-Size} or {@code Content-Length}), or -1 where the hub did not say
 * @param location   where the content is downloaded from: the CDN the hub redirects LFS files to, else the hub itself
 */
public record RemoteFile(String repository, String file, String revision, String commit, String etag, long sizeBytes,
        URI location) {

    /** The SHA-256 the content must have, where the etag is one (LFS files); other files are checked by size only. */
    public Optional<String> sha256() {
        return HubNames.isSha256(etag) ? Optional.of(etag) : Optional.empty();
    }
}
