package dev.caracal.app.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * One repository's folder in the cache, laid out as huggingface_hub lays it out: {@code models--ORG--NAME/} with
 * {@code blobs/ETAG} (the contents), {@code snapshots/COMMIT/FILE} (relative links to the blobs) and
 * {@code refs/REVISION} (the commit hash a branch or tag pointed at); locks in {@code .locks/models--ORG--NAME/}.
 */
record RepositoryFolder(Path cache, String repository) {

    static final String PREFIX = "models--";
    static final String INCOMPLETE = ".incomplete";

    /** {@code models--ORG--NAME}, the folder's name for {@code ORG/NAME}. */
    static String folderName(String repository) {
        return PREFIX + repository.replace("/", "--");
    }

    /** The repository a cache folder's name stands for, where it is a model repository's folder. */
    static Optional<String> repositoryOf(String folderName) {
        if (!folderName.startsWith(PREFIX) || folderName.length() == PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(folderName.substring(PREFIX.length()).replace("--", "/"));
    }

    Path root() {
        return cache.resolve(folderName(repository));
    }

    Path blobs() {
        return root().resolve("blobs");
    }

    Path blob(String etag) {
        return blobs().resolve(etag);
    }

    Path incomplete(String etag) {
        return blobs().resolve(etag + INCOMPLETE);
    }

    Path snapshots() {
        return root().resolve("snapshots");
    }

    Path snapshot(String commit, String file) {
        return snapshots().resolve(commit).resolve(file);
    }

    Path refs() {
        return root().resolve("refs");
    }

    Path locks() {
        return cache.resolve(".locks").resolve(folderName(repository));
    }

    Path lock(String etag) {
        return locks().resolve(etag + ".lock");
    }

    /** Points {@code snapshots/COMMIT/FILE} at the blob with a relative link, replacing any other in one step. */
    Path link(String commit, String file, Path blob) throws IOException {
        Path link = snapshot(commit, file);
        Files.createDirectories(link.getParent());
        Path target = link.getParent().relativize(blob);
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
            return link;
        }
        Path temporary = link.resolveSibling("." + link.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.createSymbolicLink(temporary, target);
        try {
            Files.move(temporary, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return link;
    }

    /** Records that {@code revision} points at {@code commit} ({@code refs/REVISION}), unless it is the commit. */
    void writeRef(String revision, String commit) throws IOException {
        if (revision.equals(commit)) {
            return;
        }
        Path ref = refs().resolve(revision);
        if (Files.isRegularFile(ref, LinkOption.NOFOLLOW_LINKS) && Files.readString(ref).strip().equals(commit)) {
            return;
        }
        Files.createDirectories(ref.getParent());
        Path temporary = ref.resolveSibling("." + ref.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.writeString(temporary, commit, StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
