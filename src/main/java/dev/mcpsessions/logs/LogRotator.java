package dev.mcpsessions.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.home.AtomicFiles;

/**
 * Keeps server logs within {@code mcp.logs.max-size} × ({@code max-files} + 1). Servers write
 * their log file directly (O_APPEND), so rotation is copy-and-truncate, checked every 100 ms:
 * the process keeps its file descriptor and its next write lands at the start of the emptied file.
 * A burst larger than max-size between two checks keeps only its last max-size bytes. The active
 * file can pass max-size by what is written between two checks, so while a log fills fast the
 * checks come every 10 ms.
 */
@Component
public class LogRotator {

    private static final Logger log = LoggerFactory.getLogger(LogRotator.class);
    private static final long CHECK_MILLIS = 100;
    private static final long FLOOD_CHECK_MILLIS = 10;

    private final long maxBytes;
    private final int maxFiles;
    /** Watched file → size at the last check, to count bytes written. */
    private final Map<Path, Long> watched = new ConcurrentHashMap<>();
    private final AtomicLong bytesWritten = new AtomicLong();
    /** A log grew by more than an eighth of max-size since the last check. */
    private volatile boolean flooded;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "log-rotator");
        t.setDaemon(true);
        return t;
    });

    public LogRotator(McpProperties properties) {
        this.maxBytes = Math.max(1024, properties.logs().maxSize().toBytes());
        this.maxFiles = Math.max(1, properties.logs().maxFiles());
        timer.schedule(this::checkAll, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    public void watch(Path logFile) {
        watched.putIfAbsent(logFile, sizeOf(logFile));
    }

    /** Stops watching after one last check, so output written just before an exit is still capped. */
    public void unwatch(Path logFile) {
        Long last = watched.remove(logFile);
        if (last != null) {
            check(logFile, last);
        }
    }

    /** Bytes servers have written to their logs since the manager started. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    private void checkAll() {
        flooded = false;
        try {
            watched.forEach((file, last) -> {
                long size = check(file, last);
                watched.computeIfPresent(file, (f, old) -> size);
            });
        } catch (RuntimeException e) {
            log.warn("Checking server logs failed: {}", e.toString());
        } finally {
            try {
                timer.schedule(this::checkAll, flooded ? FLOOD_CHECK_MILLIS : CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closed: the manager is stopping
            }
        }
    }

    private long check(Path file, long lastSize) {
        long size = sizeOf(file);
        long grown = size >= lastSize ? size - lastSize : size;
        bytesWritten.addAndGet(grown);
        if (grown > maxBytes / 8) {
            flooded = true;
        }
        if (size <= maxBytes) {
            return size;
        }
        try {
            rotate(file, size);
            return 0;
        } catch (IOException e) {
            log.warn("Could not rotate {}: {}", file, e.getMessage());
            return size;
        }
    }

    void rotate(Path file, long size) throws IOException {
        Files.deleteIfExists(numbered(file, maxFiles));
        for (int i = maxFiles - 1; i >= 1; i--) {
            Path from = numbered(file, i);
            if (Files.exists(from)) {
                Files.move(from, numbered(file, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path first = numbered(file, 1);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileChannel out = FileChannel.open(first, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE), java.nio.file.attribute.PosixFilePermissions
                                .asFileAttribute(AtomicFiles.FILE_MODE))) {
            long keepFrom = Math.max(0, size - maxBytes);
            long copied = 0;
            while (copied < size - keepFrom) {
                long n = in.transferTo(keepFrom + copied, size - keepFrom - copied, out);
                if (n <= 0) {
                    break;
                }
                copied += n;
            }
            in.truncate(0);
        }
    }

    static Path numbered(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
    }
}
