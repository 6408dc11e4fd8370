package dev.mcpsessions.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import dev.mcpsessions.home.Names;

/** Body of {@code POST /api/sessions}; every field optional. */
record CreateSessionRequest(
        @Nullable @Pattern(regexp = Names.PATTERN, message = "must be 1 to 64 characters of a-z, 0-9, '_' and '-', starting with a letter or digit") String name,
        @Nullable @PositiveOrZero Long ownerPid,
        @Nullable @Size(max = 200) String label,
        @Nullable @Size(max = 4096) String cwd) {
}
