package dev.mcpsessions.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the whole tree of one server start: the stop signal to every member, a wait of at most
 * {@code stopWait}, then SIGKILL to whatever is left, including processes forked meanwhile. A pid
 * is only ever signalled while it still has the recorded start time.
 */
public final class TreeKiller {

    /**
     * @param signalled processes that got the stop signal
     * @param killed processes still alive after the wait that got SIGKILL
     * @param remaining processes alive even after SIGKILL (uninterruptible, or not ours to signal)
     */
    public record StopOutcome(int signalled, int killed, int remaining) {

        /** Everything exited on the stop signal. */
        public boolean clean() {
            return killed == 0 && remaining == 0;
        }

        /** Nothing of the tree is left. */
        public boolean complete() {
            return remaining == 0;
        }
    }

    /** One start of a server to stop: its main process when known, its instance, signal and wait. */
    public record Target(@Nullable ProcessIdentity root, String instanceId, StopSignal signal, Duration stopWait) {}

    private static final Logger log = LoggerFactory.getLogger(TreeKiller.class);
    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** SIGKILL cannot be ignored, but the kernel needs a moment to tear a process down. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);
    private static final int KILL_ROUNDS = 3;

    private TreeKiller() {
    }

    public static StopOutcome stop(@Nullable ProcessIdentity root, Path home, String instanceId, String signal,
            Duration stopWait) {
        return stop(root, home, instanceId, StopSignal.parse(signal), stopWait);
    }

    public static StopOutcome stop(@Nullable ProcessIdentity root, Path home, String instanceId, StopSignal signal,
            Duration stopWait) {
        return stopAll(home, List.of(new Target(root, instanceId, signal, stopWait)));
    }

    /**
     * Stops several server starts together: one pass over {@code /proc} per round for all of them,
     * every stop signal sent before the wait, and one wait as long as the longest {@code stopWait},
     * so ending a session of 100 servers does not take 100 waits one after another.
     */
    public static StopOutcome stopAll(Path home, List<Target> stops) {
        if (stops.isEmpty()) {
            return new StopOutcome(0, 0, 0);
        }
        // by identity, not pid: a pid reused during the wait is another process and a new target
        Set<ProcessIdentity> targets = new LinkedHashSet<>();
        int signalled = 0;
        ProcessTable table = ProcessTable.snapshot(home);
        for (Target stop : stops) {
            for (ProcessIdentity member : table.tree(stop.root(), stop.instanceId())) {
                if (targets.add(member) && send(member, stop.signal())) {
                    signalled++;
                }
            }
        }
        awaitGone(targets, stops.stream().map(Target::stopWait).max(Comparator.naturalOrder()).orElseThrow());

        // Again until nothing is left: children forked during the wait, daemons that escaped the
        // first scan, and a child forked by a parent in the instant before the parent's SIGKILL.
        Set<ProcessIdentity> killed = new LinkedHashSet<>();
        for (int round = 0; round < KILL_ROUNDS; round++) {
            table = ProcessTable.snapshot(home);
            for (Target stop : stops) {
                targets.addAll(table.tree(stop.root(), stop.instanceId()));
            }
            boolean sent = false;
            for (ProcessIdentity target : targets) {
                if (target.isAlive() && send(target, StopSignal.KILL)) {
                    killed.add(target);
                    sent = true;
                }
            }
            if (!sent) {
                break;
            }
            awaitGone(targets, KILL_WAIT);
        }
        int remaining = (int) targets.stream().filter(ProcessIdentity::isAlive).count();
        if (remaining > 0) {
            log.warn("Instance(s) {}: {} process(es) survived SIGKILL",
                    stops.stream().map(Target::instanceId).toList(), remaining);
        }
        return new StopOutcome(signalled, killed.size(), remaining);
    }

    /** Whether any process of this server start still runs. */
    public static boolean anyAlive(Path home, String instanceId) {
        return !MarkedProcesses.withInstance(home, instanceId).isEmpty();
    }

    /**
     * Sends {@code signal} if the pid still has the recorded start time. TERM and KILL go through
     * {@link ProcessHandle}, whose native call checks the start time itself; other signals use
     * {@code /bin/kill} right after the check.
     */
    static boolean send(ProcessIdentity target, StopSignal signal) {
        Optional<ProcessHandle> handle = target.handle();
        if (handle.isEmpty()) {
            return false;
        }
        try {
            return switch (signal) {
                case TERM -> handle.get().destroy();
                case KILL -> handle.get().destroyForcibly();
                default -> kill(target.pid(), signal);
            };
        } catch (IllegalStateException | SecurityException e) {
            log.debug("Cannot signal pid {}: {}", target.pid(), e.toString());
            return false;
        }
    }

    private static boolean kill(long pid, StopSignal signal) {
        try {
            Process kill = new ProcessBuilder("/bin/kill", "-s", signal.name(), Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor() == 0;
        } catch (IOException e) {
            log.debug("Cannot run /bin/kill for pid {}: {}", pid, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until every target has exited (a zombie counts as gone), or the wait is over. Polls
     * every millisecond at first, since most processes die within one of the signal, then less
     * often up to every 20 ms for the ones that take their time.
     */
    public static void awaitGone(Collection<ProcessIdentity> targets, Duration wait) {
        List<ProcessIdentity> alive = new ArrayList<>(targets);
        long deadline = System.nanoTime() + wait.toNanos();
        long poll = FIRST_POLL_NANOS;
        while (true) {
            alive.removeIf(id -> !id.isAlive());
            if (alive.isEmpty() || System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                return;
            }
            LockSupport.parkNanos(Math.min(poll, deadline - System.nanoTime()));
            poll = Math.min(poll * 2, MAX_POLL_NANOS);
        }
    }
}
