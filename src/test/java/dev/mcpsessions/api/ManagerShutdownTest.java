package dev.mcpsessions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mcpsessions.McpSessionManagerApplication;
import dev.mcpsessions.process.MarkedProcesses;

/**
 * A clean stop of the manager stops every server it started (stubborn and daemonizing ones too)
 * and keeps what the user asked for on disk, so the next manager on the home starts them again.
 */
class ManagerShutdownTest {

    @TempDir
    Path dir;

    ConfigurableApplicationContext manager;

    @AfterEach
    void stopEverything() {
        if (manager != null) {
            manager.close();
        }
        MarkedProcesses.scan(home()).forEach(m -> m.identity().handle().ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void closingTheManagerStopsEveryServerItStartedAndTheNextOneStartsThemAgain() throws Exception {
        ManagerApi api = start();
        String a = api.newSession();
        String b = api.newSession();
        api.startRunning(a, Map.of("name", "plain", "command", "sleep 600", "startSecs", 0));
        api.startRunning(a, Map.of("name", "stubborn", "startSecs", 0, "stopWait", 0.5,
                "argv", List.of("sh", "-c", "trap '' TERM; while :; do sleep 0.1; done")));
        api.startRunning(b, Map.of("name", "forker", "startSecs", 0,
                "argv", List.of("sh", "-c", "setsid sh -c 'sleep 600 &'; exec sleep 600")));
        api.startRunning(b, Map.of("name", "stopped", "command", "sleep 600", "startSecs", 0));
        assertThat(api.post("/api/sessions/" + b + "/servers/stopped/stop", Map.of()).status()).isEqualTo(200);
        await().until(() -> MarkedProcesses.scan(home()).size() >= 5);

        manager.close();
        manager = null;

        assertThat(MarkedProcesses.scan(home())).isEmpty();
        assertThat(home().resolve("manager.json")).doesNotExist();
        assertThat(Files.readString(home().resolve("configs/" + a + "/plain.json"))).contains("\"RUNNING\"");
        assertThat(Files.readString(home().resolve("configs/" + b + "/stopped.json"))).contains("\"STOPPED\"");

        ManagerApi next = start();
        for (String server : List.of("plain", "stubborn")) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> next.server(a, server).path("state").asString().equals("RUNNING"));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> next.server(b, "forker").path("state").asString().equals("RUNNING"));
        assertThat(next.server(b, "stopped").path("state").asString()).isEqualTo("STOPPED");
        assertThat(MarkedProcesses.scan(home()).stream().map(MarkedProcesses.MarkedProcess::server))
                .contains("plain", "stubborn", "forker").doesNotContain("stopped");
    }

    private ManagerApi start() {
        // arguments, not default properties: those rank below the build's -Dmcp.home for tests
        manager = new SpringApplicationBuilder(McpSessionManagerApplication.class).run("--mcp.home=" + home(),
                "--server.port=0", "--mcp.cleanup.automatic=false", "--mcp.dashboard.announce=false",
                "--mcp.supervision.backoff=100ms");
        int port = Integer.parseInt(manager.getEnvironment().getProperty("local.server.port"));
        return new ManagerApi(port, home());
    }

    private Path home() {
        return dir.resolve("home");
    }
}
