package dev.mcpsessions.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts real processes for tests, every one marked with the test's home, and kills all of them
 * (and whatever they forked) on {@link #close()}, so no test leaves an orphan behind.
 */
final class TestProcesses implements AutoCloseable {

    private final Path home;
    private final List<Process> started = new ArrayList<>();

    TestProcesses(Path home) {
        this.home = home;
    }

    /** A process with all four markers. */
    Process start(String session, String instanceId, String... argv) {
        return start(Markers.of(session, "server", instanceId, home), argv);
    }

    /** A process with exactly these markers (and the home, so that cleanup finds it). */
    Process start(Map<String, String> markers, String... argv) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("MCP_"));
        Map<String, String> all = new HashMap<>(markers);
        all.putIfAbsent(Markers.MCP_MANAGER_HOME, Markers.homeValue(home));
        env.putAll(all);
        try {
            Process process = builder.start();
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProcessIdentity identity(Process process) {
        return ProcessIdentity.of(process.toHandle()).orElseThrow();
    }

    @Override
    public void close() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        MarkedProcesses.scan(home).forEach(marked -> marked.identity().handle().ifPresent(ProcessHandle::destroyForcibly));
    }
}
