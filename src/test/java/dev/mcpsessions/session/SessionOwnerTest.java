package dev.mcpsessions.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.mcpsessions.process.ProcessIdentity;

class SessionOwnerTest {

    @Test
    void noOwnerIsNeverGone() {
        assertThat(SessionOwner.NONE.isNone()).isTrue();
        assertThat(SessionOwner.NONE.isGone()).isFalse();
    }

    @Test
    void aLiveOwnerIsNotGone() {
        assertThat(SessionOwner.of(ProcessIdentity.current()).isGone()).isFalse();
    }

    @Test
    void anOwnerWhosePidWasReusedIsGone() {
        ProcessIdentity me = ProcessIdentity.current();

        assertThat(new SessionOwner(me.pid(), me.startTime().minus(Duration.ofSeconds(1))).isGone()).isTrue();
    }

    @Test
    void anOwnerWithoutStartTimeIsGone() {
        assertThat(new SessionOwner(ProcessHandle.current().pid(), null).isGone()).isTrue();
    }

    @Test
    void anExitedOwnerIsGone() throws Exception {
        Process process = new ProcessBuilder("sleep", "600").start();
        ProcessIdentity identity = ProcessIdentity.of(process.toHandle()).orElseThrow();
        assertThat(SessionOwner.of(identity).isGone()).isFalse();

        process.destroyForcibly().waitFor();


        assertThat(SessionOwner.of(identity).isGone()).isTrue();
    }
}
