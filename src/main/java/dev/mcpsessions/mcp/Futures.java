package dev.mcpsessions.mcp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Waiting for an answer with a hard timeout, so that no exchange can hang its caller. */
final class Futures {

    private Futures() {}

    static <T> T await(CompletableFuture<T> answer, Duration timeout, String method, Supplier<String> evidence) {
        try {
            return answer.orTimeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof McpException mcp) {
                throw mcp;
            }
            if (cause instanceof TimeoutException) {
                throw new McpException(McpException.Kind.TIMEOUT,
                        "no response to " + method + " within " + timeout.toMillis() + " ms", evidence.get());
            }
            throw new McpException(McpException.Kind.CLOSED, method + " failed: " + cause, evidence.get());
        }
    }
}
