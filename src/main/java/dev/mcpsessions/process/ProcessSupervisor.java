package dev.mcpsessions.process;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.home.Names;
import dev.mcpsessions.ports.PortLeases;
import dev.mcpsessions.session.SessionEvent;
import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

/**
 * Starts, watches and stops the servers of every session, the way Supervisor does, but driven by
 * exit events instead of a polling tick, and stopping whole process trees.
 */
@Service
public class ProcessSupervisor {

    private static final Logger log = LoggerFactory.getLogger(ProcessSupervisor.class);

    private final Map<String, SupervisedServer> servers = new ConcurrentHashMap<>();
    private final SessionRegistry sessions;
    private final ServerStore store;
    private final ServerLauncher launcher;
    private final PortLeases ports;
    private final ManagerHome home;
    private final McpProperties.Supervision defaults;
    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private volatile boolean shuttingDown;

    ProcessSupervisor(SessionRegistry sessions, ServerStore store, ServerLauncher launcher, PortLeases ports,
            ManagerHome home, McpProperties properties, ApplicationEventPublisher events,
            SupervisionScheduler scheduler, Clock clock) {
        this.sessions = sessions;
        this.store = store;
        this.launcher = launcher;
        this.ports = ports;
        this.home = home;
        this.defaults = properties.supervision();
        this.events = events;
        this.scheduler = scheduler.executor();
        this.clock = clock;
    }

    // ---- queries

    public List<ServerView> list(String session) {
        return ofSession(session).stream().map(this::view).toList();
    }

    public List<ServerView> listAll() {
        return servers.values().stream()
                .sorted(Comparator.<SupervisedServer, String>comparing(s -> s.session).thenComparing(s -> s.name))
                .map(this::view).toList();
    }

    public ServerView get(String session, String server) {
        return view(require(session, server));
    }

    public Optional<ServerView> find(String session, String server) {
        return Optional.ofNullable(servers.get(key(session, server))).map(this::view);
    }

    /** The latest sample of the server's live tree (taken every two seconds); NONE when nothing of it runs. */
    public ProcessStats.TreeUsage usage(String session, String server) {
        SupervisedServer s = servers.get(key(session, server));
        return s == null || !s.state.isActive() ? ProcessStats.TreeUsage.NONE : s.usage;
    }

    /**
     * Instance ids of the starts whose processes a server may still own: STARTING, RUNNING,
     * STOPPING or ATTACHED. Each server's monitor is taken, so a start in progress is either
     * finished and counted or not begun; a process seen in a scan made before this call belongs
     * to a counted instance or to none.
     */
    public Set<String> accountedInstances() {
        Set<String> instances = new HashSet<>();
        for (SupervisedServer s : servers.values()) {
            synchronized (s) {
                String instance = s.instanceId;
                if (instance != null && s.state.isActive()) {
                    instances.add(instance);
                }
            }
        }
        return instances;
    }

    /** Waits (event-driven, no polling of the OS) until the server is RUNNING, FATAL, STOPPED or EXITED. */
    public ServerView awaitSettled(String session, String server, Duration timeout) throws InterruptedException {
        SupervisedServer s = require(session, server);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (s) {
            while (!s.state.isSettled() && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(s, Math.max(1, deadline - System.nanoTime()));
            }
        }
        return view(s);
    }

    // ---- commands

    /** Stores the spec and starts the server; a server of that name that runs is refused (409). */
    public ServerView add(String session, ServerSpec spec) {
        SessionView owner = sessions.get(session);
        Names.requireValid("server", spec.name());
        SpecResolver.validate(spec, sessions.environment(session), launcher.cwd(spec, owner));
        SupervisedServer server = servers.compute(key(session, spec.name()), (k, existing) -> {
            if (existing != null && existing.state != ServerState.STOPPED && existing.state != ServerState.EXITED
                    && existing.state != ServerState.FATAL) {
                throw new ServerConflictException("Server '" + spec.name() + "' is " + existing.state
                        + " in session '" + session + "'; stop it first, or use restart");
            }
            return existing != null ? existing : new SupervisedServer(session, spec);
        });
        synchronized (server) {
            ServerSpec previous = server.spec;
            server.spec = spec;
            try {
                startNow(server, "start requested", true);
            } catch (RuntimeException e) {
                server.spec = previous;
                if (!Files.exists(home.specFile(session, spec.name()))) {
                    servers.remove(key(session, spec.name()), server);
                }
                throw e;
            }
        }
        return view(server);
    }

    public ServerView start(String session, String server) {
        SupervisedServer s = require(session, server);
        synchronized (s) {
            if (s.state.isActive() || s.state == ServerState.BACKOFF) {
                throw new ServerConflictException("Server '" + server + "' is already " + s.state);
            }
            startNow(s, "start requested", true);
        }
        return view(s);
    }

    public ServerView stop(String session, String server) {
        SupervisedServer s = require(session, server);
        store.writeSpec(session, s.spec, DesiredState.STOPPED);
        stopNow(s, "stop requested");
        return view(s);
    }

    /**
     * Stops every server of the session together, as ending it would, but keeps the session and
     * the servers' specs: like {@code supervisorctl stop all}. One wait for all of them.
     */
    public List<ServerView> stopAll(String session) {
        List<SupervisedServer> ofSession = ofSession(session);
        for (SupervisedServer s : ofSession) {
            store.writeSpec(session, s.spec, DesiredState.STOPPED);
        }
        stopAll(ofSession, "stop requested");
        return list(session);
    }

    /**
     * Starts every server of the session that does not run (STOPPED, EXITED or FATAL), like
     * {@code supervisorctl start all}. A server that cannot be spawned any more (its binary is
     * gone) does not hold up the others: it backs off and ends FATAL with the reason.
     */
    public List<ServerView> startAll(String session) {
        for (SupervisedServer s : ofSession(session)) {
            synchronized (s) {
                if (!s.state.isActive() && s.state != ServerState.BACKOFF) {
                    s.failedStarts = 0;
                    s.quickExits = 0;
                    store.writeSpec(session, s.spec, DesiredState.RUNNING);
                    startNow(s, "start requested", false);
                }
            }
        }
        return list(session);
    }

    private List<SupervisedServer> ofSession(String session) {
        sessions.get(session);
        return servers.values().stream().filter(s -> s.session.equals(session))
                .sorted(Comparator.comparing(s -> s.name)).toList();
    }

    public ServerView restart(String session, String server) {
        SupervisedServer s = require(session, server);
        stopNow(s, "restart requested");
        synchronized (s) {
            startNow(s, "restart requested", true);
        }
        return view(s);
    }

    /**
     * Wrapper mode: tracks a process an MCP client started (the CLI's {@code run}, about to exec
     * the server) as ATTACHED. Returns the environment the process must carry: the markers and
     * the config copy's variables.
     */
    public Map<String, String> attach(String session, ServerSpec spec, long pid) {
        sessions.get(session);
        Names.requireValid("server", spec.name());
        ProcessIdentity identity = ProcessIdentity.ofPid(pid).filter(ProcessIdentity::isAlive)
                .orElseThrow(() -> new InvalidSpecException("process " + pid + " does not run"));
        SupervisedServer s = servers.compute(key(session, spec.name()), (k, existing) -> {
            if (existing != null && (existing.state.isActive() || existing.state == ServerState.BACKOFF)) {
                throw new ServerConflictException("Server '" + spec.name() + "' is " + existing.state
                        + " in session '" + session + "'; stop it first");
            }
            return existing != null ? existing : new SupervisedServer(session, spec);
        });
        synchronized (s) {
            s.spec = spec;
            Map<String, String> env = new java.util.LinkedHashMap<>(launcher.configEnvironment(s));
            String instance = Markers.newInstanceId();
            env.putAll(Markers.of(session, spec.name(), instance, home.root()));
            store.writePid(session, spec.name(), new PidRecord(pid, identity.startTime(),
                    spec.argv() == null ? List.of() : spec.argv(), instance, null, clock.instant()));
            store.writeSpec(session, spec, DesiredState.ATTACHED);
            attachNow(s, AdoptedProcess.of(identity), instance, "attached pid " + pid + " (wrapper mode)");
            return env;
        }
    }

    /** Records an attached process; the caller holds the server's monitor. */
    void attachNow(SupervisedServer s, ProcessLauncher.Launched process, String instance, String reason) {
        s.process = process;
        s.instanceId = instance;
        s.port = null;
        s.startedAt = clock.instant();
        s.startedNanos = System.nanoTime();
        s.exitCode = null;
        publish(s, s.transition(ServerState.ATTACHED, reason, clock.instant()));
        watchExit(s, instance);
    }

    /** Stops the server and forgets it: spec, pid file and config copies go; its log stays with the session. */
    public void remove(String session, String server) {
        SupervisedServer s = require(session, server);
        stopNow(s, "server removed");
        launcher.discard(s);
        store.deleteSpec(session, server);
        if (servers.remove(key(session, server), s)) {
            events.publishEvent(new ServerRemoved(session, server));
        }
    }

    // ---- lifecycle

    /**
     * Starts a process for the server; the caller holds its monitor. A user's start refuses bad
     * input before anything changes; an automatic restart turns a failure into BACKOFF.
     */
    void startNow(SupervisedServer s, String reason, boolean requested) {
        if (requested) {
            s.failedStarts = 0;
            s.quickExits = 0;
        }
        s.cancelTimer();
        ServerLauncher.Started started;
        try {
            started = launcher.start(s);
        } catch (IOException | RuntimeException e) {
            if (requested) {
                throw e instanceof RuntimeException r ? r : new InvalidSpecException("cannot start: " + e.getMessage());
            }
            // as in Supervisor, a spawn that fails is a start that failed: it backs off, then ends FATAL
            s.process = null;
            s.instanceId = null;
            s.lastError = "cannot start: " + e.getMessage();
            publish(s, s.transition(ServerState.STARTING, reason, clock.instant()));
            failedStart(s, s.lastError);
            return;
        }
        if (requested) {
            store.writeSpec(s.session, s.spec, DesiredState.RUNNING);
        }
        s.process = started.process();
        s.instanceId = started.instanceId();
        s.port = started.port();
        s.startedAt = clock.instant();
        s.startedNanos = System.nanoTime();
        s.exitCode = null;
        publish(s, s.transition(ServerState.STARTING, reason, clock.instant()));
        watchExit(s, started.instanceId());
        awaitReadiness(s, started);
    }

    /** STARTING → RUNNING once the server is ready; a server that never gets ready is killed. */
    void awaitReadiness(SupervisedServer s, ServerLauncher.Started started) {
        String instance = started.instanceId();
        launcher.awaitReady(s, started, () -> onReady(s, instance), failure -> onNotReady(s, instance, failure));
    }

    /** Exit events drive restarts; handled off the JVM's process reaper thread. */
    void watchExit(SupervisedServer s, String instance) {
        ProcessLauncher.Launched process = s.process;
        if (process != null) {
            process.exit().whenCompleteAsync((code, error) -> onExit(s, instance, code == null ? -1 : code), scheduler);
        }
    }

    private void onReady(SupervisedServer s, String instance) {
        synchronized (s) {
            if (s.isCurrent(instance) && s.state == ServerState.STARTING) {
                s.failedStarts = 0;
                s.lastError = null;
                publish(s, s.transition(ServerState.RUNNING, "running", clock.instant()));
                launcher.watchHealth(s, instance, () -> onUnresponsive(s, instance));
            }
        }
    }

    private void onNotReady(SupervisedServer s, String instance, String failure) {
        ProcessLauncher.Launched process;
        synchronized (s) {
            if (!s.isCurrent(instance) || s.state != ServerState.STARTING) {
                return;
            }
            s.lastError = failure;
            process = s.process;
        }
        // the exit event that follows moves it to BACKOFF or FATAL
        launcher.kill(s, process, instance, Duration.ofSeconds(2));
    }

    private void onUnresponsive(SupervisedServer s, String instance) {
        ProcessLauncher.Launched process;
        synchronized (s) {
            if (!s.isCurrent(instance) || s.state != ServerState.RUNNING) {
                return;
            }
            s.lastError = "unresponsive: health pings unanswered";
            process = s.process;
        }
        launcher.kill(s, process, instance, Duration.ofSeconds(2));
    }

    private void onExit(SupervisedServer s, String instance, int code) {
        withMdc(s, () -> {
            synchronized (s) {
                if (!s.isCurrent(instance)) {
                    return;
                }
                s.exitCode = code;
                launcher.released(s, instance);
                if (s.state != ServerState.STOPPING) {
                    launcher.reapLeftovers(s, instance, stopWait(s));
                }
                switch (s.state) {
                    case STARTING -> failedStart(s, "exited with code " + code + " during start"
                            + (s.lastError == null ? "" : " (" + s.lastError + ")"));
                    case RUNNING, ATTACHED -> exitedWhileRunning(s, code);
                    default -> { /* STOPPING: stopNow completes the transition */ }
                }
            }
        });
    }

    private void failedStart(SupervisedServer s, String why) {
        s.failedStarts++;
        store.deletePid(s.session, s.name); // nothing runs during BACKOFF either
        int retries = s.spec.startRetries() == null ? defaults.startRetries() : s.spec.startRetries();
        if (s.failedStarts > retries || shuttingDown) {
            s.lastError = why;
            publish(s, s.transition(ServerState.FATAL, why + "; gave up after " + s.failedStarts + " attempt(s)", clock.instant()));
            launcher.releasePort(s);
            log.info("Server {}/{} FATAL: {}", s.session, s.name, why);
            return;
        }
        Duration delay = backoff(s.failedStarts);
        publish(s, s.transition(ServerState.BACKOFF, why + "; retry " + s.failedStarts + " of " + retries + " in "
                + delay.toMillis() + " ms", clock.instant()));
        schedule(s, delay, () -> startNow(s, "retry after backoff", false));
    }

    private void exitedWhileRunning(SupervisedServer s, int code) {
        long ranNanos = System.nanoTime() - s.startedNanos;
        publish(s, s.transition(ServerState.EXITED, "exited with code " + code, clock.instant()));
        store.deletePid(s.session, s.name);
        if (shuttingDown || !s.spec.autorestartOrDefault().restarts(code, s.spec.exitCodesOrDefault())) {
            launcher.releasePort(s);
            return;
        }
        s.restarts++;
        // a crash loop must not spin: only the first quick exit restarts at once
        s.quickExits = ranNanos < Duration.ofSeconds(1).toNanos() ? s.quickExits + 1 : 0;
        if (s.quickExits <= 1) {
            startNow(s, "restart after exit code " + code, false);
        } else {
            schedule(s, backoff(s.quickExits - 1), () -> startNow(s, "restart after exit code " + code, false));
        }
    }

    /** Stops the whole tree: stop signal, {@code stopWait}, then KILL for what remains. Blocks. */
    void stopNow(SupervisedServer s, String reason) {
        ServerLauncher.Stop stop = beginStop(s, reason, true);
        if (stop != null) {
            launcher.stopTrees(List.of(stop));
            finishStop(stop, reason);
        }
    }

    /**
     * Stops many servers together (a session's, or all at shutdown): every stop signal goes out
     * before the one wait, so N servers take one {@code stopWait}, not N of them in turn. A server
     * that another request is stopping already is left to it.
     */
    private void stopAll(List<SupervisedServer> list, String reason) {
        List<ServerLauncher.Stop> stops = new ArrayList<>();
        for (SupervisedServer s : list) {
            try {
                ServerLauncher.Stop stop = beginStop(s, reason, false);
                if (stop != null) {
                    stops.add(stop);
                }
            } catch (RuntimeException e) {
                log.warn("Stopping {}/{} failed: {}", s.session, s.name, e.getMessage());
            }
        }
        launcher.stopTrees(stops);
        for (ServerLauncher.Stop stop : stops) {
            finishStop(stop, reason);
        }
    }

    /** @return what to stop and wait for, or null when nothing of the server runs (it is STOPPED now) */
    private ServerLauncher.@Nullable Stop beginStop(SupervisedServer s, String reason, boolean conflictIfStopping) {
        synchronized (s) {
            s.cancelTimer();
            switch (s.state) {
                case STOPPED -> {
                    return null;
                }
                case EXITED, FATAL, BACKOFF -> {
                    publish(s, s.transition(ServerState.STOPPED, reason, clock.instant()));
                    launcher.releasePort(s);
                    store.deletePid(s.session, s.name);
                    return null;
                }
                case STOPPING -> {
                    if (conflictIfStopping) {
                        throw new ServerConflictException("Server '" + s.name + "' is already stopping");
                    }
                    return null;
                }
                default -> publish(s, s.transition(ServerState.STOPPING, reason, clock.instant()));
            }
            return new ServerLauncher.Stop(s, s.process, s.instanceId, stopWait(s));
        }
    }

    private void finishStop(ServerLauncher.Stop stop, String reason) {
        SupervisedServer s = stop.server();
        synchronized (s) {
            launcher.released(s, stop.instance());
            launcher.releasePort(s);
            store.deletePid(s.session, s.name);
            publish(s, s.transition(ServerState.STOPPED, reason, clock.instant()));
        }
    }

    @EventListener
    void onSessionEnding(SessionEvent.Ending event) {
        List<SupervisedServer> ofSession = servers.values().stream()
                .filter(s -> s.session.equals(event.sessionId())).toList();
        stopAll(ofSession, "session ended");
        ofSession.forEach(s -> {
            launcher.discard(s);
            servers.remove(key(s.session, s.name), s);
        });
        ports.releaseSession(event.sessionId());
    }

    /** A clean shutdown of the manager stops every server it started; desired states stay on disk. */
    @PreDestroy
    void shutdown() {
        shuttingDown = true;
        stopAll(List.copyOf(servers.values()), "manager shutting down");
    }

    /** Registers a server found on disk at start (see {@link ServerRecovery}). */
    SupervisedServer register(String session, ServerSpec spec) {
        return servers.computeIfAbsent(key(session, spec.name()), k -> new SupervisedServer(session, spec));
    }

    private Duration stopWait(SupervisedServer s) {
        return s.spec.stopWait() == null ? defaults.stopWait() : Duration.ofMillis(Math.round(s.spec.stopWait() * 1000));
    }

    Duration backoff(int attempt) {
        long millis = defaults.backoff().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, defaults.maxBackoff().toMillis()));
    }

    private void schedule(SupervisedServer s, Duration delay, Runnable action) {
        s.timer = scheduler.schedule(() -> withMdc(s, () -> {
            synchronized (s) {
                if (!shuttingDown && (s.state == ServerState.BACKOFF || s.state == ServerState.EXITED)) {
                    action.run();
                }
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Logs at info, except the repeats of a retry or crash loop: those go to debug after the first. */
    void publish(SupervisedServer s, ServerStateChanged event) {
        if (s.failedStarts > 1 || s.quickExits > 1) {
            log.debug("Server {}/{}: {} -> {} ({})", event.session(), event.server(), event.from(), event.to(), event.reason());
        } else {
            log.info("Server {}/{}: {} -> {} ({})", event.session(), event.server(), event.from(), event.to(), event.reason());
        }
        events.publishEvent(event);
    }

    private static void withMdc(SupervisedServer s, Runnable action) {
        MDC.put("session", s.session);
        MDC.put("server", s.name);
        try {
            action.run();
        } finally {
            MDC.remove("session");
            MDC.remove("server");
        }
    }

    private SupervisedServer require(String session, String server) {
        Names.requireValid("session", session);
        Names.requireValid("server", server);
        sessions.get(session);
        SupervisedServer s = servers.get(key(session, server));
        if (s == null) {
            throw new ServerNotFoundException(session, server);
        }
        return s;
    }

    private ServerView view(SupervisedServer s) {
        ProcessLauncher.Launched process = s.process;
        boolean active = s.state.isActive();
        long uptime = active && s.startedAt != null ? Duration.ofNanos(System.nanoTime() - s.startedNanos).toSeconds() : 0;
        ProtocolReadiness.Connection connection = s.connection;
        return new ServerView(s.session, s.name, s.state, active && process != null ? process.identity().pid() : null,
                s.port, s.restarts, s.exitCode, s.lastError, s.startedAt, uptime,
                active ? s.usage.cpuPercent() : 0, active ? s.usage.rssBytes() : 0,
                home.logFile(s.session, s.name).toString(), s.spec.transportOrDefault(), s.spec, s.history(),
                s.lastProbe != null ? s.lastProbe : connection == null ? null : connection.lastResult());
    }

    /**
     * The live protocol client of a RUNNING stdio or http server, for a compliance check; empty
     * for a server that runs without a protocol transport.
     */
    public Optional<Object> protocolClient(String session, String server) {
        ProtocolReadiness.Connection connection = require(session, server).connection;
        return Optional.ofNullable(connection).map(ProtocolReadiness.Connection::client);
    }

    /** Keeps a check's report for the server view. */
    public void recordProbe(String session, String server, Object report) {
        require(session, server).lastProbe = report;
    }

    List<SupervisedServer> supervised() {
        return List.copyOf(servers.values());
    }

    private static String key(String session, String server) {
        return session + "/" + server;
    }
}
