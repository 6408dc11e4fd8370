package dev.mcpsessions;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mcpsessions.home.ManagerInfo;
import dev.mcpsessions.process.ProcessIdentity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real CLI, {@code bin/mcp-session-manager.sh}, run against one home and the packaged jar, the
 * way a user runs it. Remembers every manager and helper process it saw and stops them on close,
 * so no test leaves one behind.
 */
public final class Cli implements AutoCloseable {

    public static final Path ROOT = Path.of("").toAbsolutePath();
    public static final Path SCRIPT = ROOT.resolve("bin/mcp-session-manager.sh");
    public static final Path JAR = ROOT.resolve("target/mcp-session-manager.jar");
    /** A manager takes seconds to start on an idle machine and much longer on a loaded one. */
    public static final Duration STARTUP = Duration.ofMinutes(3);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path home;
    private final Path outputs;
    private final Map<String, String> extraEnvironment;
    private final Set<ProcessIdentity> managers = ConcurrentHashMap.newKeySet();
    private final List<Process> processes = new CopyOnWriteArrayList<>();

    public record Result(int exitCode, String stdout, String stderr) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    public Cli(Path home) {
        this(home, Map.of());
    }

    /** @param extraEnvironment passed to the CLI and so to the manager it starts (Spring reads MCP_* too) */
    public Cli(Path home, Map<String, String> extraEnvironment) {
        this.home = home;
        this.extraEnvironment = extraEnvironment;
        try {
            this.outputs = Files.createTempDirectory("mcp-cli-out-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    /** The environment of a user's shell pointed at this home; no inherited MCP_* variable leaks in. */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("MCP_"));
        env.put("MCP_SESSIONS_HOME", home.toString());
        env.put("MCP_MANAGER_PORT", "0");
        env.put("MCP_MANAGER_START_TIMEOUT", Long.toString(STARTUP.toSeconds()));
        env.putAll(extraEnvironment);
        return env;
    }

    public Result run(String... args) {
        return run(Map.of(), args);
    }

    public Result run(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment());
        builder.environment().putAll(env);
        Result result = exec(builder, STARTUP.plusMinutes(1));
        rememberManager();
        return result;
    }

    /** A manager started without the CLI, and where its output goes. */
    public record Launched(Process process, Path outputFile) {

        public String output() {
            try {
                return Files.readString(outputFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code java -jar target/mcp-session-manager.jar args...} on this home, as {@code spring-boot:run} would. */
    public Launched startJar(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("MCP_"));
        builder.environment().put("MCP_SESSIONS_HOME", home.toString());
        builder.environment().putAll(extraEnvironment);
        Path out = outputs.resolve("jar-" + RUNS.incrementAndGet() + ".out");
        builder.redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        return new Launched(track(builder), out);
    }

    /** A long-lived process to own sessions, standing in for a terminal's shell. */
    public Process sleeper() {
        return track(new ProcessBuilder("sleep", "600").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD));
    }

    /** A bash reading commands from a pipe: a shell the user types into, with {@code $CLI} set. */
    public Shell shell() {
        ProcessBuilder builder = new ProcessBuilder("bash").directory(ROOT.toFile())
                .redirectError(outputs.resolve("shell-" + RUNS.incrementAndGet() + ".err").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment());
        builder.environment().put("CLI", SCRIPT.toString());
        return new Shell(track(builder));
    }

    /** The manager that {@code manager.json} names, if the file is there. */
    public Optional<ManagerInfo> managerInfo() {
        Path file = home.resolve("manager.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(Files.readString(file), ManagerInfo.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // being replaced this very moment
        }
    }

    /** The running manager, waiting for it to write manager.json. */
    public ProcessIdentity awaitManager() {
        ManagerInfo info = await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).until(
                () -> managerInfo().filter(i -> new ProcessIdentity(i.pid(), i.startTime()).isAlive()).orElse(null),
                i -> i != null);
        ProcessIdentity manager = new ProcessIdentity(info.pid(), info.startTime());
        managers.add(manager);
        return manager;
    }

    private void rememberManager() {
        managerInfo().map(i -> new ProcessIdentity(i.pid(), i.startTime())).ifPresent(managers::add);
    }

    /** Stops every manager seen on this home and every process started here: TERM, then KILL. */
    @Override
    public void close() {
        rememberManager();
        List<ProcessHandle> handles = new ArrayList<>();
        managers.forEach(m -> m.handle().ifPresent(handles::add));
        processes.forEach(p -> handles.add(p.toHandle()));
        handles.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : handles) {
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        try (var walk = Files.walk(outputs)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // only test output
        }
    }

    private Process track(ProcessBuilder builder) {
        try {
            Process process = builder.start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result exec(ProcessBuilder builder, Duration timeout) {
        int run = RUNS.incrementAndGet();
        Path out = outputs.resolve("run-" + run + ".out");
        Path err = outputs.resolve("run-" + run + ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("CLI did not finish within " + timeout + ": " + builder.command()
                        + "\n" + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    /** One interactive-style shell: commands in on stdin, their output back with the exit status. */
    public static final class Shell implements AutoCloseable {

        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        Shell(Process process) {
            this.process = process;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        public long pid() {
            return process.pid();
        }

        /** Runs one command line in this shell; its stdout and its exit status. */
        public Result exec(String commandLine) {
            String marker = "__exit_status_" + RUNS.incrementAndGet() + "=";
            try {
                in.write(commandLine + "\necho \"" + marker + "$?\"\n");
                in.flush();
                return CompletableFuture.supplyAsync(() -> readUntil(marker)).get(STARTUP.toSeconds() + 60, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new AssertionError("shell command did not finish: " + commandLine, e);
            }
        }

        private Result readUntil(String marker) {
            StringBuilder text = new StringBuilder();
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(marker)) {
                        return new Result(Integer.parseInt(line.substring(marker.length())), text.toString(), "");
                    }
                    text.append(line).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("shell exited; output so far: " + text);
        }

        /** The user closes the terminal. */
        @Override
        public void close() {
            try {
                in.close();
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (IOException e) {
                process.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
