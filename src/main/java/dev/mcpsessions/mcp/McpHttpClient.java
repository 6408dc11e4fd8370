package dev.mcpsessions.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * A Streamable HTTP client for one MCP endpoint: each message is a POST that accepts a JSON or an
 * event-stream answer; the {@code Mcp-Session-Id} the server assigns at initialize goes on every
 * later request. Exchanges run on daemon threads and the body stream is closed on timeout, so a
 * server that never finishes its answer cannot hold the caller.
 */
public final class McpHttpClient implements McpConnection {

    private static final Duration RETRY_DELAY = Duration.ofMillis(200);
    private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(5);

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService exchanges = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "mcp-http-exchange");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong ids = new AtomicLong();
    private volatile @Nullable String sessionId;
    private volatile @Nullable InitializeResult initialized;
    private volatile @Nullable String negotiatedVersion;

    public McpHttpClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The endpoint {@code http://127.0.0.1:<port>/mcp} of a server the manager gave a port. */
    public static McpHttpClient onLoopback(int port) {
        return new McpHttpClient(URI.create("http://127.0.0.1:" + port + "/mcp"));
    }

    /** As the interface says; a server that does not listen yet is retried until the timeout. */
    @Override
    public InitializeResult initialize(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                JsonNode result = request("initialize",
                        McpProtocol.initializeParams(McpProtocol.LATEST_VERSION), remaining(deadline));
                InitializeResult parsed = InitializeResult.parse(result);
                initialized = parsed;
                notify("notifications/initialized", null);
                return parsed;
            } catch (NotListening e) {
                if (remaining(deadline).compareTo(RETRY_DELAY) <= 0) {
                    throw e;
                }
                pause();
            }
        }
    }

    @Override
    public Optional<InitializeResult> initializeResult() {
        return Optional.ofNullable(initialized);
    }

    @Override
    public JsonNode request(String method, @Nullable JsonNode params, Duration timeout) {
        long id = ids.incrementAndGet();
        HttpExchange exchange = new HttpExchange(this, method, id);
        AtomicReference<@Nullable InputStream> body = new AtomicReference<>();
        CompletableFuture<JsonNode> answer = CompletableFuture.supplyAsync(
                () -> exchange.send(post(McpProtocol.request(id, method, params).toString(), timeout), body), exchanges);
        try {
            JsonNode result = Futures.await(answer, timeout, method, () -> "POST " + endpoint);
            if (method.equals("initialize") && result.path("protocolVersion").isString()) {
                negotiatedVersion = result.path("protocolVersion").stringValue(); // sent on every later request
            }
            return result;
        } finally {
            closeQuietly(body.get()); // an event stream may stay open after our answer
        }
    }

    @Override
    public void notify(String method, @Nullable JsonNode params) {
        HttpExchange exchange = new HttpExchange(this, method, -1);
        AtomicReference<@Nullable InputStream> body = new AtomicReference<>();
        CompletableFuture<JsonNode> sent = CompletableFuture.supplyAsync(() -> exchange.send(
                post(McpProtocol.notification(method, params).toString(), NOTIFY_TIMEOUT), body), exchanges);
        try {
            Futures.await(sent, NOTIFY_TIMEOUT, method, () -> "POST " + endpoint);
        } finally {
            closeQuietly(body.get());
        }
    }

    @Override
    public boolean isOpen() {
        return !exchanges.isShutdown();
    }

    /** Ends the server-side session (DELETE, best effort) and stops the exchange threads. */
    @Override
    public void close() {
        String session = sessionId;
        if (session != null) {
            HttpRequest delete = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2))
                    .header("Mcp-Session-Id", session).DELETE().build();
            http.sendAsync(delete, HttpResponse.BodyHandlers.discarding()).orTimeout(2, TimeUnit.SECONDS)
                    .exceptionally(failure -> null).join();
        }
        exchanges.shutdownNow();
    }

    URI endpoint() {
        return endpoint;
    }

    void sessionId(String id) {
        sessionId = id;
    }

    @Nullable String sessionId() {
        return sessionId;
    }

    HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new NotListening("nothing listens on " + endpoint);
        } catch (HttpTimeoutException e) {
            throw new McpException(McpException.Kind.TIMEOUT, "no answer from " + endpoint, "");
        } catch (IOException e) {
            throw new McpException(McpException.Kind.CLOSED, "POST " + endpoint + " failed: " + e.getMessage(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException(McpException.Kind.CLOSED, "interrupted", "");
        }
    }

    private HttpRequest post(String body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout.isZero() || timeout.isNegative() ? Duration.ofMillis(1) : timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        String session = sessionId;
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        String version = negotiatedVersion;
        if (version != null) {
            request.header("MCP-Protocol-Version", version);
        }
        return request.build();
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException(McpException.Kind.CLOSED, "interrupted while waiting for the server to listen", "");
        }
    }

    private static void closeQuietly(@Nullable InputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // the exchange is over either way
            }
        }
    }

    /** Connection refused: the server has not bound its port (yet). */
    static final class NotListening extends McpException {
        NotListening(String message) {
            super(Kind.CLOSED, message, "");
        }
    }
}
