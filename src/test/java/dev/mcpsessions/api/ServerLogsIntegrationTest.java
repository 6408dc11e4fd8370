package dev.mcpsessions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.mcpsessions.process.MarkedProcesses;

/** Server logs through the API: the size cap under a flood of output, the tail, and the live stream. */
class ServerLogsIntegrationTest extends RealManagerTest {

    private static final long CAP = LOG_MAX_BYTES * (LOG_MAX_FILES + 1);

    @Test
    void aServerWriting200MegabytesKeepsItsLogsWithinTheCap() throws Exception {
        String session = api.newSession();
        long flood = 200L * 1024 * 1024;
        api.startRunning(session, Map.of("name", "noisy", "startSecs", 0, "argv", List.of("sh", "-c",
                "yes 'a line of server output, about as long as a real one' | head -c " + flood
                        + "; exec sleep 600")));
        String instance = ManagerApi.JSON.readTree(Files.readString(home.resolve("pids/" + session + "/noisy.json")))
                .path("instance").asString();
        Path log = home.resolve("logs/" + session + "/noisy.log");
        AtomicLong peak = new AtomicLong();

        // the flood is over when only the exec'd sleep is left of the server's tree
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            peak.accumulateAndGet(totalSize(log), Math::max);
            return MarkedProcesses.withInstance(home, instance).size() == 1;
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> totalSize(log) <= CAP);
        assertThat(logFiles(log)).containsExactly("noisy.log", "noisy.log.1", "noisy.log.2", "noisy.log.3");
        for (int i = 1; i <= LOG_MAX_FILES; i++) {
            assertThat(Files.size(log.resolveSibling("noisy.log." + i))).isBetween(1L, LOG_MAX_BYTES);
        }
        assertThat(Files.size(log)).isLessThanOrEqualTo(LOG_MAX_BYTES);
        System.out.printf("200 MB flood: peak of all log files %d MB against a cap of %d MB%n", peak.get() >> 20, CAP >> 20);
        // capped while it was written, not just afterwards: the active file only passes max-size by
        // what is written between two checks of the rotator
        assertThat(peak.get()).isLessThan(64L << 20);
        List<String> tail = List.of(api.getText("/api/sessions/" + session + "/servers/noisy/logs?lines=3").body()
                .split("\n"));
        assertThat(tail).hasSize(3).allSatisfy(line -> assertThat(line)
                .isEqualTo("a line of server output, about as long as a real one".substring(0, line.length())));
        assertThat(api.server(session, "noisy").path("state").asString()).isEqualTo("RUNNING");
    }

    @Test
    void theLogStreamDeliversTheLastLinesThenNewOnes() throws Exception {
        String session = api.newSession();
        api.startRunning(session, Map.of("name", "ticker", "startSecs", 0, "argv", List.of("sh", "-c",
                "i=0; while :; do i=$((i+1)); echo \"tick $i\"; sleep 0.05; done")));
        Path log = home.resolve("logs/" + session + "/ticker.log");
        await().until(() -> Files.readAllLines(log).size() >= 20);

        int linesBefore = Files.readAllLines(log).size();
        HttpResponse<Stream<String>> stream = api.stream("/api/sessions/" + session + "/servers/ticker/logs/stream?lines=5");
        List<Integer> ticks = new ArrayList<>();
        try (Stream<String> lines = stream.body()) {
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                Iterator<String> it = lines.iterator();
                while (ticks.size() < 15 && it.hasNext()) {
                    String line = it.next();
                    if (line.startsWith("data:")) {
                        synchronized (ticks) {
                            ticks.add(Integer.parseInt(line.substring(line.indexOf("tick ") + 5).trim()));
                        }
                    }
                }
            });
            reading.get(30, TimeUnit.SECONDS);
        }

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        // the tail is the last 5 lines (not the whole log); tail and follow join without a gap or a repeat
        assertThat(ticks.get(0)).isGreaterThanOrEqualTo(linesBefore - 4);
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i)).as("tick after %d", ticks.get(i - 1)).isEqualTo(ticks.get(i - 1) + 1);
        }
    }

    private static long totalSize(Path log) throws IOException {
        long total = 0;
        for (String name : logFiles(log)) {
            try {
                total += Files.size(log.resolveSibling(name));
            } catch (java.nio.file.NoSuchFileException e) {
                // rotated away between the listing and the size
            }
        }
        return total;
    }

    private static List<String> logFiles(Path log) throws IOException {
        try (Stream<Path> files = Files.list(log.getParent())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(log.getFileName().toString()))
                    .sorted().toList();
        }
    }
}
