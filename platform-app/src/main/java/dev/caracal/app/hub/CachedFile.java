package dev.caracal.app.hub;

import java.nio.file.Path;

/**
 * A file of a cached revision.
 *
 * @param name      the file's path in the repository
 * @param path      the file in the snapshot folder (a link to the blob): what to open
 * @param blob      the content
 * @param sizeBytes the content's size
 */
public record CachedFile(String name, Path path, Path blob, long sizeBytes) {
}
