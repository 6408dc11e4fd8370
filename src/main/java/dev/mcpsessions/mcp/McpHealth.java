package dev.mcpsessions.mcp;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.mcpsessions.McpProperties;

/**
 * Readiness and health of one MCP server, without timing of its own ({@link McpHealthMonitor}
 * schedules the pings). Readiness is a successful {@code initialize}: a server that never answers
 * it is never ready. Health is a {@code ping} answered within the request timeout; after
 * {@code pingFailures} failures in a row the server is unresponsive.
 */
public final class McpHealth {

    private final McpConnection connection;
    private final Duration initializeTimeout;
    private final Duration pingTimeout;
    private final int failureThreshold;
    private final Clock clock;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile @Nullable McpProbeResult last;

    public McpHealth(McpConnection connection, Duration initializeTimeout, Duration pingTimeout,
            int failureThreshold, Clock clock) {
        this.connection = connection;
        this.initializeTimeout = initializeTimeout;
        this.pingTimeout = pingTimeout;
        this.failureThreshold = Math.max(1, failureThreshold);
        this.clock = clock;
    }

    /** Timeouts and threshold from {@code mcp.protocol}; the ping timeout is the request timeout. */
    public static McpHealth of(McpConnection connection, McpProperties.Protocol protocol, Clock clock) {
        return new McpHealth(connection, protocol.initializeTimeout(), protocol.requestTimeout(),
                protocol.pingFailures(), clock);
    }

    /**
     * Sends {@code initialize} and waits at most the initialize timeout. STARTING may become
     * RUNNING only when the result is {@code ok}.
     */
    public McpProbeResult awaitReady() {
        long started = System.nanoTime();
        McpProbeResult result;
        try {
            InitializeResult initialized = connection.initialize(initializeTimeout);
            result = McpProbeResult.ok("initialize", clock.instant(), millisSince(started),
                    "protocol " + initialized.protocolVersion() + ", server " + initialized.serverName().strip());
        } catch (McpException e) {
            result = McpProbeResult.failed("initialize", clock.instant(), millisSince(started), e.getMessage());
        }
        last = result;
        return result;
    }

    /** One health ping; counts failures in a row and resets the count on success. */
    public McpProbeResult ping() {
        long started = System.nanoTime();
        McpProbeResult result;
        try {
            connection.ping(pingTimeout);
            consecutiveFailures.set(0);
            result = McpProbeResult.ok("ping", clock.instant(), millisSince(started), "answered");
        } catch (McpException e) {
            int failures = consecutiveFailures.incrementAndGet();
            result = McpProbeResult.failed("ping", clock.instant(), millisSince(started),
                    e.getMessage() + " (" + failures + " of " + failureThreshold + " in a row)");
        }
        last = result;
        return result;
    }

    /** True once {@code pingFailures} pings in a row failed: the supervisor restarts the server. */
    public boolean unresponsive() {
        return consecutiveFailures.get() >= failureThreshold;
    }

    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    /** The last readiness or health result, for the server view. */
    public Optional<McpProbeResult> lastResult() {
        return Optional.ofNullable(last);
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
