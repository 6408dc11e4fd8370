package dev.mcpsessions.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The OS lock on {@code manager.lock}: one manager per home. The kernel drops it when the
 * process dies, however it dies, so a crashed manager never blocks the next one.
 */
public final class ManagerLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ManagerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static ManagerLock acquire(ManagerHome home, JsonFiles json) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(home.lockFile(), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(AtomicFiles.FILE_MODE));
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new HomeLockedException(home.toString(),
                        json.read(home.managerJson(), ManagerInfo.class).orElse(null));
            }
            return new ManagerLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock " + home.lockFile(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
