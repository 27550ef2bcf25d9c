package dev.caracal.app.hub;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Checks the names a pull puts into URLs and cache paths, the caller's and the hub's: none may leave the cache. */
final class HubNames {

    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?");
    private static final Pattern CACHE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");
    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern COMMIT_HASH = Pattern.compile("[0-9a-f]{40}");

    private HubNames() {
    }

    /** Checks {@code ORG/NAME} (or a bare {@code NAME}) as the hub spells repository ids. */
    static String repository(String repository) {
        if (repository == null || repository.length() > 96 || !REPOSITORY.matcher(repository).matches()
                || repository.contains("--") || repository.contains("..")
                || repository.startsWith("-") || repository.startsWith(".")
                || repository.endsWith("-") || repository.endsWith(".")) {
            throw new IllegalArgumentException("'" + repository + "' is not a repository name: expected ORG/NAME,"
                    + " letters, digits, '-', '_' and '.' (for example TheBloke/Llama-2-7B-GGUF)");
        }
        return repository;
    }

    /** Checks a file's path inside a repository ({@code model.gguf}, {@code onnx/model.onnx}). */
    static String file(String file) {
        if (!isRelativePath(file)) {
            throw new IllegalArgumentException("'" + file + "' is not a file of a repository: expected a relative"
                    + " path such as model.gguf or subfolder/model.gguf");
        }
        return file;
    }

    /** Checks a revision: a branch, a tag, a commit hash or {@code refs/pr/N}. */
    static String revision(String revision) {
        if (!isRelativePath(revision)) {
            throw new IllegalArgumentException("'" + revision + "' is not a revision: expected a branch, a tag or a"
                    + " commit hash");
        }
        return revision;
    }

    /** Whether {@code name} is a commit hash (40 hexadecimal digits), which names a revision that never moves. */
    static boolean isCommitHash(String name) {
        return COMMIT_HASH.matcher(name).matches();
    }

    /** Whether an etag is the SHA-256 of the content (64 hexadecimal digits), as the hub sends for LFS files. */
    static boolean isSha256(String etag) {
        return SHA_256.matcher(etag).matches();
    }

    /** Whether a name from the hub (an etag, a commit hash) is safe as one file name in the cache. */
    static boolean isSafeCacheName(String name) {
        return name != null && CACHE_NAME.matcher(name).matches();
    }

    /** {@code value} percent-encoded as one URL path segment (a {@code /} is encoded too). */
    static String encodeSegment(String value) {
        return encode(value, false);
    }

    /** {@code value} percent-encoded as URL path segments joined by {@code /}. */
    static String encodePath(String value) {
        return encode(value, true);
    }

    private static boolean isRelativePath(String value) {
        if (value == null || value.isEmpty() || value.length() > 1024 || value.startsWith("/")
                || value.contains("\\")) {
            return false;
        }
        for (String segment : value.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || segment.chars().anyMatch(character -> character < 0x20 || character == 0x7f)) {
                return false;
            }
        }
        return true;
    }

    private static String encode(String value, boolean keepSlashes) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char character = (char) (b & 0xff);
            boolean unreserved = character >= 'a' && character <= 'z' || character >= 'A' && character <= 'Z'
                    || character >= '0' && character <= '9' || "-._~".indexOf(character) >= 0
                    || keepSlashes && character == '/';
            if (unreserved) {
                encoded.write(character);
            } else {
                encoded.writeBytes(String.format("%%%02X", b & 0xff).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return encoded.toString(StandardCharsets.US_ASCII);
    }
}
