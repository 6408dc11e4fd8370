package dev.mcpsessions.session;

public class SessionExistsException extends RuntimeException {

    public SessionExistsException(String id) {
        super("A session named '" + id + "' already exists");
    }
}
