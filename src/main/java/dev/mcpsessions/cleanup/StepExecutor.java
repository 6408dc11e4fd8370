package dev.mcpsessions.cleanup;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.mcpsessions.home.AtomicFiles;
import dev.mcpsessions.home.JsonFiles;
import dev.mcpsessions.ports.PortLeases;
import dev.mcpsessions.process.MarkedProcesses.MarkedProcess;
import dev.mcpsessions.process.PidRecord;
import dev.mcpsessions.session.SessionRegistry;

/**
 * Carries out a plan. Each step is checked once more right before it acts, since the world may
 * have moved since the plan; a step whose reason no longer holds is skipped. Every step taken is
 * logged with its session, server, pid and reason.
 */
final class StepExecutor {

    private static final Logger log = LoggerFactory.getLogger(OrphanReaper.class);

    private final CleanupPlanner planner;
    private final HomeDebris debris;
    private final SessionRegistry sessions;
    private final PortLeases ports;
    private final JsonFiles json;
    private final OrphanKiller killer;

    StepExecutor(CleanupPlanner planner, HomeDebris debris, SessionRegistry sessions, PortLeases ports,
            JsonFiles json, OrphanKiller killer) {
        this.planner = planner;
        this.debris = debris;
        this.sessions = sessions;
        this.ports = ports;
        this.json = json;
        this.killer = killer;
    }

    /**
     * Sessions first (their servers stop as a whole), then orphans in one batch, then files. Each
     * step taken is added to {@code done} at once, so a failure half-way still reports the rest.
     */
    void execute(List<Step> steps, Duration killGrace, List<CleanupAction> done) {
        Set<String> ended = new HashSet<>();
        for (Step step : steps) {
            if (step instanceof Step.EndSession end && endSession(end)) {
                ended.add(end.action().session());
                done(end.action(), done);
            }
        }
        for (Step step : steps) {
            if (step instanceof Step.StopServer stop && ended.contains(stop.action().session())) {
                done(stop.action(), done);
            }
        }
        List<Step.KillOrphan> orphans = steps.stream().filter(Step.KillOrphan.class::isInstance)
                .map(Step.KillOrphan.class::cast).toList();
        if (!orphans.isEmpty()) {
            Map<MarkedProcess, Step.KillOrphan> byProcess = orphans.stream()
                    .collect(Collectors.toMap(Step.KillOrphan::process, Function.identity(), (a, b) -> a));
            for (MarkedProcess signalled : killer.kill(byProcess.keySet(), killGrace)) {
                done(byProcess.get(signalled).action(), done);
            }
        }
        for (Step step : steps) {
            if (step instanceof Step.RemovePidFile remove ? removePidFile(remove)
                    : step instanceof Step.MoveCorruptFileAside corrupt ? moveAside(corrupt)
                    : step instanceof Step.ReleaseLease release ? releaseLease(release)
                    : step instanceof Step.RemovePath path && removePath(path)) {
                done(step.action(), done);
            }
        }
    }

    private boolean endSession(Step.EndSession step) {
        String session = step.action().session();
        if (sessions.find(session).filter(s -> s.orphaned()).isEmpty()) {
            return false;
        }
        sessions.end(session, step.action().reason());
        return true;
    }

    private boolean removePidFile(Step.RemovePidFile step) {
        Optional<PidRecord> now = planner.readPidRecord(step.file());
        if (now.isEmpty() || !now.get().equals(step.record())) {
            return false; // rewritten meanwhile: judged at the next run
        }
        if (!planner.isStillStale(now.get())) {
            return false;
        }
        return delete(step.file());
    }

    private boolean moveAside(Step.MoveCorruptFileAside step) {
        Optional<String> why = planner.unreadable(step.file());
        if (why.isEmpty()) {
            return false;
        }
        json.quarantine(step.file(), why.get());
        return true;
    }

    private boolean releaseLease(Step.ReleaseLease step) {
        if (!ports.holder(step.lease().port()).filter(step.lease()::equals).isPresent() || !planner.isStale(step.lease())) {
            return false;
        }
        ports.release(step.lease().session(), step.lease().server());
        return true;
    }

    private boolean removePath(Step.RemovePath step) {
        if (!debris.isStillStale(step)) {
            return false;
        }
        if (CleanupAction.REMOVE_EMPTY_DIR.equals(step.action().kind())) {
            try {
                return Files.deleteIfExists(step.path());
            } catch (DirectoryNotEmptyException e) {
                return false; // something arrived meanwhile
            } catch (IOException e) {
                log.warn("Cannot remove {}: {}", step.path(), e.getMessage());
                return false;
            }
        }
        AtomicFiles.deleteRecursively(step.path());
        return true;
    }

    private static boolean delete(Path file) {
        try {
            Files.delete(file);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            log.warn("Cannot remove {}: {}", file, e.getMessage());
            return false;
        }
    }

    private static void done(CleanupAction action, List<CleanupAction> done) {
        done.add(action);
        MDC.put("session", action.session());
        MDC.put("server", action.server() == null ? "" : action.server());
        try {
            log.info("Cleanup: {}", action.describe());
        } finally {
            MDC.remove("session");
            MDC.remove("server");
        }
    }
}
