package dev.mcpsessions.process;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Contents of {@code pids/<session>/<server>.json}: which process runs the server now. */
public record PidRecord(long pid, Instant startTime, List<String> argv, String instance, @Nullable Integer port,
        Instant startedAt) {

    public ProcessIdentity identity() {
        return new ProcessIdentity(pid, startTime);
    }
}
