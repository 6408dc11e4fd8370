package dev.mcpsessions.mcp;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** A client side of one MCP connection: over a stdio server's pipes, or to an HTTP endpoint. */
public interface McpConnection extends AutoCloseable {

    /**
     * Offers {@link McpProtocol#LATEST_VERSION}, checks the result has the required fields, then
     * sends {@code notifications/initialized}. Readiness: a server is RUNNING only after this returns.
     *
     * @throws McpException on timeout, error, lost connection or an incomplete result
     */
    InitializeResult initialize(Duration timeout);

    /** The result of a successful {@link #initialize}, if there was one on this connection. */
    Optional<InitializeResult> initializeResult();

    /** Sends a request and waits for its result (the {@code result} member of the response). */
    JsonNode request(String method, @Nullable JsonNode params, Duration timeout);

    /** Sends a notification; no answer is expected. */
    void notify(String method, @Nullable JsonNode params);

    /** Health: a {@code ping} answered within the timeout. */
    default void ping(Duration timeout) {
        request("ping", null, timeout);
    }

    /** False once the server can no longer answer (its stdout closed). */
    boolean isOpen();

    @Override
    void close();
}
