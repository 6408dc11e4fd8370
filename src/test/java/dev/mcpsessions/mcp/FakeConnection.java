package dev.mcpsessions.mcp;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** A connection whose pings succeed or time out on demand, for health logic without processes. */
final class FakeConnection implements McpConnection {

    final AtomicBoolean answering = new AtomicBoolean(true);
    final AtomicInteger pings = new AtomicInteger();

    @Override
    public InitializeResult initialize(Duration timeout) {
        if (!answering.get()) {
            throw new McpException(McpException.Kind.TIMEOUT, "no response to initialize within "
                    + timeout.toMillis() + " ms", "");
        }
        return InitializeResult.parse(McpProtocol.JSON.readTree("""
                {"protocolVersion":"2025-11-25","capabilities":{},"serverInfo":{"name":"fake","version":"1"}}"""));
    }

    @Override
    public Optional<InitializeResult> initializeResult() {
        return Optional.empty();
    }

    @Override
    public JsonNode request(String method, @Nullable JsonNode params, Duration timeout) {
        pings.incrementAndGet();
        if (!answering.get()) {
            throw new McpException(McpException.Kind.TIMEOUT, "no response to " + method, "");
        }
        return McpProtocol.JSON.createObjectNode();
    }

    @Override
    public void notify(String method, @Nullable JsonNode params) {}

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {}
}
