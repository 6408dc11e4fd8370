package dev.mcpsessions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import dev.mcpsessions.process.MarkedProcesses;

/**
 * Supervision of real processes through the HTTP API and the CLI: ports, start failures, restarts
 * after a kill, stops of stubborn and daemonizing servers, and sessions sharing server names.
 */
class SupervisionIntegrationTest extends RealManagerTest {

    @TempDir
    Path workDir;

    @Test
    void twoSessionsRunTheSameWebServerOnTwoPortsAndStoppingOneLeavesTheOther() throws Exception {
        String a = api.newSession();
        String b = api.newSession();
        String command = "python3 -m http.server {port} --bind 127.0.0.1";

        for (String session : List.of(a, b)) {
            CliRun start = CliRun.of(home, "--session", session, "start", "web", command, "--port", "auto",
                    "--cwd", workDir.toString());
            assertThat(start.exitCode()).as(start.toString()).isZero();
            assertThat(start.stdout()).contains("web RUNNING");
        }
        int portA = api.server(a, "web").path("port").asInt();
        int portB = api.server(b, "web").path("port").asInt();

        assertThat(portA).isNotEqualTo(portB).isBetween(20000, 29999);
        await().atMost(Duration.ofSeconds(10)).until(() -> answersHttp(portA) && answersHttp(portB));
        assertThat(pidFile(a, "web").path("port").asInt()).isEqualTo(portA);

        CliRun stop = CliRun.of(home, "--session", a, "stop", "web");

        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(api.server(a, "web").path("state").asString()).isEqualTo("STOPPED");
        assertThat(answersHttp(portA)).isFalse();
        assertThat(answersHttp(portB)).isTrue();
        assertThat(api.server(b, "web").path("state").asString()).isEqualTo("RUNNING");
    }

    @Test
    void aFixedPortHeldByAnotherSessionIsRefusedWith409NamingTheHolder() {
        String a = api.newSession();
        String b = api.newSession();
        int port = api.startRunning(a, Map.of("name", "web", "command", "sleep 600", "startSecs", 0, "port", "auto"))
                .path("port").asInt();

        ManagerApi.Response taken = api.post("/api/sessions/" + b + "/servers",
                Map.of("name", "web", "command", "sleep 600", "port", Integer.toString(port)));

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.detail()).isEqualTo("Port " + port + " is leased to server 'web' of session '" + a + "'");
        assertThat(home.resolve("configs/" + b + "/web.json")).doesNotExist();
        assertThat(MarkedProcesses.scan(home).stream().filter(m -> m.session().equals(b))).isEmpty();
    }

    @Test
    void aServerThatExitsAtOnceBacksOffThenEndsFatalAndTheWaitingStartAnswers422() {
        String session = api.newSession();

        ManagerApi.Response start = api.post("/api/sessions/" + session + "/servers?wait=true",
                Map.of("name", "crash", "argv", List.of("sh", "-c", "echo starting up; exit 3"), "startRetries", 2));

        assertThat(start.status()).isEqualTo(422);
        assertThat(start.contentType()).startsWith("application/problem+json");
        assertThat(start.detail()).contains("Server 'crash' is FATAL", "exited with code 3", "starting up");
        JsonNode server = api.server(session, "crash");
        assertThat(server.path("state").asString()).isEqualTo("FATAL");
        assertThat(states(server)).containsExactly("STARTING", "BACKOFF", "STARTING", "BACKOFF", "STARTING", "FATAL");
        assertThat(home.resolve("pids/" + session + "/crash.json")).doesNotExist();
        assertThat(MarkedProcesses.scan(home)).isEmpty();
    }

    @Test
    void theCliStartOfAServerThatKeepsFailingExitsOneAndSaysWhy() {
        String session = api.newSession();

        CliRun start = CliRun.of(home, "--session", session, "start", "crash", "sh -c 'echo no config found >&2; exit 3'");

        assertThat(start.exitCode()).isEqualTo(1);
        assertThat(start.stdout()).isEmpty();
        assertThat(start.stderr()).contains("Server 'crash' is FATAL", "exited with code 3", "no config found",
                "(HTTP 422)");
    }

    @Test
    void aSigkilledServerIsRestartedAndItsNewPidIsInThePidFile() {
        String session = api.newSession();
        api.startRunning(session, Map.of("name", "sleeper", "command", "sleep 600", "startSecs", 0.2));
        long firstPid = pidFile(session, "sleeper").path("pid").asLong();

        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly(); // SIGKILL

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode pid = pidFileOrNull(session, "sleeper");
            return pid != null && pid.path("pid").asLong() != firstPid;
        });
        long newPid = pidFile(session, "sleeper").path("pid").asLong();
        assertThat(ProcessHandle.of(newPid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> api.server(session, "sleeper").path("state").asString().equals("RUNNING"));
        JsonNode server = api.server(session, "sleeper");
        assertThat(server.path("pid").asLong()).isEqualTo(newPid);
        assertThat(server.path("restarts").asInt()).isEqualTo(1);
        assertThat(server.path("history").valueStream().map(t -> t.path("reason").asString()))
                .contains("exited with code 137", "restart after exit code 137");
    }

    @Test
    void aServerThatIgnoresTermIsKilledAfterStopWait() {
        String session = api.newSession();
        api.startRunning(session, Map.of("name", "stubborn", "startSecs", 0.2, "stopWait", 0.5,
                "argv", List.of("sh", "-c", "trap '' TERM; while :; do sleep 0.1; done")));
        String instance = pidFile(session, "stubborn").path("instance").asString();

        long begin = System.nanoTime();
        ManagerApi.Response stop = api.post("/api/sessions/" + session + "/servers/stubborn/stop", Map.of());
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        assertThat(stop.status()).as(stop.body()).isEqualTo(200);
        assertThat(stop.json().path("state").asString()).isEqualTo("STOPPED");
        assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofSeconds(4));
        assertThat(MarkedProcesses.withInstance(home, instance)).isEmpty();
        assertThat(home.resolve("pids/" + session + "/stubborn.json")).doesNotExist();
    }

    @Test
    void stopLeavesNoDoubleForkedDaemonBehind() {
        String session = api.newSession();
        api.startRunning(session, Map.of("name", "forker", "startSecs", 0.2,
                "argv", List.of("sh", "-c", "setsid sh -c 'sleep 600 &'; exec sleep 600")));
        String instance = pidFile(session, "forker").path("instance").asString();
        long root = pidFile(session, "forker").path("pid").asLong();
        // the daemon is no descendant of the server: only its markers tie it to the server
        await().until(() -> MarkedProcesses.withInstance(home, instance).stream()
                .anyMatch(m -> ProcessHandle.of(root).map(r -> r.descendants()
                        .noneMatch(d -> d.pid() == m.identity().pid()) && m.identity().pid() != root).orElse(false)));

        ManagerApi.Response stop = api.post("/api/sessions/" + session + "/servers/forker/stop", Map.of());

        assertThat(stop.status()).as(stop.body()).isEqualTo(200);
        assertThat(MarkedProcesses.withInstance(home, instance)).isEmpty();
    }

    @Test
    void aServerWhoseMainProcessDaemonizesLeavesNoDaemonBehind() {
        String session = api.newSession();

        ManagerApi.Response start = api.post("/api/sessions/" + session + "/servers?wait=true",
                Map.of("name", "daemon", "startRetries", 1, "argv", List.of("setsid", "sh", "-c", "sleep 600 &")));

        // the main process returns at once, so the start fails; what it forked must not live on
        assertThat(start.status()).isEqualTo(422);
        assertThat(start.detail()).contains("exited with code 0 during start");
        await().atMost(Duration.ofSeconds(10)).until(() -> MarkedProcesses.scan(home).stream()
                .noneMatch(m -> m.session().equals(session)));
        assertThat(api.post("/api/sessions/" + session + "/servers/daemon/stop", Map.of()).status()).isEqualTo(200);
        assertThat(MarkedProcesses.scan(home).stream().filter(m -> m.session().equals(session))).isEmpty();
    }

    @Test
    void stopAllAndStartAllActOnEveryServerOfTheSessionAndKeepIt() {
        String session = api.newSession();
        String other = api.newSession();
        List<String> instances = new ArrayList<>();
        for (String name : List.of("one", "two", "forker")) {
            api.startRunning(session, Map.of("name", name, "startSecs", 0.2,
                    "argv", List.of("sh", "-c", "setsid sh -c 'sleep 600 &'; exec sleep 600")));
            instances.add(pidFile(session, name).path("instance").asString());
        }
        api.startRunning(other, Map.of("name", "one", "startSecs", 0.2, "argv", List.of("sleep", "600")));

        CliRun stop = CliRun.of(home, "--session", session, "stop", "--all");

        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.stdout()).contains("one", "two", "forker").doesNotContain("RUNNING");
        for (String instance : instances) {
            assertThat(MarkedProcesses.withInstance(home, instance)).isEmpty();
        }
        assertThat(api.get("/api/sessions/" + session + "/servers").json()).hasSize(3)
                .allSatisfy(server -> assertThat(server.path("state").asString()).isEqualTo("STOPPED"));
        assertThat(api.server(other, "one").path("state").asString()).isEqualTo("RUNNING");

        CliRun start = CliRun.of(home, "--session", session, "start", "--all");

        assertThat(start.exitCode()).as(start.toString()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/api/sessions/" + session + "/servers").json()).hasSize(3)
                .allSatisfy(server -> assertThat(server.path("state").asString()).isEqualTo("RUNNING")));
        assertThat(MarkedProcesses.scan(home).stream().filter(m -> m.session().equals(session))
                .map(MarkedProcesses.MarkedProcess::instanceId).distinct()).hasSize(3).doesNotContainAnyElementsOf(instances);
        assertThat(api.post("/api/sessions/nope/stop", Map.of()).status()).isEqualTo(404);
        assertThat(api.post("/api/sessions/nope/start", Map.of()).status()).isEqualTo(404);
        assertThat(api.post("/api/sessions/..%2Fx/stop", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void twoSessionsUseTheSameServerNameWithoutTouchingEachOther() throws IOException {
        String a = api.newSession();
        String b = api.newSession();
        api.startRunning(a, Map.of("name", "srv", "startSecs", 0.2,
                "argv", List.of("sh", "-c", "echo hello from a; exec sleep 600")));
        api.startRunning(b, Map.of("name", "srv", "startSecs", 0.2,
                "argv", List.of("sh", "-c", "echo hello from b; exec sleep 600")));
        JsonNode pidB = pidFile(b, "srv");
        String specB = Files.readString(home.resolve("configs/" + b + "/srv.json"));
        Path logB = home.resolve("logs/" + b + "/srv.log");

        assertThat(pidFile(a, "srv").path("pid").asLong()).isNotEqualTo(pidB.path("pid").asLong());
        assertThat(Files.readString(home.resolve("logs/" + a + "/srv.log"))).isEqualTo("hello from a\n");
        assertThat(Files.readString(logB)).isEqualTo("hello from b\n");

        assertThat(api.post("/api/sessions/" + a + "/servers/srv/stop", Map.of()).status()).isEqualTo(200);
        assertThat(api.delete("/api/sessions/" + a + "/servers/srv").status()).isEqualTo(204);

        assertThat(api.server(b, "srv").path("state").asString()).isEqualTo("RUNNING");
        assertThat(pidFile(b, "srv")).isEqualTo(pidB);
        assertThat(ProcessHandle.of(pidB.path("pid").asLong()).map(ProcessHandle::isAlive)).contains(true);
        assertThat(Files.readString(home.resolve("configs/" + b + "/srv.json"))).isEqualTo(specB);
        assertThat(Files.readString(logB)).isEqualTo("hello from b\n");
        assertThat(home.resolve("configs/" + a + "/srv.json")).doesNotExist();
    }

    static List<String> states(JsonNode server) {
        return server.path("history").valueStream().map(t -> t.path("to").asString()).toList();
    }

    private JsonNode pidFile(String session, String server) {
        JsonNode pid = pidFileOrNull(session, server);
        assertThat(pid).as("pid file of " + session + "/" + server).isNotNull();
        return pid;
    }

    private JsonNode pidFileOrNull(String session, String server) {
        Path file = home.resolve("pids/" + session + "/" + server + ".json");
        try {
            return Files.exists(file) ? ManagerApi.JSON.readTree(Files.readString(file)) : null;
        } catch (IOException | RuntimeException e) {
            return null; // replaced while we read it
        }
    }

    private static boolean answersHttp(int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(2)).build(), BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
