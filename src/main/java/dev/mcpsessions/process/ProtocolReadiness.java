package dev.mcpsessions.process;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * MCP-aware readiness and health for {@code stdio} and {@code http} servers (implemented by the
 * mcp package): RUNNING only after a successful {@code initialize}.
 */
public interface ProtocolReadiness {

    /** What the supervisor hands over: the pipes for stdio, the port for http. */
    record Target(String session, String server, Transport transport, @Nullable OutputStream stdin,
            @Nullable InputStream stdout, @Nullable Integer port, Duration timeout) {}

    /** A live protocol connection to a RUNNING server. */
    interface Connection extends AutoCloseable {
        /** Completes normally when the server answered {@code ping}. */
        CompletableFuture<?> ping(Duration timeout);

        /** The last compliance or readiness result, for the server view. */
        @Nullable Object lastResult();

        @Override
        void close();
    }

    /** Completes with a connection once {@code initialize} succeeded; exceptionally with the reason. */
    CompletableFuture<Connection> initialize(Target target);
}
