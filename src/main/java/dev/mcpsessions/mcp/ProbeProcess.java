package dev.mcpsessions.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * A server process that {@code check -- <command>} starts itself: argv executed directly (never
 * through a shell), stderr drained into a bounded tail, and the stdio shutdown order of the
 * specification at the end. Every process it starts carries {@link #MARKER} so that descendants
 * re-parented away from the server are found too.
 */
final class ProbeProcess implements AutoCloseable {

    static final String MARKER = "MCP_PROBE_ID";
    private static final int STDERR_TAIL = 4096;

    private final Process process;
    private final String marker;
    private final StringBuilder stderr = new StringBuilder();
    private final McpStdioSession session;

    private ProbeProcess(Process process, String marker) {
        this.process = process;
        this.marker = marker;
        this.session = new McpStdioSession(process.getOutputStream(), process.getInputStream());
        Thread drain = new Thread(this::drainStderr, "mcp-probe-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    static ProbeProcess start(List<String> argv, Map<String, String> env, @Nullable Path cwd) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no command to check");
        }
        String marker = MARKER + "=" + UUID.randomUUID();
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(env);
        builder.environment().put(MARKER, marker.substring(MARKER.length() + 1));
        if (cwd != null) {
            builder.directory(cwd.toFile());
        }
        try {
            return new ProbeProcess(builder.start(), marker);
        } catch (IOException e) {
            throw new McpException(McpException.Kind.CLOSED, "cannot start " + argv.get(0) + ": " + e.getMessage(), "");
        }
    }

    McpStdioSession session() {
        return session;
    }

    /** Exit code and the stderr tail: what to show beside a failed exchange. */
    String context() {
        String exit = process.isAlive() ? "" : "exit code " + process.exitValue() + "\n";
        String tail;
        synchronized (stderr) {
            tail = stderr.isEmpty() ? "stderr: (nothing)" : "stderr (last lines):\n" + stderr;
        }
        return exit + tail;
    }

    /**
     * Closes stdin, waits; sends SIGTERM, waits; sends SIGKILL. Then waits briefly for the
     * descendants seen before shutdown and kills any that survived (reporting them).
     */
    Shutdown shutdown(Duration wait) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        long started = System.nanoTime();
        Shutdown.Step step;
        if (!process.isAlive()) {
            step = Shutdown.Step.EXITED_BEFORE;
        } else {
            closeStdin();
            if (waitFor(wait)) {
                step = Shutdown.Step.STDIN_CLOSED;
            } else {
                process.destroy();
                if (waitFor(wait)) {
                    step = Shutdown.Step.SIGTERM;
                } else {
                    process.destroyForcibly();
                    step = waitFor(wait) ? Shutdown.Step.SIGKILL : Shutdown.Step.STILL_ALIVE;
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Integer exitCode = process.isAlive() ? null : process.exitValue();
        List<String> survivors = Survivors.killRemaining(tree, marker, Duration.ofMillis(500));
        awaitStdoutEnd();
        session.close();
        return new Shutdown(step, exitCode, took, survivors);
    }

    /** Ends the process and its tree at once: for the helper process of a single check. */
    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        session.close();
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(2));
        Survivors.killRemaining(tree, marker, Duration.ZERO);
    }

    /** Only stdin: stdout stays open so that the lines still in the pipe are read to the end. */
    private void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed: the server sees end of input either way
        }
    }

    /** A surviving descendant could hold stdout open, hence the bound. */
    private void awaitStdoutEnd() {
        try {
            session.stdoutClosed().get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // judge what has been read
        }
    }

    private boolean waitFor(Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void drainStderr() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getErrorStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (stderr) {
                    stderr.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (stderr.length() > STDERR_TAIL) {
                        stderr.delete(0, stderr.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // the pipe closed with the process: nothing more to keep
        }
    }

    /**
     * How the shutdown went.
     *
     * @param step what ended the server
     * @param exitCode its exit code, null if it is still alive
     * @param took time from closing stdin to the server's exit
     * @param survivors descendants still alive after the server exited (since killed)
     */
    record Shutdown(Step step, @Nullable Integer exitCode, Duration took, List<String> survivors) {
        enum Step { EXITED_BEFORE, STDIN_CLOSED, SIGTERM, SIGKILL, STILL_ALIVE }
    }
}
