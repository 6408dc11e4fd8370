package dev.mcpsessions.mcp;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The reference servers from npm ({@code npm install -g @modelcontextprotocol/server-filesystem
 * @modelcontextprotocol/server-everything}). Found as the bin links npm puts on PATH, else as the
 * package's entry point under the global node_modules run with node. Missing servers skip the
 * test locally and fail it in CI (env CI=true), where they must be installed.
 */
final class NpmServers {

    static final String FILESYSTEM = "server-filesystem";
    static final String EVERYTHING = "server-everything";

    private NpmServers() {}

    /** The argv that starts the server, or the test is skipped (locally) or failed (CI). */
    static List<String> require(String server) {
        Optional<List<String>> command = locate(server);
        if (command.isEmpty()) {
            String message = "@modelcontextprotocol/" + server + " is not installed: npm install -g @modelcontextprotocol/" + server;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        return command.get();
    }

    static Optional<List<String>> locate(String server) {
        String bin = "mcp-" + server;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, bin);
            if (Files.isExecutable(candidate)) {
                return Optional.of(new ArrayList<>(List.of(candidate.toString())));
            }
        }
        List<Path> roots = new ArrayList<>(List.of(Path.of("/usr/lib/node_modules"), Path.of("/usr/local/lib/node_modules")));
        npmRoot().ifPresent(roots::add);
        for (Path root : roots) {
            Path entry = root.resolve("@modelcontextprotocol").resolve(server).resolve("dist/index.js");
            if (Files.isRegularFile(entry)) {
                return Optional.of(new ArrayList<>(List.of("node", entry.toString())));
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> npmRoot() {
        try {
            Process npm = new ProcessBuilder("npm", "root", "-g").redirectErrorStream(true).start();
            npm.getOutputStream().close();
            if (!npm.waitFor(20, TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                return Optional.empty();
            }
            String root = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return npm.exitValue() == 0 && !root.isEmpty() ? Optional.of(Path.of(root)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
