package dev.mcpsessions.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void returnsTheLastLinesOldestFirst() throws IOException {
        Path file = Files.writeString(dir.resolve("x.log"), "one\ntwo\nthree\nfour\nfive\n");

        assertThat(LogTail.lastLines(file, 3)).containsExactly("three", "four", "five");
        assertThat(LogTail.lastLines(file, 10)).containsExactly("one", "two", "three", "four", "five");
        assertThat(LogTail.lastLines(file, 0)).isEmpty();
    }

    @Test
    void keepsAFinalLineWithoutNewlineAndEmptyLines() throws IOException {
        Path file = Files.writeString(dir.resolve("x.log"), "a\n\nb\r\nno newline");

        assertThat(LogTail.lastLines(file, 10)).containsExactly("a", "", "b", "no newline");
        assertThat(LogTail.lastLines(file, 1)).containsExactly("no newline");
    }

    @Test
    void continuesIntoRotatedFiles() throws IOException {
        Path file = dir.resolve("x.log");
        try (RotatingLog log = new RotatingLog(file, 100, 3)) {
            for (int i = 0; i < 30; i++) {
                write(log, "line %02d\n".formatted(i)); // 8 bytes: 12 lines per file
            }
        }
        assertThat(Files.readAllLines(file)).hasSize(6);

        assertThat(LogTail.lastLines(file, 20))
                .isEqualTo(IntStream.range(10, 30).mapToObj("line %02d"::formatted).toList());
        assertThat(LogTail.lastLines(file, 1000)).hasSize(30);
    }

    @Test
    void joinsALineThatARotationSplit() throws IOException {
        Path file = dir.resolve("x.log");
        try (RotatingLog log = new RotatingLog(file, 10, 3)) {
            write(log, "first\nabcdefghijklmno\n");
        }

        assertThat(LogTail.lastLines(file, 2)).containsExactly("first", "abcdefghijklmno");
    }

    @Test
    void readsAcrossBlocks() throws IOException {
        List<String> lines = IntStream.range(0, 50_000).mapToObj(i -> "line number " + i).toList();
        Path file = Files.write(dir.resolve("x.log"), lines);

        assertThat(LogTail.lastLines(file, 9_000)).isEqualTo(lines.subList(41_000, 50_000));
        assertThat(LogTail.lastLines(file, 20_000)).hasSize(LogTail.MAX_LINES).last().isEqualTo("line number 49999");
    }

    @Test
    void aMissingLogHasNoLines() {
        LogTail.Tail tail = LogTail.tail(dir.resolve("never.log"), 10);

        assertThat(tail.lines()).isEmpty();
        assertThat(tail.offset()).isZero();
    }

    @Test
    void theOffsetIsTheActiveFileSize() throws IOException {
        Path file = Files.writeString(dir.resolve("x.log"), "héllo\n");

        assertThat(LogTail.tail(file, 5)).isEqualTo(new LogTail.Tail(List.of("héllo"), 7));
    }

    static void write(RotatingLog log, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        log.write(bytes, 0, bytes.length);
    }
}
