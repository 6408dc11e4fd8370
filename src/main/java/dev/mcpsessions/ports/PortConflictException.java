package dev.mcpsessions.ports;

/** The port is leased to another session's server, or used by a program outside the manager. */
public class PortConflictException extends RuntimeException {

    public PortConflictException(String message) {
        super(message);
    }
}
