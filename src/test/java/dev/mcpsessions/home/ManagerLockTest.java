package dev.mcpsessions.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

class ManagerLockTest {

    @TempDir
    Path tmp;

    ManagerHome home;
    JsonFiles json;

    @BeforeEach
    void setUp() {
        home = new ManagerHome(tmp);
        home.createLayout();
        json = new JsonFiles(JsonMapper.builder().build(), Clock.systemUTC());
    }

    @Test
    void secondLockOnTheSameHomeFailsWithExitCode2AndNamesTheRunningManager() {
        json.write(home.managerJson(), new ManagerInfo(4242, Instant.parse("2026-01-01T00:00:00Z"),
                "http://127.0.0.1:8787", "1.0"));
        try (ManagerLock first = ManagerLock.acquire(home, json)) {
            assertThatThrownBy(() -> ManagerLock.acquire(home, json))
                    .isInstanceOfSatisfying(HomeLockedException.class, e -> {
                        assertThat(e.getExitCode()).isEqualTo(2);
                        assertThat(e.home()).isEqualTo(tmp.toString());
                        assertThat(e.running().pid()).isEqualTo(4242);
                    })
                    .hasMessage("Another MCP Session Manager already runs on home " + tmp
                            + " (pid 4242, http://127.0.0.1:8787)");
        }
    }

    @Test
    void messageStillReadsWellWithoutManagerJson() {
        try (ManagerLock first = ManagerLock.acquire(home, json)) {
            assertThatThrownBy(() -> ManagerLock.acquire(home, json))
                    .hasMessage("Another MCP Session Manager already runs on home " + tmp);
        }
    }

    @Test
    void aReleasedLockCanBeTakenAgainAndTheLockFileIsPrivate() throws Exception {
        ManagerLock.acquire(home, json).close();

        try (ManagerLock again = ManagerLock.acquire(home, json)) {
            assertThat(AtomicFilesTest.mode(home.lockFile())).isEqualTo("rw-------");
        }
    }

    @Test
    void failureAnalysisTellsWhatToDoInsteadOfAStackTrace() {
        var analysis = new HomeLockedFailureAnalyzer().analyze(new RuntimeException("wrapped",
                new HomeLockedException("/h", new ManagerInfo(7, Instant.EPOCH, "http://127.0.0.1:1", "v"))));

        assertThat(analysis.getDescription()).isEqualTo(
                "Another MCP Session Manager already runs on home /h (pid 7, http://127.0.0.1:1).");
        assertThat(analysis.getAction()).contains("MCP_SESSIONS_HOME");
    }
}
