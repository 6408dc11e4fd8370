package dev.mcpsessions.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Splits a byte stream at {@code \n}, as the stdio transport defines messages. Decodes UTF-8 with
 * replacement so that a server's garbage still becomes readable evidence, and caps a line so that
 * a server streaming bytes without newlines cannot exhaust memory.
 */
final class LineReader {

    static final int MAX_LINE_BYTES = 32 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at end of stream. */
    @Nullable String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? decode(line) : null;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (line.size() < MAX_LINE_BYTES) {
                line.write(buffer, start, Math.min(position - start, MAX_LINE_BYTES - line.size()));
            }
            if (position < limit) {
                position++;
                return decode(line);
            }
        }
    }

    private static String decode(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
