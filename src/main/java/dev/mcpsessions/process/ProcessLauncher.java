package dev.mcpsessions.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/** Starts a server's process; an interface so that supervision logic can be tested without the OS. */
public interface ProcessLauncher {

    /**
     * @param argv never run through a shell
     * @param env the complete environment (nothing is inherited)
     * @param logFile appended to directly by the process (stdout and stderr; stderr only for stdio)
     */
    record Launch(List<String> argv, Map<String, String> env, Path cwd, Path logFile, Transport transport) {}

    /** A started process: the manager holds its stdin open; stdout is readable only for stdio. */
    interface Launched {
        ProcessIdentity identity();

        OutputStream stdin();

        @Nullable InputStream stdout();

        /** Completes with the exit code when the process exits. */
        CompletableFuture<Integer> exit();
    }

    Launched launch(Launch launch) throws IOException;
}
