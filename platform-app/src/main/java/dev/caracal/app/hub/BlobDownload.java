package dev.caracal.app.hub;

import dev.caracal.app.hub.HubException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One blob's download into {@code blobs/ETAG.incomplete}: resumed with a {@code Range} request, its SHA-256 checked
 * where the etag is one, moved into place in one step.
 */
final class BlobDownload {

    private static final int BUFFER_BYTES = 1 << 20;

    private final HubHttp http;
    private final RemoteFile remote;
    private final Path incomplete;

    BlobDownload(HubHttp http, RemoteFile remote, Path incomplete) {
        this.http = http;
        this.remote = remote;
        this.incomplete = incomplete;
    }

    /** Downloads the blob (or what is missing of it) and moves it to {@code blob}. */
    void into(Path blob, PullListener listener) throws IOException {
        Files.createDirectories(incomplete.getParent());
        long total = remote.sizeBytes();
        long offset = Files.exists(incomplete) ? Files.size(incomplete) : 0;
        if (total >= 0 && offset > total) {
            Files.delete(incomplete);
            offset = 0;
        }
        if (total >= 0) {
            requireFreeSpace(total - offset);
        }
        MessageDigest digest = remote.sha256().isPresent() ? sha256() : null;
        if (digest != null && offset > 0) {
            hashPrefix(offset, digest);
        }
        try (FileChannel channel = FileChannel.open(incomplete, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long done = total >= 0 && offset == total
                    ? finishedEarlier(offset, listener)
                    : transfer(channel, offset, digest, listener);
            channel.force(true);
            checkSize(done);
        }
        if (digest != null) {
            checkSha256(HexFormat.of().formatHex(digest.digest()));
        }
        Files.move(incomplete, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes the answer's bytes from {@code offset} on and returns the bytes on disk after it. */
    private long transfer(FileChannel channel, long offset, MessageDigest digest, PullListener listener)
            throws IOException {
        HttpResponse<InputStream> response = http.get(remote.location(), offset);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 416 && offset > 0) {
                // The server cannot serve the range asked for: start again from the first byte.
                body.close();
                restart(channel, digest);
                return transfer(channel, 0, digest, listener);
            }
            if (status == 200 && offset > 0) {
                // The server ignored the range and sends the whole file.
                restart(channel, digest);
                offset = 0;
            } else if (status == 206) {
                checkContentRange(response, offset);
            } else if (status != 200) {
                throw HubErrors.forStatus(status, response.headers(), response.uri(), remote.repository(),
                        remote.file(), remote.revision(), http.sendsTokenTo(response.uri()), http.endpoint());
            }
            long total = remote.sizeBytes() >= 0 ? remote.sizeBytes() : announcedTotal(response, offset);
            return copy(body, channel, offset, total, digest, new PullProgressReporter(listener, offset, total));
        }
    }

    private long copy(InputStream body, FileChannel channel, long offset, long total, MessageDigest digest,
            PullProgressReporter reporter) throws IOException {
        channel.position(offset);
        byte[] buffer = new byte[BUFFER_BYTES];
        long done = offset;
        reporter.update(done);
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw stopped(Reason.CANCELLED, "was cancelled", done, total, null);
            }
            int read;
            try {
                read = body.read(buffer);
            } catch (IOException cut) {
                throw Thread.currentThread().isInterrupted()
                        ? stopped(Reason.CANCELLED, "was cancelled", done, total, cut)
                        : stopped(Reason.INTERRUPTED, "was cut (" + describe(cut) + ")", done, total, cut);
            }
            if (read < 0) {
                break;
            }
            if (total >= 0 && done + read > total) {
                Files.deleteIfExists(incomplete);
                throw new HubException(Reason.BAD_RESPONSE, 0, HubErrors.describe(remote.location()) + " sent more"
                        + " than the " + total + " bytes of " + remote.file() + "; the download was deleted");
            }
            write(channel, ByteBuffer.wrap(buffer, 0, read), done, total);
            if (digest != null) {
                digest.update(buffer, 0, read);
            }
            done += read;
            reporter.update(done);
        }
        if (total >= 0 && done < total) {
            throw stopped(Reason.INTERRUPTED, "ended early", done, total, null);
        }
        reporter.finish(done);
        return done;
    }

    private void write(FileChannel channel, ByteBuffer bytes, long done, long total) throws IOException {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (ClosedByInterruptException interrupted) {
            throw stopped(Reason.CANCELLED, "was cancelled", done, total, interrupted);
        } catch (IOException failure) {
            if (isNoSpaceLeft(failure)) {
                throw new HubException(Reason.DISK_FULL, 0, "the disk is full: writing " + incomplete
                        + " failed after " + ByteSize.format(done) + (total >= 0 ? " of " + ByteSize.format(total) : "")
                        + " (" + describe(failure) + "); " + usableSpace() + " is free. Free some space and pull again:"
                        + " the download resumes where it stopped", failure);
            }
            throw new IOException("writing " + incomplete + " failed: " + describe(failure), failure);
        }
    }

    private long finishedEarlier(long bytes, PullListener listener) {
        new PullProgressReporter(listener, bytes, bytes).finish(bytes);
        return bytes;
    }

    private void requireFreeSpace(long needed) throws IOException {
        long usable = Files.getFileStore(incomplete.getParent()).getUsableSpace();
        if (usable < needed) {
            throw new HubException(Reason.DISK_FULL, 0, "not enough disk space for " + remote.file() + " in "
                    + incomplete.getParent() + ": the download needs " + ByteSize.format(needed) + " more, "
                    + ByteSize.format(usable) + " is free (free some space, or pull into another cache with"
                    + " HF_HUB_CACHE or --cache)");
        }
    }

    private void restart(FileChannel channel, MessageDigest digest) throws IOException {
        channel.truncate(0);
        if (digest != null) {
            digest.reset();
        }
    }

    private void checkContentRange(HttpResponse<?> response, long offset) throws HubException {
        String range = response.headers().firstValue("Content-Range").orElse("");
        if (range.startsWith("bytes ") && !range.startsWith("bytes " + offset + "-")) {
            throw new HubException(Reason.BAD_RESPONSE, 206, "asked " + HubErrors.describe(response.uri())
                    + " for the bytes from " + offset + " on, it sent '" + range + "'");
        }
    }

    private void checkSize(long done) throws IOException {
        if (remote.sizeBytes() >= 0 && done != remote.sizeBytes()) {
            Files.deleteIfExists(incomplete);
            throw new HubException(Reason.BAD_RESPONSE, 0, HubErrors.describe(remote.location()) + " sent "
                    + done + " bytes of " + remote.file() + ", the hub said " + remote.sizeBytes()
                    + "; the download was deleted, pull again");
        }
    }

    private void checkSha256(String actual) throws IOException {
        String expected = remote.sha256().orElseThrow();
        if (!actual.equals(expected)) {
            Files.deleteIfExists(incomplete);
            throw new HubException(Reason.CHECKSUM_MISMATCH, 0, remote.file() + " of " + remote.repository()
                    + " arrived damaged: its SHA-256 is " + actual + ", the hub says " + expected
                    + " (downloaded from " + HubErrors.describe(remote.location()) + "); the download was deleted,"
                    + " pull again");
        }
    }

    private HubException stopped(Reason reason, String what, long done, long total, Throwable cause) {
        return new HubException(reason, 0, "the download of " + remote.file() + " from "
                + HubErrors.describe(remote.location()) + " " + what + " after " + ByteSize.format(done)
                + (total >= 0 ? " of " + ByteSize.format(total) : "") + "; pull again to resume it", cause);
    }

    private void hashPrefix(long length, MessageDigest digest) throws IOException {
        try (InputStream in = Files.newInputStream(incomplete)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (long left = length; left > 0; ) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new EOFException(incomplete + " shrank while it was read");
                }
                digest.update(buffer, 0, read);
                left -= read;
            }
        }
    }

    private String usableSpace() {
        try {
            return ByteSize.format(Files.getFileStore(incomplete.getParent()).getUsableSpace());
        } catch (IOException unknown) {
            return "an unknown amount";
        }
    }

    private static long announcedTotal(HttpResponse<?> response, long offset) {
        String range = response.headers().firstValue("Content-Range").orElse("");
        int slash = range.lastIndexOf('/');
        if (response.statusCode() == 206 && slash >= 0) {
            try {
                return Long.parseLong(range.substring(slash + 1).strip());
            } catch (NumberFormatException unknown) {
                return -1;
            }
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        return length < 0 ? -1 : offset + length;
    }

    private static boolean isNoSpaceLeft(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && (message.contains("No space left on device") || message.contains("Disk quota"
                    + " exceeded") || message.contains("not enough space on the disk"))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
