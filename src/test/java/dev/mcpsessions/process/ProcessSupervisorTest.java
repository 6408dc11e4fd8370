package dev.mcpsessions.process;

import static dev.mcpsessions.process.ServerState.BACKOFF;
import static dev.mcpsessions.process.ServerState.EXITED;
import static dev.mcpsessions.process.ServerState.FATAL;
import static dev.mcpsessions.process.ServerState.RUNNING;
import static dev.mcpsessions.process.ServerState.STARTING;
import static dev.mcpsessions.process.ServerState.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.json.JsonMapper;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.home.JsonFiles;
import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.logs.LogRotator;
import dev.mcpsessions.ports.PortLeases;
import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

/** The supervisor's decisions, with processes that only exist in the test ({@link FakeProcessLauncher}). */
class ProcessSupervisorTest {

    private static final String SESSION = "s1";

    @TempDir
    Path dir;

    final FakeProcessLauncher processes = new FakeProcessLauncher();
    final List<ServerStateChanged> events = new CopyOnWriteArrayList<>();
    final SupervisionScheduler scheduler = new SupervisionScheduler();
    ManagerHome home;
    ProcessSupervisor supervisor;

    @AfterEach
    void tearDown() {
        processes.launched.forEach(p -> p.exit(143));
        scheduler.close();
    }

    @Test
    void aServerThatExitsDuringStartSecsBacksOffWithGrowingDelaysThenEndsFatal() {
        supervisor(Duration.ofMillis(100));
        processes.exitAtOnce = () -> 3;

        supervisor.add(SESSION, spec("crash", Autorestart.UNEXPECTED, 60.0, 2));

        await().until(() -> state("crash") == FATAL);
        assertThat(transitions()).containsExactly("STOPPED>STARTING", "STARTING>BACKOFF", "BACKOFF>STARTING",
                "STARTING>BACKOFF", "BACKOFF>STARTING", "STARTING>FATAL");
        assertThat(processes.launches()).isEqualTo(3);
        assertThat(gapMillis(0)).isGreaterThanOrEqualTo(100);
        assertThat(gapMillis(1)).isGreaterThanOrEqualTo(200);
        assertThat(supervisor.get(SESSION, "crash").lastError()).startsWith("exited with code 3 during start");
        assertThat(home.pidFile(SESSION, "crash")).doesNotExist();
    }

    @Test
    void aRestartAfterAnExitIsDrivenByTheExitEventNotByPolling() {
        supervisor(Duration.ofHours(1)); // no timer could restart it within this test
        supervisor.add(SESSION, spec("srv", Autorestart.UNEXPECTED, 0.0, 3));
        assertThat(state("srv")).isEqualTo(RUNNING);

        // without an exit event nothing looks at the process again
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> processes.launches() == 1);
        processes.last().exit(1);

        await().until(() -> processes.launches() == 2 && state("srv") == RUNNING);
        assertThat(transitions()).containsExactly("STOPPED>STARTING", "STARTING>RUNNING", "RUNNING>EXITED",
                "EXITED>STARTING", "STARTING>RUNNING");
        assertThat(supervisor.get(SESSION, "srv").restarts()).isEqualTo(1);
        assertThat(supervisor.get(SESSION, "srv").pid()).isEqualTo(processes.last().identity().pid());
    }

    @ParameterizedTest(name = "autorestart={0}, exitCodes={1}, exit {2} -> restart {3}")
    @CsvSource({"NEVER,0,1,false", "UNEXPECTED,0,0,false", "UNEXPECTED,0,2,true", "UNEXPECTED,2,2,false",
            "ALWAYS,0,0,true"})
    void theRestartPolicyDecidesOnTheExitCode(Autorestart policy, int expected, int exitCode, boolean restarts) {
        supervisor(Duration.ofHours(1));
        supervisor.add(SESSION, new ServerSpec("srv", "sleep 600", null, null, null, policy, List.of(expected), 0.0, 3,
                null, null, null, null, null));

        processes.last().exit(exitCode);

        if (restarts) {
            await().until(() -> processes.launches() == 2 && state("srv") == RUNNING);
        } else {
            await().until(() -> state("srv") == EXITED);
            await().during(Duration.ofMillis(200)).until(() -> processes.launches() == 1);
            assertThat(supervisor.get(SESSION, "srv").exitCode()).isEqualTo(exitCode);
        }
    }

    @Test
    void aCrashLoopIsSlowedDownInsteadOfSpinning() {
        supervisor(Duration.ofMillis(100));
        processes.exitAtOnce = () -> 1;

        supervisor.add(SESSION, spec("loop", Autorestart.ALWAYS, 0.0, 3));

        await().atMost(Duration.ofSeconds(10)).until(() -> processes.launches() >= 6);
        // the first quick exit restarts at once, then each delay doubles: 100, 200, 400, 800 ms
        for (int gap = 1; gap <= 4; gap++) {
            assertThat(gapMillis(gap)).as("gap %d", gap).isGreaterThanOrEqualTo(100L << (gap - 1));
        }
        long firstSecond = processes.launchNanos.stream()
                .filter(t -> t - processes.launchNanos.get(0) < Duration.ofSeconds(1).toNanos()).count();
        assertThat(firstSecond).isLessThanOrEqualTo(5);

        supervisor.stop(SESSION, "loop");
        int launches = processes.launches();
        assertThat(state("loop")).isEqualTo(STOPPED);
        await().during(Duration.ofMillis(500)).until(() -> processes.launches() == launches);
    }

    @Test
    void aRetryThatCannotSpawnBacksOffAndEndsFatalInsteadOfHanging() {
        supervisor(Duration.ofMillis(100));
        processes.exitAtOnce = () -> 3;
        processes.failFromLaunch = 2; // the binary went away after the first start

        supervisor.add(SESSION, spec("gone", Autorestart.UNEXPECTED, 60.0, 2));

        await().until(() -> state("gone") == FATAL);
        assertThat(processes.launches()).isEqualTo(3);
        assertThat(supervisor.get(SESSION, "gone").lastError()).contains("No such file or directory");
        assertThat(transitions()).endsWith("STARTING>BACKOFF", "BACKOFF>STARTING", "STARTING>FATAL");
    }

    @Test
    void aRestartAfterAnExitThatCannotSpawnBacksOffAndEndsFatal() {
        supervisor(Duration.ofMillis(100));
        supervisor.add(SESSION, spec("gone", Autorestart.UNEXPECTED, 0.0, 1));
        processes.failFromLaunch = 2;

        processes.last().exit(1);

        await().until(() -> state("gone") == FATAL);
        assertThat(transitions()).containsExactly("STOPPED>STARTING", "STARTING>RUNNING", "RUNNING>EXITED",
                "EXITED>STARTING", "STARTING>BACKOFF", "BACKOFF>STARTING", "STARTING>FATAL");
        assertThat(supervisor.get(SESSION, "gone").pid()).isNull();
    }

    @Test
    void thePidFileGoesWithTheProcessThatExitedDuringStart() {
        supervisor(Duration.ofHours(1));
        supervisor.add(SESSION, spec("crash", Autorestart.UNEXPECTED, 60.0, 3));
        assertThat(home.pidFile(SESSION, "crash")).exists();

        processes.last().exit(3);

        await().until(() -> state("crash") == BACKOFF);
        assertThat(home.pidFile(SESSION, "crash")).doesNotExist();
        assertThat(supervisor.get(SESSION, "crash").pid()).isNull();
    }

    @Test
    void stopDuringBackoffCancelsTheRetry() throws Exception {
        supervisor(Duration.ofMillis(300));
        processes.exitAtOnce = () -> 3;
        supervisor.add(SESSION, spec("crash", Autorestart.UNEXPECTED, 60.0, 5));
        await().until(() -> state("crash") == BACKOFF);

        supervisor.stop(SESSION, "crash");

        assertThat(state("crash")).isEqualTo(STOPPED);
        await().during(Duration.ofMillis(600)).until(() -> processes.launches() == 1);
        assertThat(Files.readString(home.specFile(SESSION, "crash"))).contains("\"STOPPED\"");
        assertThat(home.pidFile(SESSION, "crash")).doesNotExist();
    }

    @Test
    void startAllStartsWhatDoesNotRunAndAServerThatCannotSpawnEndsFatalWithoutStoppingTheOthers() {
        supervisor(Duration.ofMillis(50));
        supervisor.add(SESSION, spec("a", Autorestart.NEVER, 0.0, 1));
        supervisor.add(SESSION, spec("b", Autorestart.NEVER, 0.0, 1));
        supervisor.add(SESSION, spec("c", Autorestart.NEVER, 0.0, 1));
        processes.launched.get(0).exit(0);
        processes.launched.get(1).exit(0);
        await().until(() -> state("a") == EXITED && state("b") == EXITED);
        processes.failFromLaunch = 5; // a starts again (launch 4), b's binary has gone (launch 5)

        List<ServerView> views = supervisor.startAll(SESSION);

        assertThat(views).extracting(ServerView::name).containsExactly("a", "b", "c");
        assertThat(state("a")).isEqualTo(RUNNING);
        await().until(() -> state("b") == FATAL);
        assertThat(supervisor.get(SESSION, "b").lastError()).contains("No such file or directory");
        assertThat(state("c")).isEqualTo(RUNNING);
        assertThat(processes.launches()).isEqualTo(6); // c was running: not started twice; b retried once
    }

    @Test
    void aStartThatCannotSpawnIsRefusedAndLeavesNothing() {
        supervisor(Duration.ofMillis(100));
        processes.failFromLaunch = 1;

        assertThatThrownBy(() -> supervisor.add(SESSION, spec("gone", Autorestart.UNEXPECTED, 0.0, 3)))
                .hasMessageContaining("No such file or directory");

        assertThat(supervisor.find(SESSION, "gone")).isEmpty();
        assertThat(home.specFile(SESSION, "gone")).doesNotExist();
        assertThat(events).isEmpty();
    }

    private void supervisor(Duration backoff) {
        home = new ManagerHome(dir.resolve("home"));
        home.createLayout();
        McpProperties properties = new McpProperties(home.root(), new McpProperties.Cleanup(false, Duration.ofSeconds(10)),
                new McpProperties.Ports("20000-29999"), new McpProperties.Logs(DataSize.ofMegabytes(10), 5),
                new McpProperties.Supervision(Duration.ofSeconds(1), 3, Duration.ofSeconds(1), backoff,
                        Duration.ofSeconds(30)),
                new McpProperties.Protocol(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), 3),
                new McpProperties.Proxmox(Duration.ofSeconds(5)), new McpProperties.Dashboard(false, false));
        SessionRegistry sessions = mock(SessionRegistry.class);
        when(sessions.get(SESSION)).thenReturn(new SessionView(SESSION, null, dir.toString(), Instant.now(), 0, null, false));
        when(sessions.environment(SESSION)).thenReturn(Map.of("PATH", System.getenv("PATH")));
        ServerStore store = new ServerStore(home, new JsonFiles(JsonMapper.builder().build(), Clock.systemUTC()));
        PortLeases ports = new PortLeases(properties);
        ServerLauncher launcher = new ServerLauncher(processes, sessions, ports, store, home, properties,
                Optional.empty(), Optional.empty(), mock(LogRotator.class), scheduler);
        supervisor = new ProcessSupervisor(sessions, store, launcher, ports, home, properties,
                event -> events.add((ServerStateChanged) event), scheduler, Clock.systemUTC());
    }

    private static ServerSpec spec(String name, Autorestart autorestart, @Nullable Double startSecs, int startRetries) {
        return new ServerSpec(name, "sleep 600", null, null, null, autorestart, null, startSecs, startRetries, null,
                null, null, null, null);
    }

    private ServerState state(String server) {
        return supervisor.get(SESSION, server).state();
    }

    private List<String> transitions() {
        return events.stream().map(e -> e.from() + ">" + e.to()).toList();
    }

    private long gapMillis(int index) {
        return Duration.ofNanos(processes.launchNanos.get(index + 1) - processes.launchNanos.get(index)).toMillis();
    }
}
