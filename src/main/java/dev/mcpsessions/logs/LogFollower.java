package dev.mcpsessions.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the complete lines appended to a log, like {@code tail -F}, polling on a daemon
 * thread. The open file is followed by inode: when the log rotates, the old file is read to its
 * end (and any file rotated in between), then the new one from its start. A consumer that throws
 * ends the following (a client that went away).
 */
public final class LogFollower implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(LogFollower.class);
    static final Duration POLL = Duration.ofMillis(100);

    private final Path file;
    private final LineSplitter lines;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private @Nullable FileChannel channel;
    private @Nullable Object inode;
    private long position;

    private LogFollower(Path file, long offset, Consumer<String> onLine) {
        this.file = file.toAbsolutePath();
        this.position = Math.max(0, offset);
        this.lines = new LineSplitter(onLine);
    }

    /** Follows {@code file} from byte {@code offset}, e.g. a {@link LogTail.Tail#offset()}. */
    public static LogFollower follow(Path file, long offset, Consumer<String> onLine) {
        LogFollower follower = new LogFollower(file, offset, onLine);
        Thread thread = new Thread(follower::run, "log-follow-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
        return follower;
    }

    /** Follows only what is written from now on. */
    public static LogFollower fromEnd(Path file, Consumer<String> onLine) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = 0;
        }
        return follow(file, size, onLine);
    }

    @Override
    public void close() {
        closed.countDown();
    }

    public boolean isOpen() {
        return closed.getCount() > 0;
    }

    private void run() {
        try {
            do {
                poll();
            } while (!closed.await(POLL.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("Stopped following {}: {}", file, e.toString());
        } finally {
            closed.countDown();
            closeChannel();
        }
    }

    private void poll() {
        try {
            if (channel == null && !open()) {
                return;
            }
            drain();
            Object current = inodeOf(file);
            if (inode == null) {
                inode = current; // could not be read at open: take this one, or every poll would look like a rotation
            }
            if (current != null && !current.equals(inode)) {
                drain(); // what was written to the old file just before it moved
                readRotatedSince(inode);
                closeChannel();
                position = 0;
                if (open()) {
                    drain();
                }
            } else if (channel.size() < position) {
                position = 0; // truncated in place
            }
        } catch (IOException e) {
            log.debug("Cannot read {} yet: {}", file, e.toString());
            closeChannel(); // reopen on the next poll
        }
    }

    private boolean open() throws IOException {
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return false; // between the rename and the new file of a rotation
        }
        inode = inodeOf(file);
        if (channel.size() < position) {
            position = 0; // rotated before we first looked: the offset belonged to the old file
        }
        return true;
    }

    /** Files rotated after the one we held and before the new active file, oldest first. */
    private void readRotatedSince(@Nullable Object previous) throws IOException {
        int held = 0;
        for (int index = 1; index <= LogFiles.MAX_ROTATED && held == 0; index++) {
            Path rotated = LogFiles.rotated(file, index);
            if (!Files.exists(rotated)) {
                return; // the file we held is gone already; nothing left in between to find
            }
            if (Objects.equals(inodeOf(rotated), previous)) {
                held = index;
            }
        }
        for (int index = held - 1; index >= 1; index--) {
            closeChannel();
            try {
                channel = FileChannel.open(LogFiles.rotated(file, index), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                continue;
            }
            position = 0;
            drain();
        }
    }

    private void drain() throws IOException {
        while (true) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read <= 0) {
                return;
            }
            position += read;
            lines.accept(buffer.array(), read);
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only: nothing to lose
            }
            channel = null;
        }
    }

    private static @Nullable Object inodeOf(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }
}
