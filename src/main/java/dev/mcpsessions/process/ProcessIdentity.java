package dev.mcpsessions.process;

import java.time.Instant;
import java.util.Optional;

/**
 * A process as pid plus start time. PIDs are reused, so a pid alone never identifies a process:
 * only a live, non-zombie process with the same start time is the one that was recorded.
 */
public record ProcessIdentity(long pid, Instant startTime) {

    public static Optional<ProcessIdentity> of(ProcessHandle handle) {
        return handle.info().startInstant().map(start -> new ProcessIdentity(handle.pid(), start));
    }

    public static Optional<ProcessIdentity> ofPid(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessIdentity::of);
    }

    public static ProcessIdentity current() {
        return of(ProcessHandle.current()).orElseThrow();
    }

    /** The live process this identity names, if it still runs (a zombie counts as dead). */
    public Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().startInstant().map(startTime::equals).orElse(false))
                .filter(h -> !isZombie(pid));
    }

    public boolean isAlive() {
        return handle().isPresent();
    }

    /** A zombie has exited; only its parent's wait is missing (pid 1 may never reap it). */
    public static boolean isZombie(long pid) {
        ProcStat stat = ProcStat.read(pid);
        return stat != null && stat.exited();
    }
}
