package dev.mcpsessions.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The whole manager on a temporary home, driven over HTTP with real processes. The feature test
 * classes extending this share one application context (same configuration, so Spring's test
 * context cache hands it to each); every test ends its sessions, so no server outlives it.
 * Timings are short so that backoffs and restarts take milliseconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RealManagerTest {

    /** One home for the shared context (a home is locked by the one manager that uses it). */
    static final Path home = createHome();

    /** Small log files, so a test can fill and rotate them quickly. */
    static final long LOG_MAX_BYTES = 2L * 1024 * 1024;
    static final int LOG_MAX_FILES = 3;

    @LocalServerPort
    int port;

    ManagerApi api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mcp.home", home::toString);
        registry.add("mcp.cleanup.automatic", () -> "false");
        registry.add("mcp.supervision.backoff", () -> "100ms");
        registry.add("mcp.logs.max-size", () -> LOG_MAX_BYTES + "B");
        registry.add("mcp.logs.max-files", () -> LOG_MAX_FILES);
        registry.add("mcp.dashboard.announce", () -> "false");
    }

    @BeforeEach
    void connect() {
        api = new ManagerApi(port, home);
    }

    @AfterEach
    void endSessions() {
        api.endSessions();
    }

    private static Path createHome() {
        try {
            Path dir = Files.createTempDirectory("mcp-supervision-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    FileSystemUtils.deleteRecursively(dir);
                } catch (IOException e) {
                    // a temporary directory; the OS cleans it eventually
                }
            }));
            return dir.resolve("home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
