package dev.mcpsessions.home;

import org.springframework.boot.ExitCodeGenerator;

/** Another manager already holds this home's lock; the process exits with code 2. */
public class HomeLockedException extends RuntimeException implements ExitCodeGenerator {

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

    @Override
    public int getExitCode() {
        return 2;
    }
}
