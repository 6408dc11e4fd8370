package dev.mcpsessions.mcp;

import java.time.Instant;

/**
 * The outcome of the last readiness or health exchange with a server, for the server view.
 *
 * @param kind {@code initialize} (readiness) or {@code ping} (health)
 * @param ok whether the server answered as required
 * @param at when the exchange ended
 * @param latencyMillis how long the answer took (or the wait, on failure)
 * @param detail the negotiated version and server name, or why it failed
 */
public record McpProbeResult(String kind, boolean ok, Instant at, long latencyMillis, String detail) {

    static McpProbeResult ok(String kind, Instant at, long latencyMillis, String detail) {
        return new McpProbeResult(kind, true, at, latencyMillis, detail);
    }

    static McpProbeResult failed(String kind, Instant at, long latencyMillis, String detail) {
        return new McpProbeResult(kind, false, at, latencyMillis, detail);
    }
}
