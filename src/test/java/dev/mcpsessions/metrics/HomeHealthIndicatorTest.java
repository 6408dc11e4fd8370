package dev.mcpsessions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.mcpsessions.home.AtomicFiles;
import dev.mcpsessions.home.ManagerHome;

class HomeHealthIndicatorTest {

    @TempDir
    Path dir;

    @Test
    void aWritableHomeIsUpWithFreeSpaceAndLogVolumeAndLeavesNoProbeBehind() throws IOException {
        ManagerHome home = home();
        AtomicFiles.write(home.logFile("s1", "web"), "0123456789");
        AtomicFiles.write(home.mainLog(), "12345");

        Health health = new HomeHealthIndicator(home).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("writable", true).containsEntry("logBytes", 15L)
                .containsEntry("path", home.root().toString());
        assertThat((Long) health.getDetails().get("freeBytes")).isPositive();
        assertThat(home.root().resolve(HomeHealthIndicator.PROBE_FILE)).doesNotExist();
    }

    @Test
    void anUnwritableHomeIsDownWithTheReasonAndUpOnceRestored() throws IOException {
        ManagerHome home = home();
        HomeHealthIndicator indicator = new HomeHealthIndicator(home);
        // Tests run as root, which ignores permission bits, and chattr needs a file system that
        // supports it: a directory where the probe file goes fails the write the same way for anyone.
        Path probe = home.root().resolve(HomeHealthIndicator.PROBE_FILE);
        Files.createDirectories(probe.resolve("blocker"));

        Health down = indicator.health();

        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("writable", false);
        assertThat((String) down.getDetails().get("reason")).startsWith("cannot write in the home: ")
                .contains(probe.toString());

        Files.delete(probe.resolve("blocker"));
        Files.delete(probe);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    private ManagerHome home() {
        ManagerHome home = new ManagerHome(dir.resolve("home"));
        home.createLayout();
        return home;
    }
}
