package dev.mcpsessions.process;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

/**
 * One server's supervision state. Mutated only under its own monitor; fields are volatile so
 * that views and metrics read them without taking the lock.
 */
final class SupervisedServer {

    private static final int HISTORY = 50;

    final String session;
    final String name;
    volatile ServerSpec spec;
    volatile ServerState state = ServerState.STOPPED;
    volatile ProcessLauncher.@Nullable Launched process;
    volatile @Nullable String instanceId;
    volatile @Nullable Integer port;
    volatile int restarts;
    volatile @Nullable Integer exitCode;
    volatile @Nullable String lastError;
    volatile @Nullable Instant startedAt;
    volatile long startedNanos;
    volatile ProcessStats.TreeUsage usage = ProcessStats.TreeUsage.NONE;
    volatile ProtocolReadiness.@Nullable Connection connection;
    /** The last compliance report of a check on demand. */
    volatile @Nullable Object lastProbe;
    /** Failed starts in a row (Supervisor's BACKOFF counter). */
    int failedStarts;
    /** Exits soon after RUNNING in a row; restarts of such a crash loop are delayed. */
    int quickExits;
    @Nullable ScheduledFuture<?> timer;
    private final Deque<StateTransition> history = new ArrayDeque<>();

    SupervisedServer(String session, ServerSpec spec) {
        this.session = session;
        this.name = spec.name();
        this.spec = spec;
    }

    /** The one place a state changes: checks the source state and records the transition. */
    synchronized ServerStateChanged transition(ServerState to, String reason, Instant at) {
        ServerState from = state;
        if (!to.allowedSources().contains(from)) {
            throw new IllegalStateException("Server " + session + "/" + name + ": no transition " + from + " -> " + to);
        }
        state = to;
        Long pid = process == null ? null : process.identity().pid();
        history.addLast(new StateTransition(at, from, to, pid, reason));
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        notifyAll(); // wakes awaitSettled
        
        return new ServerStateChanged(session, name, from, to, pid, reason, at);
    }

    synchronized List<StateTransition> history() {
        return List.copyOf(history);
    }

    synchronized void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    boolean isCurrent(String instance) {
        return instance.equals(instanceId);
    }
}
