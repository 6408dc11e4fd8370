package dev.mcpsessions.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ManagerHomeTest {

    @TempDir
    Path tmp;

    @Test
    void layoutFollowsTheOnDiskContract() {
        ManagerHome home = new ManagerHome(tmp);

        assertThat(home.managerJson()).isEqualTo(tmp.resolve("manager.json"));
        assertThat(home.lockFile()).isEqualTo(tmp.resolve("manager.lock"));
        assertThat(home.tokenFile()).isEqualTo(tmp.resolve("token"));
        assertThat(home.mainLog()).isEqualTo(tmp.resolve("logs/mcp-main.log"));
        assertThat(home.ownerFile("s1")).isEqualTo(tmp.resolve("pids/s1/owner.json"));
        assertThat(home.pidFile("s1", "fs")).isEqualTo(tmp.resolve("pids/s1/fs.json"));
        assertThat(home.sessionFile("s1")).isEqualTo(tmp.resolve("configs/s1/session.json"));
        assertThat(home.environmentFile("s1")).isEqualTo(tmp.resolve("configs/s1/environment"));
        assertThat(home.specFile("s1", "fs")).isEqualTo(tmp.resolve("configs/s1/fs.json"));
        assertThat(home.configCopyDir("s1", "fs")).isEqualTo(tmp.resolve("configs/s1/fs"));
        assertThat(home.logFile("s1", "fs")).isEqualTo(tmp.resolve("logs/s1/fs.log"));
    }

    @Test
    void rootIsAbsoluteAndNormalized() {
        ManagerHome home = new ManagerHome(tmp.resolve("a/../b"));

        assertThat(home.root()).isEqualTo(tmp.resolve("b")).isAbsolute();
    }

    static Stream<Function<ManagerHome, Path>> pathsBuiltFromABadName() {
        return Stream.of(h -> h.pidsDir("../x"), h -> h.configsDir("a/b"), h -> h.logsDir("A B"),
                h -> h.sessionFile(""), h -> h.pidFile("s1", "../../etc/passwd"), h -> h.specFile("s1", "a/b"),
                h -> h.logFile("s1", "x".repeat(65)), h -> h.configCopyDir("..", "fs"));
    }

    @ParameterizedTest
    @MethodSource("pathsBuiltFromABadName")
    void refusesToBuildAPathFromABadName(Function<ManagerHome, Path> path) {
        assertThatThrownBy(() -> path.apply(new ManagerHome(tmp))).isInstanceOf(InvalidNameException.class);
    }

    @Test
    void createLayoutMakesTheTopLevelDirectoriesPrivateEvenWhenTheyExistedWithWiderModes() throws IOException {
        Files.createDirectories(tmp.resolve("home/logs"));
        Files.setPosixFilePermissions(tmp.resolve("home"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tmp.resolve("home/logs"), PosixFilePermissions.fromString("rwxrwxrwx"));

        new ManagerHome(tmp.resolve("home")).createLayout();

        for (String dir : new String[] {"home", "home/pids", "home/configs", "home/logs"}) {
            assertThat(AtomicFilesTest.mode(tmp.resolve(dir))).as(dir).isEqualTo("rwx------");
        }
    }
}
