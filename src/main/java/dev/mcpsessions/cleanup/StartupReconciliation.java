package dev.mcpsessions.cleanup;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.process.ServerRecovery;
import dev.mcpsessions.session.SessionOwnerExited;

/**
 * The manager's start, before the API answers anyone: look at the home, re-adopt or restart the
 * servers on disk, then reap what no spec accounts for (a crashed manager's leftovers, sessions
 * whose owner died meanwhile). Afterwards the reaper runs on each owner's exit and every
 * {@code mcp.cleanup.interval} as a safety net, unless {@code mcp.cleanup.automatic=false}.
 */
@Component
class StartupReconciliation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StartupReconciliation.class);

    private final HomeInspection inspection;
    private final ServerRecovery recovery;
    private final OrphanReaper reaper;
    private final McpProperties.Cleanup settings;
    private volatile @Nullable ScheduledExecutorService sweeps;
    private volatile boolean running;

    StartupReconciliation(HomeInspection inspection, ServerRecovery recovery, OrphanReaper reaper,
            McpProperties properties) {
        this.inspection = inspection;
        this.recovery = recovery;
        this.reaper = reaper;
        this.settings = properties.cleanup();
    }

    @Override
    public void start() {
        running = true;
        inspection.warnAboutUnknownEntries();
        recovery.recover();
        reaper.open();
        if (!settings.automatic()) {
            log.info("Automatic cleanup is off (mcp.cleanup.automatic=false): only 'cleanup' reaps");
            return;
        }
        reaper.sweep();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "cleanup");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, settings.interval().toMillis());
        executor.scheduleWithFixedDelay(reaper::sweep, period, period, TimeUnit.MILLISECONDS);
        sweeps = executor;
    }

    /** Arrives on a JDK thread: the sweep runs on the cleanup thread instead. */
    @EventListener
    void onOwnerExited(SessionOwnerExited event) {
        ScheduledExecutorService executor = sweeps;
        if (executor != null && !executor.isShutdown()) {
            executor.execute(reaper::sweep);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = sweeps;
        sweeps = null;
        running = false;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts, so no request meets a half-recovered manager. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }
}
