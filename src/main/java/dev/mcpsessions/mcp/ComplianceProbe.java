package dev.mcpsessions.mcp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.mcp.ComplianceReport.Check;

/**
 * Checks a server against the MCP specification and reports each rule with its evidence. Every
 * exchange has a timeout and the whole probe has one, so a broken server cannot hang it.
 */
public final class ComplianceProbe {

    private final Duration initializeTimeout;
    private final Duration requestTimeout;
    private final Duration shutdownWait;

    /**
     * @param shutdownWait how long each shutdown step (stdin closed, SIGTERM, SIGKILL) waits for the exit
     */
    public ComplianceProbe(Duration initializeTimeout, Duration requestTimeout, Duration shutdownWait) {
        this.initializeTimeout = initializeTimeout;
        this.requestTimeout = requestTimeout;
        this.shutdownWait = shutdownWait;
    }

    /** Timeouts from {@code mcp.protocol}; each shutdown step waits 2 s. */
    public static ComplianceProbe of(McpProperties.Protocol protocol) {
        return new ComplianceProbe(protocol.initializeTimeout(), protocol.requestTimeout(), Duration.ofSeconds(2));
    }

    /**
     * Probes a server the manager supervises, over the connection it already holds. The manager
     * owns that process, so there is no shutdown check and no second process for the
     * unknown-version offer. When the connection was initialized at start, that result is used.
     */
    public ComplianceReport probe(McpConnection connection, Duration timeout) {
        ProtocolChecks protocol = new ProtocolChecks(connection, initializeTimeout, requestTimeout, timeout, () -> "");
        List<Check> checks = new ArrayList<>(protocol.run());
        InitializeResult initialized = protocol.initialized();
        checks.add(initialized == null ? Check.skip("version-negotiation", "not run: initialize failed")
                : VersionNegotiation.check(initialized, null));
        checks.add(connection instanceof McpStdioSession stdio ? StdoutClean.check(stdio)
                : Check.skip("stdout-clean", "not a stdio server"));
        checks.add(Check.skip("shutdown", "the manager owns this process; check -- <command> tests shutdown"));
        return ComplianceReport.of(checks);
    }

    /**
     * Starts {@code argv} (directly, never through a shell), runs every check, then shuts it down
     * in the stdio order: close stdin, SIGTERM, SIGKILL. {@code timeout} bounds the protocol
     * checks; shutdown adds at most three {@code shutdownWait}s.
     */
    public ComplianceReport probeCommand(List<String> argv, Map<String, String> env, @Nullable Path cwd,
            Duration timeout) {
        long started = System.nanoTime();
        List<Check> checks = new ArrayList<>();
        ProbeProcess server;
        try {
            server = ProbeProcess.start(argv, env, cwd);
        } catch (McpException e) {
            return notStarted(e);
        }
        McpStdioSession session = server.session();
        try {
            ProtocolChecks protocol = new ProtocolChecks(session, initializeTimeout, requestTimeout, timeout,
                    server::context);
            checks.addAll(protocol.run());
            InitializeResult initialized = protocol.initialized();
            if (initialized == null) {
                checks.add(Check.skip("version-negotiation", "not run: initialize failed"));
            } else {
                Duration left = timeout.minusNanos(System.nanoTime() - started);
                checks.add(VersionNegotiation.check(initialized, left.isNegative() || left.isZero() ? null
                        : offerUnknownVersion(argv, env, cwd, min(initializeTimeout, left))));
            }
        } finally {
            checks.add(shutdown(server.shutdown(shutdownWait), server));
        }
        checks.add(StdoutClean.check(session));
        return ComplianceReport.of(checks);
    }

    private static ComplianceReport notStarted(McpException e) {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.fail("initialize", e.getMessage(), e.evidence()));
        ComplianceReport.CHECK_NAMES.stream().filter(name -> !name.equals("initialize"))
                .forEach(name -> checks.add(Check.skip(name, "not run: the command did not start")));
        return ComplianceReport.of(checks);
    }

    /** A second, short-lived process: initialize cannot be repeated on the first one. */
    private static VersionNegotiation.Offer offerUnknownVersion(List<String> argv, Map<String, String> env,
            @Nullable Path cwd, Duration timeout) {
        try (ProbeProcess fresh = ProbeProcess.start(argv, env, cwd)) {
            return VersionNegotiation.offerUnknown(fresh.session(), timeout);
        }
    }

    private static Check shutdown(ProbeProcess.Shutdown shutdown, ProbeProcess server) {
        String name = "shutdown";
        String survivors = shutdown.survivors().isEmpty() ? ""
                : "; descendants still alive after the server exited (killed now): " + shutdown.survivors().size();
        String evidence = shutdown.survivors().isEmpty() ? "" : String.join("\n", shutdown.survivors());
        String exit = "exit code " + shutdown.exitCode();
        Check check = switch (shutdown.step()) {
            case EXITED_BEFORE -> shutdown.survivors().isEmpty()
                    ? Check.skip(name, "the server had already exited (" + exit + ")")
                    : Check.fail(name, "the server had already exited (" + exit + ")" + survivors, evidence);
            case STDIN_CLOSED -> shutdown.survivors().isEmpty()
                    ? Check.pass(name, "exited " + shutdown.took().toMillis() + " ms after stdin closed (" + exit + ")")
                    : Check.fail(name, "exited after stdin closed" + survivors, evidence);
            case SIGTERM -> Check.fail(name, "ignored stdin closing; ended by SIGTERM (" + exit + ")" + survivors,
                    evidence.isEmpty() ? server.context() : evidence);
            case SIGKILL -> Check.fail(name, "ignored stdin closing and SIGTERM; ended by SIGKILL" + survivors,
                    evidence.isEmpty() ? server.context() : evidence);
            case STILL_ALIVE -> Check.fail(name, "still alive after SIGKILL" + survivors, server.context());
        };
        return check;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
