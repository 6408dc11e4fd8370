package dev.mcpsessions.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.junit.jupiter.api.Test;

import dev.mcpsessions.cleanup.ReaperRun;
import dev.mcpsessions.logs.LogRotator;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.process.ServerStateChanged;
import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

/** The manager-wide meters: sessions, servers by state, log bytes and the reaper. */
class ManagerMetersTest {

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final SessionRegistry sessions = mock(SessionRegistry.class);
    final LogRotator rotator = mock(LogRotator.class);
    final ServerStates states = new ServerStates(sessions, mock(ProcessSupervisor.class), Clock.systemUTC());
    final ManagerMeters meters = new ManagerMeters(registry, sessions, states, rotator);

    @Test
    void sessionsAreCountedAsActiveOrOrphaned() {
        when(sessions.list()).thenReturn(List.of(session("a", false), session("b", true), session("c", false)));

        Scrape scrape = scrape();

        assertThat(scrape.value("mcp_sessions", "status", "active")).hasValue(2);
        assertThat(scrape.value("mcp_sessions", "status", "orphaned")).hasValue(1);
    }

    @Test
    void serversAreCountedByTheirCurrentState() {
        when(sessions.exists(anyString())).thenReturn(true);
        states.onStateChanged(change("a", "one", ServerState.STOPPED, ServerState.STARTING));
        states.onStateChanged(change("a", "one", ServerState.STARTING, ServerState.RUNNING));
        states.onStateChanged(change("b", "two", ServerState.STOPPED, ServerState.STARTING));
        states.onStateChanged(change("b", "two", ServerState.STARTING, ServerState.FATAL));

        Scrape scrape = scrape();

        assertThat(scrape.value("mcp_servers", "state", "RUNNING")).hasValue(1);
        assertThat(scrape.value("mcp_servers", "state", "FATAL")).hasValue(1);
        assertThat(scrape.value("mcp_servers", "state", "STARTING")).hasValue(0);
        assertThat(scrape.find("mcp_servers")).hasSize(ServerState.values().length);
    }

    @Test
    void logBytesAreTheRotatorsCount() {
        when(rotator.bytesWritten()).thenReturn(123_456L);

        assertThat(scrape().value("mcp_logs_written_bytes_total")).hasValue(123_456);
    }

    @Test
    void reaperRunsCountTheirOutcomeAndWhatTheyReaped() {
        meters.onReaperRun(new ReaperRun(Instant.now(), 2, 3, null));
        meters.onReaperRun(new ReaperRun(Instant.now(), 1, 0, "disk full"));

        Scrape scrape = scrape();

        assertThat(scrape.value("mcp_reaper_runs_total", "result", "ok")).hasValue(1);
        assertThat(scrape.value("mcp_reaper_runs_total", "result", "error")).hasValue(1);
        assertThat(scrape.value("mcp_orphans_reaped_total")).hasValue(3);
        assertThat(scrape.value("mcp_orphan_processes_killed_total")).hasValue(3);
    }

    private Scrape scrape() {
        return Scrape.parse(registry.scrape());
    }

    private static SessionView session(String id, boolean orphaned) {
        return new SessionView(id, null, null, Instant.now(), 100, Instant.now(), orphaned);
    }

    private static ServerStateChanged change(String session, String server, ServerState from, ServerState to) {
        return new ServerStateChanged(session, server, from, to, null, "test", Instant.now());
    }
}
