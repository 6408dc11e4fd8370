package dev.mcpsessions.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.mcpsessions.logs.LogTail;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.process.ServerView;

/** Waits for a started server to settle; a FATAL end becomes {@link ServerFailedException} with its log tail. */
@Component
class ServerStartWaiter {

    private static final int LOG_LINES = 15;

    private final ProcessSupervisor supervisor;

    ServerStartWaiter(ProcessSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    ServerView settle(ServerView started, boolean wait, Duration timeout) {
        if (!wait) {
            return started;
        }
        ServerView settled;
        try {
            settled = supervisor.awaitSettled(started.session(), started.name(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + started.name());
        }
        if (settled.state() == ServerState.FATAL || settled.state() == ServerState.EXITED) {
            List<String> tail = LogTail.lastLines(Path.of(settled.logFile()), LOG_LINES);
            throw new ServerFailedException(settled, tail);
        }
        if (settled.state() != ServerState.RUNNING) {
            throw new ServerFailedException(settled, List.of("still " + settled.state() + " after " + timeout.toSeconds() + " s"));
        }
        return settled;
    }
}
