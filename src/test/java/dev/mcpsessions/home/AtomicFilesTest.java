package dev.mcpsessions.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void writtenFilesAre0600AndTheirNewParentsAre0700() throws IOException {
        Path file = tmp.resolve("a/b/c.json");

        AtomicFiles.write(file, "{}");

        assertThat(Files.readString(file)).isEqualTo("{}");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(tmp.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(tmp.resolve("a/b"))).isEqualTo("rwx------");
    }

    @Test
    void replacingAFileKeepsItPrivateAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = tmp.resolve("token");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        AtomicFiles.write(file, "new");

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(mode(file)).isEqualTo("rw-------");
        try (var listing = Files.list(tmp)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("token");
        }
    }

    @Test
    void createPrivateDirectoriesIsIdempotentAndLeavesExistingDirectoriesAlone() throws IOException {
        Path dir = tmp.resolve("x/y");

        assertThat(AtomicFiles.createPrivateDirectories(dir)).isEqualTo(dir);
        assertThat(AtomicFiles.createPrivateDirectories(dir)).isEqualTo(dir);

        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(tmp.resolve("x"))).isEqualTo("rwx------");
    }

    @Test
    void deleteRecursivelyRemovesATreeAndToleratesAMissingPath() throws IOException {
        AtomicFiles.write(tmp.resolve("tree/a/b/file"), "x");

        AtomicFiles.deleteRecursively(tmp.resolve("tree"));
        AtomicFiles.deleteRecursively(tmp.resolve("never-there"));

        assertThat(tmp.resolve("tree")).doesNotExist();
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
