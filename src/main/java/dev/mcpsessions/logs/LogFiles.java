package dev.mcpsessions.logs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Naming and line rules shared by the readers of rotated logs. */
final class LogFiles {

    /** Rotated files a reader looks at; far more than anyone keeps. */
    static final int MAX_ROTATED = 1000;
    /** A longer line (a binary blob, a minified JSON) is cut, so one line cannot exhaust memory. */
    static final int MAX_LINE = 64 * 1024;

    private LogFiles() {
    }

    /** {@code x.log} for index 0, else {@code x.log.<index>}. */
    static Path rotated(Path file, int index) {
        return index == 0 ? file : file.resolveSibling(file.getFileName() + "." + index);
    }

    /** UTF-8 text of a line without its terminator; a trailing CR (CRLF output) is dropped. */
    static String decode(byte[] bytes, int offset, int length) {
        if (length > 0 && bytes[offset + length - 1] == '\r') {
            length--;
        }
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
