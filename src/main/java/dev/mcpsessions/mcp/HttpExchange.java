package dev.mcpsessions.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** One POST of the Streamable HTTP transport and the reading of its answer (JSON or event stream). */
final class HttpExchange {

    private static final int MAX_BODY = 32 * 1024 * 1024;

    private final McpHttpClient client;
    private final String method;
    private final long id;

    /** @param id the request id, negative for a notification (which expects 202 Accepted) */
    HttpExchange(McpHttpClient client, String method, long id) {
        this.client = client;
        this.method = method;
        this.id = id;
    }

    /** Sends and returns the result; for a notification, an empty node once it is accepted. */
    JsonNode send(HttpRequest request, AtomicReference<@Nullable InputStream> bodyHolder) {
        HttpResponse<InputStream> response = client.send(request);
        bodyHolder.set(response.body());
        response.headers().firstValue("Mcp-Session-Id").ifPresent(client::sessionId);
        int status = response.statusCode();
        if (status == 404 && client.sessionId() != null && !method.equals("initialize")) {
            throw new McpException(McpException.Kind.CLOSED, "the server ended the session (404)", read(response.body()));
        }
        if (status >= 300) {
            throw new McpException(McpException.Kind.INVALID, method + " got HTTP " + status, read(response.body()));
        }
        if (id < 0) {
            return McpProtocol.JSON.createObjectNode();
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        String message;
        try {
            message = type.startsWith("text/event-stream")
                    ? SseEvents.firstMatching(response.body(), data -> answer(parse(data)) != null)
                    : read(response.body());
        } catch (IOException e) {
            throw new McpException(McpException.Kind.CLOSED, "reading the answer to " + method + " failed", e.toString());
        }
        JsonNode answer = message == null ? null : answer(parse(message));
        if (answer == null) {
            throw new McpException(McpException.Kind.INVALID,
                    "HTTP " + status + " " + type + " without a response to " + method, message == null ? "" : message);
        }
        if (answer.has("error")) {
            JsonNode error = answer.path("error");
            throw new McpException(McpException.Kind.ERROR, error.path("code").isInt() ? error.path("code").intValue() : null,
                    "error " + error.path("code").asString("?") + ": " + error.path("message").asString(""), answer.toString());
        }
        return answer.path("result");
    }

    /** The response to this request in a message or a batch, or null. */
    private @Nullable JsonNode answer(@Nullable JsonNode message) {
        if (message == null) {
            return null;
        }
        if (message.isArray()) {
            return message.values().stream().map(this::answer).filter(node -> node != null).findFirst().orElse(null);
        }
        boolean response = message.has("result") || message.has("error");
        return response && message.path("id").isIntegralNumber() && message.path("id").longValue() == id ? message : null;
    }

    private static @Nullable JsonNode parse(String text) {
        try {
            return McpProtocol.JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String read(InputStream body) {
        try (body) {
            return new String(body.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
