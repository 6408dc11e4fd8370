package dev.mcpsessions.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mcpsessions.process.MarkedProcesses;
import dev.mcpsessions.process.MarkedProcesses.MarkedProcess;
import dev.mcpsessions.process.PidRecord;
import dev.mcpsessions.process.ProcessIdentity;
import dev.mcpsessions.process.TestProcesses;

/** When a pid file is stale: pid and start time must name a live process with the recorded markers. */
class PidFileStalenessTest {

    static final String INSTANCE = "00000000000000aa";

    @TempDir
    Path home;

    final TestProcesses spawned = new TestProcesses();

    @AfterEach
    void tearDown() {
        spawned.close();
    }

    @Test
    void aLiveProcessOfAnAccountedStartIsNotStale() {
        Process server = spawned.marked(home, "s1", "srv", INSTANCE, "sleep", "600");

        assertThat(CleanupPlanner.staleness(record(server, INSTANCE), marked(server), Set.of(INSTANCE))).isNull();
    }

    @Test
    void aProcessThatIsGoneMakesItStale() throws Exception {
        Process exited = spawned.marked(home, "s1", "srv", INSTANCE, "sleep", "600");
        PidRecord record = record(exited, INSTANCE);
        exited.destroyForcibly().waitFor();

        assertThat(CleanupPlanner.staleness(record, Optional.empty(), Set.of(INSTANCE)))
                .isEqualTo("process " + exited.pid() + " is gone");
    }

    @Test
    void aPidNowHeldByAnUnmarkedProgramIsStaleAndThatProgramIsLeftAlone() {
        Process stranger = spawned.start(Map.of(), "sleep", "600");

        String why = CleanupPlanner.staleness(record(stranger, INSTANCE), marked(stranger), Set.of(INSTANCE));

        assertThat(why).contains("another process").endsWith("left alone");
    }

    @Test
    void aPidWithTheRightPidButAnotherStartTimeIsStale() {
        Process server = spawned.marked(home, "s1", "srv", INSTANCE, "sleep", "600");
        ProcessIdentity real = TestProcesses.identity(server);
        PidRecord reused = new PidRecord(real.pid(), real.startTime().minusSeconds(60), List.of("sleep"), INSTANCE,
                null, Instant.now());

        assertThat(CleanupPlanner.staleness(reused, marked(server), Set.of(INSTANCE))).contains("is gone");
    }

    @Test
    void aMarkedProcessOfAnotherStartOrOfNoServerIsStale() {
        Process server = spawned.marked(home, "s1", "srv", INSTANCE, "sleep", "600");

        assertThat(CleanupPlanner.staleness(record(server, "00000000000000bb"), marked(server), Set.of(INSTANCE)))
                .endsWith("left alone");
        assertThat(CleanupPlanner.staleness(record(server, INSTANCE), marked(server), Set.of()))
                .isEqualTo("instance " + INSTANCE + " belongs to no running server");
    }

    private Optional<MarkedProcess> marked(Process process) {
        return MarkedProcesses.find(home, process.pid());
    }

    private static PidRecord record(Process process, String instance) {
        ProcessIdentity identity = TestProcesses.identity(process);
        return new PidRecord(identity.pid(), identity.startTime(), List.of(), instance, null, Instant.now());
    }
}
