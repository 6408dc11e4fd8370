package dev.mcpsessions.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mcpsessions.home.InvalidNameException;
import dev.mcpsessions.home.JsonFiles;
import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.home.Names;
import dev.mcpsessions.process.ProcessIdentity;
import dev.mcpsessions.process.TestProcesses;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class SessionRegistryTest {

    @TempDir
    Path tmp;

    ManagerHome home;
    JsonFiles json;
    final List<Object> events = Collections.synchronizedList(new ArrayList<>());
    final List<Process> owners = new ArrayList<>();
    SessionRegistry registry;

    @BeforeEach
    void setUp() {
        home = new ManagerHome(tmp);
        home.createLayout();
        // strict like the manager's own mapper (spring.jackson.deserialization.fail-on-unknown-properties)
        json = new JsonFiles(JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(),
                Clock.systemUTC());
        registry = newRegistry();
    }

    @AfterEach
    void stopOwners() {
        owners.forEach(Process::destroyForcibly);
    }

    SessionRegistry newRegistry() {
        return new SessionRegistry(home, json, new SessionEnvironment(home), events::add, Clock.systemUTC());
    }

    static CreateSession named(String name) {
        return new CreateSession(name, 0L, null, null, null);
    }

    @Test
    void createWritesTheSessionItsOwnerAndItsEnvironmentInThreePrivateDirectories() throws IOException {
        long me = ProcessHandle.current().pid();

        SessionView view = registry.create(new CreateSession("alpha", null, "my label", "/work",
                Map.of("PVE_TOKEN", "secret")), me);

        assertThat(view.id()).isEqualTo("alpha");
        assertThat(view.ownerPid()).isEqualTo(me);
        assertThat(view.ownerStartTime()).isEqualTo(ProcessIdentity.current().startTime());
        assertThat(view.orphaned()).isFalse();
        assertThat(view.label()).isEqualTo("my label");
        assertThat(view.cwd()).isEqualTo("/work");
        assertThat(home.pidsDir("alpha")).isDirectory();
        assertThat(home.configsDir("alpha")).isDirectory();
        assertThat(home.logsDir("alpha")).isDirectory();
        assertThat(json.read(home.ownerFile("alpha"), SessionOwner.class))
                .contains(SessionOwner.of(ProcessIdentity.current()));
        assertThat(json.read(home.sessionFile("alpha"), Session.class)).get()
                .extracting(Session::id, Session::label, Session::cwd).containsExactly("alpha", "my label", "/work");
        assertThat(new SessionEnvironment(home).read("alpha")).containsExactly(Map.entry("PVE_TOKEN", "secret"));
        assertPrivate(tmp);
        assertThat(events).containsExactly(new SessionEvent.Created("alpha"));
    }

    @Test
    void generatedIdsFollowTheNameRule() {
        SessionView view = registry.create(new CreateSession(null, 0L, null, null, null), 0);

        assertThat(Names.isValid(view.id())).isTrue();
        assertThat(registry.list()).extracting(SessionView::id).containsExactly(view.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "A B", "", "..", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void aBadNameCreatesNothingOnDisk(String name) throws IOException {
        assertThatThrownBy(() -> registry.create(named(name), 0)).isInstanceOf(InvalidNameException.class);

        assertThat(allFilesUnder(tmp)).containsExactlyInAnyOrder("configs", "logs", "pids");
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void anOwnerThatDoesNotRunIsRefusedAndNothingIsCreated() throws IOException {
        long deadPid = TestProcesses.exitedPid();

        assertThatThrownBy(() -> registry.create(new CreateSession("beta", deadPid, null, null, null), 0))
                .isInstanceOf(OwnerNotRunningException.class)
                .hasMessageContaining("Owner process " + deadPid + " does not run");
        assertThat(allFilesUnder(tmp)).containsExactlyInAnyOrder("configs", "logs", "pids");
    }

    @Test
    void anInvalidEnvironmentVariableNameIsRefusedAndNothingIsCreated() throws IOException {
        assertThatThrownBy(() -> registry.create(new CreateSession("gamma", 0L, null, null, Map.of("BAD-NAME", "x")), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(allFilesUnder(tmp)).containsExactlyInAnyOrder("configs", "logs", "pids");
    }

    @Test
    void anExistingNameIsAConflictAndTheFirstSessionIsUntouched() {
        SessionView first = registry.create(new CreateSession("dup", 0L, "first", null, null), 0);

        assertThatThrownBy(() -> registry.create(new CreateSession("dup", 0L, "second", null, null), 0))
                .isInstanceOf(SessionExistsException.class).hasMessage("A session named 'dup' already exists");

        assertThat(registry.get("dup")).isEqualTo(first);
    }

    @Test
    void twentyConcurrentCreatesYieldTwentyDistinctSessions() throws Exception {
        List<Callable<String>> creates = IntStream.range(0, 20)
                .mapToObj(i -> (Callable<String>) () -> registry.create(new CreateSession(null, 0L, null, null, null), 0).id())
                .toList();
        List<String> ids = runAll(creates);

        assertThat(ids).hasSize(20).doesNotHaveDuplicates();
        assertThat(registry.list()).extracting(SessionView::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(newRegistry().list()).extracting(SessionView::id).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void concurrentCreatesOfTheSameNameLetExactlyOneWin() throws Exception {
        List<Callable<String>> creates = IntStream.range(0, 10).mapToObj(i -> (Callable<String>) () -> {
            try {
                return registry.create(named("same"), 0).id();
            } catch (SessionExistsException e) {
                return "refused";
            }
        }).toList();

        assertThat(runAll(creates)).containsOnlyOnce("same").filteredOn("refused"::equals).hasSize(9);
    }

    @Test
    void endRemovesTheSessionsDirectoriesAndLeavesOtherSessionsIntact() throws IOException {
        registry.create(named("one"), 0);
        registry.create(new CreateSession("two", 0L, null, null, Map.of("K", "v")), 0);
        List<String> twoBefore = allFilesUnder(tmp).stream().filter(p -> p.contains("two")).toList();

        registry.end("one", "test");

        assertThat(home.pidsDir("one")).doesNotExist();
        assertThat(home.configsDir("one")).doesNotExist();
        assertThat(home.logsDir("one")).doesNotExist();
        assertThat(registry.list()).extracting(SessionView::id).containsExactly("two");
        assertThat(allFilesUnder(tmp).stream().filter(p -> p.contains("two")).toList()).isEqualTo(twoBefore);
        assertThat(events).containsSubsequence(new SessionEvent.Ending("one", "test"), new SessionEvent.Ended("one", "test"));
    }

    @Test
    void endingAnUnknownSessionIsNotFound() {
        assertThatThrownBy(() -> registry.end("ghost", "test")).isInstanceOf(SessionNotFoundException.class)
                .hasMessage("No session 'ghost'");
        assertThatThrownBy(() -> registry.get("ghost")).isInstanceOf(SessionNotFoundException.class);
        assertThat(registry.find("ghost")).isEmpty();
    }

    @Test
    void aNewRegistryOnTheSameHomeFindsEverySessionDiskIsTheTruth() {
        Process owner = sleeper();
        SessionView owned = registry.create(new CreateSession("owned", owner.pid(), null, null, null), 0);
        SessionView free = registry.create(new CreateSession("free", 0L, "label", "/cwd", null), 0);

        SessionRegistry restarted = newRegistry();

        assertThat(owned.ownerPid()).isEqualTo(owner.pid());
        assertThat(restarted.list()).containsExactly(owned, free);
        assertThat(tmp.resolve("pids/owned")).isDirectoryNotContaining(p -> p.toString().contains("corrupt"));
    }

    @Test
    void ownerJsonHoldsExactlyPidAndStartTime() throws IOException {
        Process owner = sleeper();
        registry.create(new CreateSession("exact", owner.pid(), null, null, null), 0);

        assertThat(Files.readString(home.ownerFile("exact"))).isEqualTo("""
                {
                  "pid" : %d,
                  "startTime" : "%s"
                }""".formatted(owner.pid(), owner.info().startInstant().orElseThrow()));
    }

    @Test
    void aSessionWhoseOwnerExitedIsOrphaned() throws Exception {
        Process owner = sleeper();
        registry.create(new CreateSession("lonely", owner.pid(), null, null, null), 0);

        owner.destroyForcibly().waitFor();

        assertThat(registry.get("lonely").orphaned()).isTrue();
        assertThat(newRegistry().get("lonely").orphaned()).isTrue();
    }

    @Test
    void debrisWithoutSessionJsonIsNotASessionAndACorruptOneIsMovedAside() throws IOException {
        Files.createDirectories(tmp.resolve("configs/debris"));
        Files.createDirectories(tmp.resolve("configs/corrupt"));
        Files.writeString(tmp.resolve("configs/corrupt/session.json"), "{not json");
        Files.createDirectories(tmp.resolve("configs/Not-A-Name"));
        Files.createDirectories(tmp.resolve("configs/renamed"));
        Files.writeString(tmp.resolve("configs/renamed/session.json"),
                "{\"id\":\"other\",\"createdAt\":\"2026-01-01T00:00:00Z\"}");

        assertThat(newRegistry().list()).isEmpty();
        assertThat(tmp.resolve("configs/corrupt")).isDirectoryContaining(p -> p.getFileName().toString()
                .startsWith("session.json.corrupt-"));
    }

    private Process sleeper() {
        try {
            Process process = new ProcessBuilder("sleep", "600").start();
            owners.add(process);
            return process;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> runAll(List<Callable<String>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<String> results = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static List<String> allFilesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    static void assertPrivate(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> {
                try {
                    String mode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                    assertThat(mode).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}
