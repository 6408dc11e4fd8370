package dev.mcpsessions.session;

/**
 * The owner process of a session has exited. Published from a JDK process-reaper thread: a
 * listener hands the work to its own thread instead of blocking it.
 */
public record SessionOwnerExited(String sessionId, long ownerPid) {
}
