package dev.mcpsessions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.mcpsessions.process.MarkedProcesses;

/**
 * The manager's HTTP API as a client sees it: bearer token from {@code <home>/token}, JSON in and
 * out. Remembers the sessions it created, so that {@link #endSessions()} leaves nothing running.
 */
final class ManagerApi {

    /** A response; {@link #json()} parses the body. */
    record Response(int status, String contentType, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String detail() {
            return json().path("detail").asString();
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final Path home;
    private final String token;
    private final List<String> sessions = new ArrayList<>();

    ManagerApi(int port, Path home) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.home = home;
        try {
            this.token = Files.readString(home.resolve("token")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A session with no owner process, holding this JVM's environment (PATH) as the CLI would send it. */
    String newSession() {
        Response created = post("/api/sessions", Map.of("ownerPid", 0));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        sessions.add(id);
        ByteArrayOutputStream env = new ByteArrayOutputStream();
        System.getenv().forEach((k, v) -> {
            if (!k.startsWith("MCP_") && k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                env.writeBytes((k + "=" + v + "\0").getBytes(StandardCharsets.UTF_8));
            }
        });
        Response put = send(request("/api/sessions/" + id + "/environment")
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofByteArray(env.toByteArray())));
        assertThat(put.status()).as(put.body()).isEqualTo(204);
        return id;
    }

    /** Adds and starts a server, waiting until RUNNING; fails the test on anything else. */
    JsonNode startRunning(String session, Map<String, ?> spec) {
        Response started = post("/api/sessions/" + session + "/servers?wait=true&timeout=30", spec);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.json().path("state").asString()).isEqualTo("RUNNING");
        return started.json();
    }

    JsonNode server(String session, String server) {
        Response got = get("/api/sessions/" + session + "/servers/" + server);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        return got.json();
    }

    Response get(String path) {
        return send(request(path).header("Accept", "application/json").GET());
    }

    Response getText(String path) {
        return send(request(path).header("Accept", "text/plain").GET());
    }

    Response post(String path, Object body) {
        return postJson(path, JSON.writeValueAsString(body));
    }

    Response postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(BodyPublishers.ofString(json)));
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** An SSE request, its body read line by line as it arrives. */
    HttpResponse<Stream<String>> stream(String path) throws IOException, InterruptedException {
        return http.send(request(path).header("Accept", "text/event-stream").GET().build(), BodyHandlers.ofLines());
    }

    /** Ends every session this client created (stopping their servers) and kills any marked leftover. */
    void endSessions() {
        sessions.forEach(id -> delete("/api/sessions/" + id));
        sessions.clear();
        MarkedProcesses.scan(home).forEach(m -> m.identity().handle().ifPresent(ProcessHandle::destroyForcibly));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
