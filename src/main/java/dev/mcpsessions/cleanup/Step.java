package dev.mcpsessions.cleanup;

import java.nio.file.Path;

import dev.mcpsessions.ports.PortLease;
import dev.mcpsessions.process.MarkedProcesses.MarkedProcess;
import dev.mcpsessions.process.PidRecord;

/**
 * One planned step of a cleanup: the action a report shows, plus what the real run checks once
 * more right before it acts (the world may have changed since the plan).
 */
sealed interface Step {

    CleanupAction action();

    record EndSession(CleanupAction action) implements Step {}

    /** Carried out by the {@link EndSession} of its session. */
    record StopServer(CleanupAction action) implements Step {}

    record KillOrphan(CleanupAction action, MarkedProcess process) implements Step {}

    record RemovePidFile(CleanupAction action, Path file, PidRecord record) implements Step {}

    record MoveCorruptFileAside(CleanupAction action, Path file) implements Step {}

    record ReleaseLease(CleanupAction action, PortLease lease) implements Step {}

    /** A stale config copy, an empty directory, or the debris of a session that no longer exists. */
    record RemovePath(CleanupAction action, Path path) implements Step {}
}
