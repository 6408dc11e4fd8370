package dev.mcpsessions.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mcpsessions.process.MarkedProcesses;
import dev.mcpsessions.process.MarkedProcesses.MarkedProcess;
import dev.mcpsessions.process.Markers;
import dev.mcpsessions.process.ProcessIdentity;
import dev.mcpsessions.process.TestProcesses;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A manager killed with SIGKILL while it runs ten servers in three sessions, then started again
 * on the same home: every server runs again, none twice, nothing orphaned, and a second manager
 * on another home is not touched by any of it.
 */
class ManagerCrashRecoveryIT {

    @TempDir
    Path homeA;
    @TempDir
    Path homeB;

    ManagerProcess managerA;
    ManagerProcess managerB;
    TestProcesses spawned;

    @AfterEach
    void tearDown() {
        for (ManagerProcess manager : new ManagerProcess[] {managerA, managerB}) {
            if (manager != null) {
                manager.close();
            }
        }
        if (spawned != null) {
            spawned.close();
        }
        new TestProcesses(homeA, homeB).close();
    }

    @Test
    void sigkilledManagerComesBackWithEveryServerRunningAndNoDuplicateOrOrphan() throws Exception {
        spawned = new TestProcesses(homeA, homeB);
        managerA = ManagerProcess.start(homeA, "--mcp.cleanup.interval=1s");
        long owner = ProcessHandle.current().pid();
        String stdio = "python3 " + fixture("stdio-server.py");
        Map<String, List<String[]>> plan = new TreeMap<>(Map.of(
                "s1", List.of(server("web", ReaperFixture.WEB, "none", true), server("daemon", ReaperFixture.DOUBLE_FORK,
                        "none", false), server("plain1", "sleep 600", "none", false), server("io1", stdio, "stdio", false)),
                "s2", List.of(server("plain2", "sleep 600", "none", false), server("plain3", "sleep 600", "none", false),
                        server("io2", stdio, "stdio", false), server("web2", ReaperFixture.WEB, "none", true)),
                "s3", List.of(server("plain4", "sleep 600", "none", false), server("io3", stdio, "stdio", false),
                        server("idle", "sleep 600", "none", false))));
        Process shell = ReaperFixture.ownerShell();
        for (var session : plan.entrySet()) {
            long ownerPid = session.getKey().equals("s3") ? shell.pid() : owner;
            managerA.post("/api/sessions", "{\"name\":\"" + session.getKey() + "\",\"ownerPid\":" + ownerPid + "}");
            for (String[] spec : session.getValue()) {
                managerA.post("/api/sessions/" + session.getKey() + "/servers?wait=true", specJson(spec));
            }
        }
        managerA.post("/api/sessions/s3/servers/idle/stop", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> processesByServer(homeA).size() == 10);
        managerB = ManagerProcess.start(homeB);
        managerB.post("/api/sessions", "{\"name\":\"b1\",\"ownerPid\":" + owner + "}");
        managerB.post("/api/sessions/b1/servers?wait=true", specJson(server("srv", "sleep 600", "none", false)));
        Map<String, Set<ProcessIdentity>> before = processesByServer(homeA);
        Set<ProcessIdentity> ofB = identities(homeB);

        managerA.crash();
        Process leftover = spawned.marked(homeA, "s1", "gone", Markers.newInstanceId(), "sleep", "600");
        managerA = ManagerProcess.start(homeA, "--mcp.cleanup.interval=1s");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> states().values().stream().filter("RUNNING"::equals).count() == 10);
        assertThat(states()).containsEntry("s3/idle", "STOPPED");
        await().atMost(Duration.ofSeconds(10)).until(() -> !leftover.isAlive());
        Map<String, Set<ProcessIdentity>> after = processesByServer(homeA);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String server : before.keySet()) {
            assertThat(after.get(server)).as(server).hasSameSizeAs(before.get(server));
            if (server.contains("/io")) {
                assertThat(after.get(server)).as(server + ": its pipes died, so it was started again")
                        .doesNotContainAnyElementsOf(before.get(server));
            } else {
                assertThat(after.get(server)).as(server + " adopted, not restarted").isEqualTo(before.get(server));
            }
        }
        assertThat(MarkedProcesses.scan(homeA).stream().map(MarkedProcess::instanceId).collect(Collectors.toSet()))
                .as("no process of a start that no pid file names").isEqualTo(instancesInPidFiles());
        assertThat(identities(homeB)).isEqualTo(ofB);


        // the owner of s3 dies; the manager is not its parent, as in real use
        long killed = System.nanoTime();
        shell.destroyForcibly();
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(50))
                .until(() -> processesByServer(homeA).keySet().stream().noneMatch(k -> k.startsWith("s3/"))
                        && !Files.exists(homeA.resolve("configs/s3")) && !Files.exists(homeA.resolve("pids/s3"))
                        && !Files.exists(homeA.resolve("logs/s3")));
        System.out.printf("Session of a SIGKILLed owner reaped in %d ms%n", (System.nanoTime() - killed) / 1_000_000);
        Map<String, Set<ProcessIdentity>> others = processesByServer(homeA);
        after.keySet().removeIf(k -> k.startsWith("s3/"));
        assertThat(others).isEqualTo(after);

        managerA.close();
        managerA = null;
        assertThat(MarkedProcesses.scan(homeA)).as("a clean stop leaves nothing").isEmpty();
        assertThat(identities(homeB)).isEqualTo(ofB);
    }

    private Map<String, String> states() {
        Map<String, String> states = new TreeMap<>();
        for (String session : List.of("s1", "s2", "s3")) {
            for (JsonNode server : managerA.get("/api/sessions/" + session + "/servers")) {
                states.put(session + "/" + server.get("name").asString(), server.get("state").asString());
            }
        }
        return states;
    }

    /** Per server, the identities of its live processes; every server must have exactly one start. */
    private static Map<String, Set<ProcessIdentity>> processesByServer(Path home) {
        Map<String, List<MarkedProcess>> byServer = MarkedProcesses.scan(home).stream()
                .collect(Collectors.groupingBy(m -> m.session() + "/" + m.server()));
        Map<String, Set<ProcessIdentity>> identities = new HashMap<>();
        byServer.forEach((server, processes) -> {
            assertThat(processes.stream().map(MarkedProcess::instanceId).distinct()).as(server + " runs once").hasSize(1);
            identities.put(server, processes.stream().map(MarkedProcess::identity).collect(Collectors.toSet()));
        });
        return identities;
    }

    private Set<String> instancesInPidFiles() {
        Set<String> instances = new HashSet<>();
        for (String session : List.of("s1", "s2", "s3")) {
            for (JsonNode server : managerA.get("/api/sessions/" + session + "/servers")) {
                if (server.get("state").asString().equals("RUNNING")) {
                    Path pidFile = homeA.resolve("pids").resolve(session).resolve(server.get("name").asString() + ".json");
                    instances.add(read(pidFile).get("instance").asString());
                }
            }
        }
        return instances;
    }

    private static Set<ProcessIdentity> identities(Path home) {
        return MarkedProcesses.scan(home).stream().map(MarkedProcess::identity).collect(Collectors.toSet());
    }

    private static String[] server(String name, String command, String transport, boolean autoPort) {
        return new String[] {name, command, transport, Boolean.toString(autoPort)};
    }

    private static String specJson(String[] spec) {
        String command = spec[1].replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"name\":\"" + spec[0] + "\",\"command\":\"" + command + "\",\"transport\":\"" + spec[2]
                + "\",\"startSecs\":0.5" + (Boolean.parseBoolean(spec[3]) ? ",\"port\":\"auto\"" : "") + "}";
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(ManagerCrashRecoveryIT.class.getResource("/cleanup/" + name).toURI());
    }

    private static JsonNode read(Path file) {
        try {
            return JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
