package dev.mcpsessions.mcp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerConflictException;

/** {@code check <name>} and {@code check -- <command>}: the compliance probe on demand. */
@Service
public class ComplianceChecks {

    private final ComplianceProbe probe;
    private final ProcessSupervisor supervisor;
    private final ApplicationEventPublisher events;
    private final Duration timeout;

    ComplianceChecks(ComplianceProbe probe, ProcessSupervisor supervisor, ApplicationEventPublisher events,
            McpProperties properties) {
        this.probe = probe;
        this.supervisor = supervisor;
        this.events = events;
        this.timeout = properties.protocol().initializeTimeout().plus(properties.protocol().requestTimeout().multipliedBy(6));
    }

    /** Probes a RUNNING stdio or http server over the manager's own connection; the server keeps running. */
    public ComplianceReport checkServer(String session, String server) {
        McpConnection connection = supervisor.protocolClient(session, server)
                .map(McpConnection.class::cast)
                .orElseThrow(() -> new ServerConflictException("Server '" + server + "' has no live MCP connection: "
                        + "it must be RUNNING with --transport stdio or http (a server started with transport none "
                        + "cannot be probed; use check -- COMMAND to probe its command)"));
        ComplianceReport report = probe.probe(connection, timeout);
        supervisor.recordProbe(session, server, report);
        events.publishEvent(new ProbeCompleted(session, server, report.passed()));
        return report;
    }

    /** Starts the command just for the probe (never through a shell) and stops it again. */
    public ComplianceReport checkCommand(List<String> argv, Map<String, String> env, @Nullable Path cwd) {
        return probe.probeCommand(argv, env, cwd, timeout);
    }

    /** Published after each check of a supervised server, for metrics. */
    public record ProbeCompleted(String session, String server, boolean passed) {}
}
