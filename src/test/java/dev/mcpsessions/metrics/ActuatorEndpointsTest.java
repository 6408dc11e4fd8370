package dev.mcpsessions.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole manager with real {@code sleep} processes: what {@code /actuator/prometheus},
 * {@code /actuator/health} and {@code /actuator/info} show as servers start, die, stop and
 * sessions end, and that none of them shows a secret.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mcp.dashboard.announce=false", "mcp.cleanup.automatic=false"})
@DirtiesContext
class ActuatorEndpointsTest {

    private static final String SECRET = "s3cr3t-value-never-shown";

    @TempDir
    static Path tmp;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("mcp.home", () -> tmp.resolve("home").toString());
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final JsonMapper json = JsonMapper.builder().build();
    String token;

    @BeforeEach
    void readToken() throws IOException {
        token = Files.readString(tmp.resolve("home/token")).trim();
    }

    /** Ends every session this test made, which stops every process it started. */
    @AfterEach
    void endSessions() throws Exception {
        for (JsonNode session : json.readTree(send(api("/api/sessions")).body())) {
            send(api("/api/sessions/" + session.get("id").asString()).DELETE());
        }
    }

    @Test
    void theScrapeFollowsAServerThroughStartKillStopAndItsSessionsEnd() throws Exception {
        createSession("obs");
        // the rotator counts what a log grows by once it watches it, so the output comes a little later
        startServer("obs", "{\"name\":\"sleeper\",\"command\":\"sh -c 'sleep 0.5; echo started; exec sleep 300'\","
                + "\"startSecs\":0.2,\"env\":{\"API_KEY\":\"" + SECRET + "\"}}");
        String[] sleeper = {"session", "obs", "server", "sleeper"};

        Scrape running = scrape();
        assertThat(running.value("mcp_sessions", "status", "active")).hasValue(1);
        assertThat(running.value("mcp_servers", "state", "RUNNING")).hasValue(1);
        assertThat(running.value("mcp_server_state", with(sleeper, "state", "RUNNING"))).hasValue(1);
        assertThat(running.value("mcp_server_startup_seconds_count", sleeper)).hasValue(1);
        assertThat(running.value("mcp_server_restarts_total", sleeper)).hasValue(0);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Scrape sampled = scrape();
            assertThat(sampled.value("mcp_server_resident_memory_bytes", sleeper).getAsDouble()).isPositive();
            assertThat(sampled.value("mcp_logs_written_bytes_total").getAsDouble()).isGreaterThanOrEqualTo(8);
        });

        long pid = json.readTree(send(api("/api/sessions/obs/servers/sleeper")).body()).get("pid").asLong();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Scrape restarted = scrape();
            assertThat(restarted.value("mcp_server_restarts_total", sleeper)).hasValue(1);
            assertThat(restarted.value("mcp_server_transitions_total", with(sleeper, "from", "RUNNING", "to", "EXITED")))
                    .hasValue(1);
            assertThat(restarted.value("mcp_server_state", with(sleeper, "state", "RUNNING"))).hasValue(1);
            assertThat(restarted.value("mcp_server_startup_seconds_count", sleeper)).hasValue(2);
        });

        assertThat(send(api("/api/sessions/obs/servers/sleeper/stop").POST(BodyPublishers.noBody())).statusCode())
                .isEqualTo(200);

        Scrape stopped = scrape();
        assertThat(stopped.value("mcp_server_state", with(sleeper, "state", "STOPPED"))).hasValue(1);
        assertThat(stopped.value("mcp_server_state", with(sleeper, "state", "RUNNING"))).hasValue(0);
        assertThat(stopped.value("mcp_servers", "state", "STOPPED")).hasValue(1);
        assertThat(stopped.value("mcp_servers", "state", "RUNNING")).hasValue(0);
        assertThat(stopped.value("mcp_server_resident_memory_bytes", sleeper)).hasValue(0);

        assertThat(send(api("/api/sessions/obs").DELETE()).statusCode()).isEqualTo(204);

        Scrape ended = scrape();
        assertThat(ended.ofSession("obs")).isEmpty();
        assertThat(ended.value("mcp_sessions", "status", "active")).hasValue(0);
        assertThat(ended.value("mcp_servers", "state", "STOPPED")).hasValue(0);
    }

    @Test
    void aRemovedServersSeriesLeaveTheScrapeWhileItsSessionGoesOn() throws Exception {
        createSession("trim");
        startServer("trim", "{\"name\":\"kept\",\"command\":\"sleep 300\",\"startSecs\":0.2}");
        startServer("trim", "{\"name\":\"dropped\",\"command\":\"sleep 300\",\"startSecs\":0.2}");
        assertThat(scrape().value("mcp_server_state", "session", "trim", "server", "dropped", "state", "RUNNING"))
                .hasValue(1);

        assertThat(send(api("/api/sessions/trim/servers/dropped").DELETE()).statusCode()).isEqualTo(204);

        Scrape scrape = scrape();
        assertThat(scrape.ofSession("trim")).isNotEmpty()
                .noneMatch(sample -> "dropped".equals(sample.labels().get("server")));
        assertThat(scrape.value("mcp_servers", "state", "RUNNING")).hasValue(1);
        assertThat(scrape.value("mcp_servers", "state", "STOPPED")).hasValue(0);
        assertThat(send(api("/api/sessions/trim").DELETE()).statusCode()).isEqualTo(204);
    }

    @Test
    void anUnwritableHomeMakesHealthAndReadinessDownAndARestoredOneUp() throws Exception {
        // Tests run as root, which ignores permission bits, so a read-only home is simulated by
        // a directory (not empty, so it cannot be replaced) where the indicator writes its probe file.
        Path probe = tmp.resolve("home").resolve(HomeHealthIndicator.PROBE_FILE);
        Files.createDirectories(probe.resolve("blocker"));
        try {
            HttpResponse<String> down = send(request("/actuator/health"));
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            JsonNode home = json.readTree(down.body()).get("components").get("home");
            assertThat(home.get("status").asString()).isEqualTo("DOWN");
            assertThat(home.get("details").get("reason").asString()).startsWith("cannot write in the home: ");
            assertThat(send(request("/actuator/health/readiness")).statusCode()).isEqualTo(503);
            assertThat(send(request("/actuator/health/liveness")).statusCode()).isEqualTo(200);
        } finally {
            Files.delete(probe.resolve("blocker"));
            Files.delete(probe);
        }

        HttpResponse<String> up = send(request("/actuator/health"));
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(json.readTree(up.body()).get("status").asString()).isEqualTo("UP");
        assertThat(send(request("/actuator/health/readiness")).statusCode()).isEqualTo(200);
    }

    @Test
    void aFatalServerMakesHealthDegradedWithItsReasonButStill200() throws Exception {
        createSession("broken");
        send(api("/api/sessions/broken/servers").POST(BodyPublishers.ofString(
                "{\"name\":\"quitter\",\"command\":\"sh -c 'exit 3'\",\"startRetries\":0,\"autorestart\":\"never\"}")));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            HttpResponse<String> health = send(request("/actuator/health"));
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(health.body());
            assertThat(body.get("status").asString()).isEqualTo("DEGRADED");
            JsonNode servers = body.get("components").get("servers");
            assertThat(servers.get("status").asString()).isEqualTo("DEGRADED");
            JsonNode fatal = servers.get("details").get("fatal").get(0);
            assertThat(fatal.get("server").asString()).isEqualTo("quitter");
            assertThat(fatal.get("reason").asString()).contains("exited with code 3");
        });
        assertThat(scrape().value("mcp_server_state", "session", "broken", "state", "FATAL")).hasValue(1);

        send(api("/api/sessions/broken").DELETE());

        assertThat(json.readTree(send(request("/actuator/health")).body()).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void anOrphanedSessionIsCountedThenReapedAndTheRunShowsInHealthAndCounters() throws Exception {
        Process owner = new ProcessBuilder("sleep", "300").start();
        try {
            HttpResponse<String> created = send(api("/api/sessions")
                    .POST(BodyPublishers.ofString("{\"name\":\"orphan\",\"ownerPid\":" + owner.pid() + "}")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        } finally {
            owner.destroyForcibly().waitFor();
        }
        assertThat(scrape().value("mcp_sessions", "status", "orphaned")).hasValue(1);

        HttpResponse<String> cleanup = send(api("/api/cleanup?dryRun=false").POST(BodyPublishers.noBody()));
        assertThat(cleanup.statusCode()).as(cleanup.body()).isEqualTo(200);

        Scrape reaped = scrape();
        assertThat(reaped.value("mcp_sessions", "status", "orphaned")).hasValue(0);
        assertThat(reaped.value("mcp_orphans_reaped_total")).hasValue(1);
        assertThat(reaped.value("mcp_reaper_runs_total", "result", "ok")).hasValue(1);
        JsonNode reaper = json.readTree(send(request("/actuator/health")).body()).get("components").get("reaper");
        assertThat(reaper.get("status").asString()).isEqualTo("UP");
        assertThat(reaper.get("details").get("lastActions").asInt()).isEqualTo(1);
        assertThat(reaper.get("details").get("lastRun").asString()).isNotEqualTo("never");
    }

    @Test
    void infoShowsVersionCommitAndHomeAndNoEndpointShowsATokenOrAnEnvironmentValue() throws Exception {
        createSession("quiet");
        HttpResponse<String> env = send(api("/api/sessions/quiet/environment")
                .setHeader("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofString("MCP_TEST_PASSWORD=" + SECRET + "\0")));
        assertThat(env.statusCode()).as(env.body()).isEqualTo(204);
        startServer("quiet", "{\"name\":\"sleeper\",\"command\":\"sleep 300\",\"startSecs\":0.2,"
                + "\"env\":{\"API_KEY\":\"" + SECRET + "\"}}");

        JsonNode info = json.readTree(send(request("/actuator/info")).body());
        assertThat(info.get("home").get("path").asString()).isEqualTo(tmp.resolve("home").toString());
        assertThat(info.get("build").get("version").asString()).isEqualTo("0.1.0-SNAPSHOT");
        if (new ClassPathResource("git.properties").exists() && !gitProperties().isBlank()) {
            assertThat(info.get("git").get("commit").get("id").asString()).isNotBlank();
        }

        for (String path : new String[] {"/actuator/health", "/actuator/info", "/actuator/prometheus",
                "/actuator/health/readiness"}) {
            assertThat(send(request(path)).body()).as(path).doesNotContain(token).doesNotContain(SECRET);
        }
    }

    // --- helpers

    private void createSession(String name) throws Exception {
        HttpResponse<String> created = send(api("/api/sessions")
                .POST(BodyPublishers.ofString("{\"name\":\"" + name + "\",\"ownerPid\":0}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private void startServer(String session, String spec) throws Exception {
        HttpResponse<String> started = send(api("/api/sessions/" + session + "/servers?wait=true&timeout=30")
                .POST(BodyPublishers.ofString(spec)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    }

    private Scrape scrape() throws Exception {
        HttpResponse<String> response = send(request("/actuator/prometheus"));
        assertThat(response.statusCode()).isEqualTo(200);
        return Scrape.parse(response.body());
    }

    private static String gitProperties() throws IOException {
        try (var in = new ClassPathResource("git.properties").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^#.*$", "");
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
    }

    private HttpRequest.Builder api(String path) {
        return request(path).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static String[] with(String[] labels, String... more) {
        String[] all = new String[labels.length + more.length];
        System.arraycopy(labels, 0, all, 0, labels.length);
        System.arraycopy(more, 0, all, labels.length, more.length);
        return all;
    }
}
