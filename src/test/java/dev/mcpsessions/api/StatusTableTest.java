package dev.mcpsessions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.session.SessionView;

class StatusTableTest {

    final StatusTable table = new StatusTable(mock(ProcessSupervisor.class)); // no servers: one row per session

    @Test
    void anEmptyHomeShowsTheHeaderOnly() {
        assertThat(table.render(List.of())).isEqualTo("SESSION  SERVER  STATE  PID  PORT  UPTIME  RESTARTS  CPU  RSS\n");
    }

    @Test
    void columnsAreAlignedAndOrphanedSessionsAreNamedWithWhatToDo() {
        String out = table.render(List.of(session("s1", false), session("a-much-longer-id", true)));

        assertThat(out).isEqualTo("""
                SESSION           SERVER  STATE     PID  PORT  UPTIME  RESTARTS  CPU  RSS
                s1                -       active    -    -     -       -         -    -
                a-much-longer-id  -       orphaned  -    -     -       -         -    -

                orphaned sessions (owner gone): a-much-longer-id; 'cleanup' removes them
                """);
    }

    @Test
    void uptimeIsShortAndHuman() {
        assertThat(StatusTable.uptime(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(StatusTable.uptime(Duration.ofSeconds(125))).isEqualTo("2m5s");
        assertThat(StatusTable.uptime(Duration.ofMinutes(61))).isEqualTo("1h1m");
        assertThat(StatusTable.uptime(Duration.ofHours(50))).isEqualTo("2d2h");
    }

    @Test
    void bytesUseBinaryUnits() {
        assertThat(StatusTable.bytes(2048)).isEqualTo("2K");
        assertThat(StatusTable.bytes(5L * 1024 * 1024 + 512 * 1024)).isEqualTo("5.5M");
        assertThat(StatusTable.bytes(3L * 1024 * 1024 * 1024)).isEqualTo("3.00G");
    }

    static SessionView session(String id, boolean orphaned) {
        return new SessionView(id, null, null, Instant.parse("2026-01-01T00:00:00Z"), 0, null, orphaned);
    }
}
