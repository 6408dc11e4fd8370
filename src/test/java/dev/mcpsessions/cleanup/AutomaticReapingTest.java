package dev.mcpsessions.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.process.Markers;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.process.ServerView;
import dev.mcpsessions.process.TestProcesses;
import dev.mcpsessions.session.SessionRegistry;

/** The reaper with nobody asking: on an owner's exit, and every {@code mcp.cleanup.interval}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mcp.dashboard.announce=false", "mcp.cleanup.interval=1s"})
@DirtiesContext
class AutomaticReapingTest {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Two intervals, plus what stopping three trees with TERM takes on a busy machine. */
    static final Duration DEADLINE = INTERVAL.multipliedBy(2).plusSeconds(2);

    @TempDir
    static Path home;
    @TempDir
    Path otherHome;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("mcp.home", () -> home.toString());
    }

    @Autowired
    SessionRegistry sessions;
    @Autowired
    ProcessSupervisor supervisor;
    @Autowired
    ManagerHome layout;

    ReaperFixture fixture;
    TestProcesses spawned;

    @BeforeEach
    void setUp() {
        fixture = new ReaperFixture(sessions, supervisor, home);
        spawned = new TestProcesses(home, otherHome);
    }

    @AfterEach
    void tearDown() {
        sessions.list().forEach(s -> sessions.end(s.id(), "test over"));
        spawned.close();
    }

    @Test
    void ownerShellKilledEndsItsSessionWithinTwoIntervalsAndLeavesTheOthersAlone() throws Exception {
        Process owner = ReaperFixture.ownerShell();
        String doomed = fixture.session("doomed", owner.pid());
        ServerView web = fixture.start(doomed, "web", ReaperFixture.WEB, true);
        fixture.start(doomed, "daemon", ReaperFixture.DOUBLE_FORK, false);
        fixture.start(doomed, "plain", "sleep 600", false);
        await().until(() -> fixture.processesOf(doomed).size() >= 5); // web, sh, sleep, daemon, plain
        String other = fixture.session("other", ProcessHandle.current().pid());
        ServerView neighbour = fixture.start(other, "srv", "sleep 600", false);
        Process userProgram = spawned.start(Map.of("MCP_SESSION_ID", doomed), "sleep", "600");

        long killed = System.nanoTime();
        owner.destroyForcibly();

        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> fixture.processesOf(doomed).isEmpty()
                && !sessions.exists(doomed) && ReaperFixture.isFree(web.port()) && !Files.exists(layout.pidsDir(doomed))
                && !Files.exists(layout.configsDir(doomed)) && !Files.exists(layout.logsDir(doomed)));
        System.out.printf("Session of a SIGKILLed owner reaped in %d ms%n", (System.nanoTime() - killed) / 1_000_000);
        assertThat(supervisor.get(other, "srv").state()).isEqualTo(ServerState.RUNNING);
        assertThat(supervisor.get(other, "srv").pid()).isEqualTo(neighbour.pid());
        assertThat(userProgram.isAlive()).isTrue();
    }

    @Test
    void anOrphanedProcessIsReapedWithinTwoIntervalsWithoutAnyRequest() {
        Process orphan = spawned.marked(home, "crashed", "srv", Markers.newInstanceId(), "sleep", "600");
        Process foreign = spawned.marked(otherHome, "crashed", "srv", Markers.newInstanceId(), "sleep", "600");

        await().atMost(DEADLINE).until(() -> !orphan.isAlive());
        assertThat(foreign.isAlive()).isTrue();
    }
}
