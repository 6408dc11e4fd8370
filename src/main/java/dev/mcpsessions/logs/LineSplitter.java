package dev.mcpsessions.logs;

import java.util.Arrays;
import java.util.function.Consumer;

/** Turns chunks of bytes into complete lines; an unfinished line waits for the next chunk. */
final class LineSplitter {

    private final Consumer<String> onLine;
    private byte[] partial = new byte[256];
    private int length;

    LineSplitter(Consumer<String> onLine) {
        this.onLine = onLine;
    }

    void accept(byte[] chunk, int count) {
        int start = 0;
        for (int i = 0; i < count; i++) {
            if (chunk[i] == '\n') {
                emit(chunk, start, i - start);
                start = i + 1;
            }
        }
        keep(chunk, start, count - start);
    }

    private void emit(byte[] chunk, int from, int count) {
        if (length == 0) {
            onLine.accept(LogFiles.decode(chunk, from, count));
            return;
        }
        keep(chunk, from, count);
        String line = LogFiles.decode(partial, 0, length);
        length = 0;
        onLine.accept(line);
    }

    private void keep(byte[] chunk, int from, int count) {
        if (length + count > partial.length) {
            partial = Arrays.copyOf(partial, Math.min(LogFiles.MAX_LINE, Math.max(partial.length * 2, length + count)));
        }
        int fits = Math.min(count, partial.length - length);
        System.arraycopy(chunk, from, partial, length, fits);
        length += fits;
        if (length == LogFiles.MAX_LINE) {
            String line = LogFiles.decode(partial, 0, length); // too long to wait for its end
            length = 0;
            onLine.accept(line);
            keep(chunk, from + fits, count - fits);
        }
    }
}
