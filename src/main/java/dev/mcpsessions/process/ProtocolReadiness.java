package dev.mcpsessions.process;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * MCP-aware readiness and health for {@code stdio} and {@code http} servers (implemented by the
 * mcp package): RUNNING only after a successful {@code initialize}.
 */
public interface ProtocolReadiness {

    /** What the supervisor hands over: the pipes for stdio, the port for http, the log for stray output. */
    record Target(String session, String server, Transport transport, @Nullable OutputStream stdin,
            @Nullable InputStream stdout, @Nullable Integer port, Path logFile) {}

    /** A live protocol connection to a RUNNING server. */
    interface Connection extends AutoCloseable {

        /** Pings periodically; runs {@code onUnresponsive} once after too many misses in a row. */
        void watchHealth(Runnable onUnresponsive);

        /** The last readiness or health result, for the server view. */
        @Nullable Object lastResult();

        /** The protocol client itself, for a compliance check on demand. */
        Object client();

        @Override
        void close();
    }

    /** Completes with a connection once {@code initialize} succeeded; exceptionally with the reason. */
    CompletableFuture<Connection> initialize(Target target);
}
