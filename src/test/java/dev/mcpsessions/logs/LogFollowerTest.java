package dev.mcpsessions.logs;

import static dev.mcpsessions.logs.LogTailTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {

    @TempDir
    Path dir;

    final List<String> seen = new CopyOnWriteArrayList<>();
    LogFollower follower;

    @AfterEach
    void tearDown() {
        if (follower != null) {
            follower.close();
        }
    }

    @Test
    void deliversLinesAsTheyAreAppended() throws IOException {
        Path file = dir.resolve("x.log");
        try (RotatingLog log = new RotatingLog(file, 1000, 2)) {
            write(log, "before\n");
            follower = LogFollower.fromEnd(file, seen::add);
            write(log, "first\nsecond");
            await().until(() -> seen.equals(List.of("first")));
            write(log, " half\r\n");
            await().until(() -> seen.equals(List.of("first", "second half")));
        }
    }

    @Test
    void continuesAfterARotation() throws IOException {
        Path file = dir.resolve("x.log");
        try (RotatingLog log = new RotatingLog(file, 100, 3)) {
            follower = LogFollower.follow(file, 0, seen::add);
            write(log, "line 00\nline 01\n");
            await().until(() -> seen.size() == 2);
            for (int i = 2; i < 20; i++) {
                write(log, "line %02d\n".formatted(i)); // 12 lines per file: one rotation
            }
            await().until(() -> seen.size() == 20);
            assertThat(Files.exists(file.resolveSibling("x.log.1"))).isTrue();
            write(log, "after\n");
            await().until(() -> seen.size() == 21);
        }
        assertThat(seen).isEqualTo(expected(20, "after"));
    }

    @Test
    void losesNoLineWhenSeveralRotationsHappenBetweenPolls() throws IOException {
        Path file = dir.resolve("x.log");
        try (RotatingLog log = new RotatingLog(file, 100, 5)) {
            follower = LogFollower.follow(file, 0, seen::add);
            write(log, "line 00\n");
            await().until(() -> seen.size() == 1);
            for (int i = 1; i < 40; i++) { // three rotations, faster than one poll
                write(log, "line %02d\n".formatted(i));
            }
        }
        await().until(() -> seen.size() >= 40);
        assertThat(seen).isEqualTo(expected(40, null));
    }

    @Test
    void startsAtTheTailOffset() throws IOException {
        Path file = dir.resolve("x.log");
        try (RotatingLog log = new RotatingLog(file, 1000, 2)) {
            write(log, "a\nb\nc\n");
            LogTail.Tail tail = LogTail.tail(file, 2);
            write(log, "d\n");
            follower = LogFollower.follow(file, tail.offset(), seen::add);
            write(log, "e\n");
            await().until(() -> seen.size() == 2);
            assertThat(tail.lines()).containsExactly("b", "c");
            assertThat(seen).containsExactly("d", "e");
        }
    }

    @Test
    void aFailingConsumerEndsTheFollowing() throws IOException {
        Path file = Files.writeString(dir.resolve("x.log"), "boom\n");

        follower = LogFollower.follow(file, 0, line -> {
            throw new IllegalStateException("client went away");
        });

        await().until(() -> !follower.isOpen());
    }

    private static List<String> expected(int count, String last) {
        List<String> lines = new java.util.ArrayList<>(IntStream.range(0, count).mapToObj("line %02d"::formatted).toList());
        if (last != null) {
            lines.add(last);
        }
        return lines;
    }
}
