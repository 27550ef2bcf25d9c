package dev.caracal.app.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One download of a blob at a time, across threads (a lock per lock file) and processes (a file lock, as
 * huggingface_hub takes on the same file): a second pull of the same blob waits, then finds it in the cache.
 */
final class DownloadLock implements AutoCloseable {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private DownloadLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Waits for the lock on {@code lockFile}, creating it. */
    static DownloadLock acquire(Path lockFile) throws IOException {
        ReentrantLock threadLock = IN_THIS_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(),
                path -> new ReentrantLock());
        try {
            threadLock.lockInterruptibly();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new HubException(HubException.Reason.CANCELLED, 0, "the pull was cancelled while it waited for"
                    + " another download of the same file (" + lockFile + ")");
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new DownloadLock(threadLock, channel, channel.lock());
        } catch (IOException | RuntimeException failure) {
            if (channel != null) {
                channel.close();
            }
            threadLock.unlock();
            throw failure;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            threadLock.unlock();
        }
    }
}
