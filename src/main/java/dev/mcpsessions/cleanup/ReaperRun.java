package dev.mcpsessions.cleanup;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Published after every real (not dry) run of the reaper, whether it found anything or failed;
 * health and metrics listen to it.
 *
 * @param actions sessions, servers and files acted on
 * @param orphanProcessesKilled processes that no live session accounted for, killed by this run
 * @param error why the run stopped early, or null when it completed
 */
public record ReaperRun(Instant at, int actions, int orphanProcessesKilled, @Nullable String error) {
}
