package dev.mcpsessions.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary manager homes for tests that start the whole application. */
final class TestHomes {

    private TestHomes() {
    }

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix).resolve("home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the home and the temporary directory around it. */
    static void delete(Path home) {
        try (Stream<Path> files = Files.walk(home.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for the OS to clean up with the rest of /tmp
        }
    }
}
