package dev.mcpsessions.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.logs.LogRotator;
import dev.mcpsessions.ports.PortLease;
import dev.mcpsessions.ports.PortLeases;
import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

/**
 * The concrete steps of a start and a stop: port, config copy, environment, spawn, pid file,
 * readiness, health, tree stop. {@link ProcessSupervisor} decides when; this class knows how.
 */
@Component
class ServerLauncher {

    private static final Logger log = LoggerFactory.getLogger(ServerLauncher.class);

    record Started(ProcessLauncher.Launched process, String instanceId, @Nullable Integer port) {}

    private final ProcessLauncher launcher;
    private final SessionRegistry sessions;
    private final PortLeases ports;
    private final ServerStore store;
    private final ManagerHome home;
    private final McpProperties properties;
    private final Optional<ConfigPreparer> configs;
    private final Optional<ProtocolReadiness> readiness;
    private final LogRotator rotator;
    /** When to look for leftovers after a main process exited, each delay after the previous scan. */
    private static final long[] LEFTOVER_SCANS_MILLIS = {0, 100, 1000};

    private final ScheduledExecutorService scheduler;

    ServerLauncher(ProcessLauncher launcher, SessionRegistry sessions, PortLeases ports, ServerStore store,
            ManagerHome home, McpProperties properties, Optional<ConfigPreparer> configs,
            Optional<ProtocolReadiness> readiness, LogRotator rotator, SupervisionScheduler scheduler) {
        this.launcher = launcher;
        this.sessions = sessions;
        this.ports = ports;
        this.store = store;
        this.home = home;
        this.properties = properties;
        this.configs = configs;
        this.readiness = readiness;
        this.rotator = rotator;
        this.scheduler = scheduler.executor();
    }

    /** The spec's cwd, else the session's (where {@code init} ran), else the user's home. */
    Path cwd(ServerSpec spec, SessionView session) {
        if (spec.cwd() != null) {
            return Path.of(spec.cwd());
        }
        if (session.cwd() != null && Files.isDirectory(Path.of(session.cwd()))) {
            return Path.of(session.cwd());
        }
        return Path.of(System.getProperty("user.home"));
    }

    Started start(SupervisedServer s) throws IOException {
        ServerSpec spec = s.spec;
        Map<String, String> sessionEnv = sessions.environment(s.session);
        Path cwd = cwd(spec, sessions.get(s.session));
        boolean newLease = false;
        Integer port = s.port;
        if (spec.port() != null && port == null) {
            Integer fixed = SpecResolver.port(spec.port());
            PortLease lease = fixed == null ? ports.leaseAuto(s.session, s.name) : ports.leaseFixed(fixed, s.session, s.name);
            port = lease.port();
            newLease = true;
        }
        try {
            Map<String, String> env = new LinkedHashMap<>(sessionEnv);
            env.putAll(spec.envOrEmpty());
            if (spec.config() != null) {
                ConfigPreparer preparer = configs.orElseThrow(
                        () -> new InvalidSpecException("config files are not supported by this build"));
                env.putAll(preparer.prepare(s.session, s.name, spec.config(), env));
            }
            if (port != null) {
                env.put("PORT", Integer.toString(port));
            }
            String instance = Markers.newInstanceId();
            env.putAll(Markers.of(s.session, s.name, instance, home.root()));
            List<String> argv = SpecResolver.argv(spec, port);
            Path logFile = home.logFile(s.session, s.name);
            rotator.watch(logFile); // before the spawn, so the first bytes count too
            ProcessLauncher.Launched launched = launcher.launch(
                    new ProcessLauncher.Launch(argv, env, cwd, logFile, spec.transportOrDefault()));
            ProcessIdentity id = launched.identity();
            store.writePid(s.session, s.name, new PidRecord(id.pid(), id.startTime(), argv, instance, port,
                    java.time.Instant.now()));
            return new Started(launched, instance, port);
        } catch (IOException | RuntimeException e) {
            if (newLease) {
                ports.release(s.session, s.name);
            }
            throw e;
        }
    }

    /** Calls {@code ready} once the server counts as RUNNING: after startSecs, or after MCP initialize. */
    void awaitReady(SupervisedServer s, Started started, Runnable ready, Consumer<String> notReady) {
        Transport transport = s.spec.transportOrDefault();
        if (transport != Transport.NONE && readiness.isPresent()) {
            var target = new ProtocolReadiness.Target(s.session, s.name, transport, started.process().stdin(),
                    started.process().stdout(), started.port(), home.logFile(s.session, s.name));
            readiness.get().initialize(target).whenCompleteAsync((connection, error) -> {
                if (error != null) {
                    notReady.accept("MCP initialize failed: " + rootMessage(error));
                    return;
                }
                synchronized (s) {
                    if (s.isCurrent(started.instanceId())) {
                        s.connection = connection;
                    } else {
                        connection.close();
                        return;
                    }
                }
                ready.run();
            }, scheduler);
            return;
        }
        Duration startSecs = s.spec.startSecs() == null ? properties.supervision().startSecs()
                : Duration.ofMillis(Math.round(s.spec.startSecs() * 1000));
        if (startSecs.isZero()) {
            ready.run();
        } else {
            s.timer = scheduler.schedule(ready, startSecs.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Pings a RUNNING MCP server; after too many misses in a row, {@code unresponsive} runs. */
    void watchHealth(SupervisedServer s, String instance, Runnable unresponsive) {
        ProtocolReadiness.Connection connection = s.connection;
        if (connection != null) {
            connection.watchHealth(() -> {
                if (s.isCurrent(instance)) {
                    log.info("Server {}/{} stopped answering pings; restarting it", s.session, s.name);
                    unresponsive.run();
                }
            });
        }
    }

    /** The variables of the server's per-session config copy (written now), or none. */
    Map<String, String> configEnvironment(SupervisedServer s) {
        if (s.spec.config() == null) {
            return Map.of();
        }
        ConfigPreparer preparer = configs.orElseThrow(
                () -> new InvalidSpecException("config files are not supported by this build"));
        Map<String, String> env = new LinkedHashMap<>(sessions.environment(s.session));
        env.putAll(s.spec.envOrEmpty());
        return preparer.prepare(s.session, s.name, s.spec.config(), env);
    }

    /** One server to stop: the process and instance of its current start, and how long it gets. */
    record Stop(SupervisedServer server, ProcessLauncher.@Nullable Launched process, @Nullable String instance,
            Duration stopWait) {}

    /** Stops the trees of all these servers together (see {@link TreeKiller#stopAll}), then sees their exits. */
    void stopTrees(List<Stop> stops) {
        List<TreeKiller.Target> targets = new ArrayList<>();
        for (Stop stop : stops) {
            if (stop.instance() != null) {
                String signal = stop.server().spec.stopSignal() == null ? "TERM" : stop.server().spec.stopSignal();
                targets.add(new TreeKiller.Target(stop.process() == null ? null : stop.process().identity(),
                        stop.instance(), StopSignal.parse(signal), stop.stopWait()));
            }
        }
        TreeKiller.stopAll(home.root(), targets);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Stop stop : stops) {
            if (stop.process() != null && stop.instance() != null) {
                try {
                    stop.process().exit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    log.debug("Exit of {}/{} not seen after stop: {}", stop.server().session, stop.server().name,
                            e.toString());
                }
            }
        }
    }

    /**
     * The main process of a start exited: what it left behind (a daemon it forked) must not outlive
     * it, or each restart would add one more copy and nothing would stop them after FATAL. Scanned
     * again later: a child whose {@code execve} outlasts the scan's retries shows no markers to it.
     */
    void reapLeftovers(SupervisedServer s, String instance, Duration stopWait) {
        reapLeftovers(s, instance, stopWait, 0);
    }

    private void reapLeftovers(SupervisedServer s, String instance, Duration stopWait, int scan) {
        String signal = s.spec.stopSignal() == null ? "TERM" : s.spec.stopSignal();
        scheduler.schedule(() -> {
            if (TreeKiller.anyAlive(home.root(), instance)) {
                log.info("Server {}/{} exited and left processes behind; stopping them", s.session, s.name);
                TreeKiller.stop(null, home.root(), instance, signal, stopWait);
            }
            if (scan + 1 < LEFTOVER_SCANS_MILLIS.length) {
                reapLeftovers(s, instance, stopWait, scan + 1);
            }
        }, LEFTOVER_SCANS_MILLIS[scan], TimeUnit.MILLISECONDS);
    }

    /** Kills a server that failed readiness or health, off the caller's thread; its exit event follows. */
    void kill(SupervisedServer s, ProcessLauncher.@Nullable Launched process, String instance, Duration wait) {
        scheduler.execute(() -> TreeKiller.stop(process == null ? null : process.identity(), home.root(), instance,
                "KILL", wait));
    }

    /** The process of this start is gone: drop what belonged to it. */
    void released(SupervisedServer s, @Nullable String instance) {
        ProtocolReadiness.Connection connection = s.connection;
        s.connection = null;
        if (connection != null) {
            connection.close();
        }
        ProcessLauncher.Launched process = s.process;
        if (process != null) {
            try {
                process.stdin().close();
            } catch (IOException ignored) {
                // the pipe died with the process
            }
        }
        rotator.unwatch(home.logFile(s.session, s.name));
    }

    void releasePort(SupervisedServer s) {
        ports.release(s.session, s.name);
        s.port = null;
    }

    void discard(SupervisedServer s) {
        configs.ifPresent(c -> c.discard(s.session, s.name));
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
