package dev.mcpsessions.cleanup;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.home.JsonFiles;
import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.ports.PortLeases;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.session.SessionRegistry;

/**
 * Finds what no live owner or server accounts for and removes it: sessions whose owner is gone,
 * marked processes no server accounts for, stale pid files, leases, config copies and session
 * directories. A dry run plans exactly what a real run would act on and changes nothing. Every
 * real run, failed or not, is published as a {@link ReaperRun} for health and metrics.
 */
@Service
public class OrphanReaper {

    private static final Logger log = LoggerFactory.getLogger(OrphanReaper.class);

    private final CleanupPlanner planner;
    private final StepExecutor executor;
    private final Duration killGrace;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /** Opened once startup recovery has run: before, every live server would look like an orphan. */
    private volatile boolean open;

    OrphanReaper(CleanupPlanner planner, HomeDebris debris, SessionRegistry sessions, ProcessSupervisor supervisor,
            PortLeases ports, ManagerHome home, JsonFiles json, McpProperties properties,
            ApplicationEventPublisher events, Clock clock) {
        this.planner = planner;
        this.executor = new StepExecutor(planner, debris, sessions, ports, json,
                new OrphanKiller(home.root(), supervisor::accountedInstances));
        this.killGrace = properties.supervision().stopWait();
        this.events = events;
        this.clock = clock;
    }

    public List<CleanupAction> plan() {
        requireOpen();
        return planner.plan().stream().map(Step::action).toList();
    }

    public synchronized CleanupReport run(boolean dryRun) {
        requireOpen();
        List<Step> steps = planner.plan();
        if (dryRun) {
            return new CleanupReport(true, steps.stream().map(Step::action).toList());
        }
        long start = System.nanoTime();
        List<CleanupAction> done = new ArrayList<>();
        try {
            executor.execute(steps, killGrace, done);
        } catch (RuntimeException e) {
            events.publishEvent(new ReaperRun(clock.instant(), done.size(), killed(done), e.toString()));
            throw e;
        }
        if (!done.isEmpty()) {
            log.info("Cleanup: {} action(s) in {} ms", done.size(), Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
        events.publishEvent(new ReaperRun(clock.instant(), done.size(), killed(done), null));
        return new CleanupReport(false, done);
    }

    /** A real run that never throws, for the schedule and owner-exit events. */
    void sweep() {
        try {
            run(false);
        } catch (RuntimeException e) {
            log.warn("Cleanup sweep failed: {}", e.toString(), e);
        }
    }

    private static int killed(List<CleanupAction> done) {
        return (int) done.stream().filter(a -> a.kind().equals(CleanupAction.KILL_ORPHAN_PROCESS)).count();
    }

    void open() {
        open = true;
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("Cleanup is not available until the manager has recovered its servers");
        }
    }
}
