package dev.mcpsessions.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProcessIdentityTest {

    @Test
    void theCurrentProcessIsAlive() {
        ProcessIdentity me = ProcessIdentity.current();

        assertThat(me.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(me.isAlive()).isTrue();
        assertThat(ProcessIdentity.ofPid(me.pid())).contains(me);
    }

    @Test
    void theSamePidWithAnotherStartTimeIsAnotherProcess() {
        ProcessIdentity me = ProcessIdentity.current();

        assertThat(new ProcessIdentity(me.pid(), me.startTime().plusMillis(10)).isAlive()).isFalse();
    }

    @Test
    void anExitedProcessIsDead() throws Exception {
        Process process = new ProcessBuilder("sleep", "600").start();
        ProcessIdentity identity = ProcessIdentity.of(process.toHandle()).orElseThrow();

        process.destroyForcibly().waitFor();

        assertThat(identity.isAlive()).isFalse();
        assertThat(identity.handle()).isEmpty();
    }

    @Test
    void aZombieCountsAsDead() throws Exception {
        // the short sleep exits while its parent, exec'd into the long sleep, never reaps it
        Process parent = new ProcessBuilder("bash", "-c", "sleep 0.2 & exec sleep 600").start();
        try {
            ProcessHandle child = await().atMost(Duration.ofSeconds(30))
                    .until(() -> parent.toHandle().children().findFirst().orElse(null), c -> c != null);
            await().atMost(Duration.ofSeconds(30)).until(() -> ProcessIdentity.isZombie(child.pid()));
            ProcessIdentity identity = ProcessIdentity.of(child).orElseThrow(); // pid and start time still match

            assertThat(identity.isAlive()).isFalse();
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void isZombieIsFalseForALiveOrMissingProcess() {
        assertThat(ProcessIdentity.isZombie(ProcessHandle.current().pid())).isFalse();
        assertThat(ProcessIdentity.isZombie(Long.MAX_VALUE)).isFalse();
    }
}
