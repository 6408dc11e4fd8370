package dev.mcpsessions.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class HomeEnvironmentPostProcessorTest {

    @TempDir
    Path tmp;

    @Test
    void environmentVariableWinsOverPropertyAndDefault() {
        assertThat(HomeEnvironmentPostProcessor.resolve("/from/env", "/from/property", "/tmp"))
                .isEqualTo(Path.of("/from/env"));
    }

    @Test
    void propertyWinsOverDefault() {
        assertThat(HomeEnvironmentPostProcessor.resolve(null, "/from/property", "/tmp"))
                .isEqualTo(Path.of("/from/property"));
    }

    @Test
    void defaultIsMcpSessionsUnderTheTemporaryDirectory() {
        assertThat(HomeEnvironmentPostProcessor.resolve(null, null, "/var/tmp"))
                .isEqualTo(Path.of("/var/tmp/mcp-sessions"));
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(HomeEnvironmentPostProcessor.resolve("  ", "", "/var/tmp"))
                .isEqualTo(Path.of("/var/tmp/mcp-sessions"));
    }

    @Test
    void resultIsAbsoluteAndNormalized() {
        assertThat(HomeEnvironmentPostProcessor.resolve("rel/../home", null, "/tmp"))
                .isEqualTo(Path.of("home").toAbsolutePath());
    }

    @Test
    void publishesTheResolvedHomeAndPutsTheManagerLogInsideIt() throws IOException {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("MCP_SESSIONS_HOME", tmp.resolve("home").toString())
                .withProperty("mcp.home", tmp.resolve("ignored").toString());

        new HomeEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("mcp.home")).isEqualTo(tmp.resolve("home").toString());
        assertThat(environment.getProperty("logging.file.name"))
                .isEqualTo(tmp.resolve("home/logs/mcp-main.log").toString());
        assertThat(AtomicFilesTest.mode(tmp.resolve("home/logs"))).isEqualTo("rwx------");
        assertThat(tmp.resolve("ignored")).doesNotExist();
    }

    @Test
    void theManagerLogIsPrivateBeforeTheLoggingSystemOpensIt() throws IOException {
        Files.createDirectories(tmp.resolve("old/logs"));
        Files.writeString(tmp.resolve("old/logs/mcp-main.log"), "kept\n");
        Files.setPosixFilePermissions(tmp.resolve("old/logs/mcp-main.log"), PosixFilePermissions.fromString("rw-r--r--"));

        for (String home : new String[] {"new", "old"}) {
            MockEnvironment environment = new MockEnvironment().withProperty("mcp.home", tmp.resolve(home).toString());
            new HomeEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

            assertThat(AtomicFilesTest.mode(tmp.resolve(home + "/logs/mcp-main.log"))).as(home).isEqualTo("rw-------");
        }
        assertThat(tmp.resolve("old/logs/mcp-main.log")).hasContent("kept");
    }

    @Test
    void leavesAnExplicitLogFileAlone() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("mcp.home", tmp.toString())
                .withProperty("logging.file.name", "/elsewhere/manager.log");

        new HomeEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.file.name")).isEqualTo("/elsewhere/manager.log");
    }
}
