package dev.mcpsessions.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.mcpsessions.home.AtomicFiles;

/**
 * Real processes. Output goes straight from the process to its log file (O_APPEND), so logging
 * costs the manager nothing and survives a crash of the manager.
 */
@Component
class OsProcessLauncher implements ProcessLauncher {

    @Override
    public Launched launch(Launch launch) throws IOException {
        AtomicFiles.createPrivateDirectories(launch.logFile().getParent());
        AtomicFiles.createPrivateFile(launch.logFile()); // appended to, 0600 whatever the umask
        ProcessBuilder builder = new ProcessBuilder(launch.argv()).directory(launch.cwd().toFile());
        builder.environment().clear();
        builder.environment().putAll(launch.env());
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.redirectError(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()));
        if (launch.transport() == Transport.STDIO) {
            builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()));
        }
        Process process = builder.start();
        ProcessIdentity identity = ProcessIdentity.of(process.toHandle())
                .orElseGet(() -> new ProcessIdentity(process.pid(), java.time.Instant.EPOCH));
        CompletableFuture<Integer> exit = process.onExit().thenApply(Process::exitValue);
        boolean stdio = launch.transport() == Transport.STDIO;
        if (!stdio) {
            process.getInputStream().close();
        }
        return new Launched() {
            @Override
            public ProcessIdentity identity() {
                return identity;
            }

            @Override
            public OutputStream stdin() {
                return process.getOutputStream();
            }

            @Override
            public @Nullable InputStream stdout() {
                return stdio ? process.getInputStream() : null;
            }

            @Override
            public CompletableFuture<Integer> exit() {
                return exit;
            }
        };
    }
}
