package dev.mcpsessions.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mcpsessions.home.JsonFiles;
import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.home.ManagerLock;
import tools.jackson.databind.json.JsonMapper;

class ApiTokenTest {

    @TempDir
    Path tmp;

    ManagerHome home;
    ManagerLock lock;

    @BeforeEach
    void setUp() {
        home = new ManagerHome(tmp);
        home.createLayout();
        lock = ManagerLock.acquire(home, new JsonFiles(JsonMapper.builder().build(), Clock.systemUTC()));
    }

    @AfterEach
    void tearDown() {
        lock.close();
    }

    @Test
    void theFirstStartCreatesARandomPrivateToken() throws Exception {
        ApiToken token = new ApiToken(home, lock);

        assertThat(token.reveal()).matches("[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(home.tokenFile())).isEqualTo(token.reveal() + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.tokenFile()))).isEqualTo("rw-------");
    }

    @Test
    void laterStartsKeepTheToken() {
        String first = new ApiToken(home, lock).reveal();

        assertThat(new ApiToken(home, lock).reveal()).isEqualTo(first);
    }

    @Test
    void aTooShortTokenFileIsReplaced() throws Exception {
        Files.writeString(home.tokenFile(), "short\n");

        assertThat(new ApiToken(home, lock).reveal()).hasSize(43);
    }

    @Test
    void matchesOnlyTheExactToken() {
        ApiToken token = new ApiToken(home, lock);

        assertThat(token.matches(token.reveal())).isTrue();
        assertThat(token.matches(token.reveal() + "x")).isFalse();
        assertThat(token.matches(token.reveal().substring(1))).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }
}
