package dev.caracal.app.hub;

import dev.caracal.app.hub.HubException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Pulls files of model repositories from a Hugging Face hub into the shared cache as {@code hf_hub_download} does. */
public final class HubClient implements AutoCloseable {

    /** The revision pulled when none is given. */
    public static final String DEFAULT_REVISION = "main";

    private final HubSettings settings;
    private final HubHttp http;

    public HubClient(HubSettings settings) {
        this.settings = settings;
        this.http = new HubHttp(settings.endpoint(), settings.token());
    }

    /** A client configured by the environment huggingface_hub reads ({@link HubSettings#fromEnvironment()}). */
    public static HubClient fromEnvironment() {
        return new HubClient(HubSettings.fromEnvironment());
    }

    public HubSettings settings() {
        return settings;
    }

    /** The cache this client pulls into, to list and delete what it holds. */
    public HubCache cache() {
        return new HubCache(settings.cacheDirectory());
    }

    /**
     * Checks the names of a pull before it starts.
     *
     * @throws IllegalArgumentException when one could not be a hub name or would leave the cache, saying which
     */
    public static void checkNames(String repository, String file, String revision) {
        HubNames.repository(repository);
        HubNames.file(file);
        HubNames.revision(revision);
    }

    /** {@link #pull(String, String, String, PullListener)} at revision {@value #DEFAULT_REVISION}. */
    public PulledFile pull(String repository, String file, PullListener listener) throws IOException {
        return pull(repository, file, DEFAULT_REVISION, listener);
    }

    /**
     * The file {@code file} of {@code repository} at {@code revision}, in the cache: downloaded unless its content is
     * there already, resumed where an earlier pull stopped.
     *
     * @throws IllegalArgumentException a repository, file or revision that is not a valid name
     * @throws HubException             what the hub answered instead, a broken download, a wrong checksum, a full disk
     * @throws IOException              the cache could not be written
     */
    public PulledFile pull(String repository, String file, String revision, PullListener listener)
            throws IOException {
        RepositoryFolder folder = new RepositoryFolder(settings.cacheDirectory(), HubNames.repository(repository));
        HubNames.file(file);
        HubNames.revision(revision);
        Path pinned = folder.snapshot(revision, file);
        if (HubNames.isCommitHash(revision) && Files.isRegularFile(pinned)) {
            // A commit never changes: what its snapshot holds is what the hub would send.
            return new PulledFile(repository, revision, revision, file, pinned, pinned.toRealPath(),
                    Files.size(pinned), false);
        }
        RemoteFile remote = resolve(repository, file, revision);
        Path blob = folder.blob(remote.etag());
        boolean downloaded = false;
        try (DownloadLock lock = DownloadLock.acquire(folder.lock(remote.etag()))) {
            if (!isComplete(blob, remote.sizeBytes())) {
                Files.deleteIfExists(blob);
                new BlobDownload(http, remote, folder.incomplete(remote.etag())).into(blob, listener);
                downloaded = true;
            }
        }
        Path link = folder.link(remote.commit(), file, blob);
        folder.writeRef(revision, remote.commit());
        return new PulledFile(repository, revision, remote.commit(), file, link, blob, Files.size(blob), downloaded);
    }

    /**
     * What the hub says about {@code file} of {@code repository} at {@code revision}, without downloading it: the
     * commit, the etag, the size and where the content is. As huggingface_hub does, a redirect to another host that
     * carries the file's metadata points at the content (the CDN of LFS files) and any other redirect is followed (a
     * renamed repository, the hub's {@code resolve-cache} of small files); where the end of that chain says nothing of
     * the file, the last redirect that did is taken.
     */
    public RemoteFile resolve(String repository, String file, String revision) throws IOException {
        HubNames.repository(repository);
        HubNames.file(file);
        HubNames.revision(revision);
        URI url = URI.create(settings.endpoint() + "/" + HubNames.encodePath(repository) + "/resolve/"
                + HubNames.encodeSegment(revision) + "/" + HubNames.encodePath(file));
        RemoteFile described = null;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<Void> response = http.head(url);
            int status = response.statusCode();
            if (HubHttp.isRedirect(status)) {
                URI target = HubHttp.location(url, response);
                if (describesFile(response.headers())) {
                    described = remoteFile(repository, file, revision, url, response, target);
                    if (!HubHttp.sameOrigin(target, url)) {
                        return described;
                    }
                }
                if (redirects == HubHttp.MAX_REDIRECTS) {
                    throw new HubException(Reason.BAD_RESPONSE, status, "more than " + HubHttp.MAX_REDIRECTS
                            + " redirects from " + HubErrors.describe(url));
                }
                url = target;
            } else if (status >= 200 && status <= 299 && describesFile(response.headers())) {
                return remoteFile(repository, file, revision, url, response, url);
            } else if (described != null) {
                return described;
            } else if (status >= 200 && status <= 299) {
                String missing = response.headers().firstValue("X-Repo-Commit").isEmpty() ? "X-Repo-Commit"
                        : "an ETag";
                throw new HubException(Reason.BAD_RESPONSE, status, HubErrors.describe(url) + " answered without "
                        + missing + ": is HF_ENDPOINT a Hugging Face hub?");
            } else {
                throw HubErrors.forStatus(status, response.headers(), url, repository, file, revision,
                        http.sendsTokenTo(url), settings.endpoint());
            }
        }
    }

    @Override
    public void close() {
        http.close();
    }

    /** The file's metadata from an answer that has it ({@link #describesFile}), its content at {@code location}. */
    private static RemoteFile remoteFile(String repository, String file, String revision, URI url,
            HttpResponse<Void> response, URI location) throws HubException {
        HttpHeaders headers = response.headers();
        String commit = headers.firstValue("X-Repo-Commit").orElseThrow();
        String etag = etag(headers).orElseThrow();
        if (!HubNames.isSafeCacheName(commit) || !HubNames.isSafeCacheName(etag)) {
            throw new HubException(Reason.BAD_RESPONSE, response.statusCode(), HubErrors.describe(url)
                    + " answered a commit or etag that cannot name a file in the cache: '" + commit + "', '" + etag
                    + "'");
        }
        // A redirect's own Content-Length is its body's, not the file's.
        Optional<String> size = headers.firstValue("X-Linked-Size").or(() -> HubHttp.isRedirect(response.statusCode())
                ? Optional.empty() : headers.firstValue("Content-Length"));
        return new RemoteFile(repository, file, revision, commit, etag, size.map(HubClient::parseSize).orElse(-1L),
                location);
    }

    /** Whether an answer carries the file's commit and etag. */
    private static boolean describesFile(HttpHeaders headers) {
        return headers.firstValue("X-Repo-Commit").isPresent() && etag(headers).isPresent();
    }

    /** The content's etag: {@code X-Linked-Etag} (an LFS file's SHA-256) where there is one, else {@code ETag}. */
    private static Optional<String> etag(HttpHeaders headers) {
        return headers.firstValue("X-Linked-Etag").or(() -> headers.firstValue("ETag")).map(HubClient::normalizeEtag)
                .filter(etag -> !etag.isEmpty());
    }

    /** An etag as a file name: without the weak marker and the quotes ({@code W/"abc"} is {@code abc}). */
    static String normalizeEtag(String etag) {
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static long parseSize(String value) {
        try {
            long size = Long.parseLong(value.strip());
            return size >= 0 ? size : -1;
        } catch (NumberFormatException malformed) {
            return -1;
        }
    }

    private static boolean isComplete(Path blob, long size) throws IOException {
        return Files.isRegularFile(blob) && (size < 0 || Files.size(blob) == size);
    }
}
