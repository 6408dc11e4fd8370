package dev.mcpsessions.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last lines of a server log, read backwards from the end in blocks. The active file and its
 * rotated predecessors ({@code .1}, {@code .2}, ...) are read as one stream, so a line split by a
 * rotation comes back whole.
 */
public final class LogTail {

    /** The most lines one request may ask for. */
    public static final int MAX_LINES = 10_000;
    private static final int BLOCK = 64 * 1024;

    /**
     * @param lines the last lines, oldest first
     * @param offset the active file's size when it was read: where a {@link LogFollower} continues
     */
    public record Tail(List<String> lines, long offset) {}

    private LogTail() {
    }

    /** The last {@code n} lines (at most {@link #MAX_LINES}); empty when there is no log yet. */
    public static List<String> lastLines(Path logFile, int n) {
        return tail(logFile, n).lines();
    }

    public static Tail tail(Path logFile, int n) {
        Backwards reader = new Backwards(Math.min(n, MAX_LINES));
        long offset = 0;
        try {
            for (int index = 0; !reader.done() && index <= LogFiles.MAX_ROTATED; index++) {
                try (FileChannel channel = FileChannel.open(LogFiles.rotated(logFile, index), StandardOpenOption.READ)) {
                    long size = channel.size();
                    if (index == 0) {
                        offset = size;
                    }
                    if (!reader.read(channel, size)) {
                        break; // the file shrank under us: what was read is still a true tail
                    }
                } catch (NoSuchFileException e) {
                    if (index > 0) {
                        break; // no older file; a missing active file is a rotation in progress
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + logFile, e);
        }
        return new Tail(reader.lines(), offset);
    }

    /** Collects lines from the end of a stream of files fed newest first. */
    private static final class Backwards {

        private final int wanted;
        private final Deque<String> lines = new ArrayDeque<>();
        private final LineBytes line = new LineBytes();
        private final ByteBuffer block = ByteBuffer.allocate(BLOCK);
        private boolean atEnd = true; // the stream's final newline ends the last line, it starts no empty one

        Backwards(int wanted) {
            this.wanted = Math.max(0, wanted);
        }

        boolean done() {
            return lines.size() >= wanted;
        }

        /** Reads {@code channel} from {@code size} back to its start; false when it turned out shorter. */
        boolean read(FileChannel channel, long size) throws IOException {
            long position = size;
            while (position > 0 && !done()) {
                int length = (int) Math.min(BLOCK, position);
                position -= length;
                block.clear().limit(length);
                while (block.hasRemaining()) {
                    if (channel.read(block, position + block.position()) < 0) {
                        return false;
                    }
                }
                for (int i = length - 1; i >= 0 && !done(); i--) {
                    byte b = block.get(i);
                    if (b != '\n') {
                        line.prepend(b);
                    } else if (!atEnd) {
                        lines.addFirst(line.take());
                    }
                    atEnd = false;
                }
            }
            return true;
        }

        List<String> lines() {
            if (!line.isEmpty() && !done()) {
                lines.addFirst(line.take()); // the first line of the oldest file
            }
            return List.copyOf(lines);
        }
    }

    /** One line collected backwards; beyond {@link LogFiles#MAX_LINE} only its end is kept. */
    private static final class LineBytes {

        private final byte[] reversed = new byte[LogFiles.MAX_LINE];
        private int length;
        private boolean seen;

        void prepend(byte b) {
            seen = true;
            if (length < reversed.length) {
                reversed[length++] = b;
            }
        }

        boolean isEmpty() {
            return !seen;
        }

        String take() {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = reversed[length - 1 - i];
            }
            length = 0;
            seen = false;
            return LogFiles.decode(bytes, 0, bytes.length);
        }
    }
}
