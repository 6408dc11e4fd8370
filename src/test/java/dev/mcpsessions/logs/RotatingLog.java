package dev.mcpsessions.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.mcpsessions.home.AtomicFiles;

/**
 * A writer that rotates by renaming (x.log becomes x.log.1, as logrotate does by default), so
 * tests can check that tails and followers survive that kind of rotation too; the manager itself
 * rotates by copy-and-truncate (LogRotator).
 */
public final class RotatingLog implements Closeable {

    private static final Set<StandardOpenOption> APPEND = Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND);

    private final Path file;
    private final long maxBytes;
    private final int maxFiles;
    private @Nullable FileChannel channel;
    private long size;
    private volatile long written;
    private boolean closed;

    /** Opens {@code file} for appending (0600, parent 0700); what it already holds counts toward the cap. */
    public RotatingLog(Path file, long maxBytes, int maxFiles) throws IOException {
        if (maxBytes < 1 || maxFiles < 0) {
            throw new IllegalArgumentException("maxBytes must be positive and maxFiles not negative");
        }
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        AtomicFiles.createPrivateDirectories(this.file.getParent());
        open();
    }

    public Path file() {
        return file;
    }

    /** Bytes accepted by {@link #write} since this log was opened, across rotations. */
    public long bytesWritten() {
        return written;
    }

    public synchronized void write(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("Log " + file + " is closed");
        }
        if (channel == null) {
            open(); // an earlier rotation failed half-way
        }
        while (len > 0) {
            long room = maxBytes - size;
            if (len <= room) {
                append(buf, off, len);
                return;
            }
            int cut = lastNewline(buf, off, (int) Math.min(room, len)) + 1;
            if (cut == 0 && size == 0) {
                cut = (int) room; // one line longer than a whole file: split it
            }
            if (cut > 0) {
                append(buf, off, cut);
                off += cut;
                len -= cut;
            }
            rotate();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }


    private void append(byte[] buf, int off, int len) throws IOException {
        ByteBuffer chunk = ByteBuffer.wrap(buf, off, len);
        while (chunk.hasRemaining()) {
            channel.write(chunk);
        }
        size += len;
        written += len;
    }

    private void rotate() throws IOException {
        channel.close();
        channel = null;
        if (maxFiles == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.deleteIfExists(rotated(maxFiles));
            for (int i = maxFiles - 1; i >= 1; i--) {
                if (Files.exists(rotated(i))) {
                    Files.move(rotated(i), rotated(i + 1), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(file, rotated(1), StandardCopyOption.ATOMIC_MOVE);
        }
        open();
    }

    private Path rotated(int index) {
        return LogFiles.rotated(file, index);
    }

    private void open() throws IOException {
        channel = FileChannel.open(file, APPEND, PosixFilePermissions.asFileAttribute(AtomicFiles.FILE_MODE));
        size = channel.size();
    }

    private static int lastNewline(byte[] buf, int off, int len) {
        for (int i = off + len - 1; i >= off; i--) {
            if (buf[i] == '\n') {
                return i - off;
            }
        }
        return -1;
    }
}
