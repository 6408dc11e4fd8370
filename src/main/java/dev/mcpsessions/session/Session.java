package dev.mcpsessions.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Contents of {@code configs/<session>/session.json}. */
public record Session(String id, Instant createdAt, @Nullable String label, @Nullable String cwd) {
}
