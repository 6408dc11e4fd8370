package dev.mcpsessions.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.mcpsessions.McpProperties;

/** Copy-and-truncate rotation of logs that servers write themselves, through an O_APPEND descriptor. */
class LogRotatorTest {

    private static final int MAX = 1024;

    @TempDir
    Path dir;

    Path log;
    LogRotator rotator;
    /** The server's side: its own append-mode descriptor, never reopened. */
    FileChannel server;

    @BeforeEach
    void setUp() throws IOException {
        log = dir.resolve("srv.log");
        server = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        rotator = new LogRotator(properties(2));
        rotator.watch(log);
    }

    @AfterEach
    void tearDown() throws IOException {
        rotator.close();
        server.close();
    }

    @Test
    void aLogOverMaxSizeMovesAsideWhileTheServerKeepsWritingThroughItsDescriptor() throws IOException {
        String output = lines("first", 40); // 40 x 31 bytes: over the 1 KiB max
        write(output);

        await().until(() -> Files.exists(rotated(1)) && Files.size(log) == 0);
        assertThat(Files.readString(rotated(1))).isEqualTo(output.substring(output.length() - MAX));

        write("after the rotation\n");

        // O_APPEND: the write lands at the start of the emptied file, with no hole before it
        assertThat(Files.readString(log)).isEqualTo("after the rotation\n");
    }

    @Test
    void onlyMaxFilesRotatedLogsAreKeptNewestFirst() throws IOException {
        for (String round : new String[] {"one", "two", "three", "four"}) {
            write(lines(round, 40));
            await().until(() -> Files.exists(rotated(1)) && Files.readString(rotated(1)).contains(round + " 39")
                    && Files.size(log) == 0);
        }

        assertThat(Files.readString(rotated(1))).contains("four 39");
        assertThat(Files.readString(rotated(2))).contains("three 39");
        assertThat(rotated(3)).doesNotExist();
        assertThat(rotator.bytesWritten()).isEqualTo(4L * 40 * 31);
    }

    @Test
    void unwatchingChecksOnceMoreSoAFinalBurstIsStillCapped() throws IOException {
        rotator.close(); // no timer any more: only the last check of unwatch can rotate
        write(lines("last", 100));

        rotator.unwatch(log);

        assertThat(Files.size(log)).isZero();
        assertThat(Files.size(rotated(1))).isEqualTo(MAX);
    }

    private Path rotated(int index) {
        return log.resolveSibling("srv.log." + index);
    }

    private void write(String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            server.write(bytes);
        }
    }

    /** Lines of exactly 31 bytes. */
    private static String lines(String prefix, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String line = prefix + " " + i + " ";
            out.append(line).append(".".repeat(30 - line.length())).append('\n');
        }
        return out.toString();
    }

    private static McpProperties properties(int maxFiles) {
        return new McpProperties(Path.of("/tmp/unused"), new McpProperties.Cleanup(false, Duration.ofSeconds(10)),
                new McpProperties.Ports("20000-29999"), new McpProperties.Logs(DataSize.ofBytes(MAX), maxFiles),
                new McpProperties.Supervision(Duration.ofSeconds(1), 3, Duration.ofSeconds(5), Duration.ofSeconds(1),
                        Duration.ofSeconds(30)),
                new McpProperties.Protocol(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), 3),
                new McpProperties.Proxmox(Duration.ofSeconds(5)), new McpProperties.Dashboard(false, false));
    }
}
