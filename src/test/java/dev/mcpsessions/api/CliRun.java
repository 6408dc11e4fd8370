package dev.mcpsessions.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One run of {@code bin/mcp-session-manager.sh} against a home whose manager already runs. */
record CliRun(int exitCode, String stdout, String stderr) {

    private static final Path SCRIPT = Path.of("bin/mcp-session-manager.sh").toAbsolutePath();

    static CliRun of(Path home, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().keySet().removeIf(k -> k.startsWith("MCP_"));
        builder.environment().put("MCP_SESSIONS_HOME", home.toString());
        try {
            Process cli = builder.start();
            cli.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(cli.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(cli.getErrorStream()));
            if (!cli.waitFor(90, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new IllegalStateException("CLI did not return: " + command);
            }
            return new CliRun(cli.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
