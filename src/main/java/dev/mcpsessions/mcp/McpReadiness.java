package dev.mcpsessions.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.process.ProtocolReadiness;
import dev.mcpsessions.process.Transport;

/**
 * The supervisor's MCP readiness: a stdio or http server is RUNNING only once it answered
 * {@code initialize}; afterwards a health monitor pings it.
 */
@Component
class McpReadiness implements ProtocolReadiness {

    private final McpProperties.Protocol protocol;
    private final Clock clock;
    private final ScheduledExecutorService executor;

    McpReadiness(McpProperties properties, Clock clock) {
        this.protocol = properties.protocol();
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "mcp-readiness-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletableFuture<Connection> initialize(Target target) {
        return CompletableFuture.supplyAsync(() -> {
            McpConnection client = connect(target);
            McpHealth health = McpHealth.of(client, protocol, clock);
            McpProbeResult ready = health.awaitReady();
            if (!ready.ok()) {
                client.close();
                throw new CompletionException(new IllegalStateException(ready.detail()));
            }
            return new LiveConnection(client, health, target);
        }, executor);
    }

    private static McpConnection connect(Target target) {
        if (target.transport() == Transport.HTTP) {
            if (target.port() == null) {
                throw new IllegalStateException("transport http needs a port: give the server \"port\": \"auto\"");
            }
            return McpHttpClient.onLoopback(target.port());
        }
        // stdout lines that are not JSON-RPC still belong in the server's log
        return new McpStdioSession(target.stdin(), target.stdout(), line -> appendToLog(target, line));
    }

    private static void appendToLog(Target target, String line) {
        try {
            Files.writeString(target.logFile(), "[stdout, not JSON-RPC] " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is best effort; the probe reports stray stdout separately
        }
    }

    private final class LiveConnection implements Connection {

        private final McpConnection client;
        private final McpHealth health;
        private final Target target;
        private volatile @Nullable McpHealthMonitor monitor;

        LiveConnection(McpConnection client, McpHealth health, Target target) {
            this.client = client;
            this.health = health;
            this.target = target;
        }

        @Override
        public void watchHealth(Runnable onUnresponsive) {
            monitor = McpHealthMonitor.start(health, protocol.pingInterval(), executor, onUnresponsive,
                    Map.of("session", target.session(), "server", target.server()));
        }

        @Override
        public @Nullable Object lastResult() {
            return health.lastResult().orElse(null);
        }

        @Override
        public Object client() {
            return client;
        }

        @Override
        public void close() {
            McpHealthMonitor m = monitor;
            if (m != null) {
                m.close();
            }
            client.close();
        }
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
