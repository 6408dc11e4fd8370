package dev.mcpsessions.process;

public class ServerNotFoundException extends RuntimeException {

    public ServerNotFoundException(String session, String server) {
        super("No server '" + server + "' in session '" + session + "'");
    }
}
