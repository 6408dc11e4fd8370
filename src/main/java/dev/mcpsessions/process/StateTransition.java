package dev.mcpsessions.process;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** An entry of a server's recent history, as the server page shows it. */
public record StateTransition(Instant at, ServerState from, ServerState to, @Nullable Long pid, String reason) {
}
