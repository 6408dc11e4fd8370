package dev.mcpsessions.mcp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Pings a RUNNING server every {@code pingInterval} (with a fixed delay, so pings never overlap)
 * and calls {@code onUnresponsive} once when {@link McpHealth#unresponsive()}; then it stops, since
 * the supervisor restarts the server and starts a new monitor for the new process.
 */
public final class McpHealthMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(McpHealthMonitor.class);

    private final McpHealth health;
    private final Runnable onUnresponsive;
    private final Map<String, String> logContext;
    private final AtomicBoolean done = new AtomicBoolean();
    private final ScheduledFuture<?> schedule;

    private McpHealthMonitor(McpHealth health, Duration interval, ScheduledExecutorService scheduler,
            Runnable onUnresponsive, Map<String, String> logContext) {
        this.health = health;
        this.onUnresponsive = onUnresponsive;
        this.logContext = Map.copyOf(logContext);
        long millis = Math.max(1, interval.toMillis());
        this.schedule = scheduler.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * @param logContext MDC entries for the monitor's log lines, e.g. {@code session} and {@code server}
     */
    public static McpHealthMonitor start(McpHealth health, Duration interval, ScheduledExecutorService scheduler,
            Runnable onUnresponsive, Map<String, String> logContext) {
        return new McpHealthMonitor(health, interval, scheduler, onUnresponsive, logContext);
    }

    /** Stops pinging; an exchange in flight ends by its own timeout. */
    @Override
    public void close() {
        done.set(true);
        schedule.cancel(false);
    }

    private void tick() {
        if (done.get()) {
            return;
        }
        Map<String, String> previous = MDC.getCopyOfContextMap();
        logContext.forEach(MDC::put);
        try {
            McpProbeResult result = health.ping();
            if (!result.ok()) {
                // the first failure of a streak at info, the repeats at debug
                if (health.consecutiveFailures() == 1) {
                    log.info("MCP ping failed: {}", result.detail());
                } else {
                    log.debug("MCP ping failed: {}", result.detail());
                }
            }
            if (health.unresponsive() && done.compareAndSet(false, true)) {
                schedule.cancel(false);
                log.info("MCP server unresponsive after {} failed pings", health.consecutiveFailures());
                onUnresponsive.run();
            }
        } catch (RuntimeException e) {
            log.warn("MCP health check failed unexpectedly", e); // a scheduled task that throws is never run again
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }
}
