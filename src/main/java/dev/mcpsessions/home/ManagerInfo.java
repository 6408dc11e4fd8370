package dev.mcpsessions.home;

import java.time.Instant;

/** Contents of {@code manager.json}: how the CLI finds the running manager. */
public record ManagerInfo(long pid, Instant startTime, String url, String version) {
}
