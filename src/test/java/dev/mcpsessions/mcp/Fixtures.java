package dev.mcpsessions.mcp;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fixture servers under src/test/resources/mcp, and the processes tests start from them. */
final class Fixtures {

    private final List<Process> started = new ArrayList<>();

    static List<String> command(String mode) {
        return List.of(python(), script().toString(), mode);
    }

    /** Starts a fixture as the supervisor would: the test holds the pipes. */
    Process start(String mode) throws IOException {
        Process process = new ProcessBuilder(command(mode)).start();
        started.add(process);
        return process;
    }

    /** Kills everything started here, with descendants; for @AfterEach. */
    void killAll() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        started.clear();
    }

    private static Path script() {
        try {
            return Path.of(Fixtures.class.getResource("/mcp/fixture-server.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String python() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Path.of(dir, "python3").toFile().canExecute()) {
                return Path.of(dir, "python3").toString();
            }
        }
        return "/usr/bin/python3";
    }
}
