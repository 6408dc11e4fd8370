package dev.mcpsessions.process;

/** The request clashes with the server's current state (e.g. starting one that runs). */
public class ServerConflictException extends RuntimeException {

    public ServerConflictException(String message) {
        super(message);
    }
}
