package dev.mcpsessions.process;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One checked transition of a server's state; the dashboard, metrics and logs listen to these
 * instead of polling the supervisor.
 */
public record ServerStateChanged(String session, String server, ServerState from, ServerState to,
        @Nullable Long pid, String reason, Instant at) {
}
