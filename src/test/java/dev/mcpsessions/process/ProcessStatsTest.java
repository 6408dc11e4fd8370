package dev.mcpsessions.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessStatsTest {

    private static final String INSTANCE = "0123456789abcdef";

    @TempDir
    Path home;

    TestProcesses processes;
    ProcessStats stats = new ProcessStats();

    @BeforeEach
    void setUp() {
        processes = new TestProcesses(home);
    }

    @AfterEach
    void tearDown() {
        processes.close();
    }

    @Test
    void aBusyLoopShowsCpuAndMemory() {
        Process busy = processes.start("s1", INSTANCE, "sh", "-c", "while :; do :; done");
        ProcessIdentity root = TestProcesses.identity(busy);

        assertThat(stats.sample(root, home, INSTANCE).cpuPercent()).isZero();
        AtomicReference<ProcessStats.TreeUsage> last = new AtomicReference<>();
        await().pollInterval(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10))
                .until(() -> {
                    last.set(stats.sample(root, home, INSTANCE));
                    return last.get().cpuPercent() > 10;
                });
        assertThat(last.get().rssBytes()).isPositive();
        assertThat(last.get().cpuSeconds()).isPositive();
    }

    @Test
    void sumsTheWholeTreeIncludingDaemons() {
        Process root = processes.start("s1", INSTANCE, "sh", "-c", "setsid sh -c 'sleep 600 &' ; sleep 600");
        await().until(() -> MarkedProcesses.withInstance(home, INSTANCE).size() == 3);

        long rootOnly = stats.sample(TestProcesses.identity(root), home, "no-such-instance").rssBytes();
        long tree = stats.sample(TestProcesses.identity(root), home, INSTANCE).rssBytes();

        assertThat(rootOnly).isPositive();
        assertThat(tree).isGreaterThan(rootOnly);
    }

    @Test
    void oneScanServesTheTreesOfEveryInstance() {
        String other = "fedcba9876543210";
        Process first = processes.start("s1", INSTANCE, "sh", "-c", "setsid sh -c 'sleep 600 &' ; sleep 600");
        Process second = processes.start("s2", other, "sleep", "600");
        await().until(() -> MarkedProcesses.withInstance(home, INSTANCE).size() == 3);

        ProcessTable table = ProcessTable.snapshot(home);

        List<ProcessIdentity> firstTree = table.tree(TestProcesses.identity(first), INSTANCE);
        List<ProcessIdentity> secondTree = table.tree(TestProcesses.identity(second), other);
        assertThat(firstTree).hasSize(3).startsWith(TestProcesses.identity(first));
        assertThat(secondTree).containsExactly(TestProcesses.identity(second));
        assertThat(stats.sample(INSTANCE, firstTree).rssBytes())
                .isEqualTo(new ProcessStats().sample(TestProcesses.identity(first), home, INSTANCE).rssBytes());
        assertThat(stats.sample(other, secondTree).rssBytes()).isPositive();
    }

    @Test
    void aTreeThatIsGoneUsesNothing() {
        assertThat(stats.sample(null, home, INSTANCE)).isEqualTo(ProcessStats.TreeUsage.NONE);
    }
}
