package dev.mcpsessions.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.stream.Stream;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import dev.mcpsessions.home.AtomicFiles;
import dev.mcpsessions.home.ManagerHome;

/**
 * {@code home}: DOWN when the home cannot be written, or has less than {@link #MIN_FREE} free,
 * because then no pid file, spec or log can be kept. Writability is tested by writing and
 * deleting a probe file, not by reading permission bits: those say nothing for root, nor for a
 * read-only mount or a full disk.
 */
@Component
class HomeHealthIndicator implements HealthIndicator {

    /** Written and deleted at every check; a name no session or server can have (names start [a-z0-9]). */
    static final String PROBE_FILE = ".health-probe";
    static final DataSize MIN_FREE = DataSize.ofMegabytes(10);

    private final ManagerHome home;

    HomeHealthIndicator(ManagerHome home) {
        this.home = home;
    }

    @Override
    public Health health() {
        Path root = home.root();
        Health.Builder health = Health.up().withDetail("path", root.toString());
        try {
            writeProbe(root.resolve(PROBE_FILE));
        } catch (IOException e) {
            return Health.down().withDetail("path", root.toString()).withDetail("writable", false)
                    .withDetail("reason", "cannot write in the home: " + e).build();
        }
        health.withDetail("writable", true);
        try {
            long free = Files.getFileStore(root).getUsableSpace();
            health.withDetail("freeBytes", free);
            if (free < MIN_FREE.toBytes()) {
                health.down().withDetail("reason", "only " + free + " bytes free in the home; at least "
                        + MIN_FREE.toBytes() + " needed");
            }
        } catch (IOException e) {
            health.unknown().withDetail("reason", "cannot read free space: " + e);
        }
        return health.withDetail("logBytes", sizeOf(home.logsRoot())).build();
    }

    private static void writeProbe(Path probe) throws IOException {
        try (FileChannel channel = FileChannel.open(probe, EnumSet.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(AtomicFiles.FILE_MODE))) {
            channel.write(ByteBuffer.wrap("ok\n".getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
        }
        Files.deleteIfExists(probe);
    }

    /** Log volume: every file under logs/, rotated ones and the manager's own log included. */
    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(HomeHealthIndicator::fileSize).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1; // a file went away during the walk; the next check counts again
        }
    }

    private static long fileSize(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
