package dev.mcpsessions.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogTest {

    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aServerWriting200MegabytesStaysUnderTheCap() throws Exception {
        Path file = dir.resolve("s1").resolve("server.log");
        RotatingLog log = new RotatingLog(file, 10 * MB, 5);
        Process server = new ProcessBuilder("sh", "-c", "yes 'a line of server output' | head -c 209715200")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();

        Thread pump = RotatingLog.pump(server.getInputStream(), log, "log-s1-server");
        await().atMost(Duration.ofMinutes(2)).until(() -> !pump.isAlive());

        assertThat(log.bytesWritten()).isEqualTo(200 * MB);
        assertThat(logFiles(file)).containsExactlyInAnyOrder("server.log", "server.log.1", "server.log.2",
                "server.log.3", "server.log.4", "server.log.5");
        long total = 0;
        for (String name : logFiles(file)) {
            long size = Files.size(file.resolveSibling(name));
            assertThat(size).isLessThanOrEqualTo(10 * MB);
            total += size;
        }
        assertThat(total).isLessThanOrEqualTo(10 * MB * 6);
        assertThat(Files.readString(file.resolveSibling("server.log.5"))).startsWith("a line of server output\n")
                .endsWith("a line of server output\n");
    }

    @Test
    void rotatesAfterTheLastLineThatFits() throws IOException {
        Path file = dir.resolve("x.log");
        try (RotatingLog log = new RotatingLog(file, 100, 2)) {
            for (int i = 0; i < 10; i++) {
                write(log, "line %02d of exactly 30 bytes\n".formatted(i)); // 30 bytes each
            }
        }
        assertThat(Files.readString(file)).isEqualTo("line 09 of exactly 30 bytes\n");
        assertThat(Files.readAllLines(file.resolveSibling("x.log.1"))).hasSize(3).first().asString().startsWith("line 06");
        assertThat(Files.readAllLines(file.resolveSibling("x.log.2"))).hasSize(3).first().asString().startsWith("line 03");
        assertThat(logFiles(file)).hasSize(3);
    }

    @Test
    void splitsALineLongerThanAWholeFile() throws IOException {
        Path file = dir.resolve("x.log");
        try (RotatingLog log = new RotatingLog(file, 10, 3)) {
            write(log, "abcdefghijklmnopqrstuvwxy\n");
        }
        assertThat(Files.readString(file.resolveSibling("x.log.2"))).isEqualTo("abcdefghij");
        assertThat(Files.readString(file.resolveSibling("x.log.1"))).isEqualTo("klmnopqrst");
        assertThat(Files.readString(file)).isEqualTo("uvwxy\n");
    }

    @Test
    void filesArePrivate() throws IOException {
        Path file = dir.resolve("logs").resolve("x.log");
        try (RotatingLog log = new RotatingLog(file, 10, 1)) {
            write(log, "12345678\n12345678\n");
        }
        for (Path path : List.of(file, file.resolveSibling("x.log.1"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void withoutRotatedFilesTheActiveFileStartsOver() throws IOException {
        Path file = dir.resolve("x.log");
        try (RotatingLog log = new RotatingLog(file, 10, 0)) {
            write(log, "12345678\nabcdefgh\n");
        }
        assertThat(logFiles(file)).containsExactly("x.log");
        assertThat(Files.readString(file)).isEqualTo("abcdefgh\n");
    }

    @Test
    void appendsToWhatTheFileAlreadyHolds() throws IOException {
        Path file = dir.resolve("x.log");
        Files.writeString(file, "old run\n");
        try (RotatingLog log = new RotatingLog(file, 12, 1)) {
            write(log, "new\n");
            assertThat(Files.readString(file)).isEqualTo("old run\nnew\n");
            write(log, "more\n");
            assertThat(log.bytesWritten()).isEqualTo(9);
        }
        assertThat(Files.readString(file.resolveSibling("x.log.1"))).isEqualTo("old run\nnew\n");
        assertThat(Files.readString(file)).isEqualTo("more\n");
    }

    private static void write(RotatingLog log, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        log.write(bytes, 0, bytes.length);
    }

    static List<String> logFiles(Path file) throws IOException {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
