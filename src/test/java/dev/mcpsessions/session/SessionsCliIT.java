package dev.mcpsessions.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mcpsessions.Cli;
import dev.mcpsessions.Cli.Result;
import dev.mcpsessions.Cli.Shell;
import dev.mcpsessions.process.TestProcesses;

/**
 * Sessions through the real CLI and the packaged jar, one manager for the class (the first command
 * starts it). Automatic cleanup is off so that only the tests decide when orphans go.
 */
class SessionsCliIT {

    static final Pattern EXPORT = Pattern.compile("export MCP_SESSION_ID=([a-z0-9][a-z0-9_-]{0,63})\n");

    @TempDir
    static Path home;

    static Cli cli;

    @BeforeAll
    static void startTheManagerThroughTheCli() {
        cli = new Cli(home, Map.of("MCP_CLEANUP_AUTOMATIC", "false"));
        Result first = cli.run("status", "--all");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stderr()).contains("starting the manager for " + home);
        assertThat(first.stdout()).startsWith("SESSION");
    }

    @AfterAll
    static void stopTheManager() {
        cli.close();
    }

    @Test
    void twoShellsGetTwoSessionsAndEndingOneLeavesTheOtherIntact() throws IOException {
        try (Shell a = cli.shell(); Shell b = cli.shell()) {
            String idA = a.exec("eval \"$(\"$CLI\" init)\" && echo \"$MCP_SESSION_ID\"").stdout().trim();
            String idB = b.exec("eval \"$(\"$CLI\" init)\" && echo \"$MCP_SESSION_ID\"").stdout().trim();

            assertThat(idA).isNotBlank().isNotEqualTo(idB);
            for (String id : List.of(idA, idB)) {
                assertThat(home.resolve("configs/" + id + "/session.json")).isRegularFile();
                assertThat(home.resolve("pids/" + id + "/owner.json")).isRegularFile();
                assertThat(home.resolve("logs/" + id)).isDirectory();
            }
            assertThat(Files.readString(home.resolve("pids/" + idA + "/owner.json"))).contains("\"pid\" : " + a.pid());
            assertThat(Files.readString(home.resolve("pids/" + idB + "/owner.json"))).contains("\"pid\" : " + b.pid());
            List<String> filesOfB = filesOf(idB);

            Result end = a.exec("\"$CLI\" end");

            assertThat(end.exitCode()).isZero();
            assertThat(end.stdout()).isEqualTo("Session " + idA + " ended. Run: unset MCP_SESSION_ID\n");
            assertThat(filesOf(idA)).isEmpty();
            assertThat(filesOf(idB)).isEqualTo(filesOfB);
            Result statusB = b.exec("\"$CLI\" status");
            assertThat(statusB.exitCode()).isZero();
            assertThat(statusB.stdout()).containsPattern("\n" + idB + " +- +active");
            assertThat(cli.run("status", "--all").stdout()).doesNotContain(idA).contains(idB);

            assertThat(b.exec("\"$CLI\" end").exitCode()).isZero();
        }
    }

    @Test
    void initRunFromAForkedSubshellIsOwnedByTheShellThatForkedIt() throws IOException {
        try (Shell shell = cli.shell()) {
            // "; true" keeps bash from exec'ing the CLI in place of the $(...) subshell
            String id = shell.exec("eval \"$(\"$CLI\" init; true)\" && echo \"$MCP_SESSION_ID\"").stdout().trim();

            assertThat(Files.readString(home.resolve("pids/" + id + "/owner.json"))).contains("\"pid\" : " + shell.pid());
            assertThat(shell.exec("\"$CLI\" end").exitCode()).isZero();
        }
    }

    @Test
    void twentyConcurrentInitsYieldTwentyDistinctSessionsAndStatusAllListsThem() throws IOException {
        Process owner = cli.sleeper();

        List<Result> results = IntStream.range(0, 20)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> cli.run("init", "--owner", Long.toString(owner.pid()))))
                .toList().stream().map(CompletableFuture::join).toList();

        List<String> ids = results.stream().map(r -> {
            assertThat(r.exitCode()).as(r.toString()).isZero();
            return sessionId(r);
        }).toList();
        assertThat(ids).hasSize(20).doesNotHaveDuplicates();
        for (String id : ids) {
            assertThat(home.resolve("configs/" + id + "/session.json")).isRegularFile();
        }
        Result all = cli.run("status", "--all");
        assertThat(all.exitCode()).isZero();
        for (String id : ids) {
            assertThat(all.stdout()).containsPattern("\n" + id + " +- +active");
        }
        Result json = cli.run("status", "--all", "--json");
        assertThat(json.stdout()).startsWith("[");
        ids.forEach(id -> assertThat(json.stdout()).contains("\"id\":\"" + id + "\""));

        ids.forEach(id -> assertThat(cli.run("--session", id, "end").exitCode()).isZero());
    }

    @Test
    void initPrintsExactlyTheExportLineAndHonoursNameAndOwner() throws IOException {
        Result generated = cli.run("init", "--owner", "0");
        assertThat(generated.exitCode()).as(generated.toString()).isZero();
        assertThat(generated.stdout()).matches(EXPORT);

        Result named = cli.run("init", "--name", "build-7", "--owner", "0");
        assertThat(named.stdout()).isEqualTo("export MCP_SESSION_ID=build-7\n");
        assertThat(Files.readString(home.resolve("pids/build-7/owner.json"))).contains("\"pid\" : 0");
        assertThat(Files.readString(home.resolve("configs/build-7/session.json")))
                .contains("\"cwd\" : \"" + Cli.ROOT + "\"");

        Result stateOfOne = cli.run(Map.of("MCP_SESSION_ID", "build-7"), "status");
        assertThat(stateOfOne.stdout()).containsPattern("\nbuild-7 +- +active").doesNotContain(sessionId(generated));

        cli.run("--session", "build-7", "end");
        cli.run("--session", sessionId(generated), "end");
    }

    @Test
    void initStoresTheShellsEnvironmentPrivatelyForTheSessionsServers() throws IOException {
        Result init = cli.run(Map.of("PVE_TOKEN", "s3cret-value"), "init", "--owner", "0");
        String id = sessionId(init);

        Path environment = home.resolve("configs/" + id + "/environment");
        assertThat(Files.readString(environment)).contains("PVE_TOKEN=s3cret-value\0").doesNotContain("MCP_SESSION_ID=");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(environment))).isEqualTo("rw-------");

        cli.run("--session", id, "end");
        assertThat(environment).doesNotExist();
    }

    @Test
    void refusalsExitWith1WithTheReasonOnStderr() {
        Result ghost = cli.run("--session", "ghost", "end");
        assertThat(ghost.exitCode()).isEqualTo(1);
        assertThat(ghost.stderr()).contains("No session 'ghost' (HTTP 404)");

        long dead = TestProcesses.exitedPid();
        Result deadOwner = cli.run("init", "--owner", Long.toString(dead));
        assertThat(deadOwner.exitCode()).isEqualTo(1);
        assertThat(deadOwner.stdout()).isEmpty();
        assertThat(deadOwner.stderr()).contains("Owner process " + dead + " does not run").contains("(HTTP 400)");

        assertThat(cli.run("init", "--name", "taken", "--owner", "0").exitCode()).isZero();
        Result taken = cli.run("init", "--name", "taken", "--owner", "0");
        assertThat(taken.exitCode()).isEqualTo(1);
        assertThat(taken.stdout()).isEmpty();
        assertThat(taken.stderr()).contains("A session named 'taken' already exists (HTTP 409)");
        cli.run("--session", "taken", "end");
    }

    @Test
    void aSessionWhoseShellExitedIsOrphanedAndCleanupReapsOnlyIt() {
        String orphan;
        try (Shell gone = cli.shell()) {
            orphan = gone.exec("eval \"$(\"$CLI\" init)\" && echo \"$MCP_SESSION_ID\"").stdout().trim();
        }
        String kept = sessionId(cli.run("init", "--owner", Long.toString(cli.sleeper().pid())));

        Result status = cli.run("status", "--all");
        assertThat(status.stdout()).containsPattern("\n" + orphan + " +- +orphaned")
                .containsPattern("\n" + kept + " +- +active")
                .contains("orphaned sessions (owner gone): ");

        Result dryRun = cli.run("cleanup", "--dry-run");
        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.stdout()).startsWith("Would do:\n").contains("end-session session=" + orphan)
                .doesNotContain(kept);
        assertThat(home.resolve("configs/" + orphan)).isDirectory();

        Result cleanup = cli.run("cleanup");
        assertThat(cleanup.exitCode()).isZero();
        assertThat(cleanup.stdout()).startsWith("Done:\n").contains("end-session session=" + orphan);
        assertThat(home.resolve("configs/" + orphan)).doesNotExist();
        assertThat(home.resolve("pids/" + orphan)).doesNotExist();
        assertThat(home.resolve("configs/" + kept)).isDirectory();
        cli.run("--session", kept, "end");
    }

    @Test
    void dashboardPrintsTheTokenedUrlThatLogsIn() throws Exception {
        Result dashboard = cli.run("dashboard");

        String token = Files.readString(home.resolve("token")).trim();
        assertThat(dashboard.exitCode()).isZero();
        assertThat(dashboard.stdout()).matches("http://127\\.0\\.0\\.1:\\d+/login\\?token=" + Pattern.quote(token) + "\n");
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .cookieHandler(new java.net.CookieManager()).build();
        var login = browser.send(HttpRequest.newBuilder(URI.create(dashboard.stdout().trim())).build(),
                BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.uri().getPath()).isEqualTo("/");
        assertThat(login.body()).contains("<h1>Sessions</h1>");
    }

    @Test
    void everythingUnderTheHomeIsPrivate() throws IOException {
        String id = sessionId(cli.run("init", "--owner", "0"));
        try (Stream<Path> walk = Files.walk(home)) {
            for (Path p : walk.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
                        .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        } finally {
            cli.run("--session", id, "end");
        }
    }

    static String sessionId(Result init) {
        Matcher m = EXPORT.matcher(init.stdout());
        assertThat(m.matches()).as(init.toString()).isTrue();
        return m.group(1);
    }

    static List<String> filesOf(String id) throws IOException {
        List<String> files = new java.util.ArrayList<>();
        for (String root : List.of("configs", "pids", "logs")) {
            Path dir = home.resolve(root).resolve(id);
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.forEach(p -> files.add(home.relativize(p) + " " + sizeOf(p)));
                }
            }
        }
        return files;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.isDirectory(p) ? -1 : Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
