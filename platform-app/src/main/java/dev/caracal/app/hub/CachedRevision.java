package dev.caracal.app.hub;

import java.util.List;

/**
 * A commit of a repository with files in the cache.
 *
 * @param commit the commit hash (the snapshot folder's name)
 * @param refs   the branches and tags last seen pointing at it ({@code main}), possibly none
 * @param files  its cached files, by name
 */
public record CachedRevision(String commit, List<String> refs, List<CachedFile> files) {

    public CachedRevision {
        refs = List.copyOf(refs);
        files = List.copyOf(files);
    }
}
