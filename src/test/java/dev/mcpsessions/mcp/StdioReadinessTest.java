package dev.mcpsessions.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness and health over the pipes of processes the test owns, as the supervisor's would be. */
class StdioReadinessTest {

    private final Fixtures fixtures = new Fixtures();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void cleanUp() {
        scheduler.shutdownNow();
        fixtures.killAll();
    }

    @Test
    void serverThatHangsOnInitializeIsNeverReady() throws Exception {
        Process process = fixtures.start("silent");
        McpStdioSession session = new McpStdioSession(process.getOutputStream(), process.getInputStream());
        McpHealth health = new McpHealth(session, Duration.ofMillis(800), Duration.ofMillis(500), 3, Clock.systemUTC());
        long started = System.nanoTime();

        McpProbeResult ready = health.awaitReady();

        assertThat(ready.ok()).isFalse();
        assertThat(ready.detail()).isEqualTo("no response to initialize within 800 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(session.initializeResult()).isEmpty();
        assertThat(process.isAlive()).as("readiness never kills; the supervisor does").isTrue();
    }

    @Test
    void serverThatCrashesOnInitializeFailsAtOnce() throws Exception {
        Process process = fixtures.start("crash-on-initialize");
        McpStdioSession session = new McpStdioSession(process.getOutputStream(), process.getInputStream());
        McpHealth health = new McpHealth(session, Duration.ofSeconds(30), Duration.ofSeconds(1), 3, Clock.systemUTC());
        long started = System.nanoTime();

        McpProbeResult ready = health.awaitReady();

        assertThat(ready.ok()).isFalse();
        assertThat(ready.detail()).contains("closed its stdout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void frozenServerIsReportedUnresponsive() throws Exception {
        Process process = fixtures.start("good");
        McpStdioSession session = new McpStdioSession(process.getOutputStream(), process.getInputStream());
        McpHealth health = new McpHealth(session, Duration.ofSeconds(10), Duration.ofSeconds(2), 2, Clock.systemUTC());
        assertThat(health.awaitReady().ok()).isTrue();
        assertThat(health.ping().ok()).isTrue();
        AtomicBoolean unresponsive = new AtomicBoolean();

        signal("STOP", process.pid()); // alive but no longer answering
        try (McpHealthMonitor monitor = McpHealthMonitor.start(health, Duration.ofMillis(50), scheduler,
                () -> unresponsive.set(true), Map.of("server", "good"))) {
            await().atMost(Duration.ofSeconds(20)).untilTrue(unresponsive);
        } finally {
            signal("CONT", process.pid());
        }
        assertThat(health.lastResult()).hasValueSatisfying(last -> assertThat(last.ok()).isFalse());
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start();
        assertThat(kill.waitFor()).isZero();
    }
}
