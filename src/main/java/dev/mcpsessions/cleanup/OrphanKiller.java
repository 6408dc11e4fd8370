package dev.mcpsessions.cleanup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.mcpsessions.process.MarkedProcesses;
import dev.mcpsessions.process.MarkedProcesses.MarkedProcess;
import dev.mcpsessions.process.ProcessIdentity;
import dev.mcpsessions.process.TreeKiller;

/**
 * Ends orphaned processes in one batch: TERM to all, one shared wait, then KILL to what is left,
 * including children they forked meanwhile. Right before each signal the process must still have
 * the recorded pid and start time, this home's marker and the instance, and no server may account
 * for the instance: a process that fails any of these is left alone.
 */
final class OrphanKiller {

    private static final Duration KILL_WAIT = Duration.ofSeconds(2);

    private final Path home;
    private final Supplier<Set<String>> accounted;

    OrphanKiller(Path home, Supplier<Set<String>> accounted) {
        this.home = home;
        this.accounted = accounted;
    }

    /** Returns the planned processes that got a signal (the others were gone or are no longer orphans). */
    List<MarkedProcess> kill(Collection<MarkedProcess> planned, Duration grace) {
        Set<String> counted = accounted.get();
        List<MarkedProcess> signalled = new ArrayList<>();
        Map<Long, ProcessIdentity> targets = new LinkedHashMap<>();
        for (MarkedProcess process : planned) {
            if (isOrphan(process, counted) && process.identity().handle().map(ProcessHandle::destroy).orElse(false)) {
                signalled.add(process);
                targets.put(process.identity().pid(), process.identity());
            }
        }
        if (targets.isEmpty()) {
            return signalled;
        }
        TreeKiller.awaitGone(targets.values(), grace);
        // children forked during the wait carry the same instance: they go too
        Set<String> instances = signalled.stream().map(MarkedProcess::instanceId).collect(Collectors.toSet());
        instances.removeAll(accounted.get());
        for (MarkedProcess late : MarkedProcesses.scan(home)) {
            if (instances.contains(late.instanceId())) {
                targets.putIfAbsent(late.identity().pid(), late.identity());
            }
        }
        boolean killed = false;
        for (ProcessIdentity target : targets.values()) {
            // ProcessHandle checks the start time natively, right before the signal
            killed |= target.handle().map(ProcessHandle::destroyForcibly).orElse(false);
        }
        if (killed) {
            TreeKiller.awaitGone(targets.values(), KILL_WAIT);
        }
        return signalled;
    }

    private boolean isOrphan(MarkedProcess process, Set<String> counted) {
        return !counted.contains(process.instanceId())
                && MarkedProcesses.find(home, process.identity().pid())
                        .filter(now -> now.identity().equals(process.identity()))
                        .filter(now -> now.instanceId().equals(process.instanceId()))
                        .isPresent();
    }
}
