package dev.mcpsessions.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.process.ServerRemoved;
import dev.mcpsessions.process.ServerStateChanged;
import dev.mcpsessions.process.ServerView;
import dev.mcpsessions.session.SessionEvent;
import dev.mcpsessions.session.SessionRegistry;

/**
 * The current state of every server, kept from {@link ServerStateChanged} events, for the
 * {@code servers} health indicator and the state gauges. Servers restored from disk that have not
 * changed state since (a stopped one stays quiet) are taken once from the supervisor at start.
 */
@Component
class ServerStates {

    /** A server's state and the reason of the transition into it. */
    record Current(String session, String server, ServerState state, String reason, Instant since) {}

    private final Map<String, Current> current = new ConcurrentHashMap<>();
    private final SessionRegistry sessions;
    private final ProcessSupervisor supervisor;
    private final Clock clock;

    ServerStates(SessionRegistry sessions, ProcessSupervisor supervisor, Clock clock) {
        this.sessions = sessions;
        this.supervisor = supervisor;
        this.clock = clock;
    }

    @EventListener
    void onStateChanged(ServerStateChanged event) {
        String key = key(event.session(), event.server());
        // a late event of a session that has ended must not bring its server back
        if (current.containsKey(key) || sessions.exists(event.session())) {
            current.put(key, new Current(event.session(), event.server(), event.to(), event.reason(), event.at()));
        }
    }

    @EventListener
    void onServerRemoved(ServerRemoved event) {
        current.remove(key(event.session(), event.server()));
    }

    @EventListener
    void onSessionEnded(SessionEvent.Ended event) {
        current.values().removeIf(c -> c.session().equals(event.sessionId()));
    }

    /** After {@code ServerRecovery} (order 0): whatever it did not announce by an event. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void takeRestoredServers() {
        for (ServerView view : supervisor.listAll()) {
            current.putIfAbsent(key(view.session(), view.name()), new Current(view.session(), view.name(),
                    view.state(), view.lastError() == null ? "restored" : view.lastError(), clock.instant()));
        }
    }

    @Nullable ServerState stateOf(String session, String server) {
        Current c = current.get(key(session, server));
        return c == null ? null : c.state();
    }

    long count(ServerState state) {
        return current.values().stream().filter(c -> c.state() == state).count();
    }

    Map<ServerState, Long> counts() {
        Map<ServerState, Long> counts = new EnumMap<>(ServerState.class);
        current.values().forEach(c -> counts.merge(c.state(), 1L, Long::sum));
        return counts;
    }

    List<Current> inState(ServerState state) {
        return current.values().stream().filter(c -> c.state() == state)
                .sorted(Comparator.comparing(Current::session).thenComparing(Current::server)).toList();
    }

    private static String key(String session, String server) {
        return session + "/" + server;
    }
}
