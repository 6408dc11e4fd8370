package dev.mcpsessions.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.mcpsessions.home.Names;
import dev.mcpsessions.session.SessionEnvironment;

/** Checks a spec before anything is spawned or written, and turns it into an argv. */
final class SpecResolver {

    private SpecResolver() {
    }

    static void validate(ServerSpec spec, Map<String, String> sessionEnv, Path cwd) {
        Names.requireValid("server", spec.name());
        List<String> argv = words(spec);
        spec.envOrEmpty().forEach((name, value) -> {
            try {
                SessionEnvironment.requireValidName(name);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException(e.getMessage());
            }
            if (value == null || value.indexOf('\0') >= 0) {
                throw new InvalidSpecException("env " + name + ": value must be a string without NUL characters");
            }
        });
        if (spec.port() != null) {
            port(spec.port());
        }
        if (!Files.isDirectory(cwd)) {
            throw new InvalidSpecException("cwd '" + cwd + "' is not a directory");
        }
        if (spec.startSecs() != null && (spec.startSecs() < 0 || spec.startSecs() > 3600)) {
            throw new InvalidSpecException("startSecs must be between 0 and 3600 seconds");
        }
        if (spec.stopWait() != null && (spec.stopWait() < 0 || spec.stopWait() > 3600)) {
            throw new InvalidSpecException("stopWait must be between 0 and 3600 seconds");
        }
        if (spec.startRetries() != null && (spec.startRetries() < 0 || spec.startRetries() > 100)) {
            throw new InvalidSpecException("startRetries must be between 0 and 100");
        }
        if (spec.exitCodes() != null && spec.exitCodes().stream().anyMatch(c -> c == null || c < 0 || c > 255)) {
            throw new InvalidSpecException("exitCodes must be numbers from 0 to 255");
        }
        if (spec.stopSignal() != null) {
            try {
                StopSignal.parse(spec.stopSignal());
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException(e.getMessage());
            }
        }
        String path = sessionEnv.getOrDefault("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        executable(argv.get(0), cwd, spec.envOrEmpty().getOrDefault("PATH", path));
    }

    /** The words of {@code command} or {@code argv}; exactly one of them, not empty. */
    static List<String> words(ServerSpec spec) {
        if ((spec.command() == null) == (spec.argv() == null)) {
            throw new InvalidSpecException("give exactly one of 'command' (a string) and 'argv' (a list)");
        }
        List<String> argv;
        if (spec.command() != null) {
            try {
                argv = CommandLine.split(spec.command());
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("command: " + e.getMessage());
            }
        } else {
            argv = spec.argv();
        }
        if (argv.isEmpty() || argv.get(0) == null || argv.get(0).isBlank()) {
            throw new InvalidSpecException("empty command");
        }
        if (argv.stream().anyMatch(a -> a == null || a.indexOf('\0') >= 0)) {
            throw new InvalidSpecException("argv entries must be strings without NUL characters");
        }
        return argv;
    }

    /** The argv with {@code {port}} replaced by the leased port. */
    static List<String> argv(ServerSpec spec, @Nullable Integer port) {
        List<String> argv = new ArrayList<>();
        for (String word : words(spec)) {
            argv.add(port == null ? word : word.replace("{port}", Integer.toString(port)));
        }
        return argv;
    }

    /** @return null for auto, else the fixed port */
    static @Nullable Integer port(String value) {
        if ("auto".equals(value)) {
            return null;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new InvalidSpecException("port must be \"auto\" or a number from 1 to 65535, got '" + value + "'");
    }

    /** Finds the program like execvp would, so a typo is refused before anything starts. */
    static Path executable(String program, Path cwd, String path) {
        if (program.contains("/")) {
            Path p = cwd.resolve(program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
            throw new InvalidSpecException("command not found or not executable: " + program);
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir).resolve(program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new InvalidSpecException("command not found: " + program + " (searched PATH " + path + ")");
    }
}
