package dev.mcpsessions.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

class OrphanReaperTest {

    final SessionRegistry sessions = mock(SessionRegistry.class);
    final OrphanReaper reaper = new OrphanReaper(sessions);

    @Test
    void aDryRunPlansTheOrphansAndChangesNothing() {
        when(sessions.list()).thenReturn(List.of(session("live", 10, false), session("gone", 11, true)));

        CleanupReport report = reaper.run(true);

        assertThat(report.dryRun()).isTrue();
        assertThat(report.actions()).containsExactly(
                new CleanupAction("end-session", "gone", null, 11L, "owner process 11 is gone"));
        verify(sessions, never()).end(anyString(), anyString());
    }

    @Test
    void aRealRunEndsExactlyWhatTheDryRunListed() {
        when(sessions.list()).thenReturn(List.of(session("live", 10, false), session("gone", 11, true),
                session("free", 0, false)));
        when(sessions.exists("gone")).thenReturn(true);
        List<CleanupAction> planned = reaper.run(true).actions();

        CleanupReport report = reaper.run(false);

        assertThat(report.actions()).isEqualTo(planned);
        verify(sessions).end("gone", "owner process 11 is gone");
        verify(sessions, never()).end(eq("live"), anyString());
        verify(sessions, never()).end(eq("free"), anyString());
    }

    @Test
    void aSessionEndedMeanwhileIsSkipped() {
        when(sessions.list()).thenReturn(List.of(session("gone", 11, true)));
        when(sessions.exists("gone")).thenReturn(false);

        reaper.run(false);

        verify(sessions, never()).end(anyString(), anyString());
    }

    static SessionView session(String id, long owner, boolean orphaned) {
        return new SessionView(id, null, null, Instant.EPOCH, owner, null, orphaned);
    }
}
