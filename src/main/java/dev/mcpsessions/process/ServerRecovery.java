package dev.mcpsessions.process;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.ports.PortLeases;
import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

/**
 * Rebuilds supervision from disk when the manager starts, after a clean stop or a crash: a server
 * whose recorded process still runs (same pid and start time, our markers) is adopted, not
 * restarted; one that should run and does not is started; one that was stopped stays stopped.
 */
@Component
class ServerRecovery {

    private static final Logger log = LoggerFactory.getLogger(ServerRecovery.class);

    private final ProcessSupervisor supervisor;
    private final ServerStore store;
    private final SessionRegistry sessions;
    private final PortLeases ports;
    private final ManagerHome home;

    ServerRecovery(ProcessSupervisor supervisor, ServerStore store, SessionRegistry sessions, PortLeases ports,
            ManagerHome home) {
        this.supervisor = supervisor;
        this.store = store;
        this.sessions = sessions;
        this.ports = ports;
        this.home = home;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void recover() {
        for (SessionView session : sessions.list()) {
            for (String name : store.serverNames(session.id())) {
                store.readSpec(session.id(), name).ifPresent(stored -> recover(session.id(), stored));
            }
        }
    }

    private void recover(String session, StoredServer stored) {
        SupervisedServer s = supervisor.register(session, stored.spec());
        Optional<PidRecord> pid = store.readPid(session, stored.spec().name());
        boolean alive = pid.isPresent() && pid.get().identity().isAlive()
                && MarkedProcesses.withInstance(home.root(), pid.get().instance()).stream()
                        .anyMatch(m -> m.identity().equals(pid.get().identity()));
        synchronized (s) {
            try {
                if (alive && stored.desired() == DesiredState.ATTACHED) {
                    supervisor.attachNow(s, AdoptedProcess.of(pid.get().identity()), pid.get().instance(),
                            "re-attached after manager restart");
                    return;
                }
                if (alive && stored.desired() == DesiredState.RUNNING
                        && stored.spec().transportOrDefault() != Transport.STDIO) {
                    adopt(s, pid.get());
                    return;
                }
                if (pid.isPresent()) {
                    // a stdio server's pipes died with the old manager; anything else left over goes too
                    TreeKiller.stop(alive ? pid.get().identity() : null, home.root(), pid.get().instance(), "TERM",
                            Duration.ofSeconds(5));
                    store.deletePid(session, s.name);
                }
                if (stored.desired() == DesiredState.RUNNING) {
                    supervisor.startNow(s, "restored after manager restart", false);
                }
            } catch (RuntimeException e) {
                log.warn("Could not restore server {}/{}: {}", session, s.name, e.getMessage());
            }
        }
    }

    private void adopt(SupervisedServer s, PidRecord record) {
        if (record.port() != null) {
            ports.adopt(record.port(), s.session, s.name);
        }
        s.process = AdoptedProcess.of(record.identity());
        s.instanceId = record.instance();
        s.port = record.port();
        s.startedAt = record.startedAt();
        s.startedNanos = System.nanoTime() - Duration.between(record.startedAt(), java.time.Instant.now()).toNanos();
        supervisor.publish(s.transition(ServerState.STARTING, "adopting pid " + record.pid(), java.time.Instant.now()));
        supervisor.publish(s.transition(ServerState.RUNNING, "adopted after manager restart", java.time.Instant.now()));
        supervisor.watchExit(s, record.instance());
    }
}
