package dev.caracal.app.hub;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The model repositories in a Hugging Face cache (ours and huggingface_hub's are one): their files, and deleting. */
public final class HubCache {

    private final Path directory;

    public HubCache(Path directory) {
        this.directory = directory;
    }

    /** The cache the environment names ({@link HubSettings#fromEnvironment()}). */
    public static HubCache fromEnvironment() {
        return new HubCache(HubSettings.fromEnvironment().cacheDirectory());
    }

    public Path directory() {
        return directory;
    }

    /** Every model repository in the cache, by name; none where the cache does not exist yet. */
    public List<CachedRepository> list() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<CachedRepository> repositories = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(directory, RepositoryFolder.PREFIX + "*")) {
            for (Path folder : folders) {
                Optional<String> repository = RepositoryFolder.repositoryOf(folder.getFileName().toString());
                if (repository.isPresent() && Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    repositories.add(read(new RepositoryFolder(directory, repository.get())));
                }
            }
        }
        repositories.sort(Comparator.comparing(CachedRepository::repository));
        return repositories;
    }

    /** The repository {@code ORG/NAME}, where the cache has it. */
    public Optional<CachedRepository> find(String repository) throws IOException {
        RepositoryFolder folder = new RepositoryFolder(directory, HubNames.repository(repository));
        return Files.isDirectory(folder.root(), LinkOption.NOFOLLOW_LINKS) ? Optional.of(read(folder))
                : Optional.empty();
    }

    /**
     * Deletes the repository's folder (every revision, blob and partial download) and its locks; false where the
     * cache does not have it. A process that has a file of it open or mapped keeps reading it until it closes it.
     */
    public boolean delete(String repository) throws IOException {
        RepositoryFolder folder = new RepositoryFolder(directory, HubNames.repository(repository));
        if (!Files.exists(folder.root(), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        deleteTree(folder.root());
        deleteTree(folder.locks());
        return true;
    }

    /**
     * The repository whose folder holds {@code path} (a snapshot file, a blob, the folder itself), by the path as
     * written or as it resolves; empty where it is not inside a repository of this cache.
     */
    public Optional<String> repositoryContaining(Path path) {
        for (Path candidate : forms(path)) {
            for (Path root : forms(directory)) {
                if (candidate.startsWith(root) && candidate.getNameCount() > root.getNameCount()) {
                    String folder = candidate.getName(root.getNameCount()).toString();
                    Optional<String> repository = RepositoryFolder.repositoryOf(folder).filter(HubCache::isValidName);
                    if (repository.isPresent()) {
                        return repository;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes the repository whose folder holds {@code path} ({@link #repositoryContaining(Path)}) and returns its
     * name.
     *
     * @throws IllegalArgumentException where {@code path} is not inside a repository of this cache
     */
    public String deleteContaining(Path path) throws IOException {
        String repository = repositoryContaining(path).orElseThrow(() -> new IllegalArgumentException(path
                + " is not inside a model repository of the hub cache " + directory));
        delete(repository);
        return repository;
    }

    private static CachedRepository read(RepositoryFolder folder) throws IOException {
        Map<String, List<String>> refsByCommit = readRefs(folder.refs());
        List<CachedRevision> revisions = new ArrayList<>();
        if (Files.isDirectory(folder.snapshots())) {
            try (Stream<Path> commits = Files.list(folder.snapshots())) {
                for (Path commit : commits.filter(Files::isDirectory).sorted().toList()) {
                    List<CachedFile> files = readSnapshot(commit);
                    if (!files.isEmpty()) {
                        String hash = commit.getFileName().toString();
                        revisions.add(new CachedRevision(hash, refsByCommit.getOrDefault(hash, List.of()), files));
                    }
                }
            }
        }
        long complete = 0;
        long incomplete = 0;
        if (Files.isDirectory(folder.blobs())) {
            try (Stream<Path> blobs = Files.list(folder.blobs())) {
                for (Path blob : blobs.filter(Files::isRegularFile).toList()) {
                    if (blob.getFileName().toString().endsWith(RepositoryFolder.INCOMPLETE)) {
                        incomplete += Files.size(blob);
                    } else {
                        complete += Files.size(blob);
                    }
                }
            }
        }
        return new CachedRepository(folder.repository(), folder.root(), revisions, complete, incomplete);
    }

    private static List<CachedFile> readSnapshot(Path commit) throws IOException {
        List<CachedFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.walk(commit)) {
            for (Path entry : entries.filter(entry -> !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)).toList()) {
                if (Files.isRegularFile(entry)) {
                    // A link whose blob is gone is no file.
                    Path blob = entry.toRealPath();
                    files.add(new CachedFile(slashes(commit.relativize(entry)), entry, blob, Files.size(blob)));
                }
            }
        }
        files.sort(Comparator.comparing(CachedFile::name));
        return files;
    }

    private static Map<String, List<String>> readRefs(Path refs) throws IOException {
        Map<String, List<String>> refsByCommit = new TreeMap<>();
        if (!Files.isDirectory(refs)) {
            return refsByCommit;
        }
        try (Stream<Path> entries = Files.walk(refs)) {
            for (Path ref : entries.filter(Files::isRegularFile).sorted().toList()) {
                refsByCommit.computeIfAbsent(Files.readString(ref).strip(), commit -> new ArrayList<>())
                        .add(slashes(refs.relativize(ref)));
            }
        }
        return refsByCommit;
    }

    private static String slashes(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private static Set<Path> forms(Path path) {
        Set<Path> forms = new LinkedHashSet<>();
        forms.add(path.toAbsolutePath().normalize());
        try {
            forms.add(path.toRealPath());
        } catch (IOException | SecurityException unresolvable) {
            // A path that does not exist has only its written form.
        }
        return forms;
    }

    private static boolean isValidName(String repository) {
        try {
            HubNames.repository(repository);
            return true;
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    /** Deletes a folder and what it holds without following links (a snapshot's link goes, not its blob's target). */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(folder);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
