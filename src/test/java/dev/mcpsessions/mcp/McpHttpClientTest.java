package dev.mcpsessions.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/** Streamable HTTP against a small in-test endpoint that answers the way the TypeScript SDK does. */
class McpHttpClientTest {

    private final List<String> sessionHeaders = new CopyOnWriteArrayList<>();
    private final List<String> versionHeaders = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private McpHttpClient client;

    @BeforeEach
    void startEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/mcp", this::handle);
        server.start();
        client = McpHttpClient.onLoopback(server.getAddress().getPort());
    }

    @AfterEach
    void stopEndpoint() {
        release.countDown();
        client.close();
        server.stop(0);
    }

    @Test
    void initializesOverAnEventStreamAndKeepsTheSessionId() {
        InitializeResult result = client.initialize(Duration.ofSeconds(5));
        client.ping(Duration.ofSeconds(5));

        assertThat(result.protocolVersion()).isEqualTo("2025-06-18");
        assertThat(result.serverName()).isEqualTo("fake 1.0");
        // initialize carries none; the notification and the ping carry the assigned one
        assertThat(sessionHeaders).containsExactly("none", "session-42", "session-42");
        assertThat(versionHeaders).containsExactly("none", "2025-06-18", "2025-06-18");
    }

    @Test
    void unknownMethodSurfacesTheJsonRpcError() {
        client.initialize(Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.request("nope", null, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.code()).isEqualTo(-32601));
    }

    @Test
    void aStreamThatNeverAnswersTimesOut() {
        client.initialize(Duration.ofSeconds(5));
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.request("hang", null, Duration.ofMillis(500)))
                .isInstanceOfSatisfying(McpException.class,
                        e -> assertThat(e.kind()).isEqualTo(McpException.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void nothingListeningFailsWithinTheTimeout() {
        server.stop(0);

        assertThatThrownBy(() -> client.initialize(Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(McpException.class,
                        e -> assertThat(e.kind()).isIn(McpException.Kind.CLOSED, McpException.Kind.TIMEOUT));
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode message = McpProtocol.JSON.readTree(exchange.getRequestBody());
        sessionHeaders.add(header(exchange, "Mcp-Session-Id"));
        versionHeaders.add(header(exchange, "MCP-Protocol-Version"));
        String method = message.path("method").asString();
        long id = message.path("id").asLong(-1);
        switch (method) {
            case "initialize" -> {
                exchange.getResponseHeaders().add("Mcp-Session-Id", "session-42");
                stream(exchange, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
                        + "\"params\":{\"level\":\"info\",\"data\":\"hello\"}}\n\n"
                        + "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":"
                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"fake\",\"version\":\"1.0\"}}}\n\n", true);
            }
            case "notifications/initialized" -> {
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            }
            case "ping" -> json(exchange, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}");
            case "hang" -> {
                stream(exchange, ": keep-alive\n\n", false);
                awaitRelease();
                exchange.close();
            }
            default -> json(exchange, "{\"jsonrpc\":\"2.0\",\"id\":" + id
                    + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
        }
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stream(HttpExchange exchange, String events, boolean close) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        body.write(events.getBytes(StandardCharsets.UTF_8));
        body.flush();
        if (close) {
            exchange.close();
        }
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "none" : value;
    }
}
