package dev.mcpsessions.home;

/**
 * Another manager already holds this home's lock; the process exits with code 2. Not an
 * {@code ExitCodeGenerator}: Spring Boot would then publish an {@code ExitCodeEvent} on the context
 * whose refresh just failed, which itself fails, exits with 1 and buries the message under a stack
 * trace. {@code McpSessionManagerApplication.main} maps it to the exit code instead.
 */
public class HomeLockedException extends RuntimeException {

    private final transient ManagerInfo running;
    private final String home;

    HomeLockedException(String home, ManagerInfo running) {
        super("Another MCP Session Manager already runs on home " + home
                + (running == null ? "" : " (pid " + running.pid() + ", " + running.url() + ")"));
        this.home = home;
        this.running = running;
    }

    public String home() {
        return home;
    }

    public ManagerInfo running() {
        return running;
    }

    public int getExitCode() {
        return 2;
    }
}
