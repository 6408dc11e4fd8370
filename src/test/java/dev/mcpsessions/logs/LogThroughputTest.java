package dev.mcpsessions.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Logging through the pump against the shell writing the file itself; run with {@code -Dbench=true}. */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class LogThroughputTest {

    private static final long BYTES = 500L * 1024 * 1024;
    private static final String OUTPUT = "yes 'a line of server output, about as long as a real one' | head -c " + BYTES;

    @TempDir
    Path dir;

    @Test
    void thePumpKeepsUpWithARedirectToAFile() throws Exception {
        double best = 0;
        for (int round = 0; round < 3; round++) {
            long shell = redirect(dir.resolve("shell-" + round + ".log"));
            long pump = pump(dir.resolve("pump-" + round).resolve("server.log"));
            double ratio = (double) shell / pump;
            System.out.printf("500 MB: shell redirect %d ms (%.0f MB/s), pump %d ms (%.0f MB/s), ratio %.2f%n",
                    shell / 1_000_000, mbPerSecond(shell), pump / 1_000_000, mbPerSecond(pump), ratio);
            best = Math.max(best, ratio);
        }
        assertThat(best).isGreaterThanOrEqualTo(0.8);
    }

    private long redirect(Path file) throws Exception {
        long start = System.nanoTime();
        Process shell = new ProcessBuilder("sh", "-c", OUTPUT + " > " + file).start();
        assertThat(shell.waitFor()).isZero();
        long elapsed = System.nanoTime() - start;
        java.nio.file.Files.delete(file);
        return elapsed;
    }

    private long pump(Path file) throws Exception {
        long start = System.nanoTime();
        Process server = new ProcessBuilder("sh", "-c", OUTPUT).start();
        RotatingLog log = new RotatingLog(file, 10L * 1024 * 1024, 5);
        Thread pump = RotatingLog.pump(server.getInputStream(), log, "bench-pump");
        pump.join();
        long elapsed = System.nanoTime() - start;
        assertThat(log.bytesWritten()).isEqualTo(BYTES);
        return elapsed;
    }

    private static double mbPerSecond(long nanos) {
        return 500 / (nanos / 1e9);
    }
}
