package dev.mcpsessions.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.cleanup.ReaperRun;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.process.ServerStateChanged;
import dev.mcpsessions.session.SessionEvent;
import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

/** The sessions, servers and reaper indicators: status and details from events and the registry. */
class HealthIndicatorsTest {

    final SessionRegistry sessions = mock(SessionRegistry.class);
    final ServerStates states = new ServerStates(sessions, mock(ProcessSupervisor.class), Clock.systemUTC());

    @Test
    void sessionsAreCountedAndOrphansDoNotMakeItDown() {
        when(sessions.list()).thenReturn(List.of(
                new SessionView("a", null, null, Instant.now(), 0, null, false),
                new SessionView("b", null, null, Instant.now(), 99, Instant.now(), true)));

        Health health = new SessionsHealthIndicator(sessions).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("active", 1L).containsEntry("orphaned", 1L);
    }

    @Test
    void aFatalServerDegradesWithItsReasonAndEndingItsSessionClearsIt() {
        when(sessions.exists(anyString())).thenReturn(true);
        states.onStateChanged(change("s1", "ok", ServerState.STARTING, ServerState.RUNNING, "running"));
        states.onStateChanged(change("s1", "bad", ServerState.STARTING, ServerState.FATAL,
                "exited with code 3 during start; gave up after 1 attempt(s)"));
        ServersHealthIndicator indicator = new ServersHealthIndicator(states);

        Health degraded = indicator.health();

        assertThat(degraded.getStatus()).isEqualTo(ManagerStatus.DEGRADED);
        assertThat(degraded.getDetails().get("counts")).isEqualTo(Map.of("RUNNING", 1L, "FATAL", 1L));
        assertThat(degraded.getDetails().get("fatal")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("session", "s1").containsEntry("server", "bad")
                .containsEntry("reason", "exited with code 3 during start; gave up after 1 attempt(s)");

        states.onSessionEnded(new SessionEvent.Ended("s1", "test"));

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void theReaperIsUpBeforeItsFirstRunDegradedAfterAFailedOneAndRemembersTheError() {
        ReaperHealthIndicator indicator = new ReaperHealthIndicator(properties());
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(indicator.health().getDetails()).containsEntry("lastRun", "never").containsEntry("automatic", true);

        Instant failedAt = Instant.parse("2030-01-01T10:00:00Z");
        indicator.onReaperRun(new ReaperRun(failedAt, 1, 0, "cannot remove configs/x"));
        Health failed = indicator.health();
        assertThat(failed.getStatus()).isEqualTo(ManagerStatus.DEGRADED);
        assertThat(failed.getDetails()).containsEntry("lastError", "cannot remove configs/x")
                .containsEntry("lastErrorAt", failedAt.toString());

        indicator.onReaperRun(new ReaperRun(failedAt.plusSeconds(10), 0, 0, null));
        Health recovered = indicator.health();
        assertThat(recovered.getStatus()).isEqualTo(Status.UP);
        assertThat(recovered.getDetails()).containsEntry("lastRun", failedAt.plusSeconds(10).toString())
                .containsEntry("lastError", "cannot remove configs/x");
    }

    private static ServerStateChanged change(String session, String server, ServerState from, ServerState to,
            String reason) {
        return new ServerStateChanged(session, server, from, to, null, reason, Instant.now());
    }

    private static McpProperties properties() {
        return new McpProperties(null, new McpProperties.Cleanup(true, java.time.Duration.ofSeconds(10)), null, null,
                null, null, null, null);
    }
}
