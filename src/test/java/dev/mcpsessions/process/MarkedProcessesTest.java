package dev.mcpsessions.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkedProcessesTest {

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
    void findsAProcessByHomeAndInstance() {
        Process sleep = processes.start("s1", "aaaa000011112222", "sleep", "600");

        await().untilAsserted(() -> assertThat(MarkedProcesses.withInstance(home, "aaaa000011112222"))
                .containsExactly(new MarkedProcesses.MarkedProcess(TestProcesses.identity(sleep),
                        "aaaa000011112222", "s1", "server")));
        assertThat(MarkedProcesses.withInstance(home, "bbbb000011112222")).isEmpty();
        assertThat(MarkedProcesses.scan(home)).extracting(m -> m.identity().pid()).containsExactly(sleep.pid());
    }

    @Test
    void ignoresProcessesOfAnotherHome(@TempDir Path otherHome) {
        processes.start(Markers.of("s1", "server", "cccc000011112222", otherHome), "sleep", "600");

        assertThat(MarkedProcesses.scan(home)).isEmpty();
        assertThat(MarkedProcesses.withInstance(home, "cccc000011112222")).isEmpty();
        new TestProcesses(otherHome).close();
    }

    @Test
    void theSessionIdAloneIsNoInstance() {
        Process userProgram = processes.start(
                Map.of(Markers.MCP_SESSION_ID, "s1", Markers.MCP_MANAGER_HOME, Markers.homeValue(home)), "sleep", "600");

        List<MarkedProcesses.MarkedProcess> found = MarkedProcesses.scan(home);
        assertThat(found).extracting(m -> m.identity().pid()).containsExactly(userProgram.pid());
        assertThat(found.get(0).instanceId()).isEmpty();
        assertThat(MarkedProcesses.withInstance(home, "")).isEmpty();
    }

    @Test
    void skipsZombies() {
        // the exec'd sleep never waits, so its short-lived child stays a zombie
        Process parent = processes.start("s1", "dddd000011112222", "sh", "-c", "sleep 0.1 & exec sleep 600");
        long child = await().until(() -> parent.children().findFirst().map(ProcessHandle::pid).orElse(0L), pid -> pid > 0);
        await().until(() -> ProcessIdentity.isZombie(child));

        assertThat(MarkedProcesses.withInstance(home, "dddd000011112222")).extracting(m -> m.identity().pid())
                .containsExactly(parent.pid());
    }

    @Test
    void findsAChildThatIsBeingExecdWhenItsParentExits() throws InterruptedException {
        // the child of a main process that exits at once is often still inside execve when the
        // scan reads its environment; before the re-read this missed about one start in eight
        for (int i = 0; i < 100; i++) {
            String instance = "eeee0000%012d".formatted(i);
            Process parent = processes.start("s1", instance, "sh", "-c", "sleep 600 &");
            parent.waitFor();

            List<MarkedProcesses.MarkedProcess> found = MarkedProcesses.withInstance(home, instance);

            assertThat(found).as("start %d", i).hasSize(1);
            found.get(0).identity().handle().ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
