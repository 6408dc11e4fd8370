package dev.mcpsessions.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real processes a test starts itself, with exactly the {@code MCP_*} variables it gives (none
 * inherited). On {@link #close()} they are killed with whatever they forked and whatever carries
 * the markers of the given homes, so that no test leaves an orphan behind.
 */
public final class TestProcesses implements AutoCloseable {

    private final List<Path> homes;
    private final List<Process> started = new ArrayList<>();

    /** @param homes the first one is the home of {@link #start(String, String, String...)} */
    public TestProcesses(Path... homes) {
        this.homes = List.of(homes);
    }

    /** A process marked as a start of server {@code server} in the first home. */
    public Process start(String session, String instanceId, String... argv) {
        return marked(homes.get(0), session, "server", instanceId, argv);
    }

    /** A process marked as one start of a server of {@code home}, the way the manager marks them. */
    public Process marked(Path home, String session, String server, String instanceId, String... argv) {
        return start(Markers.of(session, server, instanceId, home), argv);
    }

    /** A process with these variables only: e.g. a user's program run from a shell after {@code init}. */
    public Process start(Map<String, String> env, String... argv) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(key -> key.startsWith("MCP_"));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid of a process that has exited and been reaped: no process has it, for now. */
    public static long exitedPid() {
        try {
            Process process = new ProcessBuilder("true").start();
            process.waitFor();
            return process.pid();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static ProcessIdentity identity(Process process) {
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
