package dev.mcpsessions.session;

public class SessionNotFoundException extends RuntimeException {

    public SessionNotFoundException(String id) {
        super("No session '" + id + "'");
    }
}
