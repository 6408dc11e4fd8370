package dev.mcpsessions.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.mcpsessions.home.AtomicFiles;
import dev.mcpsessions.home.JsonFiles;
import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.ports.PortLeases;
import dev.mcpsessions.process.Markers;
import dev.mcpsessions.process.PidRecord;
import dev.mcpsessions.process.ProcessIdentity;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.process.ServerView;
import dev.mcpsessions.process.TestProcesses;
import dev.mcpsessions.session.SessionRegistry;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code cleanup} on request, with the automatic sweep off so that each test sees exactly what it
 * set up: real processes, real files, the real API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mcp.dashboard.announce=false", "mcp.cleanup.automatic=false", "mcp.supervision.stop-wait=1s"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class OrphanReaperTest {

    @TempDir
    static Path home;
    @TempDir
    Path otherHome;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("mcp.home", () -> home.toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    OrphanReaper reaper;
    @Autowired
    SessionRegistry sessions;
    @Autowired
    ProcessSupervisor supervisor;
    @Autowired
    PortLeases ports;
    @Autowired
    JsonFiles json;
    @Autowired
    JsonMapper mapper;
    @Autowired
    ManagerHome layout;

    ReaperFixture fixture;
    TestProcesses spawned;
    final long self = ProcessHandle.current().pid();

    @BeforeEach
    void setUp() {
        fixture = new ReaperFixture(sessions, supervisor, home);
        spawned = new TestProcesses(home, otherHome);
    }

    @AfterEach
    void tearDown() {
        sessions.list().forEach(s -> sessions.end(s.id(), "test over"));
        spawned.close();
        reaper.run(false);
    }

    @Test
    void dryRunListsExactlyWhatTheFollowingCleanupDoes(CapturedOutput output) throws Exception {
        String live = fixture.session("live", self);
        ServerView kept = fixture.start(live, "kept", "sleep 600", false);
        Process owner = ReaperFixture.ownerShell();
        String gone = fixture.session("gone", owner.pid());
        ServerView web = fixture.start(gone, "web", ReaperFixture.WEB, true);
        owner.destroyForcibly().waitFor();
        Process ghost = spawned.marked(home, live, "ghost", Markers.newInstanceId(), "sleep", "600");
        Process stray = spawned.marked(home, "nosuch", "x", Markers.newInstanceId(), "sleep", "600");
        Process exited = new ProcessBuilder("sleep", "600").start();
        ProcessIdentity dead = TestProcesses.identity(exited);
        exited.destroyForcibly().waitFor();
        json.write(layout.pidFile(live, "dead"), new PidRecord(dead.pid(), dead.startTime(), List.of("sleep"),
                Markers.newInstanceId(), null, Instant.now()));
        AtomicFiles.write(layout.pidFile(live, "broken"), "not a pid file");
        AtomicFiles.write(layout.configCopyDir(live, "removed").resolve("config.json"), "{}");
        AtomicFiles.createPrivateDirectories(layout.pidsDir("oldsession"));
        AtomicFiles.write(layout.logFile("crashed", "srv"), "last words\n");
        ports.adopt(29999, "nosuch", "x");

        List<CleanupAction> planned = cleanup(true);
        List<CleanupAction> done = cleanup(false);

        assertThat(done).containsExactlyInAnyOrderElementsOf(planned);
        assertThat(planned).extracting(CleanupAction::kind, CleanupAction::session, CleanupAction::server,
                CleanupAction::pid).containsExactlyInAnyOrder(
                        tuple("end-session", gone, null, owner.pid()),
                        tuple("stop-server", gone, "web", web.pid()),
                        tuple("kill-orphan-process", live, "ghost", ghost.pid()),
                        tuple("kill-orphan-process", "nosuch", "x", stray.pid()),
                        tuple("remove-stale-pid-file", live, "dead", dead.pid()),
                        tuple("move-corrupt-file-aside", live, "broken", null),
                        tuple("remove-stale-config", live, "removed", null),
                        tuple("remove-empty-dir", "oldsession", null, null),
                        tuple("remove-session-debris", "crashed", null, null),
                        tuple("release-stale-lease", "nosuch", "x", null));
        await().until(() -> !ghost.isAlive() && !stray.isAlive());
        assertThat(sessions.exists(gone)).isFalse();
        assertThat(layout.pidsDir(gone)).doesNotExist();
        assertThat(ReaperFixture.isFree(web.port())).isTrue();
        assertThat(supervisor.get(live, "kept").state()).isEqualTo(ServerState.RUNNING);
        assertThat(supervisor.get(live, "kept").pid()).isEqualTo(kept.pid());
        assertThat(layout.pidFile(live, "dead")).doesNotExist();
        assertThat(layout.pidFile(live, "broken")).doesNotExist();
        assertThat(list(layout.pidsDir(live))).anyMatch(n -> n.startsWith("broken.json.corrupt-"));
        assertThat(layout.configCopyDir(live, "removed")).doesNotExist();
        assertThat(layout.pidsDir("oldsession")).doesNotExist();
        assertThat(layout.logsDir("crashed")).doesNotExist();
        assertThat(ports.holder(29999)).isEmpty();
        assertThat(cleanup(true)).isEmpty();
        assertThat(output.getOut()).contains("Cleanup: kill-orphan-process session=live server=ghost pid="
                + ghost.pid() + " (no server accounts for it");
    }

    @Test
    void aPidFileRewrittenToAnUnrelatedProcessIsRemovedAndThatProcessLivesOn() throws Exception {
        String session = fixture.session("rewrite", self);
        ServerView server = fixture.start(session, "srv", "sleep 600", false);
        Process unrelated = spawned.start(Map.of(), "sleep", "600");
        ProcessIdentity stranger = TestProcesses.identity(unrelated);
        PidRecord real = json.read(layout.pidFile(session, "srv"), PidRecord.class).orElseThrow();
        json.write(layout.pidFile(session, "srv"), new PidRecord(stranger.pid(), stranger.startTime(), real.argv(),
                real.instance(), null, real.startedAt()));
        json.write(layout.pidFile(session, "nospec"), new PidRecord(stranger.pid(), stranger.startTime(),
                List.of("sleep"), Markers.newInstanceId(), null, Instant.now()));

        CleanupReport report = reaper.run(false);

        assertThat(report.actions()).extracting(CleanupAction::kind, CleanupAction::server, CleanupAction::pid)
                .containsExactlyInAnyOrder(
                        tuple("remove-stale-pid-file", "srv", unrelated.pid()),
                        tuple("remove-stale-pid-file", "nospec", unrelated.pid()));
        assertThat(report.actions()).allMatch(a -> a.reason().contains("left alone"));
        assertThat(layout.pidFile(session, "srv")).doesNotExist();
        assertThat(layout.pidFile(session, "nospec")).doesNotExist();
        assertThat(unrelated.isAlive()).isTrue();
        assertThat(stranger.isAlive()).isTrue();
        assertThat(supervisor.get(session, "srv").state()).isEqualTo(ServerState.RUNNING);
        assertThat(fixture.processesOf(session)).extracting(m -> m.identity().pid()).containsExactly(server.pid());
    }

    @Test
    void fiftyOrphanedProcessesAreAllReapedEvenThoseThatIgnoreTerm() {
        List<Process> orphans = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String[] argv = i % 10 == 0 ? new String[] {"sh", "-c", "trap '' TERM; sleep 600"}
                    : new String[] {"sleep", "600"};
            orphans.add(spawned.marked(home, "crashed", "srv" + i, Markers.newInstanceId(), argv));
        }
        await().until(() -> fixture.processesOf("crashed").size() >= 50);

        long start = System.nanoTime();
        CleanupReport report = reaper.run(false);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(report.actions()).filteredOn(a -> a.kind().equals("kill-orphan-process")).hasSizeGreaterThanOrEqualTo(50);
        await().until(() -> orphans.stream().noneMatch(Process::isAlive));
        assertThat(fixture.processesOf("crashed")).isEmpty();
        System.out.printf("Reaped %d orphaned processes in %d ms%n", report.actions().size(), millis);
    }

    @Test
    void aProgramStartedFromAnInitialisedShellSurvivesTheEndOfItsSession() throws Exception {
        Process owner = ReaperFixture.ownerShell();
        String session = fixture.session("shell", owner.pid());
        fixture.start(session, "srv", "sleep 600", false);
        // what 'eval "$(mcp-session-manager.sh init)"' leaves in the shell, and a tool that also exports the home
        Process userProgram = spawned.start(Map.of("MCP_SESSION_ID", session, "MCP_SESSIONS_HOME", home.toString()),
                "sleep", "600");
        Process homeAware = spawned.start(Map.of("MCP_SESSION_ID", session, "MCP_MANAGER_HOME", home.toString()),
                "sleep", "600");
        owner.destroyForcibly().waitFor();

        CleanupReport report = reaper.run(false);

        assertThat(report.actions()).extracting(CleanupAction::kind).containsExactly("end-session", "stop-server");
        assertThat(sessions.exists(session)).isFalse();
        assertThat(fixture.processesOf(session)).isEmpty();
        assertThat(userProgram.isAlive()).isTrue();
        assertThat(homeAware.isAlive()).isTrue();
    }

    @Test
    void processesMarkedWithAnotherHomeAreNeverTouched() {
        Process other = spawned.marked(otherHome, "s1", "srv", Markers.newInstanceId(), "sleep", "600");
        // a home whose path starts with ours is another home too
        Process prefixed = spawned.marked(Path.of(home + "-2"), "s1", "srv", Markers.newInstanceId(), "sleep", "600");

        CleanupReport report = reaper.run(false);

        assertThat(report.actions()).isEmpty();
        assertThat(other.isAlive()).isTrue();
        assertThat(prefixed.isAlive()).isTrue();
    }

    private List<CleanupAction> cleanup(boolean dryRun) throws IOException, InterruptedException {
        String token = Files.readString(layout.tokenFile()).trim();
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/cleanup?dryRun=" + dryRun))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CleanupReport report = mapper.readValue(response.body(), CleanupReport.class);
        assertThat(report.dryRun()).isEqualTo(dryRun);
        return report.actions();
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
