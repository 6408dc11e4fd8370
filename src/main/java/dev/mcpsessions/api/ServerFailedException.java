package dev.mcpsessions.api;

import java.util.List;

import dev.mcpsessions.process.ServerView;

/** A start that ended FATAL (or did not settle): the reason and the server's last log lines. */
class ServerFailedException extends RuntimeException {

    private final transient ServerView server;

    ServerFailedException(ServerView server, List<String> logTail) {
        super("Server '" + server.name() + "' is " + server.state()
                + (server.lastError() == null ? "" : ": " + server.lastError())
                + (logTail.isEmpty() ? "" : "\n--- last lines of " + server.logFile() + " ---\n" + String.join("\n", logTail)));
        this.server = server;
    }

    ServerView server() {
        return server;
    }
}
