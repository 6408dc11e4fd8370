package dev.mcpsessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mcpsessions.Cli.Result;

/** The CLI's own contract: help, usage errors (2) and an unreachable manager (3); none of it starts a manager. */
class CliIT {

    static final String PROG = "mcp-session-manager.sh";

    @TempDir
    Path home;

    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    @AfterEach
    void noManagerWasStarted() throws IOException {
        cli.close();
        assertThat(home.resolve("manager.json")).doesNotExist();
        assertThat(home.resolve("manager.lock")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpListsTheCommandsAndExitCodes(String flag) {
        Result result = cli.run(flag);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("Usage: " + PROG)
                .contains("init [--name N] [--owner PID]", "status [--all]", "end", "cleanup [--dry-run]", "dashboard",
                        "start NAME", "stop NAME | restart NAME", "logs NAME", "check NAME", "run NAME", "mcp-json",
                        "validate-config FILE")
                .contains("Exit codes: 0 ok, 1 refused or failed, 2 usage error, 3 manager unreachable.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"init|init [--name N] [--owner PID]", "status|status [--all] [--json]",
            "end|end", "cleanup|cleanup [--dry-run]", "dashboard|dashboard", "start|start NAME",
            "stop|stop NAME", "restart|restart NAME", "logs|logs NAME [-n N] [-f]", "check|check NAME",
            "validate-config|validate-config FILE [--online]", "run|[--session ID] run NAME", "mcp-json|mcp-json"})
    void everyCommandHasHelp(String command, String usage) {
        for (String flag : new String[] {"--help", "-h"}) {
            Result result = cli.run(command, flag);

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).startsWith("Usage: " + PROG + " " + usage);
            assertThat(result.stderr()).isEmpty();
        }
    }

    @Test
    void noCommandIsAUsageError() {
        Result result = cli.run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("Usage: " + PROG);
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                arguments(List.of("frobnicate"), "unknown command 'frobnicate'"),
                arguments(List.of("--frob", "status"), "unknown option '--frob'"),
                arguments(List.of("status", "--bogus"), "status: unknown argument '--bogus'"),
                arguments(List.of("init", "--name", "A_B"), "init: invalid name 'A_B'"),
                arguments(List.of("init", "--owner", "abc"), "init: --owner takes a pid"),
                arguments(List.of("init", "--name"), "init: --name needs a value"),
                arguments(List.of("end", "extra"), "end: unknown argument 'extra'"),
                arguments(List.of("end"), "no session: run 'eval \"$(mcp-session-manager.sh init)\"' first, or pass --session ID"),
                arguments(List.of("--session", "../x", "end"), "invalid session id '../x'"),
                arguments(List.of("--session"), "--session needs a value"),
                arguments(List.of("cleanup", "--force"), "cleanup: unknown argument '--force'"),
                arguments(List.of("dashboard", "now"), "dashboard: unknown argument 'now'"),
                arguments(List.of("start"), "start: a server name is required"),
                arguments(List.of("start", "fs"), "start: a command is required"),
                arguments(List.of("start", "fs", "npx x", "--transport", "udp"), "start: --transport is stdio, http or none"),
                arguments(List.of("stop", "Bad/Name"), "invalid server name 'Bad/Name'"),
                arguments(List.of("logs", "fs", "-n", "many"), "logs: -n takes a number"),
                arguments(List.of("check"), "check: a server name, or -- COMMAND, is required"),
                arguments(List.of("run", "fs"), "run: a command is required after --"),
                arguments(List.of("validate-config"), "validate-config: a config file is required"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void usageErrorsExitWith2AndSayWhatIsWrong(List<String> args, String message) {
        Result result = cli.run(args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith(PROG + ": ").contains(message).contains("Try '" + PROG + " --help'.");
    }

    @Test
    void badSessionNamesAreRefusedBeforeAnyRequest() {
        for (String name : new String[] {"../x", "a/b", "A B", "a".repeat(65), "-x"}) {
            Result result = cli.run("init", "--name", name);

            assertThat(result.exitCode()).as("'" + name + "': " + result).isEqualTo(2);
            assertThat(result.stdout()).isEmpty();
        }
    }

    @Test
    void withoutABuiltJarTheCliSaysHowToBuildOneAndExits3() {
        Result result = cli.run(Map.of("MCP_SESSION_MANAGER_JAR", "/nonexistent/mcp-session-manager.jar"), "status", "--all");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("no manager runs for " + home)
                .contains("no built jar at /nonexistent/mcp-session-manager.jar")
                .contains("./mvnw -DskipTests package");
    }

    @Test
    void initWithoutAManagerPrintsNothingToEval() {
        Result result = cli.run(Map.of("MCP_SESSION_MANAGER_JAR", "/nonexistent"), "init");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEmpty();
        assertThat(home.resolve("configs")).doesNotExist();
    }

    @Test
    void aStaleManagerJsonIsNotTrusted() throws IOException {
        Files.writeString(home.resolve("manager.json"), "{\"pid\":999999999,\"startTime\":\"2026-01-01T00:00:00Z\","
                + "\"url\":\"http://127.0.0.1:9\",\"version\":\"old\"}");

        Result result = cli.run(Map.of("MCP_SESSION_MANAGER_JAR", "/nonexistent"), "status", "--all");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).contains("./mvnw -DskipTests package");
        Files.delete(home.resolve("manager.json"));
    }
}
