package dev.mcpsessions.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeKillerTest {

    private static final String INSTANCE = "0123456789abcdef";
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    @TempDir
    Path home;

    TestProcesses processes;

    @BeforeEach
    void setUp() {
        processes = new TestProcesses(home);
    }

    @AfterEach
    void tearDown() {
        processes.close();
    }

    @Test
    void stopEndsASimpleSleepCleanly() {
        Process sleep = processes.start("s1", INSTANCE, "sleep", "600");

        TreeKiller.StopOutcome outcome = TreeKiller.stop(TestProcesses.identity(sleep), home, INSTANCE, "TERM", STOP_WAIT);

        assertThat(outcome).isEqualTo(new TreeKiller.StopOutcome(1, 0, 0));
        assertThat(outcome.clean()).isTrue();
        await().until(() -> !sleep.isAlive());
        assertThat(TreeKiller.anyAlive(home, INSTANCE)).isFalse();
    }

    @Test
    void stopKillsATreeThatIgnoresTermAfterStopWait() {
        Process stubborn = processes.start("s1", INSTANCE, "sh", "-c", "trap '' TERM; while :; do sleep 0.1; done");
        await().until(() -> stubborn.children().findAny().isPresent());

        long start = System.nanoTime();
        TreeKiller.StopOutcome outcome = TreeKiller.stop(TestProcesses.identity(stubborn), home, INSTANCE, "TERM",
                Duration.ofMillis(400));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(outcome.killed()).isGreaterThanOrEqualTo(1);
        assertThat(outcome.clean()).isFalse();
        assertThat(outcome.complete()).isTrue();
        await().until(() -> !stubborn.isAlive()); // the JVM reaps its child a moment later
        assertThat(TreeKiller.anyAlive(home, INSTANCE)).isFalse();
    }

    @Test
    void stopLeavesNoChildThatAStubbornParentForksUpToItsKill() {
        // forks a TERM-immune child every 10 ms, so one is likely born between the last scan and the KILL
        Process forker = processes.start("s1", INSTANCE, "sh", "-c", "trap '' TERM; while :; do sleep 5 & sleep 0.01; done");
        await().until(() -> forker.children().count() > 3);

        TreeKiller.StopOutcome outcome = TreeKiller.stop(TestProcesses.identity(forker), home, INSTANCE, "TERM",
                Duration.ofMillis(300));

        assertThat(outcome.complete()).isTrue();
        assertThat(MarkedProcesses.withInstance(home, INSTANCE)).isEmpty();
    }

    @Test
    void stoppingManyStubbornTreesTogetherTakesOneStopWaitNotOneEach() {
        List<TreeKiller.Target> targets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String instance = INSTANCE.substring(0, 15) + i;
            Process stubborn = processes.start("s1", instance, "sh", "-c", "trap '' TERM; while :; do sleep 0.1; done");
            targets.add(new TreeKiller.Target(TestProcesses.identity(stubborn), instance, StopSignal.TERM,
                    Duration.ofMillis(600)));
        }

        long start = System.nanoTime();
        TreeKiller.StopOutcome outcome = TreeKiller.stopAll(home, targets);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isBetween(Duration.ofMillis(600), Duration.ofMillis(6 * 600 - 600));
        assertThat(outcome.killed()).isGreaterThanOrEqualTo(6);
        assertThat(outcome.complete()).isTrue();
        assertThat(MarkedProcesses.scan(home)).isEmpty();
    }

    @Test
    void stopLeavesNoDoubleForkedDaemon() {
        Process root = processes.start("s1", INSTANCE, "sh", "-c", "setsid sh -c 'sleep 600 &' ; sleep 600");
        // the daemon's parent has exited: it is no descendant of the root any more
        await().until(() -> MarkedProcesses.withInstance(home, INSTANCE).stream()
                .anyMatch(m -> m.identity().handle().flatMap(ProcessHandle::parent)
                        .map(p -> p.pid() != root.pid()).orElse(false)));
        assertThat(root.descendants().count()).isEqualTo(1);

        TreeKiller.StopOutcome outcome = TreeKiller.stop(TestProcesses.identity(root), home, INSTANCE, "TERM", STOP_WAIT);

        assertThat(outcome.signalled()).isEqualTo(3);
        assertThat(outcome.complete()).isTrue();
        assertThat(MarkedProcesses.withInstance(home, INSTANCE)).isEmpty();
    }

    @Test
    void stopFindsTheTreeByMarkersWhenTheRootIsUnknown() {
        processes.start("s1", INSTANCE, "sh", "-c", "sleep 600 & sleep 600");
        await().until(() -> MarkedProcesses.withInstance(home, INSTANCE).size() == 3);

        TreeKiller.StopOutcome outcome = TreeKiller.stop(null, home, INSTANCE, StopSignal.TERM, STOP_WAIT);

        assertThat(outcome.signalled()).isEqualTo(3);
        assertThat(TreeKiller.anyAlive(home, INSTANCE)).isFalse();
    }

    @Test
    void processesOfOtherInstancesOrWithOnlyTheSessionIdSurvive() {
        Process target = processes.start("s1", INSTANCE, "sleep", "600");
        Process otherInstance = processes.start("s1", "fedcba9876543210", "sleep", "600");
        Process userProgram = processes.start(
                Map.of(Markers.MCP_SESSION_ID, "s1", Markers.MCP_MANAGER_HOME, Markers.homeValue(home)), "sleep", "600");

        TreeKiller.stop(TestProcesses.identity(target), home, INSTANCE, "TERM", STOP_WAIT);

        await().until(() -> !target.isAlive());
        assertThat(otherInstance.isAlive()).isTrue();
        assertThat(userProgram.isAlive()).isTrue();
    }

    @Test
    void aPidWithAnotherStartTimeIsNeverSignalled() {
        Process unrelated = processes.start("s1", "fedcba9876543210", "sleep", "600");
        ProcessIdentity real = TestProcesses.identity(unrelated);
        ProcessIdentity recorded = new ProcessIdentity(real.pid(), real.startTime().minusSeconds(30));

        TreeKiller.StopOutcome outcome = TreeKiller.stop(recorded, home, INSTANCE, "KILL", Duration.ofMillis(100));

        assertThat(outcome).isEqualTo(new TreeKiller.StopOutcome(0, 0, 0));
        assertThat(TreeKiller.send(recorded, StopSignal.KILL)).isFalse();
        assertThat(TreeKiller.send(recorded, StopSignal.USR1)).isFalse();
        assertThat(unrelated.isAlive()).isTrue();
    }

    @Test
    void stopSendsTheConfiguredSignal() {
        Process usr1 = processes.start("s1", INSTANCE, "sh", "-c", "trap 'exit 7' USR1; while :; do sleep 0.1; done");
        await().until(() -> usr1.children().findAny().isPresent());

        TreeKiller.StopOutcome outcome = TreeKiller.stop(TestProcesses.identity(usr1), home, INSTANCE, "SIGUSR1", STOP_WAIT);

        assertThat(outcome.clean()).isTrue();
        await().until(() -> !usr1.isAlive());
        assertThat(usr1.exitValue()).isEqualTo(7);
    }

    @Test
    void stopOfAnAlreadyDeadTreeDoesNothing() {
        Process done = processes.start("s1", INSTANCE, "sleep", "0.2");
        ProcessIdentity identity = TestProcesses.identity(done);
        await().until(() -> !done.isAlive());

        assertThat(TreeKiller.stop(identity, home, INSTANCE, "TERM", STOP_WAIT)).isEqualTo(new TreeKiller.StopOutcome(0, 0, 0));
    }

    @Test
    void refusesAnUnknownSignal() {
        assertThatIllegalArgumentException().isThrownBy(() -> TreeKiller.stop(null, home, INSTANCE, "STOP", STOP_WAIT))
                .withMessageContaining("TERM, INT, HUP, QUIT, KILL, USR1, USR2");
        assertThat(StopSignal.parse(" sigint ")).isEqualTo(StopSignal.INT);
    }
}
