package dev.mcpsessions.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class McpHealthTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private final FakeConnection connection = new FakeConnection();
    private final McpHealth health = new McpHealth(connection, Duration.ofSeconds(1), Duration.ofSeconds(1), 3,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void readyOnlyAfterInitializeAnswers() {
        connection.answering.set(false);
        assertThat(health.awaitReady().ok()).isFalse();

        connection.answering.set(true);
        McpProbeResult ready = health.awaitReady();

        assertThat(ready.ok()).isTrue();
        assertThat(ready.detail()).isEqualTo("protocol 2025-11-25, server fake 1");
        assertThat(health.lastResult()).contains(ready);
    }

    @Test
    void unresponsiveAfterThresholdFailuresInARow() {
        connection.answering.set(false);
        health.ping();
        health.ping();
        assertThat(health.unresponsive()).isFalse();

        McpProbeResult third = health.ping();

        assertThat(health.unresponsive()).isTrue();
        assertThat(third.detail()).endsWith("(3 of 3 in a row)");
        assertThat(third.at()).isEqualTo(NOW);
    }

    @Test
    void anAnsweredPingResetsTheCount() {
        connection.answering.set(false);
        health.ping();
        health.ping();
        connection.answering.set(true);
        health.ping();
        connection.answering.set(false);
        health.ping();

        assertThat(health.consecutiveFailures()).isEqualTo(1);
        assertThat(health.unresponsive()).isFalse();
    }

    @Test
    void monitorReportsUnresponsiveOnceAndStopsPinging() {
        AtomicInteger restarts = new AtomicInteger();
        connection.answering.set(false);

        try (McpHealthMonitor monitor = McpHealthMonitor.start(health, Duration.ofMillis(20), scheduler,
                restarts::incrementAndGet, Map.of("session", "s1", "server", "fs"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> restarts.get() == 1);
            int pings = connection.pings.get();

            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                    .until(() -> connection.pings.get() == pings && restarts.get() == 1);
        }
        assertThat(connection.pings.get()).isEqualTo(3);
    }

    @Test
    void monitorKeepsAHealthyServerRunning() {
        AtomicInteger restarts = new AtomicInteger();

        try (McpHealthMonitor monitor = McpHealthMonitor.start(health, Duration.ofMillis(20), scheduler,
                restarts::incrementAndGet, Map.of())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> connection.pings.get() >= 5);
        }
        assertThat(restarts).hasValue(0);
        assertThat(health.lastResult()).hasValueSatisfying(result -> assertThat(result.ok()).isTrue());
    }
}
