package dev.mcpsessions.process;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** A server as the API, CLI and dashboard show it: its spec plus what the supervisor knows now. */
public record ServerView(
        String session,
        String name,
        ServerState state,
        @Nullable Long pid,
        @Nullable Integer port,
        int restarts,
        @Nullable Integer exitCode,
        @Nullable String lastError,
        @Nullable Instant startedAt,
        long uptimeSeconds,
        double cpuPercent,
        long rssBytes,
        String logFile,
        Transport transport,
        ServerSpec spec,
        List<StateTransition> history,
        @Nullable Object lastProbe) {
}
