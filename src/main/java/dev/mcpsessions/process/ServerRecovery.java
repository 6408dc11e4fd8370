package dev.mcpsessions.process;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.logs.LogRotator;
import dev.mcpsessions.ports.PortConflictException;
import dev.mcpsessions.ports.PortLeases;
import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

/**
 * Rebuilds supervision from disk when the manager starts, after a clean stop or a crash. A server
 * that should run and whose recorded process still runs (same pid and start time, this home's
 * markers, the recorded instance) is adopted when its output goes straight to its log file: state,
 * pid, port, uptime and log carry on. A stdio server's pipes died with the old manager, so what is
 * left of it is stopped and it starts again, as does every server that should run and does not.
 * A stopped server stays stopped. Processes no spec accounts for are the reaper's, which runs next.
 */
@Component
public class ServerRecovery {

    private static final Logger log = LoggerFactory.getLogger(ServerRecovery.class);

    /** How many servers were adopted (or re-attached), started again, and had leftover processes stopped. */
    public record Outcome(int adopted, int restarted, int leftoversStopped) {}

    private final ProcessSupervisor supervisor;
    private final ServerStore store;
    private final SessionRegistry sessions;
    private final PortLeases ports;
    private final ManagerHome home;
    private final LogRotator rotator;
    private final Duration stopWait;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    ServerRecovery(ProcessSupervisor supervisor, ServerStore store, SessionRegistry sessions, PortLeases ports,
            ManagerHome home, LogRotator rotator, McpProperties properties, SupervisionScheduler scheduler,
            Clock clock) {
        this.supervisor = supervisor;
        this.store = store;
        this.sessions = sessions;
        this.ports = ports;
        this.home = home;
        this.rotator = rotator;
        this.stopWait = properties.supervision().stopWait();
        this.scheduler = scheduler.executor();
        this.clock = clock;
    }

    /** Runs once, before the API accepts requests; a bad file or server is logged and skipped. */
    public Outcome recover() {
        Map<String, List<MarkedProcesses.MarkedProcess>> live = MarkedProcesses.scan(home.root()).stream()
                .collect(Collectors.groupingBy(MarkedProcesses.MarkedProcess::instanceId));
        int[] counts = new int[3];
        for (SessionView session : sessions.list()) {
            List<String> names;
            try {
                names = store.serverNames(session.id());
            } catch (RuntimeException e) {
                log.warn("Cannot list the servers of session {}: {}", session.id(), e.getMessage());
                continue;
            }
            for (String name : names) {
                try {
                    store.readSpec(session.id(), name).ifPresent(stored -> recover(session, stored, live, counts));
                } catch (RuntimeException e) {
                    log.warn("Could not restore server {}/{}: {}", session.id(), name, e.getMessage());
                }
            }
        }
        Outcome outcome = new Outcome(counts[0], counts[1], counts[2]);
        log.info("Recovery: {} server(s) adopted, {} started again, {} with leftover processes stopped",
                outcome.adopted(), outcome.restarted(), outcome.leftoversStopped());
        return outcome;
    }

    private void recover(SessionView session, StoredServer stored, Map<String, List<MarkedProcesses.MarkedProcess>> live,
            int[] counts) {
        ServerSpec spec = stored.spec();
        SupervisedServer s = supervisor.register(session.id(), spec);
        Optional<PidRecord> pid = store.readPid(session.id(), spec.name());
        boolean wanted = stored.desired() == DesiredState.RUNNING;
        boolean alive = pid.isPresent() && live.getOrDefault(pid.get().instance(), List.of()).stream()
                .anyMatch(m -> m.identity().equals(pid.get().identity()));
        synchronized (s) {
            if (s.state != ServerState.STOPPED) {
                return; // already supervised: nothing on disk is newer than memory
            }
            if (stored.desired() == DesiredState.ATTACHED) {
                // started by an MCP client, which alone may start it again: re-attach or forget
                if (alive) {
                    supervisor.attachNow(s, AdoptedProcess.polling(pid.get().identity(), scheduler),
                            pid.get().instance(), "re-attached after manager restart");
                    counts[0]++;
                } else if (pid.isPresent()) {
                    store.deletePid(session.id(), s.name);
                }
                return;
            }
            if (wanted && alive && spec.transportOrDefault() != Transport.STDIO && adopt(s, pid.get())) {
                counts[0]++;
                return;
            }
            if (pid.isPresent()) {
                // a stdio server's pipes died with the old manager; a stopped server's process must not run on
                TreeKiller.StopOutcome stop = TreeKiller.stop(alive ? pid.get().identity() : null, home.root(),
                        pid.get().instance(), spec.stopSignal() == null ? "TERM" : spec.stopSignal(), stopWait);
                store.deletePid(session.id(), s.name);
                if (stop.signalled() > 0) {
                    counts[2]++;
                }
            }
            if (!wanted) {
                return;
            }
            if (session.orphaned()) {
                log.info("Server {}/{} not started again: the owner of its session is gone", session.id(), s.name);
                return;
            }
            reusePort(s, pid.map(PidRecord::port).orElse(null));
            supervisor.startNow(s, "restored after manager restart", false);
            counts[1]++;
        }
    }

    /** False when the process exited a moment ago: then it is started instead. */
    private boolean adopt(SupervisedServer s, PidRecord record) {
        if (!record.identity().isAlive()) {
            return false;
        }
        Instant now = clock.instant();
        Instant startedAt = record.startedAt() == null ? now : record.startedAt();
        if (record.port() != null) {
            ports.adopt(record.port(), s.session, s.name);
        }
        s.process = AdoptedProcess.polling(record.identity(), scheduler);
        s.instanceId = record.instance();
        s.port = record.port();
        s.startedAt = startedAt;
        s.startedNanos = System.nanoTime() - Duration.between(startedAt, now).toNanos();
        rotator.watch(home.logFile(s.session, s.name));
        supervisor.publish(s, s.transition(ServerState.STARTING, "adopting pid " + record.pid(), now));
        supervisor.watchExit(s, record.instance());
        if (s.spec.transportOrDefault() == Transport.HTTP) {
            // the health check needs an MCP session with the server: readiness makes one
            supervisor.awaitReadiness(s, new ServerLauncher.Started(s.process, record.instance(), record.port()));
        } else {
            supervisor.publish(s, s.transition(ServerState.RUNNING, "adopted after manager restart", now));
        }
        return true;
    }

    /** A restarted server gets its old port back when it is free, so clients configured with it still reach it. */
    private void reusePort(SupervisedServer s, @Nullable Integer port) {
        if (port == null || s.spec.port() == null || s.port != null) {
            return;
        }
        try {
            ports.leaseFixed(port, s.session, s.name);
            s.port = port;
        } catch (PortConflictException e) {
            log.debug("Server {}/{} gets a new port: {}", s.session, s.name, e.getMessage());
        }
    }

}
