package dev.mcpsessions.process;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Contents of {@code pids/<session>/<server>.json}: which process runs the server now. */
public record PidRecord(long pid, Instant startTime, List<String> argv, String instance, @Nullable Integer port,
        Instant startedAt) {

    /** Whether the parsed file has what identifies a process: Jackson leaves a missing field null or 0. */
    @SuppressWarnings("ConstantValue")
    public static boolean isComplete(PidRecord record) {
        return record.pid() > 0 && record.startTime() != null && record.instance() != null
                && !record.instance().isBlank();
    }

    public ProcessIdentity identity() {
        return new ProcessIdentity(pid, startTime);
    }
}
