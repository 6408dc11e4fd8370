package dev.mcpsessions.cleanup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mcpsessions.process.MarkedProcesses;
import dev.mcpsessions.process.Markers;
import dev.mcpsessions.process.ProcessIdentity;

/**
 * Processes a test starts itself, with exactly the {@code MCP_*} variables it gives (none
 * inherited), all killed on {@link #close()} together with whatever carries the given homes'
 * markers, so that no test leaves one behind.
 */
final class Spawned implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();
    private final Set<Path> homes;

    Spawned(Path... homes) {
        this.homes = Set.of(homes);
    }

    /** A process marked as one start of a server of {@code home}, the way the manager marks them. */
    Process marked(Path home, String session, String server, String instance, String... argv) {
        return start(Markers.of(session, server, instance, home), argv);
    }

    /** A process with these variables only: e.g. a user's program run from a shell after {@code init}. */
    Process start(Map<String, String> env, String... argv) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(key -> key.startsWith("MCP_"));
        builder.environment().putAll(new HashMap<>(env));
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
        for (Path home : homes) {
            MarkedProcesses.scan(home).forEach(m -> m.identity().handle().ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
