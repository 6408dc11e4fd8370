package dev.mcpsessions.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.mcpsessions.Cli;
import dev.mcpsessions.Cli.Launched;
import dev.mcpsessions.Cli.Result;
import dev.mcpsessions.process.ProcessIdentity;

/** The manager process and its home: crash safety, one manager per home, private files. */
class ManagerLifecycleIT {

    @Test
    void aSigkilledManagerLosesNoSessionTheCliStartsANewOneThatReadsThemFromDisk(@TempDir Path home)
            throws IOException {
        try (Cli cli = new Cli(home, Map.of("MCP_CLEANUP_AUTOMATIC", "false"))) {
            Process owner = cli.sleeper();
            String owned = id(cli.run("init", "--owner", Long.toString(owner.pid())));
            String free = id(cli.run("init", "--name", "free", "--owner", "0"));
            String ownerJson = Files.readString(home.resolve("pids/" + owned + "/owner.json"));
            ProcessIdentity first = cli.awaitManager();

            first.handle().orElseThrow().destroyForcibly();
            await().atMost(Duration.ofMinutes(1)).until(() -> !first.isAlive());
            assertThat(home.resolve("manager.json")).as("stale after SIGKILL").exists();

            Result status = cli.run("status", "--all");

            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.stderr()).contains("starting the manager");
            assertThat(status.stdout()).containsPattern("\n" + owned + " +- +active").containsPattern("\nfree +- +active");
            ProcessIdentity second = cli.awaitManager();
            assertThat(second).isNotEqualTo(first);
            assertThat(Files.readString(home.resolve("pids/" + owned + "/owner.json"))).isEqualTo(ownerJson);
            assertThat(cli.run("--session", free, "end").exitCode()).isZero();
            assertThat(cli.run("--session", owned, "end").exitCode()).isZero();
        }
    }

    @Test
    void twoClisStartingAManagerAtTheSameMomentBothSucceedWithOneManager(@TempDir Path home) throws Exception {
        try (Cli cli = new Cli(home)) {
            CompletableFuture<Result> a = CompletableFuture.supplyAsync(() -> cli.run("status", "--all"));
            CompletableFuture<Result> b = CompletableFuture.supplyAsync(() -> cli.run("status", "--all"));

            for (Result status : List.of(a.get(), b.get())) {
                assertThat(status.exitCode()).as(status.toString()).isZero();
                assertThat(status.stdout()).startsWith("SESSION");
            }
            // both CLIs found no manager and started one; the later one found the home locked
            assertThat(Files.readString(home.resolve("logs/manager.out")))
                    .contains("Another MCP Session Manager already runs on home " + home);
            ProcessIdentity manager = cli.awaitManager();
            assertThat(cli.run("status", "--all").stderr()).doesNotContain("starting the manager");
            assertThat(cli.managerInfo().orElseThrow().pid()).isEqualTo(manager.pid());
        }
    }

    @Test
    void aStaleManagerJsonWhosePidWasReusedIsReplacedByANewManager(@TempDir Path home) throws IOException {
        try (Cli cli = new Cli(home); ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process reused = cli.sleeper(); // alive, but not a manager: what a reused pid looks like
            int port = closed.getLocalPort();
            closed.close();
            AtomicFiles.write(home.resolve("token"), "left-by-the-crashed-manager\n");
            Files.writeString(home.resolve("manager.json"), """
                    {"pid":%d,"startTime":"2026-01-01T00:00:00Z","url":"http://127.0.0.1:%d","version":"0"}
                    """.formatted(reused.pid(), port));

            Result status = cli.run("status", "--all");

            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.stderr()).contains("starting the manager");
            assertThat(cli.awaitManager().pid()).isNotEqualTo(reused.pid());
            assertThat(reused.isAlive()).isTrue();
        }
    }

    /** A manager started with {@code java -jar}, the way {@code spring-boot:run} starts one, with the user's umask. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class StartedDirectly {

        Path home;
        Cli cli;
        Launched first;
        ManagerInfo info;

        @BeforeAll
        void start(@TempDir Path home) {
            this.home = home;
            cli = new Cli(home);
            first = cli.startJar("--server.port=0", "--mcp.dashboard.announce=false");
            cli.awaitManager();
            info = cli.managerInfo().orElseThrow();
            assertThat(info.pid()).isEqualTo(first.process().pid());
        }

        @AfterAll
        void stop() {
            cli.close();
        }

        @Test
        void aSecondManagerOnTheSameHomeRefusesWithExitCode2AndNamesTheRunningOne() throws Exception {
            String managerJson = Files.readString(home.resolve("manager.json"));

            Launched second = cli.startJar("--server.port=0");

            assertThat(second.process().waitFor(Cli.STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(second.process().exitValue()).as(second.output()).isEqualTo(2);
            assertThat(second.output()).contains("Another MCP Session Manager already runs on home " + home
                    + " (pid " + info.pid() + ", " + info.url() + ")");
            assertThat(second.output()).contains("MCP_SESSIONS_HOME=");
            assertThat(first.process().isAlive()).isTrue();
            assertThat(Files.readString(home.resolve("manager.json"))).isEqualTo(managerJson);
            var health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(info.url() + "/actuator/health")).build(), BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }

        @Test
        void theHomeIsPrivateWhateverTheUmask() throws IOException {
            List<Path> all;
            try (Stream<Path> walk = Files.walk(home)) {
                all = walk.toList();
            }

            assertThat(all).contains(home.resolve("manager.json"), home.resolve("manager.lock"), home.resolve("token"),
                    home.resolve("logs/mcp-main.log"));
            for (Path p : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
                        .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }

        @Test
        void theCliFindsAManagerItDidNotStart() {
            Result status = cli.run("status", "--all");

            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.stderr()).doesNotContain("starting the manager");
            assertThat(cli.managerInfo()).contains(info);
        }
    }

    static String id(Result init) {
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(init.stdout()).startsWith("export MCP_SESSION_ID=");
        return init.stdout().trim().substring("export MCP_SESSION_ID=".length());
    }
}
