package dev.caracal.app.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Hugging Face hub on a loopback port that answers {@code /ORG/NAME/resolve/REV/FILE} as huggingface.co does, and
 * that tests make lie, fail and cut connections.
 *
 * <p>An LFS file: a 302 to the "CDN" (byte ranges served) with {@code X-Repo-Commit}, {@code X-Linked-Etag} (its
 * SHA-256, quoted) and {@code X-Linked-Size}. A file in git: a relative 307 to {@code /api/resolve-cache/...} with
 * {@code X-Repo-Commit}, which answers with the git object id as {@code ETag}. The hub is {@code localhost}, its CDN
 * {@code 127.0.0.1}: two origins, as on the real hub.
 */
public final class FakeHub implements AutoCloseable {

    public static final String COMMIT = "4d1c8e9f0a2b3c4d5e6f708192a3b4c5d6e7f809";
    private static final String RESOLVE_CACHE = "/api/resolve-cache/models/";

    private record Entry(byte[] content, boolean lfs, String etag) {
    }

    private record Failure(int status, String errorCode) {
    }

    private record CutOff(long afterBytes, Path watched) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Entry> files = new ConcurrentHashMap<>();
    private final Map<String, byte[]> contentBySha = new ConcurrentHashMap<>();
    private final Map<String, String> renamed = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final List<String> contentAuthorizations = new CopyOnWriteArrayList<>();
    private final AtomicLong lastBytesServed = new AtomicLong();
    private volatile String announcedEtag;
    private volatile long announcedSize = -1;
    private volatile boolean relativeRedirects;
    private volatile boolean ignoreRanges;
    private volatile CutOff cutOff;

    private FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeHub start() throws IOException {
        return new FakeHub();
    }

    /** The hub's base URL, for {@code HF_ENDPOINT}. */
    public URI endpoint() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** Serves {@code content} as an LFS file of {@code repository}, and returns its SHA-256. */
    public String addLfsFile(String repository, String file, byte[] content) {
        String sha = hex("SHA-256", content);
        files.put(repository + "/" + file, new Entry(content, true, sha));
        contentBySha.put(sha, content);
        return sha;
    }

    /** Serves {@code content} as a file in git, with its git object id as etag, and returns that id. */
    public String addGitFile(String repository, String file, byte[] content) {
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] object = new byte[header.length + content.length];
        System.arraycopy(header, 0, object, 0, header.length);
        System.arraycopy(content, 0, object, header.length, content.length);
        String oid = hex("SHA-1", object);
        files.put(repository + "/" + file, new Entry(content, false, oid));
        return oid;
    }

    /** {@code oldName} answers with a relative redirect to {@code newName}, as a renamed repository does. */
    public void rename(String oldName, String newName) {
        renamed.put(oldName, newName);
    }

    /** {@code repository} answers 401 unless the request carries {@code Authorization: Bearer token}. */
    public void makePrivate(String repository, String token) {
        tokens.put(repository, token);
    }

    /** {@code repository} answers {@code status} with {@code X-Error-Code: errorCode} (none where null). */
    public void fail(String repository, int status, String errorCode) {
        failures.put(repository, new Failure(status, errorCode));
    }

    /** The HEAD announces this etag instead of the content's SHA-256. */
    public void announceEtag(String etag) {
        announcedEtag = etag;
    }

    /** The HEAD announces this size instead of the content's. */
    public void announceSize(long size) {
        announcedSize = size;
    }

    /**
     * LFS files redirect to a relative location on the hub, a blob store that answers a HEAD without the file's
     * metadata and a GET with a relative redirect to the CDN.
     */
    public void useRelativeRedirects() {
        relativeRedirects = true;
    }

    /** The CDN answers every download with the whole file (200), as a server without range support does. */
    public void ignoreRanges() {
        ignoreRanges = true;
    }

    /**
     * The next download sends {@code afterBytes} bytes, waits until {@code watched} (the client's partial file) holds
     * them, and drops the connection.
     */
    public void cutNextDownloadAfter(long afterBytes, Path watched) {
        cutOff = new CutOff(afterBytes, watched);
    }

    /** Every request, as {@code METHOD PATH}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The {@code Range} headers of the downloads that had one. */
    public List<String> ranges() {
        return List.copyOf(ranges);
    }

    /** The {@code Authorization} header of every download of content ("" where none). */
    public List<String> contentAuthorizations() {
        return List.copyOf(contentAuthorizations);
    }

    /** How many downloads of content (GETs answered with bytes) there were. */
    public long downloads() {
        return contentAuthorizations.size();
    }

    /** The bytes the last download of content sent. */
    public long lastBytesServed() {
        return lastBytesServed.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            if (path.startsWith("/cdn/")) {
                serveContent(exchange, contentBySha.get(path.substring("/cdn/".length())));
            } else if (path.startsWith("/lfs/")) {
                serveBlobStore(exchange, path.substring("/lfs/".length()));
            } else if (path.startsWith(RESOLVE_CACHE)) {
                resolveCache(exchange, path.substring(RESOLVE_CACHE.length()));
            } else {
                resolve(exchange, path);
            }
        } catch (IOException dropped) {
            // A connection cut on purpose, or a client that went away.
        }
    }

    private void resolve(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.substring(1).split("/", 5);
        if (parts.length < 5 || !parts[2].equals("resolve")) {
            answer(exchange, 404, null);
            return;
        }
        String repository = parts[0] + "/" + parts[1];
        String revision = parts[3];
        String file = parts[4];
        if (renamed.containsKey(repository)) {
            redirect(exchange, "/" + renamed.get(repository) + "/resolve/" + revision + "/" + file);
            return;
        }
        Failure failure = failures.get(repository);
        if (failure != null) {
            answer(exchange, failure.status(), failure.errorCode());
            return;
        }
        String token = tokens.get(repository);
        if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, null);
            return;
        }
        boolean known = files.keySet().stream().anyMatch(key -> key.startsWith(repository + "/"));
        if (!known) {
            answer(exchange, 404, "RepoNotFound");
            return;
        }
        if (!revision.equals("main") && !revision.equals(COMMIT)) {
            answer(exchange, 404, "RevisionNotFound");
            return;
        }
        exchange.getResponseHeaders().set("X-Repo-Commit", COMMIT);
        Entry entry = files.get(repository + "/" + file);
        if (entry == null) {
            answer(exchange, 404, "EntryNotFound");
            return;
        }
        long size = announcedSize >= 0 ? announcedSize : entry.content().length;
        if (entry.lfs()) {
            exchange.getResponseHeaders().set("X-Linked-Etag", "\"" + (announcedEtag != null ? announcedEtag
                    : entry.etag()) + "\"");
            exchange.getResponseHeaders().set("X-Linked-Size", Long.toString(size));
            exchange.getResponseHeaders().set("ETag", "\"" + hex("SHA-1", entry.etag().getBytes()) + "\"");
            redirect(exchange, relativeRedirects ? "/lfs/" + entry.etag() + "?signature=relative"
                    : "http://127.0.0.1:" + server.getAddress().getPort() + "/cdn/" + entry.etag()
                            + "?signature=secret");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        redirect(exchange, 307, RESOLVE_CACHE + repository + "/" + COMMIT + "/" + file + "?etag=%22" + entry.etag()
                + "%22");
    }

    /** {@code ORG/NAME/COMMIT/FILE}: a file in git at a commit, with its metadata. */
    private void resolveCache(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.split("/", 4);
        Entry entry = parts.length == 4 && parts[2].equals(COMMIT)
                ? files.get(parts[0] + "/" + parts[1] + "/" + parts[3]) : null;
        if (entry == null || entry.lfs()) {
            answer(exchange, 404, "EntryNotFound");
            return;
        }
        exchange.getResponseHeaders().set("X-Repo-Commit", COMMIT);
        exchange.getResponseHeaders().set("ETag", "\"" + entry.etag() + "\"");
        if (exchange.getRequestMethod().equals("HEAD")) {
            long size = announcedSize >= 0 ? announcedSize : entry.content().length;
            exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
        } else {
            serveContent(exchange, entry.content());
        }
    }

    /** {@code SHA}: a blob store on the hub's host, that knows nothing of commits and redirects downloads on. */
    private void serveBlobStore(HttpExchange exchange, String sha) throws IOException {
        byte[] content = contentBySha.get(sha);
        if (content == null) {
            answer(exchange, 404, null);
        } else if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(content.length));
            exchange.sendResponseHeaders(200, -1);
        } else {
            redirect(exchange, "/cdn/" + sha + "?signature=relative");
        }
    }

    private void serveContent(HttpExchange exchange, byte[] content) throws IOException {
        if (content == null) {
            answer(exchange, 404, null);
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        contentAuthorizations.add(authorization == null ? "" : authorization);
        String range = exchange.getRequestHeaders().getFirst("Range");
        long offset = 0;
        if (range != null) {
            ranges.add(range);
        }
        if (range != null && !ignoreRanges) {
            offset = Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
            exchange.getResponseHeaders().set("Content-Range", "bytes " + offset + "-" + (content.length - 1) + "/"
                    + content.length);
        }
        exchange.sendResponseHeaders(offset == 0 ? 200 : 206, content.length - offset);
        CutOff cut = cutOff;
        cutOff = null;
        long end = cut == null ? content.length : Math.min(content.length, offset + cut.afterBytes());
        OutputStream body = exchange.getResponseBody();
        body.write(content, (int) offset, (int) (end - offset));
        body.flush();
        lastBytesServed.set(end - offset);
        if (cut != null) {
            awaitSize(cut.watched(), end);
            // Closing the exchange before its length is written drops the connection.
        }
    }

    private static void awaitSize(Path file, long size) throws IOException {
        for (int attempt = 0; attempt < 3000; attempt++) {
            if (Files.exists(file) && Files.size(file) >= size) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        redirect(exchange, 302, location);
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }

    private static void answer(HttpExchange exchange, int status, String errorCode) throws IOException {
        if (errorCode != null) {
            exchange.getResponseHeaders().set("X-Error-Code", errorCode);
        }
        exchange.sendResponseHeaders(status, -1);
    }

    static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
