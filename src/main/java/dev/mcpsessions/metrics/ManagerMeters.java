package dev.mcpsessions.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.mcpsessions.cleanup.ReaperRun;
import dev.mcpsessions.logs.LogRotator;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.session.SessionRegistry;

/**
 * Meters of the manager as a whole, without per-session tags: sessions, servers by state, log
 * volume and the reaper. Whether a session is orphaned depends on its owner process, which no
 * event announces, so that gauge asks the registry at scrape time.
 */
@Component
class ManagerMeters {

    private final Counter reaperRuns;
    private final Counter reaperFailures;
    private final Counter orphansReaped;
    private final Counter orphanProcessesKilled;

    ManagerMeters(MeterRegistry registry, SessionRegistry sessions, ServerStates states, LogRotator rotator) {
        Gauge.builder("mcp.sessions", sessions, r -> count(r, false)).description("Sessions whose owner runs")
                .tag("status", "active").register(registry);
        Gauge.builder("mcp.sessions", sessions, r -> count(r, true))
                .description("Sessions whose owner is gone, not yet reaped").tag("status", "orphaned").register(registry);
        for (ServerState state : ServerState.values()) {
            Gauge.builder("mcp.servers", states, s -> s.count(state)).description("Servers by state")
                    .tag("state", state.name()).register(registry);
        }
        FunctionCounter.builder("mcp.logs.written", rotator, LogRotator::bytesWritten)
                .description("Bytes servers wrote to their logs since the manager started")
                .baseUnit("bytes").register(registry);
        reaperRuns = Counter.builder("mcp.reaper.runs").description("Runs of the orphan reaper by outcome")
                .tag("result", "ok").register(registry);
        reaperFailures = Counter.builder("mcp.reaper.runs").description("Runs of the orphan reaper by outcome")
                .tag("result", "error").register(registry);
        orphansReaped = Counter.builder("mcp.orphans.reaped")
                .description("Orphaned sessions, servers and files the reaper acted on").register(registry);
        orphanProcessesKilled = Counter.builder("mcp.orphan.processes.killed")
                .description("Stray processes the reaper killed").register(registry);
    }

    @EventListener
    void onReaperRun(ReaperRun run) {
        (run.error() == null ? reaperRuns : reaperFailures).increment();
        orphansReaped.increment(run.actions());
        orphanProcessesKilled.increment(run.orphanProcessesKilled());
    }

    private static double count(SessionRegistry registry, boolean orphaned) {
        return registry.list().stream().filter(s -> s.orphaned() == orphaned).count();
    }
}
