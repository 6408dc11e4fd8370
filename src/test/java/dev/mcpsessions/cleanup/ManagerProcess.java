package dev.mcpsessions.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mcpsessions.home.AtomicFiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real manager: the packaged jar in its own JVM on a home, driven over its API, killed the way a
 * crash kills it. Used by the {@code *IT} tests, which run after {@code package}.
 */
final class ManagerProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("basedir", "."), "target", "mcp-session-manager.jar");
    /** A JVM start on a busy two-core machine takes a while. */
    static final Duration STARTUP = Duration.ofSeconds(120);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path home;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String url = "";
    private String token = "";

    private ManagerProcess(Path home, Process process) {
        this.home = home;
        this.process = process;
    }

    /** Starts the jar with only {@code MCP_SESSIONS_HOME} of the {@code MCP_*} variables and waits until it answers. */
    static ManagerProcess start(Path home, String... args) {
        assertThat(JAR).as("run 'package' first").exists();
        AtomicFiles.createPrivateDirectories(home.resolve("logs"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString(), "--server.port=0", "--mcp.dashboard.announce=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("logs/manager.out").toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("MCP_"));
        builder.environment().put("MCP_SESSIONS_HOME", home.toString());
        try {
            ManagerProcess manager = new ManagerProcess(home, builder.start());
            manager.awaitReady();
            return manager;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() throws IOException {
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as("manager exited: see " + home.resolve("logs/manager.out")).isTrue();
            Path info = home.resolve("manager.json");
            if (!Files.exists(info)) {
                return false;
            }
            JsonNode node = JSON.readTree(Files.readString(info));
            if (node.get("pid").asLong() != process.pid()) {
                return false;
            }
            url = node.get("url").asString();
            return http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).build(),
                    BodyHandlers.ofString()).statusCode() == 200;
        });
        token = Files.readString(home.resolve("token")).trim();
    }

    JsonNode get(String path) {
        return call("GET", path, null);
    }

    JsonNode post(String path, String json) {
        return call("POST", path, json);
    }

    private JsonNode call(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(90));
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no clean stop of any server. */
    void crash() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM: the clean shutdown, which stops every server it supervises. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
