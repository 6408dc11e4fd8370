package dev.mcpsessions.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.mcpsessions.mcp.ComplianceChecks;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.process.ServerRemoved;
import dev.mcpsessions.process.ServerStateChanged;
import dev.mcpsessions.session.SessionEvent;
import dev.mcpsessions.session.SessionRegistry;

/**
 * Per-server meters, tagged {@code session} and {@code server}, fed by state-change events. A
 * server gets its meters at its first transition; all meters of a session go when it ends, so
 * the series of ended sessions leave the scrape. At most {@link #MAX_SERVERS} servers are
 * tracked at a time (see docs/observability.md for the series each one adds).
 */
@Component
class ServerMeters {

    /** Bounds tag cardinality: a server has 24 series, up to 49 with every transition and probe verdict. */
    static final int MAX_SERVERS = 200;

    private static final Logger log = LoggerFactory.getLogger(ServerMeters.class);
    private static final Duration[] STARTUP_BUCKETS = {Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

    /** The meters of one server that events update, and when its current start began. */
    private static final class Tracked {
        final Tags tags;
        final Counter restarts;
        final Timer startup;
        /** Monotonic time of the STARTING that began this start (retries included), or -1. */
        volatile long startingSince = -1;

        Tracked(Tags tags, Counter restarts, Timer startup) {
            this.tags = tags;
            this.restarts = restarts;
            this.startup = startup;
        }
    }

    private final MeterRegistry registry;
    private final ProcessSupervisor supervisor;
    private final ServerStates states;
    private final SessionRegistry sessions;
    private final int maxServers;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final AtomicBoolean warnedFull = new AtomicBoolean();

    @Autowired
    ServerMeters(MeterRegistry registry, ProcessSupervisor supervisor, ServerStates states,
            SessionRegistry sessions) {
        this(registry, supervisor, states, sessions, MAX_SERVERS);
    }

    ServerMeters(MeterRegistry registry, ProcessSupervisor supervisor, ServerStates states,
            SessionRegistry sessions, int maxServers) {
        this.registry = registry;
        this.supervisor = supervisor;
        this.states = states;
        this.sessions = sessions;
        this.maxServers = maxServers;
    }

    @EventListener
    void onStateChanged(ServerStateChanged event) {
        Tracked t = track(event.session(), event.server());
        if (t == null) {
            return;
        }
        Counter.builder("mcp.server.transitions").description("State transitions of a server")
                .tags(t.tags).tag("from", event.from().name()).tag("to", event.to().name())
                .register(registry).increment();
        long now = registry.config().clock().monotonicTime();
        switch (event.to()) {
            case STARTING -> {
                // an automatic start: after an exit, or a retry after a failed start
                if (event.from() == ServerState.EXITED || event.from() == ServerState.BACKOFF) {
                    t.restarts.increment();
                }
                if (t.startingSince < 0) {
                    t.startingSince = now;
                }
            }
            case RUNNING -> {
                if (t.startingSince >= 0) {
                    t.startup.record(now - t.startingSince, TimeUnit.NANOSECONDS);
                }
                t.startingSince = -1;
            }
            case BACKOFF -> { /* still on its way to RUNNING: the start-up time includes the retries */ }
            default -> t.startingSince = -1;
        }
    }

    /** Published by the check endpoint ({@code check <name>}) after each check of a supervised server. */
    @EventListener
    void onProbeCompleted(ComplianceChecks.ProbeCompleted probe) {
        Tracked t = track(probe.session(), probe.server());
        if (t != null) {
            Counter.builder("mcp.probe.results").description("MCP compliance checks of a server by verdict")
                    .tags(t.tags).tag("result", probe.passed() ? "passed" : "failed").register(registry).increment();
        }
    }

    /** Removes every meter tagged with the ended session. */
    @EventListener
    void onSessionEnded(SessionEvent.Ended event) {
        String session = event.sessionId();
        tracked.keySet().removeIf(key -> key.startsWith(session + "/"));
        removeMeters(session, null);
    }

    /** Removes the meters of a server removed from its session. */
    @EventListener
    void onServerRemoved(ServerRemoved event) {
        tracked.remove(key(event.session(), event.server()));
        removeMeters(event.session(), event.server());
    }

    private void removeMeters(String session, @Nullable String server) {
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            if (id.getName().startsWith("mcp.") && session.equals(id.getTag("session"))
                    && (server == null || server.equals(id.getTag("server")))) {
                registry.remove(meter);
            }
        }
    }

    int trackedServers() {
        return tracked.size();
    }

    private @Nullable Tracked track(String session, String server) {
        Tracked existing = tracked.get(key(session, server));
        if (existing != null) {
            return existing;
        }
        if (!sessions.exists(session)) {
            return null; // a late event of an ended session
        }
        Tracked added = tracked.computeIfAbsent(key(session, server),
                k -> tracked.size() >= maxServers ? null : register(session, server));
        if (added == null && warnedFull.compareAndSet(false, true)) {
            log.info("Tracking {} servers already: {}/{} and further servers get no per-server meters",
                    maxServers, session, server);
        } else if (added == null) {
            log.debug("No per-server meters for {}/{}: {} servers tracked", session, server, maxServers);
        }
        return added;
    }

    private Tracked register(String session, String server) {
        Tags tags = Tags.of("session", session, "server", server);
        for (ServerState state : ServerState.values()) {
            Gauge.builder("mcp.server.state", states, s -> s.stateOf(session, server) == state ? 1 : 0)
                    .description("1 for the server's current state, 0 for the others")
                    .tags(tags).tag("state", state.name()).register(registry);
        }
        FunctionCounter.builder("mcp.server.cpu", supervisor, s -> s.usage(session, server).cpuSeconds())
                .description("CPU time (user + system) of the live processes of the server's current start")
                .baseUnit("seconds").tags(tags).register(registry);
        Gauge.builder("mcp.server.resident.memory", supervisor, s -> s.usage(session, server).rssBytes())
                .description("Resident memory of the server's whole process tree")
                .baseUnit("bytes").tags(tags).register(registry);
        Counter restarts = Counter.builder("mcp.server.restarts")
                .description("Automatic starts after an exit or a failed start").tags(tags).register(registry);
        Timer startup = Timer.builder("mcp.server.startup")
                .description("Time from STARTING to RUNNING, retries after failed starts included")
                .serviceLevelObjectives(STARTUP_BUCKETS).tags(tags).register(registry);
        return new Tracked(tags, restarts, startup);
    }

    private static String key(String session, String server) {
        return session + "/" + server;
    }
}
