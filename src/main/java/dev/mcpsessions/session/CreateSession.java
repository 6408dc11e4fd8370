package dev.mcpsessions.session;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What creating a session takes.
 *
 * @param name the id to use; null generates one
 * @param ownerPid the owning process; 0 for none, null for the caller's default
 * @param environment the session environment (the CLI's), null for none
 */
public record CreateSession(@Nullable String name, @Nullable Long ownerPid, @Nullable String label,
        @Nullable String cwd, @Nullable Map<String, String> environment) {
}
