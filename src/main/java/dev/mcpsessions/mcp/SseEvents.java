package dev.mcpsessions.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code text/event-stream} body event by event (the Streamable HTTP transport may answer a
 * POST with one): the {@code data} lines of an event are joined with newlines, other fields ignored.
 */
final class SseEvents {

    private SseEvents() {}

    /** The data of the first event that {@code wanted} accepts, or null if the stream ends first. */
    static @Nullable String firstMatching(InputStream body, Predicate<String> wanted) throws IOException {
        LineReader reader = new LineReader(body);
        StringBuilder data = null;
        for (String line = reader.readLine(); ; line = reader.readLine()) {
            if (line == null || line.isEmpty()) {
                if (data != null && wanted.test(data.toString())) {
                    return data.toString();
                }
                data = null;
                if (line == null) {
                    return null;
                }
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
    }
}
