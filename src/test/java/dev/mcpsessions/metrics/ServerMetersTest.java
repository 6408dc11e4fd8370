package dev.mcpsessions.metrics;

import static dev.mcpsessions.process.ServerState.BACKOFF;
import static dev.mcpsessions.process.ServerState.EXITED;
import static dev.mcpsessions.process.ServerState.FATAL;
import static dev.mcpsessions.process.ServerState.RUNNING;
import static dev.mcpsessions.process.ServerState.STARTING;
import static dev.mcpsessions.process.ServerState.STOPPED;
import static dev.mcpsessions.process.ServerState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpsessions.mcp.ComplianceChecks.ProbeCompleted;
import dev.mcpsessions.process.ProcessStats;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerRemoved;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.process.ServerStateChanged;
import dev.mcpsessions.session.SessionEvent;
import dev.mcpsessions.session.SessionRegistry;

/** The per-server meters as a Prometheus scrape shows them, driven by state-change events alone. */
class ServerMetersTest {

    final MockClock clock = new MockClock();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
            new PrometheusRegistry(), clock);
    final SessionRegistry sessions = mock(SessionRegistry.class);
    final ProcessSupervisor supervisor = mock(ProcessSupervisor.class);
    final ServerStates states = new ServerStates(sessions, supervisor, Clock.systemUTC());
    final ServerMeters meters = new ServerMeters(registry, supervisor, states, sessions);

    @BeforeEach
    void sessionsExist() {
        when(sessions.exists(anyString())).thenReturn(true);
        when(supervisor.usage(anyString(), anyString())).thenReturn(ProcessStats.TreeUsage.NONE);
    }

    @Test
    void startKillAndStopMoveTheStateGaugeTransitionsAndRestarts() {
        move("s1", "web", STOPPED, STARTING);
        clock.add(Duration.ofMillis(1500));
        move("s1", "web", STARTING, RUNNING);

        Scrape running = scrape();
        assertThat(running.value("mcp_server_state", "session", "s1", "server", "web", "state", "RUNNING")).hasValue(1);
        assertThat(running.value("mcp_server_state", "session", "s1", "server", "web", "state", "STOPPED")).hasValue(0);
        assertThat(running.value("mcp_server_restarts_total", "session", "s1", "server", "web")).hasValue(0);

        move("s1", "web", RUNNING, EXITED); // killed
        move("s1", "web", EXITED, STARTING); // restarted by the policy
        move("s1", "web", STARTING, RUNNING);
        move("s1", "web", RUNNING, STOPPING);
        move("s1", "web", STOPPING, STOPPED);

        Scrape stopped = scrape();
        assertThat(stopped.value("mcp_server_state", "session", "s1", "server", "web", "state", "STOPPED")).hasValue(1);
        assertThat(stopped.value("mcp_server_state", "session", "s1", "server", "web", "state", "RUNNING")).hasValue(0);
        assertThat(stopped.value("mcp_server_restarts_total", "session", "s1", "server", "web")).hasValue(1);
        assertThat(stopped.value("mcp_server_transitions_total", "server", "web", "from", "STARTING", "to", "RUNNING"))
                .hasValue(2);
        assertThat(stopped.value("mcp_server_transitions_total", "server", "web", "from", "RUNNING", "to", "EXITED"))
                .hasValue(1);
        assertThat(stopped.value("mcp_server_transitions_total", "server", "web", "from", "STOPPING", "to", "STOPPED"))
                .hasValue(1);
    }

    @Test
    void startUpTimeToRunningIsAHistogramThatIncludesRetries() {
        move("s1", "slow", STOPPED, STARTING);
        clock.add(Duration.ofMillis(700));
        move("s1", "slow", STARTING, BACKOFF);
        clock.add(Duration.ofSeconds(1));
        move("s1", "slow", BACKOFF, STARTING);
        clock.add(Duration.ofMillis(800));
        move("s1", "slow", STARTING, RUNNING);

        Scrape scrape = scrape();
        String[] slow = {"session", "s1", "server", "slow"};
        assertThat(scrape.value("mcp_server_startup_seconds_count", slow)).hasValue(1);
        assertThat(scrape.value("mcp_server_startup_seconds_sum", slow).getAsDouble()).isCloseTo(2.5, within());
        assertThat(scrape.value("mcp_server_startup_seconds_bucket", with(slow, "le", "2.0"))).hasValue(0);
        assertThat(scrape.value("mcp_server_startup_seconds_bucket", with(slow, "le", "5.0"))).hasValue(1);
        assertThat(scrape.value("mcp_server_startup_seconds_bucket", with(slow, "le", "+Inf"))).hasValue(1);
        assertThat(scrape.value("mcp_server_restarts_total", slow)).hasValue(1); // the retry
    }

    @Test
    void aStartThatEndsFatalRecordsNoStartUpTime() {
        move("s1", "bad", STOPPED, STARTING);
        move("s1", "bad", STARTING, FATAL);

        Scrape scrape = scrape();
        assertThat(scrape.value("mcp_server_startup_seconds_count", "server", "bad")).hasValue(0);
        assertThat(scrape.value("mcp_server_state", "server", "bad", "state", "FATAL")).hasValue(1);
    }

    @Test
    void cpuAndMemoryAreTheSupervisorsLatestSampleOfTheTree() {
        when(supervisor.usage("s1", "web")).thenReturn(new ProcessStats.TreeUsage(12.5, 4_194_304, 3.25));
        move("s1", "web", STOPPED, STARTING);

        Scrape scrape = scrape();
        assertThat(scrape.value("mcp_server_cpu_seconds_total", "session", "s1", "server", "web")).hasValue(3.25);
        assertThat(scrape.value("mcp_server_resident_memory_bytes", "session", "s1", "server", "web"))
                .hasValue(4_194_304);
    }

    @Test
    void anEndedSessionsSeriesLeaveTheScrapeAndOtherSessionsKeepTheirs() {
        move("gone", "web", STOPPED, STARTING);
        move("kept", "web", STOPPED, STARTING);
        meters.onProbeCompleted(new ProbeCompleted("gone", "web", true));
        assertThat(scrape().ofSession("gone")).isNotEmpty();

        end("gone");

        Scrape scrape = scrape();
        assertThat(scrape.ofSession("gone")).isEmpty();
        assertThat(scrape.value("mcp_server_state", "session", "kept", "state", "STARTING")).hasValue(1);
        assertThat(meters.trackedServers()).isEqualTo(1);
    }

    @Test
    void aRemovedServersSeriesLeaveTheScrapeAndItsSessionKeepsTheOthers() {
        move("s1", "gone", STOPPED, STARTING);
        move("s1", "gone", STARTING, STOPPED);
        move("s1", "kept", STOPPED, STARTING);
        meters.onProbeCompleted(new ProbeCompleted("s1", "gone", true));

        ServerRemoved removed = new ServerRemoved("s1", "gone");
        states.onServerRemoved(removed);
        meters.onServerRemoved(removed);

        Scrape scrape = scrape();
        assertThat(scrape.ofSession("s1")).isNotEmpty().noneMatch(sample -> "gone".equals(sample.labels().get("server")));
        assertThat(scrape.value("mcp_server_state", "session", "s1", "server", "kept", "state", "STARTING")).hasValue(1);
        assertThat(states.stateOf("s1", "gone")).isNull();
        assertThat(states.count(STOPPED)).isZero();
        assertThat(meters.trackedServers()).isEqualTo(1);
    }

    @Test
    void aLateEventOfAnEndedSessionBringsNoSeriesBack() {
        move("gone", "web", STOPPED, STARTING);
        end("gone");
        when(sessions.exists("gone")).thenReturn(false);

        move("gone", "web", STARTING, FATAL);

        assertThat(scrape().ofSession("gone")).isEmpty();
    }

    @Test
    void pastTheLimitAServerGetsNoSeriesUntilASessionEndsAndMakesRoom() {
        ServerMeters limited = new ServerMeters(registry, supervisor, states, sessions, 3);
        for (String session : new String[] {"a", "b", "c", "d"}) {
            limited.onStateChanged(event(session, "web", STOPPED, STARTING));
        }
        assertThat(limited.trackedServers()).isEqualTo(3);
        assertThat(scrape().ofSession("d")).isEmpty();

        limited.onSessionEnded(new SessionEvent.Ended("a", "test"));
        limited.onStateChanged(event("d", "web", STARTING, RUNNING));

        assertThat(scrape().value("mcp_server_transitions_total", "session", "d", "to", "RUNNING")).hasValue(1);
    }

    @Test
    void probeResultsAreCountedByVerdict() {
        move("s1", "web", STOPPED, STARTING);
        meters.onProbeCompleted(new ProbeCompleted("s1", "web", true));
        meters.onProbeCompleted(new ProbeCompleted("s1", "web", false));
        meters.onProbeCompleted(new ProbeCompleted("s1", "web", true));

        Scrape scrape = scrape();
        assertThat(scrape.value("mcp_probe_results_total", "session", "s1", "server", "web", "result", "passed"))
                .hasValue(2);
        assertThat(scrape.value("mcp_probe_results_total", "session", "s1", "server", "web", "result", "failed"))
                .hasValue(1);
    }

    private void move(String session, String server, ServerState from, ServerState to) {
        ServerStateChanged event = event(session, server, from, to);
        states.onStateChanged(event); // the order Spring uses between the two listeners does not matter
        meters.onStateChanged(event);
    }

    private static ServerStateChanged event(String session, String server, ServerState from, ServerState to) {
        return new ServerStateChanged(session, server, from, to, 42L, "test", Instant.now());
    }

    private void end(String session) {
        states.onSessionEnded(new SessionEvent.Ended(session, "test"));
        meters.onSessionEnded(new SessionEvent.Ended(session, "test"));
    }

    private Scrape scrape() {
        return Scrape.parse(registry.scrape());
    }

    private static String[] with(String[] labels, String... more) {
        String[] all = new String[labels.length + more.length];
        System.arraycopy(labels, 0, all, 0, labels.length);
        System.arraycopy(more, 0, all, labels.length, more.length);
        return all;
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.001);
    }
}
