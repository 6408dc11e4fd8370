package dev.mcpsessions.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mcpsessions.home.AtomicFiles;
import dev.mcpsessions.process.TestProcesses;

import tools.jackson.databind.JsonNode;

/** A home with broken files: the manager starts, says which file is bad, and moves it aside instead of deleting it. */
class DamagedHomeIT {

    static final String TRUNCATED_SPEC = "{\"spec\": {\"name\": \"web\", \"comm";
    static final String TRUNCATED_SESSION = "{\"id\": \"bad\", \"createdAt\": \"2026-";

    @TempDir
    Path home;

    ManagerProcess manager;

    @AfterEach
    void tearDown() {
        if (manager != null) {
            manager.close();
        }
        new TestProcesses(home).close();
    }

    @Test
    void corruptFilesAreMovedAsideNamedInTheLogAndTheManagerStarts() throws IOException {
        AtomicFiles.write(home.resolve("configs/good/session.json"),
                "{\"id\": \"good\", \"createdAt\": \"2026-01-01T00:00:00Z\", \"label\": null, \"cwd\": null}");
        AtomicFiles.write(home.resolve("pids/good/owner.json"), "{\"pid\": 0, \"startTime\": null}");
        AtomicFiles.write(home.resolve("configs/good/web.json"), TRUNCATED_SPEC);
        AtomicFiles.write(home.resolve("pids/good/web.json"), "this is not JSON");
        AtomicFiles.write(home.resolve("pids/good/other.json"), "{\"pid\": 1}");
        AtomicFiles.write(home.resolve("configs/bad/session.json"), TRUNCATED_SESSION);
        AtomicFiles.write(home.resolve("configs/Not A Session/notes.txt"), "mine");

        manager = ManagerProcess.start(home);

        JsonNode sessions = manager.get("/api/sessions");
        assertThat(sessions.findValuesAsString("id")).containsExactly("good");
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(home.resolve("pids/good/other.json")));
        assertThat(aside(home.resolve("configs/good"), "web.json")).hasContent(TRUNCATED_SPEC);
        assertThat(aside(home.resolve("configs/bad"), "session.json")).hasContent(TRUNCATED_SESSION);
        assertThat(aside(home.resolve("pids/good"), "web.json")).hasContent("this is not JSON");
        assertThat(aside(home.resolve("pids/good"), "other.json")).hasContent("{\"pid\": 1}");
        assertThat(home.resolve("configs/Not A Session/notes.txt")).hasContent("mine");
        String log = Files.readString(home.resolve("logs/mcp-main.log"));
        for (String file : List.of("configs/good/web.json", "configs/bad/session.json", "pids/good/web.json",
                "pids/good/other.json")) {
            assertThat(log).contains("Corrupt file " + home.resolve(file) + " moved aside");
        }
        assertThat(log).contains("Unknown entry " + home.resolve("configs/Not A Session") + " in the home");
    }

    /** The one file {@code name} was moved aside to. */
    private static Path aside(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> moved = files.filter(p -> p.getFileName().toString().startsWith(name + ".corrupt-")).toList();
            assertThat(moved).as("%s moved aside in %s", name, dir).hasSize(1);
            return moved.get(0);
        }
    }
}
